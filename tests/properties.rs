//! Properties over arbitrary text: spans lie on char boundaries and quote
//! the source exactly, and nothing panics.

use factcheck::check::{CheckOptions, check_document};
use factcheck::claims::extract_claims;
use factcheck::document::Document;
use factcheck::rules::RuleSet;
use proptest::prelude::*;

/// Text made of the pieces claims are made of, so the recognisers run deep.
fn articleish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("4,500".to_string()),
        Just(" out of ".to_string()),
        Just("an estimated ".to_string()),
        Just("6,000".to_string()),
        Just(" remaining ".to_string()),
        Just("$3bn".to_string()),
        Just("£4.5m".to_string()),
        Just("37%".to_string()),
        Just(" per cent".to_string()),
        Just("Aug. 31".to_string()),
        Just("31 August 2021".to_string()),
        Just("six or seven".to_string()),
        Just("a dozen".to_string()),
        Just(" of its ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("“".to_string()),
        Just("—".to_string()),
        "[0-9]{1,6}",
        "[a-zA-Z]{1,8}",
        "[ -~]{0,6}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn claim_spans_quote_the_source(text in articleish()) {
        let document = Document::new("p", text.clone());
        for claim in extract_claims(&document, Some(jiff::civil::date(2021, 8, 25))) {
            prop_assert!(text.is_char_boundary(claim.span.start));
            prop_assert!(text.is_char_boundary(claim.span.end));
            prop_assert!(claim.lead <= claim.span.start);
            prop_assert_eq!(&text[claim.span.start..claim.span.end], claim.text.as_str());
        }
        for s in &document.sentences {
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
    }

    #[test]
    fn checking_never_panics(text in articleish(), any in "\\PC{0,200}") {
        let rules = RuleSet::builtin().unwrap();
        for t in [text, any] {
            let report = check_document(Document::new("p", t), &rules, &CheckOptions::default());
            for f in &report.findings {
                for (_, span) in &f.spans {
                    prop_assert!(span.end <= report.text.len());
                }
            }
        }
    }
}
