//! The project config, `.factcheck.yml`: which rules are in force, at what
//! severity, when the exit status is 1, and a fallback publication date.
//! Found by walking up from each checked file, or given with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::rules::pattern::closest;
use crate::rules::source::Locator;
use crate::rules::{LoadError, LoadErrorKind, RuleSet, Severity};

/// The file names a config may have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &[".factcheck.yml", ".factcheck.yaml"];

/// When the exit status is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any error.
    Error,
    /// Any warning or error.
    Warning,
    /// Any finding.
    Info,
    /// Never.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A config as written; see `docs/config.md`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default = "yes")]
    default_rules: bool,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    fail_on: Option<FailOn>,
    date: Option<String>,
}

fn yes() -> bool {
    true
}

/// A loaded config.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The config file, if any.
    pub path: Option<PathBuf>,
    /// Rule files and folders, resolved against the config's folder.
    pub rules: Vec<PathBuf>,
    /// Whether the built-in pack is in force.
    pub default_rules: bool,
    /// Rule ids turned off.
    pub disable: Vec<String>,
    /// Severity overrides by rule id.
    pub severity: BTreeMap<String, Severity>,
    /// When the exit status is 1.
    pub fail_on: Option<FailOn>,
    /// Publication date for articles that give none.
    pub date: Option<jiff::civil::Date>,
    /// The config's text, for locating errors found after parsing.
    source: String,
}

impl Config {
    /// No config file: the built-in pack, nothing changed.
    pub fn none() -> Self {
        Config {
            default_rules: true,
            ..Config::default()
        }
    }

    /// The nearest config at or above `start` (a file or folder).
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        let start = start.canonicalize().unwrap_or(start);
        let found = start.ancestors().find_map(|dir| {
            FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|p| p.is_file())
        })?;
        // Shown relative to the current folder when it lies below it.
        let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
        Some(
            match here.as_deref().and_then(|h| found.strip_prefix(h).ok()) {
                Some(relative) => relative.to_path_buf(),
                None => found,
            },
        )
    }

    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config, Vec<LoadError>> {
        let file = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|e| {
            vec![LoadError {
                file: file.clone(),
                line: 1,
                column: 1,
                kind: LoadErrorKind::Io(e.to_string()),
                hint: None,
                source_line: String::new(),
            }]
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut config = Config::parse(&file, &source, base)?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses a config's text; rule paths are taken relative to `base`.
    pub fn parse(file: &str, source: &str, base: &Path) -> Result<Config, Vec<LoadError>> {
        let loc = Locator::new(file, source);
        // An empty file is an empty config.
        let spec: ConfigSpec = if source.trim().is_empty() {
            ConfigSpec {
                default_rules: true,
                ..ConfigSpec::default()
            }
        } else {
            serde_yaml::from_str(source)
                .map_err(|e| vec![crate::rules::load::yaml_error(&loc, &e)])?
        };
        let date = match &spec.date {
            None => None,
            Some(d) => Some(d.parse::<jiff::civil::Date>().map_err(|_| {
                vec![loc.at(
                    loc.value(0, "date", d),
                    LoadErrorKind::Invalid(format!("bad date `{d}`")),
                    Some("write YYYY-MM-DD".into()),
                )]
            })?),
        };
        Ok(Config {
            path: None,
            rules: spec.rules.iter().map(|r| base.join(r)).collect(),
            default_rules: spec.default_rules,
            disable: spec.disable,
            severity: spec.severity,
            fail_on: spec.fail_on,
            date,
            source: source.to_string(),
        })
    }

    /// The rules in force: the built-in pack (unless turned off), the
    /// config's rules and `extra`, with `disable` and `severity` applied.
    pub fn rule_set(
        &self,
        extra: &[PathBuf],
        default_rules: bool,
    ) -> Result<RuleSet, Vec<LoadError>> {
        self.rule_set_with(extra, default_rules, RuleSet::builtin)
    }

    /// [`Config::rule_set`] for checking drafts: the built-in rules come
    /// without their examples, which only `factcheck test` and `explain`
    /// read.
    pub fn rule_set_for_checking(
        &self,
        extra: &[PathBuf],
        default_rules: bool,
    ) -> Result<RuleSet, Vec<LoadError>> {
        self.rule_set_with(extra, default_rules, RuleSet::builtin_without_examples)
    }

    fn rule_set_with(
        &self,
        extra: &[PathBuf],
        default_rules: bool,
        builtin: fn() -> Result<RuleSet, Vec<LoadError>>,
    ) -> Result<RuleSet, Vec<LoadError>> {
        let mut set = if default_rules && self.default_rules {
            builtin()?
        } else {
            RuleSet::default()
        };
        let mut errors = Vec::new();
        // A file named by the config and by --rules (itself or through its
        // folder) is loaded once.
        let mut loaded: Vec<PathBuf> = Vec::new();
        for path in self.rules.iter().chain(extra) {
            let files = match crate::rules::rule_files(path) {
                Ok(files) => files,
                Err(_) => vec![path.clone()], // add_path reports it
            };
            for file in files {
                let canonical = file.canonicalize().unwrap_or_else(|_| file.clone());
                if loaded.contains(&canonical) {
                    continue;
                }
                loaded.push(canonical);
                if let Err(mut e) = set.add_path(&file) {
                    errors.append(&mut e);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.apply(&mut set)?;
        Ok(set)
    }

    /// Applies `disable` and `severity` to a rule set; an id that names no
    /// rule in force is an error (a typo would otherwise silently do nothing).
    pub fn apply(&self, set: &mut RuleSet) -> Result<(), Vec<LoadError>> {
        let file = self
            .path
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string());
        let loc = Locator::new(&file, &self.source);
        let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut errors = Vec::new();
        let mut unknown = |id: &str, key: &str| {
            if !ids.contains(&id) {
                errors.push(
                    loc.at(
                        loc.value(0, key, id),
                        LoadErrorKind::Invalid(format!(
                            "`{key}` names `{id}`, which is no rule in force"
                        )),
                        closest(id, &ids)
                            .map(|b| format!("did you mean `{b}`?"))
                            .or_else(|| Some("`factcheck rules` lists the rules in force".into())),
                    ),
                );
            }
        };
        for id in &self.disable {
            unknown(id, "disable");
        }
        for id in self.severity.keys() {
            unknown(id, "severity");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        set.rules.retain(|r| !self.disable.contains(&r.id));
        for rule in &mut set.rules {
            if let Some(s) = self.severity.get(&rule.id) {
                rule.severity = *s;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_reads_every_key() {
        let c = Config::parse(
            "c.yml",
            "rules: [house/]\ndisable: [doubled]\nseverity: {halved: error}\nfail_on: warning\ndate: 2021-08-25\n",
            Path::new("news"),
        )
        .unwrap();
        assert_eq!(c.rules, [PathBuf::from("news/house/")]);
        assert_eq!(c.disable, ["doubled"]);
        assert_eq!(c.severity.get("halved"), Some(&Severity::Error));
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2021-08-25"));
    }

    #[test]
    fn an_unknown_key_is_an_error_with_a_hint() {
        let e = Config::parse("c.yml", "rules: []\ndisabel: [x]\n", Path::new(".")).unwrap_err();
        assert_eq!((e[0].line, e[0].column), (2, 1));
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `disable`?"));
    }

    #[test]
    fn an_unknown_rule_id_is_an_error() {
        let mut set = RuleSet::builtin().unwrap();
        let mut c = Config::none();
        c.disable = vec!["remainder-sums".into()];
        let e = c.apply(&mut set).unwrap_err();
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `remainder-sum`?"));
    }
}
