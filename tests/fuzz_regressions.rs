//! Every input in `fuzz/regressions/` through the code of its fuzz target
//! (see `fuzz/fuzz_targets/`): what once crashed or hung must now end, with
//! no panic, well within the test's time.

use std::path::Path;
use std::time::{Duration, Instant};

use factcheck::check::{CheckOptions, check_document};
use factcheck::document::{Document, decode};
use factcheck::rules::RuleSet;

/// Most one regression input may take (debug build).
const LIMIT: Duration = Duration::from_secs(30);

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no regressions in {}", dir.display());
    out
}

fn timed(name: &str, f: impl FnOnce()) {
    let started = Instant::now();
    f();
    assert!(
        started.elapsed() < LIMIT,
        "{name}: took {:?}",
        started.elapsed()
    );
}

#[test]
fn document_regressions() {
    let rules = RuleSet::builtin().unwrap();
    for (name, data) in inputs("document") {
        let Some((&pick, rest)) = data.split_first() else {
            continue;
        };
        let file = ["draft.txt", "draft.md", "draft.html"][usize::from(pick % 3)];
        let Ok(text) = decode(Path::new(file), rest.to_vec()) else {
            continue;
        };
        let date = (pick & 4 != 0).then(|| jiff::civil::date(2021, 8, 25));
        timed(&name, || {
            let report = check_document(
                Document::read(file, text),
                &rules,
                &CheckOptions::dated(date),
            );
            for f in &report.findings {
                for (_, span) in &f.spans {
                    assert!(report.text.get(span.start..span.end).is_some(), "{name}");
                }
            }
        });
    }
}

#[test]
fn rule_file_regressions() {
    for (name, data) in inputs("rule_file") {
        let source = String::from_utf8_lossy(&data);
        timed(&name, || {
            let mut set = RuleSet::default();
            match set.add_source("fuzz.yml", &source) {
                Err(errors) => errors
                    .iter()
                    .for_each(|e| assert!(!e.to_string().is_empty())),
                Ok(()) => {
                    let document = Document::new(
                        "draft.txt",
                        "Of 40 staff, 26 left and the remaining 14 stayed.",
                    );
                    let _ = check_document(document, &set, &CheckOptions::default());
                }
            }
        });
    }
}

#[test]
fn pattern_regressions() {
    for (name, data) in inputs("pattern") {
        let src = String::from_utf8_lossy(&data);
        timed(&name, || {
            let _ = factcheck::rules::pattern::parse(&src);
        });
    }
}

#[test]
fn expression_regressions() {
    for (name, data) in inputs("expression") {
        let src = String::from_utf8_lossy(&data);
        timed(&name, || {
            let _ = factcheck::rules::expr::parse(&src);
        });
    }
}
