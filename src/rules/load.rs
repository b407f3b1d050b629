//! Loading rule files: the one place that reads YAML (so swapping the YAML
//! crate touches this file only), strict about every field, and compiling
//! patterns, expressions and templates with errors located at
//! `file:line:column`.

use serde::Deserialize;

use super::eval::{FIELDS, FUNCTIONS};
use super::expr::{self, Expr};
use super::pattern::{self, Pattern, closest};
use super::source::{self, Field, Locator};
use super::{Rule, RuleTest, Scope, Severity, Template, TemplatePart, TestExpectation};

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFileSpec {
    rules: Vec<RuleSpec>,
}

/// One rule as written; see `docs/rules.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    summary: String,
    severity: Severity,
    #[serde(default)]
    scope: Scope,
    pattern: Option<String>,
    patterns: Option<Vec<String>>,
    #[serde(rename = "where")]
    filter: Option<String>,
    assert: String,
    message: String,
    tolerance: Option<ToleranceSpec>,
    #[serde(default)]
    tests: Vec<TestSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ToleranceSpec {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestSpec {
    text: String,
    date: Option<String>,
    #[serde(default)]
    expect: Vec<ExpectSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectSpec {
    rule: Option<String>,
    at: String,
}

/// Why a rule file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read the rules: {0}")]
    Io(String),
    /// YAML syntax, a missing or unknown field, a wrong type.
    #[error("{0}")]
    Yaml(String),
    /// An error inside a pattern.
    #[error("bad pattern: {0}")]
    Pattern(String),
    /// An error inside an expression.
    #[error("bad expression in `{field}`: {message}")]
    Expression {
        /// `where`, `assert` or `message`.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A capture read by an expression that the pattern does not always bind.
    #[error(
        "capture `{name}` is used in `{field}` but the pattern does not bind it in every match"
    )]
    Unbound {
        /// The capture name.
        name: String,
        /// Where it is used.
        field: &'static str,
    },
    /// An invalid regular expression right of `~`.
    #[error("bad regex `{pattern}`: {message}")]
    Regex {
        /// The regex source.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// Two rules with one id.
    #[error("duplicate rule id `{id}`, first defined at {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// `file:line:column` of the first definition.
        first: String,
    },
    /// Anything else about a rule's fields.
    #[error("{0}")]
    Invalid(String),
}

/// A located load error: `file:line:column: message`, with a hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {kind}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
pub struct LoadError {
    /// The rule file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub kind: LoadErrorKind,
    /// How to fix it, when a fix is likely.
    pub hint: Option<String>,
    /// The text of the line the error is on, for showing it.
    pub source_line: String,
}

/// Parses and compiles one rule file. Every error in the file is returned:
/// when the file as a whole does not deserialize, each rule is read alone.
pub fn load_rules(file: &str, source: &str) -> Result<Vec<Rule>, Vec<LoadError>> {
    load(file, source, None)
}

/// [`load_rules`] for the built-in pack: its regexes' syntax is not checked
/// again at every start (`tests/rule_examples.rs` checks it), and it is read
/// from `json`, the YAML `source` as `build.rs` wrote it, when that reads.
pub(crate) fn load_builtin(
    file: &str,
    source: &str,
    json: &str,
) -> Result<Vec<Rule>, Vec<LoadError>> {
    load(file, source, Some(json))
}

