//! What programs read: snapshots of the JSON Lines, SARIF and GitHub formats
//! over a few fixtures (one with emoji and curly quotes before its
//! figures); the SARIF of every fixture validated against the SARIF 2.1.0
//! schema (`tests/schemas/`, offline); SARIF columns in UTF-16 code units;
//! and the binary writing each format (and the step summary).

use std::path::{Path, PathBuf};

use factcheck::check::{CheckOptions, FileReport, check_document};
use factcheck::document::Document;
use factcheck::report::{self, Format, github, sarif};
use factcheck::rules::{RuleSet, Severity};
use serde_json::Value;

/// The publication date of every fixture article (the seed's).
const DATE: &str = "2021-08-25";

/// Fixtures (under `fixtures/`, without `.txt`) whose outputs are locked:
/// one error, none, errors and a warning, warnings only, and non-ASCII
/// text before every figure.
const FIXTURES: &[&str] = &[
    "seed/blinken-remaining-1600",
    "seed/blinken-safe-passage",
    "arithmetic/shares-and-changes",
    "calendar/deadlines-and-tense",
    "outputs/emoji-and-quotes",
];

const EMOJI: &str = "outputs/emoji-and-quotes";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Checks `fixtures/{name}.txt`, reported under that relative path.
fn check(name: &str, rules: &RuleSet) -> FileReport {
    let path = format!("fixtures/{name}.txt");
    let text = std::fs::read_to_string(root().join(&path)).unwrap();
    let options = CheckOptions::dated(Some(DATE.parse().unwrap()));
    check_document(Document::new(path, text), rules, &options)
}

/// The built-in pack with two severities changed, as a config's
/// `severity:` would: the emoji fixture's three errors become an error, a
/// warning and an info.
fn overridden() -> RuleSet {
    let mut rules = RuleSet::builtin().unwrap();
    for rule in &mut rules.rules {
        match rule.id.as_str() {
            "part-exceeds-whole" => rule.severity = Severity::Info,
            "percent-change" => rule.severity = Severity::Warning,
            _ => {}
        }
    }
    rules
}

/// [`overridden`] down to the three rules that fire on the emoji fixture,
/// so that its full SARIF snapshot lists three rules, not the whole pack.
fn mixed_severities() -> RuleSet {
    let mut rules = overridden();
    rules.rules.retain(|r| {
        ["part-exceeds-whole", "percent-change", "weekday-date"].contains(&r.id.as_str())
    });
    rules
}

fn github_text(reports: &[FileReport]) -> String {
    let out = github::render(reports);
    format!("{}--- step summary ---\n{}", out.commands, out.summary)
}

/// The results of a SARIF log, as written: the rules list is locked once,
/// in the mixed-severity snapshot.
fn sarif_results(log: &str) -> &str {
    log.find("\"results\"").map_or(log, |at| &log[at..])
}

#[test]
fn snapshots() {
    let rules = RuleSet::builtin().unwrap();
    for name in FIXTURES {
        let report = check(name, &rules);
        let reports = std::slice::from_ref(&report);
        let name = name.replace('/', "__");
        insta::assert_snapshot!(
            format!("{name}.jsonl"),
            report::render(Format::Jsonl, reports, false)
        );
        insta::assert_snapshot!(format!("{name}.github"), github_text(reports));
        insta::assert_snapshot!(
            format!("{name}.sarif-results"),
            sarif_results(&sarif::render(reports, &rules.rules))
        );
    }
}

#[test]
fn mixed_severities_snapshots() {
    let rules = mixed_severities();
    let reports = [check(EMOJI, &rules)];
    insta::assert_snapshot!(
        "outputs__emoji-and-quotes.mixed.sarif",
        sarif::render(&reports, &rules.rules)
    );
    insta::assert_snapshot!(
        "outputs__emoji-and-quotes.mixed.github",
        github_text(&reports)
    );
}

#[test]
fn github_puts_errors_first() {
    let rules = overridden();
    let reports = [
        check(EMOJI, &rules),
        check("seed/blinken-remaining-1600", &rules),
    ];
    let commands = github::render(&reports).commands;
    let kinds: Vec<&str> = commands
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(kinds, ["::error", "::error", "::warning", "::notice"]);
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let published = std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0.json")).unwrap();
    // The schema's `language` patterns, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`,
    // hold a stray `]` that ECMAScript reads as a literal but the meta-schema's
    // `regex` format check refuses: escape it here, leaving the file as published.
    let stray = "[a-zA-Z]{2}]?$";
    assert_eq!(
        published.matches(stray).count(),
        2,
        "the schema has changed"
    );
    let text = published.replace(stray, "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, name: &str, log: &str) {
    let log: Value = serde_json::from_str(log).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));
    // Every result names its rule by id and by index, and they agree.
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap();
        let rule = &rules[usize::try_from(index).unwrap()];
        assert_eq!(rule["id"], result["ruleId"], "{name}");
    }
}

