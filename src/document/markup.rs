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
    /// The source with non-prose bytes blanked and entities decoded: spans
    /// into it map to spans into the file through `shifts`.
    pub text: String,
    /// Where decoded entities shortened the text: (prose, source) offsets
    /// of the byte after each ([`to_source`], [`to_prose`]).
    pub shifts: Vec<(usize, usize)>,
    /// The blocks, in order, each trimmed to its text (prose offsets).
    pub blocks: Vec<(Span, Role)>,
    /// A publication date the markup states (an HTML `<meta>`), as written.
    pub meta_date: Option<String>,
}

/// The prose of a file being written in source order: what is not prose is
/// blanked (line breaks kept), text is copied, and an HTML entity is written
/// as its character, which shortens the text. `shifts` records where, so
/// that a prose offset maps back to the file's.
pub(super) struct Canvas<'s> {
    source: &'s str,
    out: String,
    /// Source bytes written so far.
    done: usize,
    /// After each entity: (prose offset, source offset) of the byte after it.
    shifts: Vec<(usize, usize)>,
}

impl<'s> Canvas<'s> {
    pub(super) fn blank(source: &'s str) -> Self {
        Canvas {
            source,
            out: String::with_capacity(source.len()),
            done: 0,
            shifts: Vec::new(),
        }
    }

    /// Blanks the source up to `to`, keeping its line breaks.
    fn skip_to(&mut self, to: usize) {
        let Some(gap) = self.source.get(self.done..to) else {
            return;
        };
        self.out.extend(gap.bytes().map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        }));
        // A multi-byte character blanked is several spaces: lengths agree.
        self.done = to;
    }

    /// Copies `source[span]` (text in document order), writing each entity
    /// the parser decoded in `value` as its character.
    pub(super) fn put(&mut self, span: Span, value: Option<&str>) {
        let Some(raw) = self.source.get(span.start..span.end) else {
            return;
        };
        if span.start < self.done {
            return;
        }
        self.skip_to(span.start);
        let start = self.out.len();
        let mut piece = String::with_capacity(raw.len());
        let entities = match value {
            Some(v) if v != raw => decode_into(raw, v, &mut piece),
            _ => None,
        };
        match entities {
            Some(ends) => {
                for (prose_end, raw_end) in ends {
                    self.shifts.push((start + prose_end, span.start + raw_end));
                }
            }
            None => {
                piece.clear();
                piece.push_str(raw);
            }
        }
        self.done = span.end;
        // Only the new piece is scanned and re-validated: linear overall.
        let after_gap = self
            .out
            .chars()
            .next_back()
            .is_none_or(|c| c.is_ascii_whitespace() || c == '(');
        let mut bytes = piece.into_bytes();
        blank_urls(&mut bytes, after_gap);
        // blank_urls writes ASCII spaces over whole ASCII runs: still UTF-8.
        self.out
            .push_str(&String::from_utf8(bytes).unwrap_or_default());
    }

    /// The prose, and where entities shortened it.
    pub(super) fn finish(mut self) -> (String, Vec<(usize, usize)>) {
        self.skip_to(self.source.len());
        (self.out, self.shifts)
    }
}

/// A prose offset as a source offset, given the shifts.
pub fn to_source(shifts: &[(usize, usize)], prose: usize) -> usize {
    match shifts.partition_point(|(p, _)| *p <= prose).checked_sub(1) {
        Some(i) => shifts.get(i).map_or(prose, |(p, s)| s + (prose - p)),
        None => prose,
    }
}

/// A source offset as a prose offset, given the shifts.
pub fn to_prose(shifts: &[(usize, usize)], source: usize) -> usize {
    match shifts.partition_point(|(_, s)| *s <= source).checked_sub(1) {
        Some(i) => shifts.get(i).map_or(source, |(p, s)| p + (source - s)),
        None => source,
    }
}

