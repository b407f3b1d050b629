//! Baselines: today's findings recorded (`--write-baseline FILE`) so that
//! later runs (`--baseline FILE`) report only new ones. An entry is keyed by
//! path, rule, the quoted figures and a hash of the sentence, not by line,
//! so that it survives edits elsewhere in the article.

use std::collections::HashMap;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::FileReport;
use crate::rules::Finding;

/// Version of the baseline layout.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Layout version.
    pub version: u32,
    /// The findings recorded.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline file's folder (or absolute when
    /// outside it; as given for stdin).
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The texts of the finding's spans, in text order.
    pub quoted: Vec<String>,
    /// The hash of the finding's sentence.
    pub sentence: String,
}

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The baseline file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a baseline.
    #[error("{path}:{line}:{column}: not a factcheck baseline: {message}")]
    Format {
        /// The baseline file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings hidden because the baseline holds them.
    pub hidden: usize,
    /// Entries for files checked in this run that matched nothing: the
    /// finding is gone (fixed, or its sentence rewritten).
    pub stale: Vec<Entry>,
}

/// A checked file's path as the baseline records it: relative to the
/// baseline's folder, so that `draft.txt`, `./draft.txt` and
/// `/news/draft.txt` are one file however the command line names it.
fn key_path(path: &str, base: &Path) -> String {
    let canonical = Path::new(path).canonicalize().ok();
    let base = base.canonicalize().ok();
    match (canonical, base) {
        (Some(p), Some(b)) => match p.strip_prefix(&b) {
            Ok(relative) => relative.display().to_string(),
            Err(_) => p.display().to_string(),
        },
        _ => path.strip_prefix("./").unwrap_or(path).to_string(),
    }
}

/// The folder a baseline file sits in.
fn folder(baseline: &Path) -> &Path {
    match baseline.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn entry(path: &str, report: &FileReport, f: &Finding) -> Entry {
    Entry {
        path: path.to_string(),
        rule: f.rule.clone(),
        quoted: f
            .spans
            .iter()
            .map(|(_, s)| s.slice(&report.text).to_string())
            .collect(),
        sentence: f.fingerprint.clone(),
    }
}

impl Baseline {
    /// Records every finding of `reports`, for a baseline file at `file`.
    pub fn of(reports: &[FileReport], file: &Path) -> Self {
        let base = folder(file);
        Baseline {
            version: VERSION,
            findings: reports
                .iter()
                .flat_map(|r| {
                    let path = key_path(&r.path, base);
                    r.findings
                        .iter()
                        .map(move |f| entry(&path, r, f))
                        .collect::<Vec<_>>()
                })
                .collect(),
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &std::path::Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: shown.clone(),
            source,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| BaselineError::Format {
                path: shown.clone(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if baseline.version != VERSION {
            return Err(BaselineError::Format {
                path: shown,
                line: 1,
                column: 1,
                message: format!(
                    "version {} (this factcheck reads version {VERSION}); write it again with --write-baseline",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    /// Writes the baseline as JSON, one entry a line for readable diffs.
    pub fn write(&self, path: &std::path::Path) -> Result<(), BaselineError> {
        let mut text = format!("{{\"version\":{},\"findings\":[", self.version);
        for (i, e) in self.findings.iter().enumerate() {
            text.push_str(if i == 0 { "\n" } else { ",\n" });
            text.push_str(&serde_json::to_string(e).unwrap_or_default());
        }
        text.push_str("\n]}\n");
        std::fs::write(path, text).map_err(|source| BaselineError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Removes from `reports` the findings the baseline holds (each entry
    /// hides one finding), and lists the entries for checked files that
    /// matched nothing.
    pub fn apply(&self, reports: &mut [FileReport], file: &Path) -> Applied {
        let base = folder(file);
        let mut left: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(e).or_default() += 1;
        }
        let mut applied = Applied::default();
        let mut checked = std::collections::HashSet::new();
        for report in reports.iter_mut() {
            let path = key_path(&report.path, base);
            checked.insert(path.clone());
            let findings = std::mem::take(&mut report.findings);
            for f in findings {
                match left.get_mut(&entry(&path, report, &f)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        applied.hidden += 1;
                    }
                    _ => report.findings.push(f),
                }
            }
        }
        for e in &self.findings {
            if let Some(n) = left.get_mut(e)
                && *n > 0
                && checked.contains(&e.path)
            {
                *n -= 1;
                applied.stale.push(e.clone());
            }
        }
        applied
    }
}
