//! Loading rule files: the one place that reads YAML (so swapping the YAML
//! crate touches this file only), strict about every field, and compiling
//! patterns, expressions and templates with errors located at
//! `file:line:column`.

use serde::Deserialize;

use super::eval::{FIELDS, FUNCTIONS};
use super::expr::{self, Expr};
use super::pattern::{self, Pattern, closest};
use super::{Rule, RuleTest, Scope, Severity, Template, TemplatePart, TestExpectation};

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFileSpec {
    rules: Vec<RuleSpec>,
}

/// One rule as written; see `docs/rules.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    summary: String,
    severity: Severity,
    #[serde(default)]
    scope: Scope,
    pattern: Option<String>,
    patterns: Option<Vec<String>>,
    #[serde(rename = "where")]
    filter: Option<String>,
    assert: String,
    message: String,
    tolerance: Option<ToleranceSpec>,
    #[serde(default)]
    tests: Vec<TestSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ToleranceSpec {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestSpec {
    text: String,
    date: Option<String>,
    #[serde(default)]
    expect: Vec<ExpectSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectSpec {
    rule: Option<String>,
    at: String,
}

/// Why a rule file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read the rule file: {0}")]
    Io(String),
    /// YAML syntax, a missing or unknown field, a wrong type.
    #[error("{0}")]
    Yaml(String),
    /// An error inside a pattern.
    #[error("bad pattern: {0}")]
    Pattern(String),
    /// An error inside an expression.
    #[error("bad expression in `{field}`: {message}")]
    Expression {
        /// `where`, `assert` or `message`.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A capture read by an expression that the pattern does not always bind.
    #[error("capture `{name}` is used in `{field}` but never bound by the pattern")]
    Unbound {
        /// The capture name.
        name: String,
        /// Where it is used.
        field: &'static str,
    },
    /// An invalid regular expression right of `~`.
    #[error("bad regex `{pattern}`: {message}")]
    Regex {
        /// The regex source.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// Two rules with one id.
    #[error("duplicate rule id `{id}`, first defined at {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// `file:line:column` of the first definition.
        first: String,
    },
    /// Anything else about a rule's fields.
    #[error("{0}")]
    Invalid(String),
}

/// A located load error: `file:line:column: message`, with a hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {kind}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
pub struct LoadError {
    /// The rule file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub kind: LoadErrorKind,
    /// How to fix it, when a fix is likely.
    pub hint: Option<String>,
}

/// Where in the file a thing is: finds strings in the source text, since the
/// YAML parser gives positions only for its own errors.
struct Locator<'a> {
    file: &'a str,
    source: &'a str,
    /// Byte offset of each line's start, for line numbers without rescans.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(file: &'a str, source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            file,
            source,
            line_starts,
        }
    }

    fn at(&self, offset: usize, kind: LoadErrorKind, hint: Option<String>) -> LoadError {
        let offset = offset.min(self.source.len());
        let before = self.source.get(..offset).unwrap_or("");
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = before
            .get(line_start..)
            .map_or(1, |s| s.chars().count() + 1);
        LoadError {
            file: self.file.to_string(),
            line,
            column,
            kind,
            hint,
        }
    }

    /// The offset of the rule whose id is `id` (its `id:` key).
    fn rule(&self, id: &str) -> usize {
        let mut from = 0;
        while let Some(found) = self.source.get(from..).and_then(|s| s.find("id:")) {
            let key = from + found;
            let value = self.source[key + 3..].trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            if value.starts_with(id)
                && value[id.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == '"' || c == '\'')
            {
                return key;
            }
            from = key + 3;
        }
        0
    }

    /// The offset of `value` (a field's string) after `from`, or of its key.
    fn value(&self, from: usize, key: &str, value: &str) -> usize {
        let rest = self.source.get(from..).unwrap_or("");
        let key_at = rest.find(&format!("{key}:")).map(|k| from + k);
        let search_from = key_at.unwrap_or(from);
        match self.source.get(search_from..).and_then(|s| s.find(value)) {
            Some(v) if !value.is_empty() => search_from + v,
            _ => key_at.unwrap_or(from),
        }
    }
}

