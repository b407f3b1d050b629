//! `path:line:col: severity[rule] message`, one line a finding.

use std::fmt::Write;

use super::Located;
use crate::check::FileReport;

/// Renders one line per finding.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            let at = Located::new(report, f.primary());
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.path,
                at.line,
                at.column,
                f.severity.name(),
                f.rule,
                // One line a finding, even when a figure spans a line break.
                f.message.replace(['\n', '\r'], " ")
            );
        }
    }
    out
}
