//! The article as text: where it came from, its paragraphs and sentences,
//! and the byte spans every later record points back into.

pub mod directives;
pub mod discover;
mod html;
mod input;
mod line_index;
mod markdown;
pub mod markup;
pub mod quotes;
mod split;
pub mod words;

pub use input::{InputError, Skipped, decode, read_draft, read_path, read_stdin};
pub use line_index::{LineIndex, Position};
pub use markup::Role;

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
    /// Each paragraph's role (headline, caption, …), beside `paragraphs`.
    pub roles: Vec<Role>,
    /// The file as read, when markup was blanked out of `text` (Markdown,
    /// HTML): reports quote it, and front matter is read from it.
    pub source: Option<String>,
    /// A publication date the markup states (an HTML `<meta>`), as written.
    pub meta_date: Option<String>,
    /// Where decoded HTML entities made `text` shorter than `source`:
    /// (text offset, source offset) after each.
    pub shifts: Vec<(usize, usize)>,
}

/// How a file's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text: paragraphs end at blank lines.
    Plain,
    /// Markdown (CommonMark with front matter and tables).
    Markdown,
    /// HTML.
    Html,
}

impl Markup {
    /// The markup a file name implies: `.md`/`.markdown`, `.html`/`.htm`,
    /// else plain text.
    pub fn of_path(path: &str) -> Markup {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Markup::Markdown
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Markup::Html
        } else {
            Markup::Plain
        }
    }
}

/// The sentences of each paragraph, in order.
fn sentences_of(text: &str, paragraphs: &[Span]) -> Vec<Sentence> {
    // One buffer for every paragraph's spans, and the list sized once.
    let mut spans = Vec::with_capacity(16);
    let mut out = Vec::with_capacity(paragraphs.len() * 4);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        spans.clear();
        split::sentences(text, *paragraph, &mut spans);
        out.extend(spans.iter().map(|&span| Sentence {
            span,
            paragraph: index,
        }));
    }
    out
}

/// A span of the source as a span of the prose.
fn in_text(shifts: &[(usize, usize)], span: Span) -> Span {
    Span::new(
        markup::to_prose(shifts, span.start),
        markup::to_prose(shifts, span.end),
    )
}

impl Document {
    /// Splits `text` into paragraphs and sentences.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let suppressions = directives::find(&text);
        // Paragraphs first: a blanked directive line must not split one.
        let paragraphs = split::paragraphs(&text);
        directives::blank(&mut text, &suppressions);
        let sentences = sentences_of(&text, &paragraphs);
        let roles = vec![Role::Body; paragraphs.len()];
        Document {
            path: path.into(),
            text,
            paragraphs,
            sentences,
            suppressions,
            roles,
            source: None,
            meta_date: None,
            shifts: Vec::new(),
        }
    }

    /// Reads `text` as the markup its file name implies.
    pub fn read(path: impl Into<String>, text: impl Into<String>) -> Self {
        let path = path.into();
        match Markup::of_path(&path) {
            Markup::Plain => Document::new(path, text),
            markup => Document::with_markup(path, text.into(), markup),
        }
    }

    /// Reads Markdown or HTML: only its prose is checked, block by block.
    pub fn with_markup(path: impl Into<String>, source: String, markup: Markup) -> Self {
        let prose = match markup {
            Markup::Plain => return Document::new(path, source),
            Markup::Markdown => markdown::prose(&source),
            Markup::Html => html::prose(&source),
        };
        // Directives live in comments, which the prose has blanked.
        let shifts = prose.shifts;
        let suppressions = directives::find(&source)
            .into_iter()
            .map(|mut s| {
                s.span = in_text(&shifts, s.span);
                s.target = in_text(&shifts, s.target);
                s
            })
            .collect();
        let text = prose.text;
        let (paragraphs, roles): (Vec<Span>, Vec<Role>) = prose.blocks.into_iter().unzip();
        let sentences = sentences_of(&text, &paragraphs);
        Document {
            path: path.into(),
            text,
            paragraphs,
            sentences,
            suppressions,
            roles,
            source: Some(source),
            meta_date: prose.meta_date,
            shifts,
        }
    }

    /// A span of `text` as a span of the file as read.
    pub fn in_source(&self, span: Span) -> Span {
        if self.shifts.is_empty() {
            return span;
        }
        Span::new(
            markup::to_source(&self.shifts, span.start),
            markup::to_source(&self.shifts, span.end),
        )
    }

    /// The file as read: `source` for markup, else `text`.
    pub fn original(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// The role of the paragraph holding byte `at`.
    pub fn role_at(&self, at: usize) -> Role {
        let i = self.paragraphs.partition_point(|p| p.end < at);
        self.paragraphs
            .get(i)
            .filter(|p| p.start <= at)
            .and_then(|_| self.roles.get(i).copied())
            .unwrap_or_default()
    }

    /// The sentence holding byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }
}
