//! Running the examples that rules carry (`tests:`), for `factcheck test`
//! and `cargo test`.

use super::{Finding, Rule, RuleSet};
use crate::claims::extract_claims;
use crate::document::Document;

/// The outcome of one example that did not give what it expected.
#[derive(Debug, Clone)]
pub struct TestFailure {
    /// The rule id.
    pub rule: String,
    /// `file:line` of the example.
    pub location: String,
    /// The example text.
    pub text: String,
    /// Expected `(rule, at)` pairs.
    pub expected: Vec<(String, String)>,
    /// What the rule found: `(rule, span texts, message)`.
    pub actual: Vec<(String, Vec<String>, String)>,
}

/// Totals of a test run.
#[derive(Debug, Clone, Default)]
pub struct TestSummary {
    /// Examples that gave what they expected.
    pub passed: usize,
    /// Those that did not.
    pub failures: Vec<TestFailure>,
}

/// Runs every example of every rule in `set`, each against its own rule.
pub fn run_examples(set: &RuleSet) -> TestSummary {
    let mut summary = TestSummary::default();
    for rule in &set.rules {
        for test in &rule.tests {
            let findings = findings_for(rule, &test.text, test.date);
            let texts = |f: &Finding| -> Vec<String> {
                f.spans
                    .iter()
                    .map(|(_, s)| s.slice(&test.text).to_string())
                    .collect()
            };
            let mut unmatched: Vec<&Finding> = findings.iter().collect();
            let mut ok = true;
            for e in &test.expect {
                let hit = unmatched
                    .iter()
                    .position(|f| f.rule == e.rule && texts(f).contains(&e.at));
                match hit {
                    Some(i) => {
                        unmatched.remove(i);
                    }
                    None => ok = false,
                }
            }
            if ok && unmatched.is_empty() {
                summary.passed += 1;
            } else {
                summary.failures.push(TestFailure {
                    rule: rule.id.clone(),
                    location: format!("{}:{}", rule.file, test.line),
                    text: test.text.clone(),
                    expected: test
                        .expect
                        .iter()
                        .map(|e| (e.rule.clone(), e.at.clone()))
                        .collect(),
                    actual: findings
                        .iter()
                        .map(|f| (f.rule.clone(), texts(f), f.message.clone()))
                        .collect(),
                });
            }
        }
    }
    summary
}

fn findings_for(rule: &Rule, text: &str, date: Option<jiff::civil::Date>) -> Vec<Finding> {
    let document = Document::new("<example>", text);
    let claims = extract_claims(&document, date);
    let tokens = super::tokens::tokenize(&document, &claims);
    let words = super::tokens::Lowered::new(&tokens, text);
    let units = super::units::Units::new(&tokens, &claims, &words);
    let input = super::Input {
        words: &words,
        tokens: &tokens,
        units: &units,
        claims: &claims,
        text,
        sentences: &document.sentences,
    };
    let mut out = Vec::new();
    rule.check(&input, date, &mut out);
    out
}

/// Renders failures with expected and actual findings, then "N passed, M failed".
pub fn render(summary: &TestSummary) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in &summary.failures {
        let _ = writeln!(out, "FAIL {} ({})", f.rule, f.location);
        let _ = writeln!(out, "  text:     {}", f.text);
        for (_, at) in &f.expected {
            if let Some(col) = f.text.find(at.as_str()) {
                let pad = f.text[..col].chars().count();
                let marks = "^".repeat(at.chars().count().max(1));
                let _ = writeln!(out, "            {}{marks}", " ".repeat(pad));
            }
        }
        if f.expected.is_empty() {
            let _ = writeln!(out, "  expected: no findings");
        }
        for (rule, at) in &f.expected {
            let _ = writeln!(out, "  expected: {rule} at \"{at}\"");
        }
        if f.actual.is_empty() {
            let _ = writeln!(out, "  actual:   no findings");
        }
        for (rule, spans, message) in &f.actual {
            let _ = writeln!(out, "  actual:   {rule} at {spans:?}: {message}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed",
        summary.passed,
        summary.failures.len()
    );
    out
}
