//! GitHub Actions workflow commands (`--format github`): one `::error`,
//! `::warning` or `::notice` line a finding, errors first, as GitHub shows
//! only the first ten annotations of each kind in a step; and a Markdown
//! table for the job's step summary. See `docs/output.md`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::Located;
use super::human::{skipped_note, summary_line};
use crate::check::FileReport;
use crate::rules::Severity;

/// What the format writes: the annotations for standard output and the
/// step summary for the file `GITHUB_STEP_SUMMARY` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Github {
    /// One workflow command a finding.
    pub commands: String,
    /// A Markdown table of the findings and a totals line.
    pub summary: String,
}

/// The step summary could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot append the step summary to {}: {source}", path.display())]
pub struct SummaryError {
    /// The file named by `GITHUB_STEP_SUMMARY`.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

/// The workflow command for a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Renders the annotations and the step summary.
pub fn render(reports: &[FileReport]) -> Github {
    let mut findings: Vec<_> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .collect();
    // Stable: text order within a severity.
    findings.sort_by_key(|(_, f)| std::cmp::Reverse(f.severity));
    let mut commands = String::new();
    let mut table = String::new();
    for (report, f) in &findings {
        let start = Located::new(report, f.primary());
        let _ = writeln!(
            commands,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&report.path),
            start.line,
            start.column,
            start.end_line,
            start.end_column,
            escape_property(&format!("factcheck {}", f.rule)),
            escape_data(&f.message)
        );
        let _ = writeln!(
            table,
            "| {} | {} | {} | {} | {} |",
            markdown_cell(&report.path),
            start.line,
            f.severity.name(),
            markdown_cell(&f.rule),
            markdown_cell(&f.message)
        );
    }
    let mut summary = String::from("### factcheck\n\n");
    if !table.is_empty() {
        summary.push_str("| File | Line | Severity | Rule | Message |\n");
        summary.push_str("|---|---:|---|---|---|\n");
        summary.push_str(&table);
        summary.push('\n');
    }
    let skipped = skipped_note(reports);
    if !skipped.is_empty() {
        summary.push_str(&skipped);
        summary.push('\n');
    }
    summary.push_str(&summary_line(&super::Totals::of(reports)));
    Github { commands, summary }
}

/// Appends `summary` to the step summary file at `path`, after a blank
/// line so that it stands apart from what earlier steps wrote.
pub fn append_summary(path: &Path, summary: &str) -> Result<(), SummaryError> {
    let fail = |source| SummaryError {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(fail)?;
    file.write_all(format!("\n{summary}").as_bytes())
        .map_err(fail)
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as a message, and `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Text for one cell of a Markdown table: ASCII punctuation that Markdown
/// reads (`|` above all) backslash-escaped, line breaks as spaces.
fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c%d"), "a%3Ab%2Cc%25d");
        assert_eq!(markdown_cell("a | b\n*c*"), "a \\| b \\*c\\*");
    }

    #[test]
    fn the_summary_is_appended() {
        let dir = std::env::temp_dir().join(format!("factcheck-summary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("summary.md");
        std::fs::write(&path, "earlier step\n").unwrap();
        append_summary(&path, "### factcheck\n").unwrap();
        append_summary(&path, "### again\n").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "earlier step\n\n### factcheck\n\n### again\n");
        let missing = dir.join("no-such-folder").join("summary.md");
        let e = append_summary(&missing, "x").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot append the step summary to ")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