/// Parses and compiles one rule file. All errors in the file are returned.
pub fn load_rules(file: &str, source: &str) -> Result<Vec<Rule>, Vec<LoadError>> {
    let locator = Locator::new(file, source);
    let spec: RuleFileSpec = serde_yaml::from_str(source).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        // serde_yaml appends " at line N column M"; we give the position in front.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        vec![LoadError {
            file: file.to_string(),
            line,
            column,
            hint: yaml_hint(&message),
            kind: LoadErrorKind::Yaml(message),
        }]
    })?;
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    let mut ids: Vec<(String, usize)> = Vec::new();
    for spec in spec.rules {
        let at = locator.rule(&spec.id);
        let at = ids
            .iter()
            .filter(|(id, _)| *id == spec.id)
            .map(|(_, o)| *o)
            .max()
            .map_or(at, |prev| {
                // The second `id:` with this value, after the first.
                let after = source
                    .get(prev + 3..)
                    .and_then(|s| s.find(&format!("id: {}", spec.id)));
                after.map_or(prev, |a| prev + 3 + a)
            });
        if let Some((_, first)) = ids.iter().find(|(id, _)| *id == spec.id) {
            let first = locator.at(*first, LoadErrorKind::Invalid(String::new()), None);
            errors.push(locator.at(
                at,
                LoadErrorKind::DuplicateId {
                    id: spec.id.clone(),
                    first: format!("{}:{}:{}", first.file, first.line, first.column),
                },
                Some("rename one of them".into()),
            ));
            continue;
        }
        ids.push((spec.id.clone(), at));
        match compile(&locator, spec) {
            Ok(rule) => rules.push(rule),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

fn yaml_hint(message: &str) -> Option<String> {
    let field = message.split("unknown field `").nth(1)?.split('`').next()?;
    let expected: Vec<&str> = message
        .split("expected one of ")
        .nth(1)?
        .split(", ")
        .map(|s| s.trim_matches(|c: char| c == '`' || c.is_whitespace()))
        .collect();
    closest(field, &expected).map(|best| format!("did you mean `{best}`?"))
}

fn compile(loc: &Locator<'_>, spec: RuleSpec) -> Result<Rule, Vec<LoadError>> {
    let start = loc.rule(&spec.id);
    let mut errors = Vec::new();
    let sources: Vec<(&'static str, String)> = match (spec.pattern, spec.patterns) {
        (Some(p), None) => vec![("pattern", p)],
        (None, Some(ps)) if !ps.is_empty() => ps.into_iter().map(|p| ("patterns", p)).collect(),
        (Some(_), Some(_)) => {
            errors.push(loc.at(
                start,
                LoadErrorKind::Invalid(format!(
                    "rule `{}` gives both `pattern` and `patterns`",
                    spec.id
                )),
                Some("keep one".into()),
            ));
            Vec::new()
        }
        _ => {
            errors.push(loc.at(
                start,
                LoadErrorKind::Invalid(format!("rule `{}` has no `pattern`", spec.id)),
                Some("add `pattern: \"{part} of {whole}\"` or a `patterns:` list".into()),
            ));
            Vec::new()
        }
    };
    let mut patterns = Vec::new();
    for (key, src) in &sources {
        match pattern::parse(src) {
            Ok(p) => patterns.push(p),
            Err(e) => {
                let at = loc.value(start, key, src) + e.offset;
                errors.push(loc.at(at, LoadErrorKind::Pattern(e.message), e.hint));
            }
        }
    }
    // After a pattern error, every capture would look unbound: say nothing more.
    let bound: Option<Vec<String>> = (patterns.len() == sources.len())
        .then(|| patterns.iter().flat_map(Pattern::bound_names).collect());
    let mut expression = |field: &'static str, src: &str| -> Option<Expr> {
        let base = loc.value(start, field, src);
        check_expression(loc, field, src, base, bound.as_deref(), &mut errors)
    };
    let filter = spec.filter.as_deref().map(|s| expression("where", s));
    let assert = expression("assert", &spec.assert);
    let message = compile_template(loc, start, &spec.message, bound.as_deref(), &mut errors);
    let tolerance = match spec.tolerance {
        None => 0.05,
        Some(ToleranceSpec::Number(n)) => n / 100.0,
        Some(ToleranceSpec::Text(t)) => {
            match t.trim().trim_end_matches('%').trim().parse::<f64>() {
                Ok(n) if t.trim().ends_with('%') => n / 100.0,
                _ => {
                    errors.push(loc.at(
                        loc.value(start, "tolerance", &t),
                        LoadErrorKind::Invalid(format!("bad tolerance `{t}`")),
                        Some("write a percentage such as `2%`".into()),
                    ));
                    0.05
                }
            }
        }
    };
    let mut tests = Vec::new();
    for test in spec.tests {
        let date = match test.date.as_deref().map(str::parse::<jiff::civil::Date>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                let d = test.date.clone().unwrap_or_default();
                errors.push(loc.at(
                    loc.value(start, "date", &d),
                    LoadErrorKind::Invalid(format!("bad test date `{d}`")),
                    Some("write YYYY-MM-DD".into()),
                ));
                None
            }
        };
        let line = loc
            .at(
                loc.value(start, "text", &test.text),
                LoadErrorKind::Invalid(String::new()),
                None,
            )
            .line;
        tests.push(RuleTest {
            line,
            text: test.text,
            date,
            expect: test
                .expect
                .into_iter()
                .map(|e| TestExpectation {
                    rule: e.rule.unwrap_or_else(|| spec.id.clone()),
                    at: e.at,
                })
                .collect(),
        });
    }
    let (Some(Some(assert)), true) = (assert.map(Some), errors.is_empty()) else {
        return Err(errors);
    };
    let filter = match filter {
        Some(Some(f)) => Some(f),
        Some(None) => return Err(errors),
        None => None,
    };
    let position = loc.at(start, LoadErrorKind::Invalid(String::new()), None);
    let mut names = Vec::new();
    filter
        .iter()
        .chain([&assert])
        .for_each(|e| e.names(&mut names));
    message.names(&mut names);
    let needs_date = names.iter().any(|(n, _)| n == "pub_date");
    let required = patterns.iter().flat_map(|p| p.required_kinds()).collect();
    let required_words = patterns.iter().flat_map(|p| p.required_words()).collect();
    Ok(Rule {
        needs_date,
        required,
        required_words,
        id: spec.id,
        summary: spec.summary,
        severity: spec.severity,
        scope: spec.scope,
        pattern_sources: sources.into_iter().map(|(_, s)| s).collect(),
        patterns,
        assert_source: spec.assert,
        filter,
        assert,
        message,
        tolerance,
        tests,
        file: loc.file.to_string(),
        line: position.line,
    })
}

