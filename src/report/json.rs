//! The JSON report (`--format json`), versioned; see `docs/output.md`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Located, Totals, is_zero};
use crate::check::FileReport;
use crate::rules::Finding;

/// Version of the JSON layout (of `json` and `jsonl` alike); bumped on
/// incompatible changes only: adding a field keeps it.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileOut<'a>>,
    summary: Totals,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    date: Option<String>,
    /// "option", "front-matter" or "dateline".
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<crate::claims::published::DateSource>,
    /// Rules skipped for want of a publication date.
    #[serde(skip_serializing_if = "is_zero")]
    skipped_rules: usize,
    findings: Vec<FindingOut<'a>>,
}

/// A finding as the JSON formats write it.
#[derive(Serialize)]
pub(crate) struct FindingOut<'a> {
    rule: &'a str,
    severity: &'static str,
    summary: &'a str,
    message: &'a str,
    in_quote: bool,
    spans: Vec<SpanOut<'a>>,
    values: &'a BTreeMap<String, serde_json::Value>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    role: &'a str,
    text: &'a str,
    #[serde(flatten)]
    at: Located,
}

impl<'a> FindingOut<'a> {
    /// The JSON shape of `f`, a finding of `report`.
    pub(crate) fn new(report: &'a FileReport, f: &'a Finding) -> Self {
        FindingOut {
            rule: &f.rule,
            severity: f.severity.name(),
            summary: &f.summary,
            message: &f.message,
            in_quote: f.in_quote,
            spans: f
                .spans
                .iter()
                .map(|(role, span)| SpanOut {
                    role,
                    text: span.slice(&report.text),
                    at: Located::new(report, *span),
                })
                .collect(),
            values: &f.values,
            fingerprint: &f.fingerprint,
        }
    }
}

/// Renders all reports as one JSON document.
pub fn render(reports: &[FileReport]) -> String {
    let output = Output {
        version: VERSION,
        files: reports
            .iter()
            .map(|r| FileOut {
                path: &r.path,
                date: r.date.map(|d| d.to_string()),
                date_source: r.date_source,
                skipped_rules: r.skipped,
                findings: r.findings.iter().map(|f| FindingOut::new(r, f)).collect(),
            })
            .collect(),
        summary: Totals::of(reports),
    };
    let mut s = serde_json::to_string_pretty(&output).unwrap_or_default();
    s.push('\n');
    s
}
