//! The article as text: where it came from, its paragraphs and sentences,
//! and the byte spans every later record points back into.

pub mod directives;
mod input;
mod line_index;
mod split;

pub use input::{InputError, decode, read_path, read_stdin};
pub use line_index::{LineIndex, Position};

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The slice of `text` this span covers, or `""` when it is out of range.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One sentence: its span and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The sentence's bytes, trimmed of surrounding white space.
    pub span: Span,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// A text split into paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown in reports (a path, or `-` for stdin).
    pub path: String,
    /// The full text as read.
    pub text: String,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order; each lies inside its paragraph.
    pub sentences: Vec<Sentence>,
    /// Inline `factcheck-disable-next-line` directives (their lines are
    /// blanked in `text`).
    pub suppressions: Vec<directives::Suppression>,
}

impl Document {
    /// Splits `text` into paragraphs and sentences.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let suppressions = directives::find(&text);
        // Paragraphs first: a blanked directive line must not split one.
        let paragraphs = split::paragraphs(&text);
        directives::blank(&mut text, &suppressions);
        let sentences = paragraphs
            .iter()
            .enumerate()
            .flat_map(|(index, paragraph)| {
                split::sentences(&text, *paragraph)
                    .into_iter()
                    .map(move |span| Sentence {
                        span,
                        paragraph: index,
                    })
            })
            .collect();
        Document {
            path: path.into(),
            text,
            paragraphs,
            sentences,
            suppressions,
        }
    }

    /// The sentence holding byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }
}
