//! `--stats`: what a run checked and how fast, on stderr.

use std::time::Duration;

use super::human::plural;
use crate::check::FileReport;

/// Files, bytes, claims, rules evaluated, findings, divisions by zero (each
/// left a rule's expression without a value) and time, on one line.
pub fn render(reports: &[FileReport], rules: usize, elapsed: Duration) -> String {
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let claims: usize = reports.iter().map(|r| r.claims).sum();
    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let suppressed: usize = reports.iter().map(|r| r.suppressed).sum();
    let by_zero: usize = reports.iter().map(|r| r.divisions_by_zero).sum();
    // Rules run on each file, less those skipped for want of a date.
    let evaluated: usize = reports
        .iter()
        .map(|r| rules.saturating_sub(r.skipped))
        .sum();
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        bytes as f64 / 1e6 / seconds
    } else {
        0.0
    };
    format!(
        "stats: {} ({bytes} bytes), {} found, {} evaluated, {} ({suppressed} suppressed), {}, {seconds:.3}s ({rate:.1} MB/s)\n",
        plural(reports.len(), "file"),
        plural(claims, "claim"),
        plural(evaluated, "rule"),
        plural(findings, "finding"),
        match by_zero {
            1 => "1 division by zero".to_string(),
            n => format!("{n} divisions by zero"),
        },
    )
}