#[test]
fn sarif_of_every_fixture_validates_against_the_schema() {
    let validator = sarif_validator();
    let rules = RuleSet::builtin().unwrap();
    let mut files = Vec::new();
    fixture_files(&root().join("fixtures"), &mut files);
    files.sort();
    let mut reports = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(root().join("fixtures")).unwrap();
        let name = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let report = check(&name, &rules);
        let log = sarif::render(std::slice::from_ref(&report), &rules.rules);
        assert_valid(&validator, &name, &log);
        reports.push(report);
    }
    assert_valid(&validator, "all", &sarif::render(&reports, &rules.rules));
    assert_valid(&validator, "none", &sarif::render(&[], &rules.rules));
    let mixed = mixed_severities();
    let log = sarif::render(&[check(EMOJI, &mixed)], &mixed.rules);
    assert_valid(&validator, "mixed", &log);
    // Odd paths still make valid URIs.
    let odd = Document::new(
        "./news room/été #2.txt",
        "The side won 14 of its 12 matches.",
    );
    let report = check_document(odd, &rules, &CheckOptions::default());
    let log = sarif::render(std::slice::from_ref(&report), &rules.rules);
    assert_valid(&validator, "odd path", &log);
    assert!(log.contains("\"uri\": \"news%20room/%C3%A9t%C3%A9%20%232.txt\""));
    // The validator is no rubber stamp: it refuses what SARIF forbids.
    let good: Value = serde_json::from_str(&log).unwrap();
    let result = "/runs/0/results/0";
    for (pointer, bad) in [
        ("/level", Value::from("fatal")),
        ("/locations/0/physicalLocation/region/startColumn", 0.into()),
        (
            "/locations/0/physicalLocation/artifactLocation/uri",
            "a b".into(),
        ),
    ] {
        let mut log = good.clone();
        *log.pointer_mut(&format!("{result}{pointer}")).unwrap() = bad;
        assert!(!validator.is_valid(&log), "accepted a bad {pointer}");
    }
}

/// Line and UTF-16 column (1-based) of byte `offset`, counted afresh.
fn utf16_line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = text[line_start..offset].encode_utf16().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn sarif_columns_count_utf16_code_units() {
    let rules = RuleSet::builtin().unwrap();
    let report = check(EMOJI, &rules);
    let log: Value =
        serde_json::from_str(&sarif::render(std::slice::from_ref(&report), &rules.rules)).unwrap();
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    let mut checked = 0;
    for (result, finding) in results.iter().zip(&report.findings) {
        let locations = result["locations"].as_array().unwrap().iter().chain(
            result["relatedLocations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice),
        );
        for (location, (role, span)) in locations.zip(&finding.spans) {
            let region = &location["physicalLocation"]["region"];
            let start = utf16_line_column(&report.text, span.start);
            let end = utf16_line_column(&report.text, span.end);
            assert_eq!(
                (&region["startLine"], &region["startColumn"]),
                (&start.0.into(), &start.1.into()),
                "{role}"
            );
            assert_eq!(
                (&region["endLine"], &region["endColumn"]),
                (&end.0.into(), &end.1.into()),
                "{role}"
            );
            assert_eq!(location["message"]["text"], role.as_str());
            checked += 1;
        }
    }
    assert!(checked >= 4, "too few locations checked: {checked}");
    // "14" on line 3, after curly quotes (one unit each) and three emoji
    // (two each): 89 characters, 92 UTF-16 units, before it.
    let first = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&first["startLine"], &first["startColumn"]),
        (&3.into(), &93.into())
    );
    let human = report::concise::render(std::slice::from_ref(&report));
    assert!(
        human.starts_with("fixtures/outputs/emoji-and-quotes.txt:3:90: "),
        "{human}"
    );
}

#[test]
fn jsonl_lines_are_the_json_findings_with_their_file() {
    let rules = RuleSet::builtin().unwrap();
    let reports = [
        check("seed/blinken-remaining-1600", &rules),
        check(EMOJI, &rules),
    ];
    let json: Value = serde_json::from_str(&report::render(Format::Json, &reports, false)).unwrap();
    let mut expected = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for finding in file["findings"].as_array().unwrap() {
            let mut line = serde_json::Map::new();
            line.insert("version".into(), json["version"].clone());
            line.insert("path".into(), file["path"].clone());
            line.extend(finding.as_object().unwrap().clone());
            expected.push(Value::Object(line));
        }
    }
    let jsonl = report::render(Format::Jsonl, &reports, false);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, expected);
    assert_eq!(lines.len(), 4);
}

