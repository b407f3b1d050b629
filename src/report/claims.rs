//! `factcheck claims`: the claim records of a document, as a table or JSON.

use std::fmt::Write;

use serde::Serialize;

use super::Located;
use crate::check::FileReport;
use crate::claims::Claim;

#[derive(Serialize)]
struct ClaimOut<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    span: Located,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    path: &'a str,
    date: Option<String>,
    claims: Vec<ClaimOut<'a>>,
}

/// The claims as JSON; `report` supplies path, date and positions.
pub fn json(report: &FileReport, claims: &[Claim]) -> String {
    let output = Output {
        version: super::json::VERSION,
        path: &report.path,
        date: report.date.map(|d| d.to_string()),
        claims: claims
            .iter()
            .map(|c| ClaimOut {
                claim: c,
                span: Located::new(report, c.span),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&output).unwrap_or_default();
    s.push('\n');
    s
}

/// The claims as a table: position, kind, text, value.
pub fn table(report: &FileReport, claims: &[Claim]) -> String {
    let mut out = String::new();
    for c in claims {
        let at = Located::new(report, c.span);
        let value = match (c.amount(), c.date()) {
            (_, Some(d)) => match (d.start, d.end) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) => format!("{a}..{b}"),
                _ => "unresolved".into(),
            },
            (Some(a), None) if a.is_exact() => crate::rules::eval::format_decimals(a.nominal, 6),
            (Some(a), None) => format!(
                "[{}, {}]",
                crate::rules::eval::format_decimals(a.lo, 6),
                crate::rules::eval::format_decimals(a.hi, 6)
            ),
            (None, None) => String::new(),
        };
        let mut extra = String::new();
        if let Some(h) = &c.hedge {
            let _ = write!(extra, " hedge=\"{}\"", h.text);
        }
        if let Some(n) = &c.noun {
            let _ = write!(extra, " noun=\"{}\"", n.text);
        }
        if let Some(cur) = c.currency {
            let _ = write!(extra, " currency={cur}");
        }
        if let Some(unit) = &c.unit {
            let _ = write!(extra, " unit={unit}");
        }
        let _ = writeln!(
            out,
            "{:>4}:{:<4} {:<8} {:<20} {}{}",
            at.line,
            at.column,
            c.kind.name(),
            c.text,
            value,
            extra
        );
    }
    out
}
