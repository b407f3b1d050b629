//! Byte offsets to line and column, computed only when reporting.

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

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_by(text, offset, |s| s.chars().count())
    }

    /// The position of byte `offset` with its column counted in UTF-16 code
    /// units, as SARIF and LSP count them: a character outside the Basic
    /// Multilingual Plane (an emoji) is two.
    pub fn utf16_position(&self, text: &str, offset: usize) -> Position {
        self.position_by(text, offset, |s| s.encode_utf16().count())
    }

    /// The position of `offset`, with `width` measuring the text between
    /// the line's start and it.
    fn position_by(&self, text: &str, offset: usize, width: impl Fn(&str) -> usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(offset - start, width) + 1;
        Position { line, column }
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .starts
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
}