/// Runs the binary on the seed fixtures with `--format FORMAT`, and
/// `GITHUB_STEP_SUMMARY` set to `summary` (or unset).
fn run(format: &str, summary: Option<&Path>) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"));
    command
        .args(["--date", DATE, "--format", format, "fixtures/seed"])
        .current_dir(root());
    match summary {
        Some(path) => command.env("GITHUB_STEP_SUMMARY", path),
        None => command.env_remove("GITHUB_STEP_SUMMARY"),
    };
    command.output().unwrap()
}

#[test]
fn the_cli_writes_each_format() {
    let rules = RuleSet::builtin().unwrap().rules.len();
    let out = run("sarif", None);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run0 = &log["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        rules
    );
    assert_eq!(run0["results"].as_array().unwrap().len(), 1);
    let uri = &run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "fixtures/seed/blinken-remaining-1600.txt");

    let out = run("jsonl", None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with(
        r#"{"version":1,"path":"fixtures/seed/blinken-remaining-1600.txt","rule":"remainder-sum","#
    ));

    let out = run("github", None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        "::error file=fixtures/seed/blinken-remaining-1600.txt,line=9,col=29,endLine=9,endColumn=34,\
         title=factcheck remainder-sum::4,500 + 1,600 = 6,100, but the total is given as 6,000\n"
    );
}

#[test]
fn the_cli_appends_the_step_summary_when_github_asks() {
    let dir = std::env::temp_dir().join(format!("factcheck-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("step-summary.md");
    std::fs::write(&summary, "# Build\n").unwrap();
    let out = run("github", Some(&summary));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("# Build\n\n### factcheck\n\n| File |"),
        "{written}"
    );
    assert!(written.contains(
        "| fixtures/seed/blinken-remaining-1600.txt | 9 | error | remainder-sum | 4,500 + 1,600 = 6,100, but the total is given as 6,000 |\n"
    ));
    assert!(
        written.ends_with("\n1 error, 0 warnings in 1 file (2 checked)\n"),
        "{written}"
    );

    // A summary that cannot be written: a note, and the check's own status.
    let out = run("github", Some(&dir.join("no-such-folder/summary.md")));
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("factcheck: cannot append the step summary to "),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The fenced blocks of a Markdown text: (first line, info string, text).
fn fenced(markdown: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (open.take(), line.trim_start().strip_prefix("```")) {
            (None, Some(info)) => open = Some((i + 1, info.trim().to_string(), String::new())),
            (Some(block), Some(_)) => out.push(block),
            (Some((at, info, mut text)), None) => {
                text.push_str(line);
                text.push('\n');
                open = Some((at, info, text));
            }
            (None, None) => {}
        }
    }
    out
}

/// `docs/output.md` shows what factcheck writes: each ```LANG output-FORMAT
/// block is the output for the ```text draft block, checked as
/// `drafts/match.txt` with `--date 2021-08-25` (SARIF's rules cut to the
/// ones that fired).
#[test]
fn the_examples_in_docs_output_md_are_what_factcheck_writes() {
    let doc = std::fs::read_to_string(root().join("docs/output.md")).unwrap();
    let blocks = fenced(&doc);
    let kind = |info: &str| info.split_whitespace().nth(1).unwrap_or("").to_string();
    let draft = blocks
        .iter()
        .find(|(_, info, _)| kind(info) == "draft")
        .map(|(_, _, text)| text.clone())
        .expect("docs/output.md has a ```text draft block");
    let rules = RuleSet::builtin().unwrap();
    let options = CheckOptions::dated(Some(DATE.parse().unwrap()));
    let reports = [check_document(
        Document::new("drafts/match.txt", draft),
        &rules,
        &options,
    )];
    let fired: Vec<_> = rules
        .rules
        .iter()
        .filter(|r| reports[0].findings.iter().any(|f| f.rule == r.id))
        .collect();
    let github = github::render(&reports);
    let mut shown = Vec::new();
    for (line, info, text) in &blocks {
        let kind = kind(info);
        let actual = match kind.as_str() {
            "output-json" => report::render(Format::Json, &reports, false),
            "output-jsonl" => report::render(Format::Jsonl, &reports, false),
            "output-sarif" => sarif::render(&reports, fired.iter().copied()),
            "output-github" => github.commands.clone(),
            "output-github-summary" => github.summary.clone(),
            other if other.starts_with("output-") => panic!("docs/output.md:{line}: ```{info}"),
            _ => continue,
        };
        assert_eq!(
            *text, actual,
            "docs/output.md:{line}: the ```{info} block is not what factcheck writes; it writes:\n{actual}"
        );
        shown.push(kind);
    }
    shown.sort();
    assert_eq!(
        shown,
        [
            "output-github",
            "output-github-summary",
            "output-json",
            "output-jsonl",
            "output-sarif"
        ]
    );
}
