//! Rendering findings and claims for people and programs: one module per
//! output format.

pub mod claims;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod load_errors;
pub mod rules;
pub mod sarif;
pub mod stats;

use serde::Serialize;

use crate::check::FileReport;
use crate::document::Span;
use crate::rules::Severity;

/// Output formats for findings that need nothing but the reports; SARIF
/// (which lists the rules in force, [`sarif::render`]) and GitHub (which
/// also writes a step summary, [`github::render`]) have their own entry
/// points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Snippets with underlines, for terminals.
    Human,
    /// `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document.
    Json,
    /// One JSON object a finding, one a line.
    Jsonl,
}

/// The snippet renderer: styled for a terminal, plain otherwise.
pub(crate) fn renderer(color: bool) -> annotate_snippets::Renderer {
    if color {
        annotate_snippets::Renderer::styled()
    } else {
        annotate_snippets::Renderer::plain()
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Infos found.
    pub infos: usize,
    /// Findings silenced by inline directives.
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// Files with at least one finding.
    #[serde(skip)]
    pub files_with_findings: usize,
}

pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Totals {
    /// Counts the findings of `reports`.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut t = Totals {
            files: reports.len(),
            suppressed: reports.iter().map(|r| r.suppressed).sum(),
            files_with_findings: reports.iter().filter(|r| !r.findings.is_empty()).count(),
            ..Totals::default()
        };
        for f in reports.iter().flat_map(|r| &r.findings) {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }
}

/// A span with its line and column positions (1-based, columns in
/// characters; the end is exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Line of the first character.
    pub line: usize,
    /// Column of the first character.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column just past the last character.
    pub end_column: usize,
}

impl Located {
    /// Positions of `span` in a report's text.
    pub fn new(report: &FileReport, span: Span) -> Self {
        let a = report.lines.position(&report.text, span.start);
        let b = report.lines.position(&report.text, span.end);
        Located {
            start: span.start,
            end: span.end,
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }
}

/// Renders reports in `format`.
pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => human::render(reports, color),
        Format::Concise => concise::render(reports),
        Format::Json => json::render(reports),
        Format::Jsonl => jsonl::render(reports),
    }
}
