//! The built-in pack over real published articles (`$FACTCHECK_SHARED/corpus`):
//! every finding is locked in a snapshot (rule, file, line and the captured
//! figures, never the article's sentences), so any change in what fires is
//! reviewed. Skipped, with a notice, where the corpus is absent.

use std::path::{Path, PathBuf};

use factcheck::check::{CheckOptions, check_document};
use factcheck::document::{Document, read_path};
use factcheck::rules::{RuleSet, Severity};

fn articles(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn builtin_rules_are_quiet_on_published_articles() {
    let Some(shared) = std::env::var_os("FACTCHECK_SHARED") else {
        eprintln!("notice: FACTCHECK_SHARED is unset; skipping the corpus test");
        return;
    };
    let root = Path::new(&shared).join("corpus");
    let files = articles(&root);
    assert!(
        files.len() > 3000,
        "corpus incomplete: {} files",
        files.len()
    );
    let rules = RuleSet::builtin().unwrap();
    let mut lines = Vec::new();
    let mut errors = 0;
    for path in &files {
        let text = read_path(path).unwrap();
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let report = check_document(
            Document::new(name.clone(), text),
            &rules,
            &CheckOptions::default(),
        );
        for f in &report.findings {
            errors += usize::from(f.severity == Severity::Error);
            let line = report.lines.position(&report.text, f.primary().start).line;
            let figures: Vec<&str> = f.spans.iter().map(|(_, s)| s.slice(&report.text)).collect();
            lines.push(format!("{} {name}:{line} {}", f.rule, figures.join(" | ")));
        }
    }
    eprintln!(
        "{} articles, {} findings, {errors} errors",
        files.len(),
        lines.len()
    );
    // Target: at most one false error per 500 articles.
    assert!(errors <= files.len() / 500, "{}", lines.join("\n"));
    insta::assert_snapshot!("corpus-findings", lines.join("\n"));
}
