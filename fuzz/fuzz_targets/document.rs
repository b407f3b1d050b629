//! Arbitrary bytes as a draft: decoded as the CLI does, read as plain text,
//! Markdown or HTML (chosen by the first byte), extracted and checked with
//! the built-in pack. Nothing may panic.
#![no_main]

use std::sync::LazyLock;

use factcheck::check::{CheckOptions, check_document};
use factcheck::document::{Document, decode};
use factcheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| RuleSet::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = match pick % 3 {
        0 => "draft.txt",
        1 => "draft.md",
        _ => "draft.html",
    };
    let Ok(text) = decode(std::path::Path::new(name), rest.to_vec()) else {
        return;
    };
    let Some(rules) = RULES.as_ref() else {
        return;
    };
    let dated = pick & 4 != 0;
    let options = CheckOptions::dated(dated.then(|| jiff::civil::date(2021, 8, 25)));
    let report = check_document(Document::read(name, text), rules, &options);
    for f in &report.findings {
        for (_, span) in &f.spans {
            assert!(report.text.get(span.start..span.end).is_some());
        }
    }
});
