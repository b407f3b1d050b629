//! SARIF 2.1.0 (`--format sarif`), for code-scanning services and editors:
//! one run, the rules in force under `tool.driver.rules`, one result a
//! finding. Columns count UTF-16 code units, SARIF's default `columnKind`.
//! See `docs/output.md`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::check::FileReport;
use crate::document::Span;
use crate::rules::{Finding, Rule, Severity};

/// The schema the log declares.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; bumped when the
/// fingerprint is computed differently.
pub const FINGERPRINT_KEY: &str = "factcheck/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<ResultOut<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor<'a>>,
}

/// A `reportingDescriptor`: one rule.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'static>,
    help: Text<'static>,
    default_configuration: Configuration,
}

/// A `message` or `multiformatMessageString`: plain text.
#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn borrowed(text: &'a str) -> Self {
        Text { text: text.into() }
    }

    fn owned(text: String) -> Text<'static> {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    /// `{"in_quote": true}` for a finding inside quoted speech.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<BTreeMap<&'static str, bool>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    message: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    snippet: Text<'a>,
}

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Renders the reports as one SARIF log. `rules` are the rules in force
/// (from every config the run used): each id is listed once, the first
/// time it comes.
pub fn render<'a>(reports: &[FileReport], rules: impl IntoIterator<Item = &'a Rule>) -> String {
    let mut descriptors: Vec<Descriptor<'_>> = Vec::new();
    for rule in rules {
        if !descriptors.iter().any(|d| d.id == rule.id) {
            descriptors.push(descriptor(rule));
        }
    }
    let results = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .map(|(r, f)| result(r, f, descriptors.iter().position(|d| d.id == f.rule)))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "factcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: Some(env!("CARGO_PKG_REPOSITORY"))
                        .filter(|uri| !uri.is_empty()),
                    rules: descriptors,
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    let full = format!(
        "{}. Checked in each {}: where its pattern matches, `{}` must hold.",
        rule.summary.trim_end_matches('.'),
        rule.scope.name(),
        rule.assert_source
    );
    let mut help = format!("{}\n\n", rule.summary);
    for p in &rule.pattern_sources {
        let _ = writeln!(help, "pattern: {p}");
    }
    if let Some(w) = &rule.where_source {
        let _ = writeln!(help, "where:   {w}");
    }
    let _ = writeln!(help, "assert:  {}", rule.assert_source);
    let _ = write!(
        help,
        "\n`factcheck explain {}` shows the rule in full, with its examples.",
        rule.id
    );
    Descriptor {
        id: &rule.id,
        short_description: Text::borrowed(&rule.summary),
        full_description: Text::owned(full),
        help: Text::owned(help),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

fn result<'a>(report: &'a FileReport, f: &'a Finding, rule_index: Option<usize>) -> ResultOut<'a> {
    let uri = uri(&report.path);
    let mut spans = f.spans.iter();
    let primary = match spans.next() {
        Some((role, span)) => location(report, &uri, None, role, *span),
        None => location(report, &uri, None, "", Span::new(0, 0)),
    };
    let related = spans
        .enumerate()
        .map(|(i, (role, span))| location(report, &uri, Some(i + 1), role, *span))
        .collect();
    let mut partial_fingerprints = BTreeMap::new();
    if !f.fingerprint.is_empty() {
        partial_fingerprints.insert(FINGERPRINT_KEY, f.fingerprint.as_str());
    }
    ResultOut {
        rule_id: &f.rule,
        rule_index,
        level: level(f.severity),
        message: Text::borrowed(&f.message),
        locations: [primary],
        related_locations: related,
        partial_fingerprints,
        properties: f.in_quote.then(|| BTreeMap::from([("in_quote", true)])),
    }
}

fn location<'a>(
    report: &'a FileReport,
    uri: &str,
    id: Option<usize>,
    role: &'a str,
    span: Span,
) -> Location<'a> {
    let start = report.lines.utf16_position(&report.text, span.start);
    let end = report.lines.utf16_position(&report.text, span.end);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri.to_string(),
            },
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
                snippet: Text::borrowed(report.text.get(span.start..span.end).unwrap_or("")),
            },
        },
        message: Text::borrowed(role),
    }
}

/// A report's path as a URI reference: `/` separators, no leading `./`,
/// absolute paths as `file:` URIs, and every byte outside the unreserved
/// set percent-encoded (spaces, `%`, `#`, non-ASCII letters).
pub fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut rest = slashed.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let drive = rest.as_bytes().get(1) == Some(&b':')
        && rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    let (prefix, rest) = if drive {
        // `C:/drafts/a.txt`: the drive letter and colon stay as they are.
        ("file:///", rest)
    } else if let Some(r) = rest.strip_prefix('/') {
        ("file:///", r)
    } else {
        ("", rest)
    };
    let mut out = String::from(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && b == b':');
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("drafts/a.txt"), "drafts/a.txt");
        assert_eq!(uri("./drafts/a.txt"), "drafts/a.txt");
        assert_eq!(uri("drafts\\a b.txt"), "drafts/a%20b.txt");
        assert_eq!(uri("/tmp/né#1.md"), "file:///tmp/n%C3%A9%231.md");
        assert_eq!(uri("C:\\news\\a.txt"), "file:///C:/news/a.txt");
        assert_eq!(uri("-"), "-");
    }
}
