//! Throughput over the real articles in `$FACTCHECK_SHARED/corpus` (or
//! `../shared/corpus`): claim extraction alone, and a full check with the
//! built-in pack. Run with `cargo bench`; divan reports bytes per second.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::counter::BytesCount;
use factcheck::check::{CheckOptions, check_document};
use factcheck::claims::extract_claims;
use factcheck::document::Document;
use factcheck::rules::RuleSet;

fn main() {
    divan::main();
}

static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let shared = std::env::var_os("FACTCHECK_SHARED")
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let root = shared.join("corpus");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    if files.is_empty() {
        eprintln!(
            "notice: no corpus at {}; benchmarking the seed fixture",
            root.display()
        );
        return vec![include_str!("../fixtures/seed/blinken-safe-passage.txt").to_string()];
    }
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
});

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

fn bytes() -> BytesCount {
    BytesCount::new(CORPUS.iter().map(String::len).sum::<usize>())
}

#[divan::bench(sample_count = 10)]
fn claims(bencher: divan::Bencher) {
    bencher.counter(bytes()).bench(|| {
        let mut n = 0;
        for text in CORPUS.iter() {
            let document = Document::new("bench", text.as_str());
            n += extract_claims(&document, None).len();
        }
        n
    });
}

#[divan::bench(sample_count = 10)]
fn check(bencher: divan::Bencher) {
    let rules = RuleSet::builtin().expect("the built-in pack loads");
    let options = CheckOptions::default();
    bencher.counter(bytes()).bench(|| {
        let mut n = 0;
        for text in CORPUS.iter() {
            let report = check_document(Document::new("bench", text.as_str()), &rules, &options);
            n += report.findings.len();
        }
        n
    });
}

/// As `check`, with a publication date, so the rules that need one run too.
#[divan::bench(sample_count = 10)]
fn check_dated(bencher: divan::Bencher) {
    let rules = RuleSet::builtin().expect("the built-in pack loads");
    let options = CheckOptions::dated(Some(jiff::civil::date(1987, 6, 1)));
    bencher.counter(bytes()).bench(|| {
        let mut n = 0;
        for text in CORPUS.iter() {
            let report = check_document(Document::new("bench", text.as_str()), &rules, &options);
            n += report.findings.len();
        }
        n
    });
}