fn load(file: &str, source: &str, json: Option<&str>) -> Result<Vec<Rule>, Vec<LoadError>> {
    let trusted = json.is_some();
    // A byte-order mark from a Windows editor is no part of the YAML.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut locator = Locator::new(file, source);
    locator.trusted = trusted;
    let items = source::rule_items(source);
    let parsed = match json.and_then(|j| serde_json::from_str::<RuleFileSpec>(j).ok()) {
        Some(spec) => Ok(spec),
        None => serde_yaml::from_str::<RuleFileSpec>(source),
    };
    let specs: Vec<(RuleSpec, usize)> = match parsed {
        Ok(spec) => {
            let starts: Vec<usize> = match &items {
                Some(items) if items.len() == spec.rules.len() => {
                    items.iter().map(|r| r.start).collect()
                }
                _ => Vec::new(),
            };
            let mut from = 0;
            spec.rules
                .into_iter()
                .enumerate()
                .map(|(i, rule)| {
                    let at = starts
                        .get(i)
                        .copied()
                        .unwrap_or_else(|| locator.rule(&rule.id, from));
                    from = at + 1;
                    (rule, at)
                })
                .collect()
        }
        Err(whole) => {
            // A YAML syntax error, or a file we cannot split into rules,
            // gives one error; otherwise each rule is read on its own.
            // A syntax error (other than a repeated key) makes everything
            // after it doubtful: report it alone.
            let syntax = serde_yaml::from_str::<serde_yaml::Value>(source)
                .err()
                .filter(|e| !e.to_string().contains("duplicate entry"));
            if let Some(syntax) = syntax {
                // The reader may stop at a misread value before the syntax
                // error: both help, earlier first.
                // On one line, the syntax error is the misread value's echo.
                let mut errors = vec![yaml_error(&locator, &whole), yaml_error(&locator, &syntax)];
                errors.sort_by_key(|e| (e.line, e.column));
                errors.dedup_by(|later, first| later.line == first.line);
                return Err(errors);
            }
            let Some(items) = items else {
                return Err(vec![yaml_error(&locator, &whole)]);
            };
            let mut errors = top_level_errors(&locator, source);
            let mut specs = Vec::new();
            for item in &items {
                // A rule read with its broken optional fields blanked is
                // still compiled, for the errors in its other fields.
                let (spec, mut e) = read_item(&locator, item);
                errors.append(&mut e);
                specs.extend(spec.map(|s| (s, item.start)));
            }
            // An alias to an anchor in another rule cannot be read alone.
            let anchors = errors
                .iter()
                .any(|e| e.kind.to_string().contains("unknown anchor"));
            if errors.is_empty() || anchors {
                // The fault is outside the rules, or needs the whole file.
                return Err(vec![yaml_error(&locator, &whole)]);
            }
            let _ = compile_all(&locator, specs).map_err(|mut e| errors.append(&mut e));
            errors.sort_by_key(|e| (e.line, e.column));
            errors.dedup_by(|a, b| a.line == b.line && a.column == b.column && a.kind == b.kind);
            return Err(errors);
        }
    };
    compile_all(&locator, specs)
}

/// Keys beside `rules:` at the top of a rule file, each an error.
fn top_level_errors(loc: &Locator<'_>, source: &str) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let key = line
            .split(':')
            .next()
            .filter(|k| line.contains(':') && !k.is_empty());
        if let Some(key) = key
            && !line.starts_with([' ', '\t', '#', '-'])
            && key != "rules"
            && !key.contains(' ')
        {
            errors.push(loc.at(
                offset,
                LoadErrorKind::Yaml(format!("unknown field `{key}`, expected `rules`")),
                Some("a rule file holds only `rules:`; put notes in `#` comments".into()),
            ));
        }
        offset += line.len();
    }
    errors
}

/// Most fields of one rule reported broken, before giving up on the rest.
const MAX_FIELD_ERRORS: usize = 16;

/// Reads one rule item alone. After each error the broken field is blanked
/// and the item read again, so that every broken field is reported, not
/// just the first (a field blanked this way is not then reported missing).
fn read_item(
    loc: &Locator<'_>,
    item: &std::ops::Range<usize>,
) -> (Option<RuleSpec>, Vec<LoadError>) {
    let (mut text, before) = source::item_alone(loc, item);
    let mut errors: Vec<LoadError> = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    for _ in 0..MAX_FIELD_ERRORS {
        match serde_yaml::from_str::<RuleSpec>(&text) {
            Ok(rule) => return (Some(rule), errors),
            Err(e) => {
                let message = e.to_string();
                let named = |what: &str| {
                    message
                        .split(what)
                        .nth(1)
                        .and_then(|r| r.split('`').next())
                        .map(str::to_string)
                };
                if let Some(missing) = named("missing field `") {
                    // Nothing to blank: say so once, unless we blanked it
                    // or it is the field a misspelt key was meant to be.
                    let misspelt = blanked
                        .iter()
                        .any(|k| closest(k, &[missing.as_str()]).is_some());
                    if !blanked.contains(&missing) && !misspelt {
                        errors.push(yaml_error_below(loc, &e, before));
                    }
                    break;
                }
                let mut error = yaml_error_below(loc, &e, before);
                if let Some(key) = named("duplicate field `") {
                    // Located at the rule's start; point at the repeat.
                    match source::repeated_key(&text, &key) {
                        Some((line, column)) => {
                            error = loc.at_line(
                                line + before,
                                column,
                                error.kind,
                                Some("keep one".into()),
                            );
                        }
                        None => {
                            errors.push(error);
                            break;
                        }
                    }
                }
                let line = error.line.saturating_sub(before);
                errors.push(error);
                let stand_in = |key: &str| match key {
                    "severity" => Some("error"),
                    "scope" => Some("sentence"),
                    _ => None,
                };
                match source::blank_field(&text, line, stand_in) {
                    Some((key, rest)) => {
                        blanked.push(key);
                        text = rest;
                    }
                    None => break,
                }
            }
        }
    }
    (None, errors)
}

