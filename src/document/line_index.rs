//! Byte offsets to line and column, computed only when reporting.

use std::sync::OnceLock;

use serde::Serialize;

/// A 1-based line and column; columns count characters (or, from
/// [`LineIndex::utf16_position`], UTF-16 code units), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters (or UTF-16 code units).
    pub column: usize,
}

/// Bytes between the checkpoints that bound the counting a column takes.
const BLOCK: usize = 1024;

/// The characters (or UTF-16 code units) in `bytes`, cut anywhere: a
/// character is counted at its first byte, so the width of a stretch
/// between two character boundaries is the sum of the widths of its pieces.
fn width(bytes: &[u8], utf16: bool) -> usize {
    // Bytes that are no continuation byte (0b10xx_xxxx) start a character.
    let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    if utf16 {
        // A four-byte character is two UTF-16 units (a surrogate pair).
        chars + bytes.iter().filter(|&&b| b >= 0xF0).count()
    } else {
        chars
    }
}

/// Characters and UTF-16 code units before a checkpoint.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    chars: usize,
    utf16: usize,
}

impl Counts {
    fn get(self, utf16: bool) -> usize {
        if utf16 { self.utf16 } else { self.chars }
    }
}

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Each line's start, found the first time a position is asked for:
    /// most checked files have no finding, and need none.
    starts: OnceLock<Vec<usize>>,
    /// Length of the text indexed.
    len: usize,
    /// The counts of the text before every `BLOCK`-th byte, built the first
    /// time a column lies far into a line, so that a column never takes
    /// counting more than a block (findings by the thousand on one line of
    /// megabytes once counted the line from its start for each).
    blocks: OnceLock<Vec<Counts>>,
}

impl LineIndex {
    /// Indexes the line starts of `text`: they are found at the first
    /// query given a text of its length (queries are given this text).
    pub fn new(text: &str) -> Self {
        LineIndex {
            starts: OnceLock::new(),
            len: text.len(),
            blocks: OnceLock::new(),
        }
    }

    /// The line starts of `text`: kept from the first call when it is the
    /// text indexed (of its length), found afresh for any other.
    fn starts<'s>(&'s self, text: &str) -> std::borrow::Cow<'s, [usize]> {
        let find = || {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            starts
        };
        if text.len() == self.len {
            std::borrow::Cow::Borrowed(self.starts.get_or_init(find))
        } else {
            std::borrow::Cow::Owned(find())
        }
    }

    /// The position of byte `offset` in `text` (clamped to the text), the
    /// text this index was built from.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_by(text, offset, false)
    }

    /// The position of byte `offset` with its column counted in UTF-16 code
    /// units, as SARIF and LSP count them: a character outside the Basic
    /// Multilingual Plane (an emoji) is two.
    pub fn utf16_position(&self, text: &str, offset: usize) -> Position {
        self.position_by(text, offset, true)
    }

    /// The position of `offset`, its column counted in characters or in
    /// UTF-16 units; inside a character (or a line start not in `text`),
    /// in bytes.
    fn position_by(&self, text: &str, offset: usize, utf16: bool) -> Position {
        let offset = offset.min(text.len());
        let starts = self.starts(text);
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts.get(line - 1).copied().unwrap_or(0);
        let width = if !text.is_char_boundary(start) || !text.is_char_boundary(offset) {
            offset - start
        } else if offset - start <= BLOCK || text.len() != self.len {
            width(&text.as_bytes()[start..offset], utf16)
        } else {
            self.before(text, offset, utf16) - self.before(text, start, utf16)
        };
        Position {
            line,
            column: width + 1,
        }
    }

    /// The width of `text` before byte `at`: the checkpoint at or before
    /// it, plus less than a block counted.
    fn before(&self, text: &str, at: usize, utf16: bool) -> usize {
        let blocks = self.blocks.get_or_init(|| {
            let mut total = Counts::default();
            let mut blocks = vec![total];
            for chunk in text.as_bytes().chunks_exact(BLOCK) {
                total.chars += width(chunk, false);
                total.utf16 += width(chunk, true);
                blocks.push(total);
            }
            blocks
        });
        let k = at / BLOCK;
        blocks[k].get(utf16) + width(&text.as_bytes()[k * BLOCK..at], utf16)
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let starts = self.starts(text);
        let start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let end = starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        (
            start.min(text.len()),
            end.min(text.len()).max(start.min(text.len())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_found_at_the_first_query_and_kept_for_their_text() {
        let text = "one\ntwo\nthree";
        let index = LineIndex::new(text);
        // Another text than the one indexed is read as it is, and leaves
        // nothing behind.
        let other = "x\ny\nz\nw\n";
        assert_eq!(index.position(other, 6), Position { line: 4, column: 1 });
        assert_eq!(index.position(text, 8), Position { line: 3, column: 1 });
        assert_eq!(index.line_span(text, 2), (4, 7));
        assert_eq!(index.position(text, 5), Position { line: 2, column: 2 });
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\n“x” 12\n";
        let index = LineIndex::new(text);
        let offset = text.find("12").unwrap();
        assert_eq!(
            index.position(text, offset),
            Position { line: 2, column: 5 }
        );
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn utf16_columns_count_an_emoji_twice() {
        let text = "x\n“Yes” 🎉 12\n";
        let index = LineIndex::new(text);
        let offset = text.find("12").unwrap();
        assert_eq!(
            index.position(text, offset),
            Position { line: 2, column: 9 }
        );
        assert_eq!(
            index.utf16_position(text, offset),
            Position {
                line: 2,
                column: 10
            }
        );
        // Inside a character: counted in bytes, never a panic.
        let inside = text.find('🎉').unwrap() + 1;
        assert_eq!(index.utf16_position(text, inside).line, 2);
    }

    #[test]
    fn columns_far_into_a_long_line_match_a_naive_count() {
        // Lines of many blocks mixing one-, two-, three- and four-byte
        // characters, so that block edges fall inside characters.
        let text = format!(
            "{}\n{}\nend",
            "héllo 🎉 ".repeat(3_000),
            "ab “Yes” é 🎉 12 — x ".repeat(2_000)
        );
        let index = LineIndex::new(&text);
        let naive = |offset: usize, utf16: bool| {
            let before = &text.as_bytes()[..offset];
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = match text.get(start..offset) {
                Some(s) if utf16 => s.encode_utf16().count(),
                Some(s) => s.chars().count(),
                None => offset - start,
            } + 1;
            Position { line, column }
        };
        for offset in (0..=text.len()).step_by(97).chain([text.len()]) {
            assert_eq!(
                index.position(&text, offset),
                naive(offset, false),
                "{offset}"
            );
            assert_eq!(
                index.utf16_position(&text, offset),
                naive(offset, true),
                "{offset}"
            );
        }
    }
}
