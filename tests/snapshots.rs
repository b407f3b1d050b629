//! Snapshots of what users see for every fixture: the claim records (JSON),
//! the human report and the JSON report; and the load errors of every broken
//! rule file in `fixtures/broken-rules/`.

use std::path::{Path, PathBuf};

use factcheck::check::{CheckOptions, check_document};
use factcheck::claims::extract_claims;
use factcheck::document::Document;
use factcheck::report::{self, Format};
use factcheck::rules::RuleSet;

/// The publication date of every fixture article (the seed's).
const DATE: &str = "2021-08-25";

fn fixtures(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(dir),
    ];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {dir}");
    out
}

/// `seed/blinken-safe-passage` for `fixtures/seed/blinken-safe-passage.txt`.
fn name(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let rel = path.strip_prefix(&root).unwrap().with_extension("");
    rel.to_string_lossy().replace(['/', '\\'], "__")
}

fn display(path: &Path) -> String {
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
    rel.to_string_lossy().replace('\\', "/")
}

#[test]
fn articles() {
    let rules = RuleSet::builtin().unwrap();
    let date = Some(DATE.parse().unwrap());
    let articles = ["txt", "md", "html"]
        .into_iter()
        .flat_map(|ext| fixtures("", ext));
    for path in articles {
        let text = std::fs::read_to_string(&path).unwrap();
        // Markdown and HTML by their extension, as the command line reads them.
        let document = Document::read(display(&path), text);
        let mut claims = extract_claims(&document, date);
        factcheck::check::claims_in_source(&document, &mut claims);
        let report = check_document(document, &rules, &CheckOptions::dated(date));
        let name = name(&path);
        insta::assert_snapshot!(
            format!("{name}.claims"),
            report::claims::json(&report, &claims)
        );
        insta::assert_snapshot!(
            format!("{name}.human"),
            report::render(Format::Human, std::slice::from_ref(&report), false)
        );
        insta::assert_snapshot!(
            format!("{name}.json"),
            report::render(Format::Json, std::slice::from_ref(&report), false)
        );
    }
}

#[test]
fn broken_rule_files() {
    for path in fixtures("broken-rules", "yml") {
        let source = std::fs::read_to_string(&path).unwrap();
        let errors = RuleSet::default()
            .add_source(&display(&path), &source)
            .expect_err("a broken rule file must not load");
        insta::assert_snapshot!(
            format!("{}.errors", name(&path)),
            report::load_errors::render(&errors, false)
        );
    }
}

#[test]
fn the_changed_seed_figure_is_the_one_error() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed/blinken-remaining-1600.txt");
    let document = Document::new("draft.txt", std::fs::read_to_string(path).unwrap());
    let options = CheckOptions::dated(Some(DATE.parse().unwrap()));
    let report = check_document(document, &RuleSet::builtin().unwrap(), &options);
    let [finding] = report.findings.as_slice() else {
        panic!("expected one finding, got {:?}", report.findings);
    };
    let texts: Vec<&str> = finding
        .spans
        .iter()
        .map(|(_, s)| s.slice(&report.text))
        .collect();
    assert_eq!(texts, ["4,500", "6,000", "1,600"]);
    assert_eq!(
        finding.message,
        "4,500 + 1,600 = 6,100, but the total is given as 6,000"
    );
}
