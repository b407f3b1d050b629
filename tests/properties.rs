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
        Just("Tuesday".to_string()),
        Just(" night, ".to_string()),
        Just("next week, on ".to_string()),
        Just("a week later, on ".to_string()),
        Just("the following day".to_string()),
        Just("29 February".to_string()),
        Just("Feb. 30".to_string()),
        Just("2014-2018".to_string()),
        Just("between ".to_string()),
        Just(" and ".to_string()),
        Just("born in ".to_string()),
        Just("aged ".to_string()),
        Just("-year-old".to_string()),
        Just("20th anniversary of the ".to_string()),
        Just(" since ".to_string()),
        Just("before the deadline, on ".to_string()),
        Just(" will meet on ".to_string()),
        Just("took place on ".to_string()),
        Just("the fourth quarter".to_string()),
        Just("the 1990s".to_string()),
        Just("mid-".to_string()),
        Just("early next year".to_string()),
        Just("9999".to_string()),
        Just("in 3 weeks".to_string()),
        Just(" years".to_string()),
        Just(" days ago".to_string()),
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
    fn checking_never_panics(text in articleish(), any in "\\PC{0,200}", which in 0usize..4) {
        let rules = RuleSet::builtin().unwrap();
        // Publication dates at the ends of the calendar too.
        let date = [
            None,
            Some(jiff::civil::date(2021, 8, 25)),
            Some(jiff::civil::date(1, 1, 1)),
            Some(jiff::civil::date(9999, 12, 31)),
        ][which];
        for t in [text, any] {
            let report = check_document(Document::new("p", t), &rules, &CheckOptions::dated(date));
            for f in &report.findings {
                for (_, span) in &f.spans {
                    prop_assert!(span.end <= report.text.len());
                }
            }
        }
    }
}