/// Compiles rules read from one file, each with the offset of its start.
fn compile_all(
    loc: &Locator<'_>,
    specs: Vec<(RuleSpec, usize)>,
) -> Result<Vec<Rule>, Vec<LoadError>> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Each rule compiles on its own, so on every core: this is most of
    // start-up, the cost of checking one small article.
    let compiled: Vec<(String, usize, Result<Rule, Vec<LoadError>>)> = {
        use rayon::prelude::*;
        specs
            .into_par_iter()
            .map(|(spec, at)| {
                let id = spec.id.clone();
                (id, at, compile(loc, spec, at))
            })
            .collect()
    };
    for (id, at, result) in compiled {
        let id_at = loc.rule(&id, at);
        let duplicate = ids.get(&id).copied();
        if let Some(first) = duplicate {
            let first = loc.at(first, LoadErrorKind::Invalid(String::new()), None);
            errors.push(loc.at(
                loc.value(id_at, "id", &id),
                LoadErrorKind::DuplicateId {
                    id: id.clone(),
                    first: format!("{}:{}", first.file, first.line),
                },
                Some("rename one of them".into()),
            ));
        } else {
            ids.insert(id, id_at);
        }
        match result {
            Ok(rule) if duplicate.is_none() => rules.push(rule),
            Ok(_) => {}
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// A serde_yaml error, located, with a hint where one is likely.
pub(crate) fn yaml_error(loc: &Locator<'_>, e: &serde_yaml::Error) -> LoadError {
    yaml_error_below(loc, e, 0)
}

/// A serde_yaml error in text that starts `before` lines into the file.
fn yaml_error_below(loc: &Locator<'_>, e: &serde_yaml::Error, before: usize) -> LoadError {
    let (line, column) = e
        .location()
        .map_or((1 + before, 1), |l| (l.line() + before, l.column()));
    let message = e.to_string();
    // serde_yaml appends " at line N column M"; we give the position in front.
    let message = message.split(" at line ").next().unwrap_or(&message);
    // "rules[3].severity: …" names the field; the position names the rule.
    let message = match message.strip_prefix("rules[") {
        Some(rest) => rest
            .split_once("].")
            .or_else(|| rest.split_once("]"))
            .map_or(message, |(_, field)| {
                field.trim_start_matches(':').trim_start()
            }),
        None => message,
    }
    .to_string();
    let message = match message.strip_prefix("missing field ") {
        Some("`rules`") => "this is not a rule file: it has no `rules:` list".to_string(),
        Some(field) => format!("this rule has no {field}"),
        None => message,
    };
    // Name what was expected in the file's terms, not ours.
    let message = message
        .replace("struct RuleFileSpec", "a mapping with a `rules:` list")
        .replace("struct RuleSpec", "a rule (`id:`, `summary:`, … fields)")
        .replace("struct TestSpec", "an example (`text:` and `expect:`)")
        .replace("struct ExpectSpec", "`{at: \"…\"}`")
        .replace(
            "struct ConfigSpec",
            "a mapping of settings (`rules:`, `disable:`, …)",
        );
    loc.at_line(
        line,
        column,
        LoadErrorKind::Yaml(message.clone()),
        yaml_hint(&message),
    )
}

/// Lowercase words joined by `-`: ids appear in suppressions and configs,
/// where spaces and commas separate them.
fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn kebab(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn yaml_hint(message: &str) -> Option<String> {
    let suggest = |what: &str| -> Option<String> {
        let word = message.split(what).nth(1)?.split('`').next()?;
        let expected: Vec<&str> = message
            .split("expected one of ")
            .nth(1)?
            .split(", ")
            .map(|s| s.trim_matches(|c: char| c == '`' || c.is_whitespace()))
            .collect();
        closest(word, &expected).map(|best| format!("did you mean `{best}`?"))
    };
    if let Some(hint) = suggest("unknown field `").or_else(|| suggest("unknown variant `")) {
        return Some(hint);
    }
    if message.starts_with("this is not a rule file") {
        return Some("a rule file starts with `rules:`, then one `- id: …` item a rule".into());
    }
    if message.starts_with("this rule has no `") {
        return Some(
            "every rule needs `id`, `summary`, `severity`, `pattern` (or `patterns`), `assert` and `message`"
                .into(),
        );
    }
    if message.contains("invalid type: map, expected a string") {
        let field = message
            .split(':')
            .next()
            .filter(|f| !f.contains(' '))
            .unwrap_or("message");
        return Some(format!(
            "a value starting with `{{` must be in double quotes: `{field}: \"{{…}} …\"`"
        ));
    }
    if message.starts_with("tests:") && message.contains("expected a sequence") {
        return Some(
            "`tests` is a list of examples: `- text: \"…\"` lines, each with `expect: […]`".into(),
        );
    }
    if message.contains("expected a sequence") {
        return Some("write a list: one `- ` item a line, or `[a, b]`".into());
    }
    if message.contains("tab character") {
        return Some("indent with spaces; YAML does not allow tabs".into());
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        return Some(
            "a value holding `{`, `: ` or ` #` must be quoted: `pattern: \"{a} of {b}\"`".into(),
        );
    }
    None
}

fn compile(loc: &Locator<'_>, spec: RuleSpec, start: usize) -> Result<Rule, Vec<LoadError>> {
    let mut errors = Vec::new();
    if !is_kebab(&spec.id) {
        errors.push(loc.at(
            loc.value(start, "id", &spec.id),
            LoadErrorKind::Invalid(format!("rule id `{}` is not kebab-case", spec.id)),
            Some(format!("write it `{}`", kebab(&spec.id))),
        ));
    }
    let sources: Vec<(&'static str, String)> = match (spec.pattern, spec.patterns) {
        (Some(p), None) => vec![("pattern", p)],
        (None, Some(ps)) if !ps.is_empty() => ps.into_iter().map(|p| ("patterns", p)).collect(),
        (Some(_), Some(_)) => {
            errors.push(loc.at(
                start,
                LoadErrorKind::Invalid(format!(
                    "rule `{}` gives both `pattern` and `patterns`",
                    spec.id
                )),
                Some("keep one".into()),
            ));
            Vec::new()
        }
        _ => {
            errors.push(loc.at(
                start,
                LoadErrorKind::Invalid(format!("rule `{}` has no `pattern`", spec.id)),
                Some("add `pattern: \"{part} of {whole}\"` or a `patterns:` list".into()),
            ));
            Vec::new()
        }
    };
    let mut patterns = Vec::new();
    for (key, src) in &sources {
        match pattern::parse(src) {
            Ok(p) => patterns.push(p),
            Err(e) => {
                let field = Field {
                    from: start,
                    key,
                    value: src,
                    skip: 0,
                };
                let at = loc.inner(field, e.offset);
                errors.push(loc.at(at, LoadErrorKind::Pattern(e.message), e.hint));
            }
        }
    }
    // After a pattern error, every capture would look unbound: say nothing
    // more. The trusted pack's captures are checked by its tests.
    let bound: Option<Vec<String>> =
        (!loc.trusted && !sources.is_empty() && patterns.len() == sources.len())
            .then(|| patterns.iter().flat_map(Pattern::bound_names).collect());
    let mut expression = |field: &'static str, src: &str| -> Option<Expr> {
        let place = Field {
            from: start,
            key: field,
            value: src,
            skip: 0,
        };
        check_expression(loc, field, src, place, bound.as_deref(), &mut errors)
    };
    let filter = spec.filter.as_deref().map(|s| expression("where", s));
    let assert = expression("assert", &spec.assert);
    let message = compile_template(loc, start, &spec.message, bound.as_deref(), &mut errors);
    let tolerance = match spec.tolerance {
        None => 0.05,
        Some(ToleranceSpec::Number(n)) if n.is_finite() && n >= 0.0 => n / 100.0,
        Some(ToleranceSpec::Number(n)) => {
            errors.push(loc.at(
                loc.value(start, "tolerance", &n.to_string()),
                LoadErrorKind::Invalid(if n < 0.0 {
                    format!("tolerance `{n}` is negative")
                } else {
                    format!("tolerance `{n}` is not a percentage")
                }),
                Some("write a percentage such as `2%`".into()),
            ));
            0.05
        }
        Some(ToleranceSpec::Text(t)) => {
            match t.trim().trim_end_matches('%').trim().parse::<f64>() {
                Ok(n) if t.trim().ends_with('%') && n.is_finite() && n >= 0.0 => n / 100.0,
                Ok(_) if t.trim().ends_with('%') => {
                    errors.push(loc.at(
                        loc.value(start, "tolerance", &t),
                        LoadErrorKind::Invalid(format!("tolerance `{}` is negative", t.trim())),
                        Some("write a percentage such as `2%`".into()),
                    ));
                    0.05
                }
                _ => {
                    errors.push(loc.at(
                        loc.value(start, "tolerance", &t),
                        LoadErrorKind::Invalid(format!("bad tolerance `{t}`")),
                        Some("write a percentage such as `2%`".into()),
                    ));
                    0.05
                }
            }
        }
    };
    let mut tests = Vec::new();
    // Examples are found in order, so two with one text get their own lines.
    let mut test_from = start;
    for test in spec.tests {
        let date = match test.date.as_deref().map(str::parse::<jiff::civil::Date>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                let d = test.date.clone().unwrap_or_default();
                errors.push(loc.at(
                    loc.value(start, "date", &d),
                    LoadErrorKind::Invalid(format!("bad test date `{d}`")),
                    Some(
                        if jiff::civil::Date::strptime("%Y-%m-%d", &d).is_err()
                            && d.len() == 10
                            && d.chars().filter(|c| *c == '-').count() == 2
                        {
                            "there is no such day".into()
                        } else {
                            "write YYYY-MM-DD".into()
                        },
                    ),
                ));
                None
            }
        };
        let text_at = loc.value(test_from, "text", &test.text);
        test_from = text_at + 1;
        let line = loc.line_of(text_at);
        tests.push(RuleTest {
            line,
            text: test.text,
            date,
            expect: test
                .expect
                .into_iter()
                .map(|e| {
                    if let Some(other) = e.rule.as_ref().filter(|r| **r != spec.id) {
                        errors.push(loc.at(
                            loc.value(text_at, "rule", other),
                            LoadErrorKind::Invalid(format!(
                                "an example checks only its own rule, `{}`, never `{other}`",
                                spec.id
                            )),
                            Some("leave `rule:` out".into()),
                        ));
                    }
                    TestExpectation {
                        rule: spec.id.clone(),
                        at: e.at,
                    }
                })
                .collect(),
        });
    }
    let (Some(Some(assert)), true) = (assert.map(Some), errors.is_empty()) else {
        return Err(errors);
    };
    let filter = match filter {
        Some(Some(f)) => Some(f),
        Some(None) => return Err(errors),
        None => None,
    };
    let position = loc.at(
        loc.rule(&spec.id, start),
        LoadErrorKind::Invalid(String::new()),
        None,
    );
    let needs_date = filter
        .iter()
        .chain([&assert])
        .any(|e| e.mentions("pub_date"))
        || message.mentions("pub_date");
    let required = patterns.iter().flat_map(|p| p.required_kinds()).collect();
    let mut names: Vec<String> = patterns.iter().flat_map(|p| p.bound_names()).collect();
    names.sort_unstable();
    names.dedup();
    let min_claims = names.len();
    // Claims of each set of kinds a unit must hold: as many as the names
    // that bind only those kinds.
    let mut kinds = Vec::new();
    for p in &patterns {
        p.name_kinds(&mut kinds);
    }
    kinds.retain(|(n, _)| names.binary_search(n).is_ok());
    let mut kind_needs: Vec<(u32, usize)> = Vec::new();
    for (_, mask) in &kinds {
        if !kind_needs.iter().any(|(m, _)| m == mask) {
            let n = kinds.iter().filter(|(_, b)| b & !mask == 0).count();
            kind_needs.push((*mask, n));
        }
    }
    let required_words = patterns.iter().flat_map(|p| p.required_words()).collect();
    let mut joins = Vec::new();
    if let Some(filter) = &filter {
        super::key_joins(filter, &mut joins);
    }
    Ok(Rule {
        stamp: super::Rule::next_stamp(),
        joins,
        needs_date,
        required,
        min_claims,
        kind_needs,
        required_words,
        id: spec.id,
        summary: spec.summary,
        severity: spec.severity,
        scope: spec.scope,
        pattern_sources: sources.into_iter().map(|(_, s)| s).collect(),
        patterns,
        assert_source: spec.assert,
        where_source: spec.filter,
        message_source: spec.message,
        filter,
        assert,
        message,
        tolerance,
        tests,
        file: loc.file.to_string(),
        builtin: false,
        line: position.line,
    })
}

fn check_expression(
    loc: &Locator<'_>,
    field: &'static str,
    src: &str,
    place: Field<'_>,
    bound: Option<&[String]>,
    errors: &mut Vec<LoadError>,
) -> Option<Expr> {
    let at = |offset: usize| loc.inner(place, offset);
    // In double quotes YAML reads `\b` as a backspace: the regex would
    // silently never match.
    if let Some(c) = src
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        errors.push(loc.at(
            at(0),
            LoadErrorKind::Expression {
                field,
                message: format!("holds the control character {c:?}"),
            },
            Some("in double quotes YAML turns `\\b` into a control character: write `\\\\b`, or put the value in single quotes or after `>-`".into()),
        ));
        return None;
    }
    let mut expr = match expr::parse(src) {
        Ok(e) => e,
        Err(e) => {
            errors.push(loc.at(
                at(e.offset),
                LoadErrorKind::Expression {
                    field,
                    message: e.message,
                },
                None,
            ));
            return None;
        }
    };
    if loc.trusted {
        // The built-in pack: `tests/rule_examples.rs` loads it untrusted.
        if let Err((pattern, message)) = expr.compile_regexes(false) {
            errors.push(loc.at(at(0), LoadErrorKind::Regex { pattern, message }, None));
            return None;
        }
        return Some(expr);
    }
    let before = errors.len();
    if field != "message" && !is_condition(&expr) {
        errors.push(loc.at(
            at(0),
            LoadErrorKind::Expression {
                field,
                message: if src.len() <= 40 {
                    format!("`{src}` is a value, not a condition")
                } else {
                    "this gives a value, not a condition".to_string()
                },
            },
            Some(if field == "assert" {
                "compare it with something: `part + rest == total`".into()
            } else {
                "compare it with something: `whole.hedge == \"\"`".into()
            }),
        ));
        return None;
    }
    let mut names = Vec::new();
    expr.names(&mut names);
    for (name, offset) in names {
        let Some(bound) = bound else { break };
        if name == "pub_date" {
            continue;
        }
        if !bound.contains(&name) {
            let candidates: Vec<&str> = bound.iter().map(String::as_str).collect();
            errors.push(
                loc.at(
                    at(offset),
                    LoadErrorKind::Unbound {
                        name: name.clone(),
                        field,
                    },
                    closest(&name, &candidates)
                        .map(|b| format!("did you mean `{b}`?"))
                        .or_else(|| {
                            let names: Vec<String> =
                                candidates.iter().map(|c| format!("`{c}`")).collect();
                            (!names.is_empty())
                                .then(|| format!("the pattern binds {}", names.join(", ")))
                        }),
                ),
            );
        }
    }
    check_calls(&expr, loc, field, &at, errors);
    if let Err((pattern, message)) = expr.compile_regexes(!loc.trusted) {
        let position = if pattern.is_empty() {
            at(0)
        } else {
            at(src.find(pattern.as_str()).unwrap_or(0))
        };
        let kind = if pattern.is_empty() {
            LoadErrorKind::Expression { field, message }
        } else {
            LoadErrorKind::Regex { pattern, message }
        };
        let hint = matches!(kind, LoadErrorKind::Expression { .. })
            .then(|| "write the regex in quotes: `x.noun ~ \"staff|workers\"`".to_string());
        errors.push(loc.at(position, kind, hint));
    }
    (errors.len() == before).then_some(expr)
}