/// Appends `value` (the parser's decoding of `raw`) to `out`, aligned with
/// `raw`: characters the two share are copied, and where `raw` has an
/// entity (`&pound;`, `&#163;`, or a legacy `&copy` without `;`) its
/// character is written. Returns, after each entity, the offsets into what
/// was appended and into `raw`; none when the two cannot be aligned.
fn decode_into(raw: &str, value: &str, out: &mut String) -> Option<Vec<(usize, usize)>> {
    let base = out.len();
    let mut ends = Vec::new();
    let mut r = 0;
    let mut v = 0;
    while let Some(c) = value.get(v..).and_then(|s| s.chars().next()) {
        let rest = raw.get(r..)?;
        let after = value.get(v + c.len_utf8()..).unwrap_or("");
        // The parser reads a CR LF as one line feed.
        if c == '\n' && rest.starts_with("\r\n") {
            out.push_str("\r\n");
            r += 2;
            v += 1;
            continue;
        }
        match entity_len(rest, value.get(v..).unwrap_or(""), after) {
            Some(len) => {
                out.push(c);
                r += len;
                ends.push((out.len() - base, r));
            }
            None if rest.starts_with(c) => {
                out.push(c);
                r += c.len_utf8();
            }
            None => return None,
        }
        v += c.len_utf8();
    }
    (r == raw.len()).then_some(ends)
}

/// The length of the entity `rest` starts with, when the value does not
/// hold it literally: `&…;` within 32 bytes, else the legacy name (letters
/// and digits) after which source and value agree again.
fn entity_len(rest: &str, value: &str, after: &str) -> Option<usize> {
    let body = rest.strip_prefix('&')?;
    let window = body.get(..body.len().min(32)).unwrap_or(body);
    if let Some(n) = window.find(';').filter(|n| *n >= 1) {
        let len = n + 2;
        let written = rest.get(..len)?;
        return (!value.starts_with(written)).then_some(len);
    }
    let name = window
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '#')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    if value.starts_with(rest.get(..name + 1)?) {
        return None; // written out literally, not an entity
    }
    // The shortest name after which the source goes on as the value does.
    (1..=name).find_map(|n| {
        let tail = rest.get(n + 1..)?;
        let next = after.chars().next();
        (next.is_none_or(|c| tail.starts_with(c))).then_some(n + 1)
    })
}

/// Blanks web addresses in `bytes` (one piece of prose; `after_gap` says
/// whether what came before it ends a word): their digits are no claims.
fn blank_urls(bytes: &mut [u8], after_gap: bool) {
    let mut i = 0;
    while i < bytes.len() {
        let rest = bytes.get(i..).unwrap_or_default();
        let url = [b"https://".as_slice(), b"http://", b"www."]
            .iter()
            .any(|p| rest.starts_with(p));
        let starts_word = match i.checked_sub(1).and_then(|j| bytes.get(j)) {
            Some(b) => b.is_ascii_whitespace() || *b == b'(',
            None => after_gap,
        };
        if url && starts_word {
            while let Some(b) = bytes.get_mut(i).filter(|b| !b.is_ascii_whitespace()) {
                *b = b' ';
                i += 1;
            }
        } else {
            i += 1;
        }
    }
}

/// Blocks found in source offsets, in prose offsets.
pub(super) fn in_prose(shifts: &[(usize, usize)], blocks: Vec<(Span, Role)>) -> Vec<(Span, Role)> {
    if shifts.is_empty() {
        return blocks;
    }
    blocks
        .into_iter()
        .map(|(s, r)| {
            (
                Span::new(to_prose(shifts, s.start), to_prose(shifts, s.end)),
                r,
            )
        })
        .collect()
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
        canvas.put(Span::new(0, source.len()), None);
        let (text, _) = canvas.finish();
        assert_eq!(text.len(), source.len());
        assert!(text.starts_with("See      "));
        assert!(text.ends_with("for 4,500 figures."));
    }
}

#[cfg(test)]
mod entity_tests {
    use super::*;

    fn prose(source: &str, value: &str) -> (String, Vec<(usize, usize)>) {
        let mut canvas = Canvas::blank(source);
        canvas.put(Span::new(0, source.len()), Some(value));
        canvas.finish()
    }

    #[test]
    fn entities_shrink_and_map_back() {
        let source = "from &pound;10,250 to &pound;25,500";
        let (text, shifts) = prose(source, "from £10,250 to £25,500");
        assert_eq!(text, "from £10,250 to £25,500");
        let at = text.find("£25").unwrap();
        assert_eq!(to_source(&shifts, at), source.find("&pound;25").unwrap());
        assert_eq!(
            to_prose(&shifts, source.find("25,500").unwrap()),
            text.find("25,500").unwrap()
        );
    }

    #[test]
    fn crlf_and_legacy_entities_align() {
        let (text, _) = prose("a &copy 2021\r\nb &amp x", "a © 2021\nb & x");
        assert_eq!(text, "a © 2021\r\nb & x");
    }
}