/// Markup made of the pieces Markdown and HTML drafts are made of.
fn markupish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("4,500 of 6,000".to_string()),
        Just(" the remaining 1,600. ".to_string()),
        Just("&pound;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("&bogus".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<h1 class=\"standfirst\">".to_string()),
        Just("<blockquote>“".to_string()),
        Just("<script>var a = '17 of 3';".to_string()),
        Just("</script>".to_string()),
        Just("<!-- factcheck-disable-next-line -->\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("```\n".to_string()),
        Just("`4 of 3`".to_string()),
        Just("[the 2019 report](https://x.org/2019/5)".to_string()),
        Just("![chart 9,000](c.png)".to_string()),
        Just("---\ntitle: 12 of 40\ndate: 2021-08-25\n---\n".to_string()),
        Just("é".to_string()),
        Just("😀".to_string()),
        "[a-z <>&;#\"/=\n]{0,8}".prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn markup_keeps_every_span_in_place(text in markupish(), html in any::<bool>()) {
        let name = if html { "p.html" } else { "p.md" };
        let document = Document::read(name, text.clone());
        // The prose is the file with markup blanked and entities decoded:
        // never longer, blocks on its char boundaries, and each block maps
        // back onto char boundaries of the file.
        prop_assert!(document.text.len() <= text.len());
        for p in &document.paragraphs {
            prop_assert!(document.text.is_char_boundary(p.start) && document.text.is_char_boundary(p.end));
            let s = document.in_source(*p);
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.start <= s.end);
        }
        let rules = RuleSet::builtin().unwrap();
        let report = check_document(document, &rules, &CheckOptions::default());
        for f in &report.findings {
            for (_, s) in &f.spans {
                prop_assert!(report.text.get(s.start..s.end).is_some());
            }
        }
    }
}

/// The byte offset of a 1-based line and column, counting the column with
/// `width` (chars or UTF-16 units): the inverse of `LineIndex`.
fn offset_of(text: &str, line: usize, column: usize, width: impl Fn(char) -> usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n').unwrap() + 1;
    }
    let mut units = 0;
    let mut at = start;
    for c in text[start..].chars() {
        if units >= column - 1 {
            break;
        }
        units += width(c);
        at += c.len_utf8();
    }
    at
}

proptest! {
    #[test]
    fn line_and_column_round_trip(text in "(\\PC|\n|\r\n){0,80}", pick in any::<prop::sample::Index>()) {
        let index = factcheck::document::LineIndex::new(&text);
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let offset = boundaries[pick.index(boundaries.len())];
        let p = index.position(&text, offset);
        prop_assert_eq!(offset_of(&text, p.line, p.column, |_| 1), offset);
        let u = index.utf16_position(&text, offset);
        prop_assert_eq!(u.line, p.line);
        prop_assert_eq!(offset_of(&text, u.line, u.column, char::len_utf16), offset);
    }

    #[test]
    fn computed_numbers_read_back(v in -1e12f64..1e12) {
        // As a message writes a computed figure: grouped, two decimals at most.
        let written = factcheck::rules::eval::format_number(v);
        let back: f64 = written.replace(',', "").parse().unwrap();
        prop_assert!((back - v).abs() <= 0.005 + v.abs() * 1e-15, "{} -> {} -> {}", v, written, back);
        // And the extractor reads the figure as written.
        if v >= 0.0 {
            let text = format!("The bill came to ${written} in all.");
            let claims = extract_claims(&Document::new("p", text.clone()), None);
            prop_assert_eq!(claims.len(), 1, "{}", text);
            let factcheck::claims::Value::Amount(amount) = claims[0].value else {
                panic!("{text}: not an amount");
            };
            prop_assert!((amount.nominal - back).abs() <= back.abs() * 1e-12, "{}: {}", text, amount.nominal);
        }
    }
}

/// Words as rules meet them: hyphens, apostrophes (straight and curly),
/// letters beyond ASCII, digits, and what lies between words.
fn wordish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9]{1,6}",
        Just("-".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("é".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("٣".to_string()),
        Just(" ".to_string()),
        Just(". ".to_string()),
        Just("—".to_string()),
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// Words as the docs define them, read a char at a time: letters and
/// digits, with a hyphen or an apostrophe (straight or curly) between two.
fn reference_words(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let start = chars[k].0;
        while k < chars.len() {
            let c = chars[k].1;
            let joins = matches!(c, '-' | '\'' | '’')
                && chars.get(k + 1).is_some_and(|n| n.1.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                k += 1;
            } else {
                break;
            }
        }
        let end = chars.get(k).map_or(text.len(), |c| c.0);
        out.push((start, end));
    }
    out
}

proptest! {
    #[test]
    fn the_token_stream_reads_words_as_patterns_do(text in wordish()) {
        use factcheck::rules::index::Anchors;
        use factcheck::rules::tokens::{tokenize, word_hash, words_of};
        let document = Document::new("w.txt", text);
        let stream = tokenize(&document, &[], &Anchors::of(&[]));
        let (tokens, words) = (stream.tokens, stream.words);
        let mut expected = Vec::new();
        for s in &document.sentences {
            let sentence = s.span.slice(&document.text);
            let reference = reference_words(sentence);
            let found: Vec<(usize, usize)> = words_of(sentence)
                .iter()
                .map(|w| {
                    let start = w.as_ptr() as usize - sentence.as_ptr() as usize;
                    (start, start + w.len())
                })
                .collect();
            prop_assert_eq!(&found, &reference);
            expected.extend(reference.iter().map(|(a, b)| (s.span.start + a, s.span.start + b)));
        }
        let found: Vec<(usize, usize)> = (0..tokens.len())
            .map(|i| words.span(i))
            .map(|s| (s.start, s.end))
            .collect();
        prop_assert_eq!(&found, &expected);
        for i in 0..tokens.len() {
            let lowered: String = words
                .span(i)
                .slice(&document.text)
                .chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect();
            prop_assert_eq!(words.hash(i), word_hash(&lowered));
            prop_assert!(words.is(i, &lowered));
        }
    }
}

/// Text dense in quote marks, digits and wide chars, in paragraphs.
fn quotish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\""),
        Just("“"),
        Just("”"),
        Just("’"),
        Just("—"),
        Just("5"),
        Just("a"),
        Just(" "),
        Just("é"),
        Just("\n\n"),
        Just("6'2\""),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// The quoted spans of `document`, read a char at a time as they once were.
fn reference_quotes(document: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for paragraph in &document.paragraphs {
        let body = paragraph.slice(&document.text);
        let (mut open, mut previous): (Option<usize>, char) = (None, ' ');
        for (at, c) in body.char_indices() {
            let at = paragraph.start + at;
            let inches = c == '"' && previous.is_ascii_digit() && open.is_none();
            previous = c;
            match (c, open, inches) {
                (_, _, true) => {}
                ('“', _, _) | ('"', None, _) => open = Some(at),
                ('”' | '"', Some(start), _) => {
                    out.push((start, at + c.len_utf8()));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(start) = open {
            out.push((start, paragraph.end));
        }
    }
    out
}

proptest! {
    #[test]
    fn quotes_are_found_as_a_char_by_char_reading_finds_them(text in quotish()) {
        let document = Document::new("q.txt", text);
        let found: Vec<(usize, usize)> =
            document.quotes().iter().map(|s| (s.start, s.end)).collect();
        prop_assert_eq!(found, reference_quotes(&document));
    }
}