fn check_expression(
    loc: &Locator<'_>,
    field: &'static str,
    src: &str,
    base: usize,
    bound: Option<&[String]>,
    errors: &mut Vec<LoadError>,
) -> Option<Expr> {
    let mut expr = match expr::parse(src) {
        Ok(e) => e,
        Err(e) => {
            errors.push(loc.at(
                base + e.offset,
                LoadErrorKind::Expression {
                    field,
                    message: e.message,
                },
                None,
            ));
            return None;
        }
    };
    let before = errors.len();
    let mut names = Vec::new();
    expr.names(&mut names);
    for (name, offset) in names {
        let Some(bound) = bound else { break };
        if name == "pub_date" {
            continue;
        }
        if !bound.contains(&name) {
            let candidates: Vec<&str> = bound.iter().map(String::as_str).collect();
            errors.push(loc.at(
                base + offset,
                LoadErrorKind::Unbound {
                    name: name.clone(),
                    field,
                },
                closest(&name, &candidates).map(|b| format!("did you mean `{b}`?")),
            ));
        }
    }
    check_calls(&expr, loc, field, base, errors);
    if let Err((pattern, message)) = expr.compile_regexes() {
        let at = if pattern.is_empty() {
            base
        } else {
            base + src.find(pattern.as_str()).unwrap_or(0)
        };
        errors.push(loc.at(at, LoadErrorKind::Regex { pattern, message }, None));
    }
    (errors.len() == before).then_some(expr)
}

