//! HTML drafts (a CMS export, Google Docs): the text of the body with its
//! block structure. Tags, comments, `<head>`, `<script>` and `<style>` are
//! blanked; entities are decoded in place; `<meta
//! property="article:published_time">` gives the date.
//!
//! The tokenizer is html5gum: WHATWG-compliant (it passes html5lib's
//! tokenizer tests), it keeps byte spans for every token, which is what
//! maps each figure back to the file, and it builds no DOM we would not use.

use html5gum::emitters::default::{DefaultEmitter, Token};
use html5gum::{Span as HtmlSpan, Tokenizer};

use super::Span;
use super::markup::{Canvas, Prose, Role, in_prose, push_block};

/// Elements whose start or end closes the block before them.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"blockquote",
    b"figcaption",
    b"div",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"main",
    b"aside",
    b"figure",
    b"td",
    b"th",
    b"tr",
    b"dd",
    b"dt",
    b"ul",
    b"ol",
    b"table",
    b"hr",
    b"pre",
    b"body",
    b"title",
];

/// Elements whose text is not prose.
const HIDDEN: &[&[u8]] = &[
    b"head",
    b"title",
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"math",
    b"code",
    b"pre",
    b"iframe",
    b"textarea",
];

/// Classes that mark a standfirst in news templates.
const STANDFIRST: &[&str] = &[
    "standfirst",
    "dek",
    "subheadline",
    "sub-headline",
    "summary",
    "lede",
    "strapline",
];

/// Reads the prose of an HTML file.
pub fn prose(source: &str) -> Prose {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut canvas = Canvas::blank(source);
    let mut blocks: Vec<(Span, Role)> = Vec::new();
    let mut meta_date = None;
    // The open elements that matter: (name, role they give, hidden).
    let mut stack: Vec<(Vec<u8>, Option<Role>, bool)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut headline_seen = false;
    // How many open elements hide their text (kept, not rescanned per token).
    let mut hidden = 0usize;
    let close = |current: &mut Option<(usize, usize)>,
                 blocks: &mut Vec<(Span, Role)>,
                 stack: &[(Vec<u8>, Option<Role>, bool)]| {
        if let Some((s, e)) = current.take() {
            let role = stack
                .iter()
                .rev()
                .find_map(|(_, r, _)| *r)
                .unwrap_or(Role::Body);
            push_block(source, blocks, s, e, role);
        }
    };
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if name == b"meta" {
                    meta_date = meta_date.or_else(|| published_time(&tag.attributes));
                }
                if BLOCKS.contains(&name.as_slice()) {
                    close(&mut current, &mut blocks, &stack);
                }
                if tag.self_closing || is_void(&name) {
                    continue;
                }
                let class = tag
                    .attributes
                    .get(b"class".as_slice())
                    .map(|c| String::from_utf8_lossy(c).to_ascii_lowercase())
                    .unwrap_or_default();
                let role = match name.as_slice() {
                    b"h1" if !headline_seen => {
                        headline_seen = true;
                        Some(Role::Headline)
                    }
                    b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Some(Role::Heading),
                    b"figcaption" => Some(Role::Caption),
                    b"blockquote" => Some(Role::Blockquote),
                    b"li" => Some(Role::Item),
                    _ if class.split_whitespace().any(|c| STANDFIRST.contains(&c)) => {
                        Some(Role::Standfirst)
                    }
                    _ => None,
                };
                // A body (or anything only a body holds) ends an unclosed head.
                let body_only = name.as_slice() == b"body"
                    || (role.is_some() || BLOCKS.contains(&name.as_slice()))
                        && name.as_slice() != b"title";
                if body_only
                    && let Some(i) = stack.iter().position(|(n, _, _)| n.as_slice() == b"head")
                {
                    hidden -= stack.iter().skip(i).filter(|(_, _, h)| *h).count();
                    stack.truncate(i);
                }
                let hides = HIDDEN.contains(&name.as_slice());
                // Only elements that give a role, hide text or make blocks
                // are tracked: unclosed inline tags cannot grow the stack.
                if role.is_some() || hides || BLOCKS.contains(&name.as_slice()) {
                    hidden += usize::from(hides);
                    stack.push((name, role, hides));
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if BLOCKS.contains(&name.as_slice()) {
                    close(&mut current, &mut blocks, &stack);
                }
                // Close up to the matching element; a stray end tag closes nothing.
                if let Some(i) = stack.iter().rposition(|(n, _, _)| *n == name) {
                    hidden -= stack.iter().skip(i).filter(|(_, _, h)| *h).count();
                    stack.truncate(i);
                }
            }
            Token::String(text) if hidden == 0 => {
                let HtmlSpan { start, end } = text.span;
                let value = String::from_utf8_lossy(&text.value);
                canvas.put(Span::new(start, end), Some(&value));
                current = Some(match current {
                    Some((s, _)) => (s, end),
                    None => (start, end),
                });
            }
            _ => {}
        }
    }
    close(&mut current, &mut blocks, &stack);
    let (text, shifts) = canvas.finish();
    Prose {
        blocks: in_prose(&shifts, blocks),
        text,
        shifts,
        meta_date,
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The `content` of `<meta property="article:published_time">` (or the
/// `name=` spelling some templates use).
fn published_time(
    attributes: &std::collections::BTreeMap<
        html5gum::HtmlString,
        html5gum::Spanned<html5gum::HtmlString, usize>,
    >,
) -> Option<String> {
    let named = ["property", "name", "itemprop"].iter().any(|key| {
        attributes.get(key.as_bytes()).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v == b"article:published_time" || v == b"datepublished" || v == b"date"
        })
    });
    let content = attributes.get(b"content".as_slice())?;
    named.then(|| String::from_utf8_lossy(content).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_text_keeps_its_place_and_blocks() {
        let source = "<html><head><title>T 9</title><meta property=\"article:published_time\" content=\"2021-08-25T10:00:00Z\"><style>p{x:1}</style></head>\n<body><h1>Cuts of 12%</h1><p class=\"standfirst\">A summary</p><p>Of 40 staff, 28 stay &amp; the remaining 14 go.<script>var a = 17;</script></p><figure><figcaption>Chart: 3 of 4</figcaption></figure><!-- 5 of 2 --></body></html>";
        let p = prose(source);
        assert_eq!(p.meta_date.as_deref(), Some("2021-08-25T10:00:00Z"));
        assert!(!p.text.contains("T 9") && !p.text.contains("17") && !p.text.contains("5 of 2"));
        let roles: Vec<(&str, Role)> = p
            .blocks
            .iter()
            .map(|(s, r)| (s.slice(&p.text), *r))
            .collect();
        assert_eq!(roles[0], ("Cuts of 12%", Role::Headline));
        assert_eq!(roles[1], ("A summary", Role::Standfirst));
        assert_eq!(roles[2].0, "Of 40 staff, 28 stay & the remaining 14 go.");
        assert_eq!(roles[3], ("Chart: 3 of 4", Role::Caption));
        // After the entity, prose offsets map back to the file's.
        let at = p.text.find("14 go").unwrap();
        assert_eq!(
            super::super::markup::to_source(&p.shifts, at),
            source.find("14 go").unwrap()
        );
    }
}
