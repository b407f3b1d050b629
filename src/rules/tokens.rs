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

/// Each token's word in lower case ("" for a claim), computed once per
/// document into one buffer, so that every rule compares plain strings.
#[derive(Debug, Clone, Default)]
pub struct Lowered {
    buffer: String,
    ends: Vec<u32>,
    hashes: Vec<u64>,
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

impl Lowered {
    /// The lowercased words of `tokens`.
    pub fn new(tokens: &[Token], text: &str) -> Self {
        let mut buffer = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(tokens.len());
        let mut hashes = Vec::with_capacity(tokens.len());
        for t in tokens {
            let start = buffer.len();
            if t.claim().is_none() {
                let word = t.span.slice(text);
                if word.is_ascii() {
                    buffer.push_str(word);
                    if let Some(tail) = buffer.get_mut(start..) {
                        tail.make_ascii_lowercase();
                    }
                } else {
                    // A curly apostrophe matches a pattern's straight one.
                    buffer.extend(
                        word.chars()
                            .map(|c| if c == '’' { '\'' } else { c })
                            .flat_map(char::to_lowercase),
                    );
                }
            }
            ends.push(u32::try_from(buffer.len()).unwrap_or(u32::MAX));
            hashes.push(word_hash(&buffer[start..]));
        }
        Lowered {
            buffer,
            ends,
            hashes,
        }
    }

    /// Token `i`'s [`word_hash`] (that of "" for a claim).
    pub fn hash(&self, i: usize) -> u64 {
        self.hashes.get(i).copied().unwrap_or(0)
    }

    /// Token `i`'s word, lowercased ("" for a claim or out of range).
    pub fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
            None => 0,
        };
        self.buffer.get(start..end).unwrap_or("")
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