fn check_calls(
    expr: &Expr,
    loc: &Locator<'_>,
    field: &'static str,
    base: usize,
    errors: &mut Vec<LoadError>,
) {
    let mut bad = |offset: usize, message: String, hint: Option<String>| {
        errors.push(loc.at(
            base + offset,
            LoadErrorKind::Expression { field, message },
            hint,
        ));
    };
    match expr {
        Expr::Call {
            function,
            args,
            offset,
        } => {
            match FUNCTIONS.iter().find(|(f, _, _)| f == function) {
                None => {
                    let names: Vec<&str> = FUNCTIONS.iter().map(|(f, _, _)| *f).collect();
                    bad(
                        *offset,
                        format!("unknown function `{function}`"),
                        closest(function, &names).map(|b| format!("did you mean `{b}`?")),
                    );
                }
                Some((_, lo, hi)) if args.len() < *lo || args.len() > *hi => bad(
                    *offset,
                    format!("`{function}` takes {lo} argument(s), not {}", args.len()),
                    None,
                ),
                _ => {}
            }
            for a in args {
                check_calls(a, loc, field, base, errors);
            }
        }
        Expr::Field {
            field: name,
            offset,
            ..
        } if !FIELDS.contains(&name.as_str()) => bad(
            *offset,
            format!("unknown field `{name}`"),
            closest(name, FIELDS).map(|b| format!("did you mean `{b}`?")),
        ),
        Expr::Neg(e) | Expr::Not(e) => check_calls(e, loc, field, base, errors),
        Expr::Binary { left, right, .. } => {
            check_calls(left, loc, field, base, errors);
            check_calls(right, loc, field, base, errors);
        }
        _ => {}
    }
}

/// Splits a message into literal text and `{expression}` parts.
fn compile_template(
    loc: &Locator<'_>,
    start: usize,
    src: &str,
    bound: Option<&[String]>,
    errors: &mut Vec<LoadError>,
) -> Template {
    let base = loc.value(start, "message", src);
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = src;
    let mut offset = 0;
    while let Some(open) = rest.find(['{', '}']) {
        literal.push_str(&rest[..open]);
        let brace = rest.as_bytes()[open];
        if rest[open + 1..].starts_with(brace as char) {
            literal.push(brace as char); // `{{` and `}}` are literal braces
            rest = &rest[open + 2..];
            offset += open + 2;
            continue;
        }
        if brace == b'}' {
            errors.push(loc.at(
                base + offset + open,
                LoadErrorKind::Expression {
                    field: "message",
                    message: "unmatched `}`".into(),
                },
                Some("write `}}` for a literal brace".into()),
            ));
            return Template { parts };
        }
        let Some(close) = rest[open..].find('}') else {
            errors.push(loc.at(
                base + offset + open,
                LoadErrorKind::Expression {
                    field: "message",
                    message: "this `{` is never closed".into(),
                },
                Some("write `{{` for a literal brace".into()),
            ));
            return Template { parts };
        };
        if !literal.is_empty() {
            parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
        }
        let inner = &rest[open + 1..open + close];
        let inner_base = base + offset + open + 1;
        if let Some(e) = check_expression(loc, "message", inner, inner_base, bound, errors) {
            parts.push(TemplatePart::Expr(e));
        }
        rest = &rest[open + close + 1..];
        offset += open + close + 1;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(TemplatePart::Text(literal));
    }
    Template { parts }
}
