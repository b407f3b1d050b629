//! HTML drafts (a CMS export, Google Docs): the text of the body with its
//! block structure. Tags, comments, `<head>`, `<script>` and `<style>` are
//! blanked; entities are decoded in place; `<meta
//! property="article:published_time">` gives the date.
//!
//! The tokenizer is html5gum: WHATWG-compliant (it passes html5lib's
//! tokenizer tests), it keeps byte spans for every token, which is what
//! maps each figure back to the file, and it builds no DOM we would not use.

use std::collections::HashMap;

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
    let mut stack = Open::default();
    let mut current: Option<(usize, usize)> = None;
    let mut headline_seen = false;
    let close =
        |current: &mut Option<(usize, usize)>, blocks: &mut Vec<(Span, Role)>, stack: &Open| {
            if let Some((s, e)) = current.take() {
                push_block(source, blocks, s, e, stack.role());
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
                if body_only {
                    stack.end_head();
                }
                let hides = HIDDEN.contains(&name.as_slice());
                // Only elements that give a role, hide text or make blocks
                // are tracked: unclosed inline tags cannot grow the stack.
                if role.is_some() || hides || BLOCKS.contains(&name.as_slice()) {
                    stack.push(name, role, hides);
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if BLOCKS.contains(&name.as_slice()) {
                    close(&mut current, &mut blocks, &stack);
                }
                stack.end(&name);
            }
            Token::String(text) if !stack.hides() => {
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

/// The open elements that matter (those that give a role, hide text or make
/// blocks), innermost last. Unclosed block tags make the stack as deep as
/// the file is long, so what a token asks of it (the role in force, whether
/// text is hidden, where an open `head` is, whether an end tag matches) is
/// kept per element or counted, never found by a scan. Only an end tag
/// that matches walks the stack, and only over the elements it closes.
#[derive(Default)]
struct Open {
    elements: Vec<Element>,
    /// How many elements of each name are open: a stray end tag is turned
    /// away without a scan.
    counts: HashMap<Vec<u8>, usize>,
}

/// An open element, with what holds inside it.
struct Element {
    name: Vec<u8>,
    /// The role of the innermost element at or outside this one that gives one.
    role: Option<Role>,
    /// How many elements at or outside this one hide their text.
    hidden: usize,
    /// Where the outermost open `head` at or outside this one is.
    head: Option<usize>,
}

impl Open {
    /// The role text at this point takes.
    fn role(&self) -> Role {
        self.elements
            .last()
            .and_then(|e| e.role)
            .unwrap_or(Role::Body)
    }

    /// Whether text at this point is hidden.
    fn hides(&self) -> bool {
        self.elements.last().is_some_and(|e| e.hidden > 0)
    }

    fn push(&mut self, name: Vec<u8>, role: Option<Role>, hides: bool) {
        let outer = self.elements.last();
        let element = Element {
            role: role.or(outer.and_then(|e| e.role)),
            hidden: outer.map_or(0, |e| e.hidden) + usize::from(hides),
            head: outer
                .and_then(|e| e.head)
                .or((name.as_slice() == b"head").then_some(self.elements.len())),
            name,
        };
        match self.counts.get_mut(&element.name) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(element.name.clone(), 1);
            }
        }
        self.elements.push(element);
    }

    /// Closes an open `head` and everything inside it.
    fn end_head(&mut self) {
        if let Some(i) = self.elements.last().and_then(|e| e.head) {
            self.truncate(i);
        }
    }

    /// Closes up to the innermost open element named `name`; a stray end
    /// tag closes nothing.
    fn end(&mut self, name: &[u8]) {
        if self.counts.get(name).is_some_and(|&n| n > 0)
            && let Some(i) = self.elements.iter().rposition(|e| e.name == name)
        {
            self.truncate(i);
        }
    }

    fn truncate(&mut self, len: usize) {
        for element in self.elements.drain(len.min(self.elements.len())..) {
            if let Some(n) = self.counts.get_mut(&element.name) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.counts.remove(&element.name);
                }
            }
        }
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

    #[test]
    fn text_under_thousands_of_unclosed_blocks_keeps_its_role() {
        // Deep enough that a scan of the open elements per tag would show.
        let mut source = String::from("<head><title>9 of 8</title><ul><li>");
        source.push_str(&"<div>".repeat(5_000));
        source.push_str("3 of 4");
        source.push_str(&"</x>".repeat(5_000));
        source.push_str("</li></ul><pre>7 of 6</pre><p>5 of 6");
        let p = prose(&source);
        assert!(!p.text.contains("9 of 8") && !p.text.contains("7 of 6"));
        let roles: Vec<(&str, Role)> = p
            .blocks
            .iter()
            .map(|(s, r)| (s.slice(&p.text), *r))
            .collect();
        // Stray end tags close nothing; `</li>` closes the divs inside it.
        assert_eq!(roles, [("3 of 4", Role::Item), ("5 of 6", Role::Body)]);
    }
}
