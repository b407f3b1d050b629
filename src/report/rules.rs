//! `factcheck rules` (the rules in force) and `factcheck explain` (one rule
//! in full).

use std::fmt::Write;
use std::path::Path;

use crate::rules::{Rule, RuleSet};

/// Where a rule comes from: `file:line`, marked when built in.
fn source(rule: &Rule) -> String {
    let builtin = rule.builtin;
    format!(
        "{}:{}{}",
        rule.file,
        rule.line,
        if builtin { " (built in)" } else { "" }
    )
}

/// One line a rule: id, severity, scope, source; then a count.
pub fn list(set: &RuleSet, config: Option<&Path>) -> String {
    let width = set
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:9}  SOURCE",
        "ID", "SEVERITY", "SCOPE"
    );
    for r in &set.rules {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:9}  {}",
            r.id,
            r.severity.name(),
            r.scope.name(),
            source(r)
        );
    }
    let _ = write!(
        out,
        "{} in force",
        super::human::plural(set.rules.len(), "rule")
    );
    match config {
        Some(c) => {
            let _ = writeln!(out, " (config: {})", c.display());
        }
        None => out.push('\n'),
    }
    out
}

/// A rule in full: what it checks, how, where it lives, and its examples.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", rule.id, rule.summary);
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "  {name:10} {value}");
    };
    field("severity", rule.severity.name());
    field("scope", rule.scope.name());
    field("source", &source(rule));
    for p in &rule.pattern_sources {
        field("pattern", p);
    }
    if let Some(w) = &rule.where_source {
        field("where", w);
    }
    field("assert", &rule.assert_source);
    field("message", &rule.message_source);
    field(
        "tolerance",
        &format!(
            "{}%",
            crate::rules::eval::format_number(rule.tolerance * 100.0)
        ),
    );
    if rule.needs_date {
        field(
            "needs",
            "a publication date (--date, front matter or a dateline)",
        );
    }
    if !rule.tests.is_empty() {
        let _ = writeln!(out, "\nexamples:");
    }
    for t in &rule.tests {
        let date = t.date.map(|d| format!(" [date {d}]")).unwrap_or_default();
        let verdict = if t.expect.is_empty() {
            "passes".to_string()
        } else {
            let at: Vec<String> = t
                .expect
                .iter()
                .map(|e| {
                    if e.rule == rule.id {
                        format!("\"{}\"", e.at)
                    } else {
                        format!("{} \"{}\"", e.rule, e.at)
                    }
                })
                .collect();
            format!("fails at {}", at.join(", "))
        };
        let _ = writeln!(out, "  - {}{date}\n    {verdict}", t.text.trim());
    }
    out
}
