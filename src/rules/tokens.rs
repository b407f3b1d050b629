//! The token stream patterns run over: each claim is one token (starting at
//! its hedge), and the words between claims are tokens; punctuation is not.

use crate::claims::Claim;
use crate::document::{Document, Span};

/// One token of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The bytes it covers.
    pub span: Span,
    /// Claim index, or `usize::MAX` for a word.
    claim: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Paragraph index.
    pub paragraph: usize,
}

impl Token {
    /// The claim this token stands for, if any.
    pub fn claim(&self) -> Option<usize> {
        (self.claim != usize::MAX).then_some(self.claim)
    }
}

/// Each token's word as rules compare it: in lower case, a curly
/// apostrophe read as a straight one ("" for a claim). Only hashes are kept
/// for the ASCII words most tokens are; a word is compared where it stands,
/// ignoring ASCII case, and only other words are lowercased and kept.
#[derive(Debug, Clone, Default)]
pub struct Lowered<'t> {
    text: &'t str,
    /// Each token's bytes in `text` (empty for a claim).
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    /// (token, lowercased word) for each word that is not ASCII, ascending.
    unusual: Vec<(usize, String)>,
}

/// A cheap hash of a lowercased word (FNV-1a), to test a token against a
/// pattern's first words without comparing strings.
pub const fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

impl<'t> Lowered<'t> {
    /// The words of `tokens`, in `text`.
    pub fn new(tokens: &[Token], text: &'t str) -> Self {
        let mut spans = Vec::with_capacity(tokens.len());
        let mut hashes = Vec::with_capacity(tokens.len());
        let mut unusual = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let (word, span) = match t.claim() {
                Some(_) => ("", (0, 0)),
                None => {
                    let span = (
                        u32::try_from(t.span.start).unwrap_or(u32::MAX),
                        u32::try_from(t.span.end).unwrap_or(u32::MAX),
                    );
                    (t.span.slice(text), span)
                }
            };
            spans.push(span);
            // FNV-1a over the lowercased bytes, as [`word_hash`] of the
            // lowercased word, while they are ASCII.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut ascii = true;
            for b in word.bytes() {
                if !b.is_ascii() {
                    ascii = false;
                    break;
                }
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
            }
            if !ascii {
                // A curly apostrophe matches a pattern's straight one.
                let lowered: String = word
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect();
                h = word_hash(&lowered);
                unusual.push((i, lowered));
            }
            hashes.push(h);
        }
        Lowered {
            text,
            spans,
            hashes,
            unusual,
        }
    }

    /// Token `i`'s [`word_hash`] (that of "" for a claim).
    pub fn hash(&self, i: usize) -> u64 {
        self.hashes.get(i).copied().unwrap_or(0)
    }

    /// Whether token `i`'s word is `word` (lower case), "" for a claim.
    pub fn is(&self, i: usize, word: &str) -> bool {
        if let Ok(k) = self.unusual.binary_search_by_key(&i, |(j, _)| *j) {
            return self.unusual.get(k).is_some_and(|(_, w)| w == word);
        }
        let Some(&(start, end)) = self.spans.get(i) else {
            return word.is_empty();
        };
        self.text
            .get(start as usize..end as usize)
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    }
}

/// Splits text into words: letters and digits, with inner hyphens and
/// apostrophes ("self-imposed", "America’s").
pub fn words_of(text: &str) -> Vec<&str> {
    word_spans(text, 0).map(|s| s.slice(text)).collect()
}

fn word_spans(text: &str, base: usize) -> impl Iterator<Item = Span> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        let mut end = 0;
        while let Some(c) = char_at(text, i) {
            let at = i;
            i += c.len_utf8();
            if is_word_char(c) {
                start.get_or_insert(at);
                end = i;
            } else if start.is_some()
                && matches!(c, '-' | '\'' | '’')
                && char_at(text, i).is_some_and(is_word_char)
            {
                end = i;
            } else if let Some(s) = start {
                return Some(Span::new(base + s, base + end));
            }
        }
        start.map(|s| Span::new(base + s, base + end))
    })
}

/// The char starting at byte `i`, read without decoding when it is ASCII,
/// as most of a document is.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Builds the token stream of a document from its claims (in text order).
pub fn tokenize(document: &Document, claims: &[Claim]) -> Vec<Token> {
    let text = &document.text;
    let mut out = Vec::with_capacity(claims.len() + text.len() / 5);
    let mut next_claim = 0;
    for (index, sentence) in document.sentences.iter().enumerate() {
        let mut pos = sentence.span.start;
        let push_words = |from: usize, to: usize, out: &mut Vec<Token>| {
            if let Some(slice) = text.get(from..to) {
                out.extend(word_spans(slice, from).map(|span| Token {
                    span,
                    claim: usize::MAX,
                    sentence: index,
                    paragraph: sentence.paragraph,
                }));
            }
        };
        while let Some(claim) = claims.get(next_claim) {
            if claim.sentence != index {
                break;
            }
            push_words(pos, claim.lead.max(pos), &mut out);
            out.push(Token {
                span: Span::new(claim.lead, claim.span.end),
                claim: next_claim,
                sentence: index,
                paragraph: sentence.paragraph,
            });
            pos = claim.span.end.max(pos);
            next_claim += 1;
        }
        push_words(pos, sentence.span.end, &mut out);
    }
    out
}