/// Whether an expression is true or false rather than a value: a
/// comparison, a regex match, `and`/`or`/`not`, `true`/`false` or `fits`.
fn is_condition(expr: &Expr) -> bool {
    use super::expr::BinOp;
    match expr {
        Expr::Binary { op, left, right } => match op {
            BinOp::And | BinOp::Or => is_condition(left) && is_condition(right),
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => false,
            _ => true,
        },
        Expr::Not(e) => is_condition(e),
        Expr::Bool(_) => true,
        Expr::Field { field, .. } => {
            matches!(
                field.as_str(),
                "approx" | "points" | "relative" | "valid" | "interval"
            )
        }
        Expr::Call { function, .. } => function == "fits",
        _ => false,
    }
}

fn check_calls(
    expr: &Expr,
    loc: &Locator<'_>,
    field: &'static str,
    at: &dyn Fn(usize) -> usize,
    errors: &mut Vec<LoadError>,
) {
    let mut bad = |offset: usize, message: String, hint: Option<String>| {
        errors.push(loc.at(
            at(offset),
            LoadErrorKind::Expression { field, message },
            hint,
        ));
    };
    match expr {
        Expr::Call {
            function,
            args,
            offset,
        } => {
            match FUNCTIONS.iter().find(|(f, _, _)| f == function) {
                None => {
                    let names: Vec<&str> = FUNCTIONS.iter().map(|(f, _, _)| *f).collect();
                    bad(
                        *offset,
                        format!("unknown function `{function}`"),
                        closest(function, &names).map(|b| format!("did you mean `{b}`?")),
                    );
                }
                Some((_, lo, hi)) if args.len() < *lo || args.len() > *hi => bad(
                    *offset,
                    format!("`{function}` takes {lo} argument(s), not {}", args.len()),
                    None,
                ),
                _ => {}
            }
            for a in args {
                check_calls(a, loc, field, at, errors);
            }
        }
        Expr::Field {
            field: name,
            offset,
            ..
        } if !FIELDS.contains(&name.as_str()) => bad(
            *offset,
            format!("unknown field `{name}`"),
            closest(name, FIELDS).map(|b| format!("did you mean `{b}`?")),
        ),
        Expr::Neg(e) | Expr::Not(e) => check_calls(e, loc, field, at, errors),
        Expr::Binary { left, right, .. } => {
            check_calls(left, loc, field, at, errors);
            check_calls(right, loc, field, at, errors);
        }
        _ => {}
    }
}

