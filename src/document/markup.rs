//! What Markdown and HTML readers hand the document: the prose of a file,
//! byte for byte where it stood (everything that is not prose blanked, line
//! breaks kept), and its blocks with their roles.

use serde::Serialize;

use super::Span;

/// What a block is in the article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Running text.
    #[default]
    Body,
    /// The article's title: the first top-level heading, or `title:`.
    Headline,
    /// Any other heading.
    Heading,
    /// The summary under the headline.
    Standfirst,
    /// A caption under a picture or chart.
    Caption,
    /// Quoted matter set off as a block.
    Blockquote,
    /// A list item.
    Item,
}

impl Role {
    /// The name rules compare with `x.role`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Headline => "headline",
            Role::Heading => "heading",
            Role::Standfirst => "standfirst",
            Role::Caption => "caption",
            Role::Blockquote => "blockquote",
            Role::Item => "item",
        }
    }
}

/// A file's prose, read out of its markup.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The source with non-prose bytes blanked: spans into it are spans
    /// into the file.
    pub text: String,
    /// The blocks, in order, each trimmed to its text.
    pub blocks: Vec<(Span, Role)>,
    /// A publication date the markup states (an HTML `<meta>`), as written.
    pub meta_date: Option<String>,
}

/// A buffer the size of `source`: blanks with the line breaks kept, into
/// which readers copy the prose.
pub(super) struct Canvas {
    bytes: Vec<u8>,
}

impl Canvas {
    pub(super) fn blank(source: &str) -> Self {
        Canvas {
            bytes: source
                .bytes()
                .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
                .collect(),
        }
    }

    /// Copies `source[span]`, or writes `value` there when the source says
    /// it otherwise (an entity), padded with spaces; a value longer than
    /// its source is left as the source.
    pub(super) fn put(&mut self, source: &str, span: Span, value: Option<&str>) {
        let Some(raw) = source.get(span.start..span.end) else {
            return;
        };
        let text = match value {
            Some(v) if v != raw => aligned(raw, v).unwrap_or_else(|| raw.to_string()),
            _ => raw.to_string(),
        };
        if let Some(slot) = self.bytes.get_mut(span.start..span.start + text.len()) {
            slot.copy_from_slice(text.as_bytes());
        }
        blank_urls(&mut self.bytes, span.start, span.start + text.len());
    }

    pub(super) fn finish(self) -> String {
        // Only whole UTF-8 sequences and ASCII blanks were written.
        String::from_utf8(self.bytes).unwrap_or_default()
    }
}

/// `value` laid over `raw` byte for byte: where the source has an entity
/// (`&amp;`), its character, after spaces that pad it to the entity's length, so
/// that every other character stays at its offset. None when the two do
/// not align (the value was not just entities decoded).
fn aligned(raw: &str, value: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut r = 0;
    let mut v = 0;
    while let Some(c) = value.get(v..).and_then(|s| s.chars().next()) {
        let rest = raw.get(r..)?;
        // An entity (`&name;`, `&#…;`) that the value holds decoded as `c`.
        let entity = rest
            .strip_prefix('&')
            .and_then(|e| e.find(';'))
            .filter(|n| (1..32).contains(n))
            .map(|n| n + 2)
            .filter(|len| {
                let written = rest.get(..*len).unwrap_or("");
                !value.get(v..).is_some_and(|s| s.starts_with(written))
            });
        match entity {
            Some(len) if c.len_utf8() <= len && c != '\n' && c != '\r' => {
                // Padding first: "&pound;300" keeps "£300" together.
                out.extend(std::iter::repeat_n(' ', len - c.len_utf8()));
                out.push(c);
                r += len;
            }
            _ if rest.starts_with(c) => {
                out.push(c);
                r += c.len_utf8();
            }
            _ => return None,
        }
        v += c.len_utf8();
    }
    (r == raw.len()).then_some(out)
}

/// Blanks web addresses in `bytes[start..end]`: their digits are no claims.
fn blank_urls(bytes: &mut [u8], start: usize, end: usize) {
    let mut i = start;
    while i < end {
        let rest = bytes.get(i..end).unwrap_or_default();
        let url = [b"https://".as_slice(), b"http://", b"www."]
            .iter()
            .any(|p| rest.starts_with(p));
        if url
            && (i == 0
                || bytes
                    .get(i - 1)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'('))
        {
            while i < end && bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                if let Some(b) = bytes.get_mut(i) {
                    *b = b' ';
                }
                i += 1;
            }
        } else {
            i += 1;
        }
    }
}

/// Pushes a block covering `[start, end)` trimmed of white space.
pub(super) fn push_block(
    text: &str,
    blocks: &mut Vec<(Span, Role)>,
    start: usize,
    end: usize,
    role: Role,
) {
    let Some(body) = text.get(start..end) else {
        return;
    };
    let lead = body.len() - body.trim_start().len();
    let trail = body.len() - body.trim_end().len();
    if lead + trail < body.len() {
        blocks.push((Span::new(start + lead, end - trail), role));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_blanked_in_copied_prose() {
        let source = "See https://example.com/2021/08/25 for 4,500 figures.";
        let mut canvas = Canvas::blank(source);
        canvas.put(source, Span::new(0, source.len()), None);
        let text = canvas.finish();
        assert_eq!(text.len(), source.len());
        assert!(text.starts_with("See      "));
        assert!(text.ends_with("for 4,500 figures."));
    }
}
