//! Running the examples that rules carry (`tests:`), for `factcheck test`
//! and `cargo test`.

use super::{Finding, Rule, RuleSet};
use crate::claims::extract_claims;
use crate::document::{Document, Span};

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
    /// What the rule found: `(rule, spans, message)`.
    pub actual: Vec<(String, Vec<Span>, String)>,
}

/// Totals of a test run.
#[derive(Debug, Clone, Default)]
pub struct TestSummary {
    /// Examples that gave what they expected.
    pub passed: usize,
    /// Those that did not.
    pub failures: Vec<TestFailure>,
    /// Rules that cannot be used as they are: `(rule, file:line, why)`.
    pub clashes: Vec<(String, String, String)>,
    /// Rules without examples: `(rule, file:line)`.
    pub untested: Vec<(String, String)>,
}

impl TestSummary {
    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || !self.clashes.is_empty()
    }

    /// Notes rules of `set` whose ids the built-in pack also uses: beside
    /// it (the default) their file would not load.
    pub fn check_builtin_ids(&mut self, set: &RuleSet, builtin: &RuleSet) {
        for rule in &set.rules {
            // The built-in rule itself, loaded from a copy of `rules/`, is no clash.
            let same = |b: &Rule| {
                b.pattern_sources == rule.pattern_sources
                    && b.assert_source == rule.assert_source
                    && b.where_source == rule.where_source
                    && b.message_source == rule.message_source
            };
            let clash = builtin
                .rules
                .iter()
                .find(|b| b.id == rule.id)
                .is_some_and(|b| !same(b));
            if clash {
                self.clashes.push((
                    rule.id.clone(),
                    format!("{}:{}", rule.file, rule.line),
                    format!(
                        "`{}` is also a built-in rule, so beside the built-in pack this file will not load; \
                         rename the rule, or check with --no-default-rules",
                        rule.id
                    ),
                ));
            }
        }
    }
}

/// Runs every example of every rule in `set`, each against its own rule.
pub fn run_examples(set: &RuleSet) -> TestSummary {
    let mut summary = TestSummary::default();
    for rule in &set.rules {
        if rule.tests.is_empty() {
            summary
                .untested
                .push((rule.id.clone(), format!("{}:{}", rule.file, rule.line)));
        }
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
                        .map(|f| {
                            let spans = f.spans.iter().map(|(_, s)| *s).collect();
                            (f.rule.clone(), spans, f.message.clone())
                        })
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
    let lookup = super::Lookup::of(std::slice::from_ref(rule));
    let anchors = &lookup.anchors;
    let super::tokens::Stream {
        tokens,
        words,
        layout,
    } = super::tokens::tokenize(&document, &claims, anchors);
    let units = super::units::Units::new(layout, &claims, anchors);
    let index = super::index::Index::new(&units, &claims, anchors);
    let memo = super::eval::Memo::default();
    let input = super::Input {
        memo: &memo,
        index: &index,
        words: &words,
        tokens: &tokens,
        units: &units,
        claims: &claims,
        text,
        sentences: &document.sentences,
    };
    let mut out = Vec::new();
    rule.check(&input, lookup.rule(0, rule), date, &mut out);
    out
}

/// Renders each failure as the example with the expected figures marked
/// `^` and the found ones `~`, then "N passed, M failed".
pub fn render(summary: &TestSummary) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in &summary.failures {
        let _ = writeln!(out, "FAIL {} ({})", f.rule, f.location);
        // One line of text, so that marks line up under it.
        let line: String = f
            .text
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "    {line}");
        let under = |start: usize, end: usize, mark: char| -> String {
            let pad = f.text.get(..start).map_or(0, |s| s.chars().count());
            let len = f
                .text
                .get(start..end)
                .map_or(1, |s| s.chars().count().max(1));
            format!("{}{}", " ".repeat(pad), mark.to_string().repeat(len))
        };
        if f.expected.is_empty() {
            let _ = writeln!(out, "    expected no findings");
        }
        for (rule, at) in &f.expected {
            match whole_match(&f.text, at) {
                Some(start) => {
                    let marks = under(start, start + at.len(), '^');
                    let _ = writeln!(out, "    {marks} expected {rule} here");
                }
                None => {
                    let _ = writeln!(
                        out,
                        "    expected {rule} at \"{at}\", but the example has no such text"
                    );
                }
            }
        }
        if f.actual.is_empty() {
            let _ = writeln!(out, "    found no findings");
            if !f.expected.is_empty() {
                let _ = writeln!(
                    out,
                    "    hint: the pattern did not match, or the assertion held; \
                     `echo '…' | factcheck claims -` shows the figures read"
                );
            }
        }
        // An `at` that is in the text but is no underlined figure.
        let figures: Vec<&str> = f
            .actual
            .iter()
            .flat_map(|(_, spans, _)| spans.iter().map(|s| s.slice(&f.text)))
            .collect();
        for (_, at) in &f.expected {
            if !figures.is_empty()
                && f.text.contains(at.as_str())
                && !figures.contains(&at.as_str())
            {
                let quoted: Vec<String> = figures.iter().map(|t| format!("\"{t}\"")).collect();
                let _ = writeln!(
                    out,
                    "    note: `at: \"{at}\"` must be the text of one underlined figure: {}",
                    quoted.join(", ")
                );
            }
        }
        for (rule, spans, message) in &f.actual {
            let mut marks = String::new();
            let mut width = 0;
            for s in spans {
                let m = under(s.start, s.end, '~');
                // Spans come in text order; add only what lies past the last.
                let m: String = m.chars().skip(width).collect();
                width += m.chars().count();
                marks.push_str(&m);
            }
            let _ = writeln!(out, "    {marks} found {rule}: {message}");
        }
        out.push('\n');
    }
    for (rule, location, why) in &summary.clashes {
        let _ = writeln!(out, "FAIL {rule} ({location})\n    {why}\n");
    }
    for (rule, location) in &summary.untested {
        let _ = writeln!(
            out,
            "note: {rule} ({location}) has no examples; add `tests:` with one text that must fail and one that must pass"
        );
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed",
        summary.passed,
        summary.failures.len() + summary.clashes.len()
    );
    out
}

/// Where `at` stands in `text` as a figure of its own: not inside a longer
/// number or word ("14" in "won 14", not in "2014"), else where it first is.
fn whole_match(text: &str, at: &str) -> Option<usize> {
    let alone = |i: usize| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + at.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let mut found = text.match_indices(at).map(|(i, _)| i);
    let first = text.find(at);
    found.find(|&i| alone(i)).or(first)
}
