//! JSON Lines (`--format jsonl`): one finding a line, each with its file and
//! the layout version, for streaming into other tools; see `docs/output.md`.

use serde::Serialize;

use super::json::{FindingOut, VERSION};
use crate::check::FileReport;

#[derive(Serialize)]
struct Line<'a> {
    version: u32,
    path: &'a str,
    #[serde(flatten)]
    finding: FindingOut<'a>,
}

/// Renders one JSON object per finding, one per line; nothing when there
/// are no findings.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            let line = Line {
                version: VERSION,
                path: &report.path,
                finding: FindingOut::new(report, f),
            };
            // Serialising plain strings, numbers and maps cannot fail.
            if let Ok(s) = serde_json::to_string(&line) {
                out.push_str(&s);
                out.push('\n');
            }
        }
    }
    out
}