/// Splits a message into literal text and `{expression}` parts.
fn compile_template(
    loc: &Locator<'_>,
    start: usize,
    src: &str,
    bound: Option<&[String]>,
    errors: &mut Vec<LoadError>,
) -> Template {
    let message = Field {
        from: start,
        key: "message",
        value: src,
        skip: 0,
    };
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = src;
    let mut offset = 0;
    while let Some(open) = rest.find(['{', '}']) {
        literal.push_str(&rest[..open]);
        let brace = rest.as_bytes()[open];
        if rest[open + 1..].starts_with(brace as char) {
            literal.push(brace as char); // `{{` and `}}` are literal braces
            rest = &rest[open + 2..];
            offset += open + 2;
            continue;
        }
        if brace == b'}' {
            errors.push(loc.at(
                loc.inner(message, offset + open),
                LoadErrorKind::Expression {
                    field: "message",
                    message: "unmatched `}`".into(),
                },
                Some("write `}}` for a literal brace".into()),
            ));
            return Template { parts };
        }
        let Some(close) = rest[open..].find('}') else {
            errors.push(loc.at(
                loc.inner(message, offset + open),
                LoadErrorKind::Expression {
                    field: "message",
                    message: "this `{` is never closed".into(),
                },
                Some("write `{{` for a literal brace".into()),
            ));
            return Template { parts };
        };
        if !literal.is_empty() {
            parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
        }
        let inner = &rest[open + 1..open + close];
        let place = Field {
            skip: offset + open + 1,
            ..message
        };
        if let Some(e) = check_expression(loc, "message", inner, place, bound, errors) {
            parts.push(TemplatePart::Expr(e));
        }
        rest = &rest[open + close + 1..];
        offset += open + close + 1;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(TemplatePart::Text(literal));
    }
    Template { parts }
}

#[cfg(test)]
mod tests {
    /// `build.rs` wrote every file of the pack, and each reads as rules:
    /// otherwise start-up would fall back to the YAML without a word.
    #[test]
    fn the_built_in_pack_is_read_from_its_json() {
        assert_eq!(
            super::super::BUILTIN_JSON.len(),
            super::super::BUILTIN.len()
        );
        for json in super::super::BUILTIN_JSON {
            assert!(!json.is_empty(), "build.rs wrote an empty file");
            let spec = serde_json::from_str::<super::RuleFileSpec>(json);
            assert!(spec.is_ok_and(|s| !s.rules.is_empty()));
        }
    }
}
