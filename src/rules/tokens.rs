//! The token stream patterns run over: each claim is one token (starting at
//! its hedge), and the words between claims are tokens; punctuation is not.

use super::index::Anchors;
use crate::claims::Claim;
use crate::document::words::{
    EMPTY_HASH, alnum_prefix, ascii_alnum_len, ends_word, hash_bytes, hash_lowered, hash8, load8,
};
use crate::document::{Document, Span};

/// One token of the stream: eight bytes, so that a long document's stream
/// is read from cache (a word's bytes are in [`Lowered::span`], a claim's
/// in the claim).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Claim index, or `u32::MAX` for a word.
    claim: u32,
    /// Sentence index.
    sentence: u32,
}

impl Token {
    /// The claim this token stands for, if any.
    pub fn claim(&self) -> Option<usize> {
        (self.claim != u32::MAX).then_some(self.claim as usize)
    }

    /// The index of its sentence.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
}

/// `n` as a token's sentence index: a text with more sentences than 32
/// bits count (over 4 GiB, far past the file size limit) has its later ones
/// read as one. Its claims past that count become words (`u32::MAX`).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX - 1)
}

/// Each token's word as rules compare it: in lower case, a curly
/// apostrophe read as a straight one ("" for a claim). Only hashes are kept
/// for the ASCII words most tokens are; a word is compared where it stands,
/// ignoring ASCII case, and only other words are lowercased and kept.
#[derive(Debug, Clone, Default)]
pub struct Lowered<'t> {
    text: &'t str,
    /// Each token's [`word_hash`] and its bytes in `text` (empty for a
    /// claim), side by side: one push a token.
    words: Vec<(u64, u32, u32)>,
    /// (token, lowercased word) for each word that is not ASCII, ascending.
    unusual: Vec<(usize, String)>,
}

/// The hash of a lowercased word, to test a token against a pattern's
/// words without comparing strings: eight bytes a multiply (see
/// [`crate::document::words`]).
pub const fn word_hash(word: &str) -> u64 {
    hash_bytes(word.as_bytes())
}

impl<'t> Lowered<'t> {
    /// Token `i`'s [`word_hash`] (that of "" for a claim).
    pub fn hash(&self, i: usize) -> u64 {
        self.words.get(i).map_or(0, |w| w.0)
    }

    /// Token `i`'s bytes in the text when it is a word (empty for a
    /// claim, whose bytes are its own).
    pub fn span(&self, i: usize) -> Span {
        self.words.get(i).map_or(Span::new(0, 0), |&(_, a, b)| {
            Span::new(a as usize, b as usize)
        })
    }

    /// Whether token `i`'s word is `word` (lower case), "" for a claim.
    pub fn is(&self, i: usize, word: &str) -> bool {
        if let Ok(k) = self.unusual.binary_search_by_key(&i, |(j, _)| *j) {
            return self.unusual.get(k).is_some_and(|(_, w)| w == word);
        }
        let Some(&(_, start, end)) = self.words.get(i) else {
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
    let mut out = Vec::new();
    scan_words(text, 0, text.len(), |span, _| out.push(span.slice(text)));
    out
}

/// A document's token stream, with where its sentences, claims and anchor
/// words lie in it: what [`super::units::Units`] is built from.
#[derive(Debug, Clone, Default)]
pub struct Stream<'t> {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Each token's word as rules compare it.
    pub words: Lowered<'t>,
    /// Where the claims, anchor words and sentences lie among the tokens.
    pub layout: Layout,
}

/// Where a token stream's claims, anchor words and sentences lie.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The anchor id of each word token that is an anchor (see
    /// [`super::index::Anchors`]), in text order.
    pub anchor_ids: Vec<u32>,
    /// The token position of each of `anchor_ids`.
    pub anchor_positions: Vec<usize>,
    /// The token position of each claim's token, in claim order.
    pub claim_positions: Vec<usize>,
    /// Each sentence that holds a token, in text order.
    pub sentences: Vec<Stretch>,
}

/// One sentence's stretch of a token stream: each range is a start and one
/// past the end in [`Stream::tokens`], in [`Layout::anchor_ids`] and in the
/// claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    /// The sentence's paragraph.
    pub paragraph: usize,
    /// Its tokens.
    pub tokens: (usize, usize),
    /// Its anchor words.
    pub anchors: (usize, usize),
    /// Its claims.
    pub claims: (usize, usize),
}

/// Builds the token stream of a document from its claims (in text order),
/// with each token's word as rules compare it, and where the words among
/// `anchors` lie: one pass over the text.
pub fn tokenize<'t>(document: &'t Document, claims: &[Claim], anchors: &Anchors) -> Stream<'t> {
    let text = document.text.as_str();
    let guess = claims.len() + text.len() / 5;
    let mut stream = Stream {
        tokens: Vec::with_capacity(guess),
        words: Lowered {
            text,
            words: Vec::with_capacity(guess),
            unusual: Vec::new(),
        },
        layout: Layout {
            // Written ahead of their count (see `Stream::words_in`), and cut to
            // it at the end. About one word in five is an anchor.
            anchor_ids: vec![u32::MAX; guess / 4 + 16],
            anchor_positions: vec![0; guess / 4 + 16],
            claim_positions: Vec::with_capacity(claims.len()),
            sentences: Vec::with_capacity(document.sentences.len()),
        },
    };
    let mut anchored = 0;
    let mut next_claim = 0;
    for (index, sentence) in document.sentences.iter().enumerate() {
        let (tokens_from, anchors_from, claims_from) = (stream.tokens.len(), anchored, next_claim);
        let mut pos = sentence.span.start;
        while let Some(claim) = claims.get(next_claim) {
            if claim.sentence != index {
                break;
            }
            stream.words_in(pos, claim.lead.max(pos), index, anchors, &mut anchored);
            stream.layout.claim_positions.push(stream.tokens.len());
            stream.push(
                Token {
                    claim: u32::try_from(next_claim).unwrap_or(u32::MAX),
                    sentence: narrow(index),
                },
                (0, 0),
                EMPTY_HASH,
            );
            pos = claim.span.end.max(pos);
            next_claim += 1;
        }
        stream.words_in(pos, sentence.span.end, index, anchors, &mut anchored);
        if stream.tokens.len() > tokens_from {
            stream.layout.sentences.push(Stretch {
                paragraph: sentence.paragraph,
                tokens: (tokens_from, stream.tokens.len()),
                anchors: (anchors_from, anchored),
                claims: (claims_from, next_claim),
            });
        }
    }
    stream.layout.anchor_ids.truncate(anchored);
    stream.layout.anchor_positions.truncate(anchored);
    stream
}

impl Stream<'_> {
    fn push(&mut self, token: Token, span: (u32, u32), hash: u64) {
        self.tokens.push(token);
        self.words.words.push((hash, span.0, span.1));
    }

    /// The words of the text's bytes `from..to` as tokens (see
    /// [`scan_words`]), noting those among `anchors` in the layout's first
    /// `anchored` places (the rest are room ahead).
    fn words_in(
        &mut self,
        from: usize,
        to: usize,
        sentence: usize,
        anchors: &Anchors,
        anchored: &mut usize,
    ) {
        let sentence = narrow(sentence);
        let text = self.words.text;
        scan_words(text, from, to, |span, hash| {
            let at = self.tokens.len();
            let h = hash.unwrap_or_else(|| {
                // A curly apostrophe matches a pattern's straight one.
                let lowered: String = span
                    .slice(text)
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect();
                let h = word_hash(&lowered);
                self.words.unusual.push((at, lowered));
                h
            });
            // Most words are no anchor, at random: each is written in the
            // room ahead, and counted only if it is one, rather than taking
            // a branch the processor would mispredict.
            let id = anchors.id_or_empty(h);
            let layout = &mut self.layout;
            if *anchored >= layout.anchor_ids.len() {
                let room = (*anchored * 2).max(64);
                layout.anchor_ids.resize(room, u32::MAX);
                layout.anchor_positions.resize(room, 0);
            }
            if let Some(slot) = layout.anchor_ids.get_mut(*anchored) {
                *slot = id;
            }
            if let Some(slot) = layout.anchor_positions.get_mut(*anchored) {
                *slot = at;
            }
            *anchored += usize::from(id != u32::MAX);
            let short = |p: usize| u32::try_from(p).unwrap_or(u32::MAX);
            self.push(
                Token {
                    claim: u32::MAX,
                    sentence,
                },
                (short(span.start), short(span.end)),
                h,
            );
        });
    }
}

/// The words of `text`'s bytes `from..to`: letters and digits, with a
/// hyphen or an apostrophe (straight or curly) between two. Each goes to
/// `each` with its [`word_hash`] when it is ASCII (lowercased), `None`
/// otherwise.
fn scan_words(text: &str, from: usize, to: usize, mut each: impl FnMut(Span, Option<u64>)) {
    let Some(seg) = text.as_bytes().get(from..to) else {
        return;
    };
    // The char at `k` (not ASCII), when it is a letter or digit.
    let wide = |k: usize| {
        text.get(from + k..to)
            .and_then(|r| r.chars().next())
            .filter(|c| c.is_alphanumeric())
    };
    let word_at = |k: usize| match seg.get(k) {
        Some(&b) if b.is_ascii() => CLASS[usize::from(b)] == ALNUM,
        Some(_) => wide(k).is_some(),
        None => false,
    };
    let mut k = 0;
    while let Some(&b) = seg.get(k) {
        match CLASS[usize::from(b)] {
            ALNUM => {}
            WIDE if wide(k).is_some() => {}
            WIDE => {
                k += utf8_len(b);
                continue;
            }
            _ => {
                k += 1;
                continue;
            }
        }
        // Most words: fewer than eight ASCII letters and digits, then
        // neither a hyphen nor an apostrophe nor a wide char. Their end is
        // found and their hash taken without a branch on their length.
        let start = k;
        let x = load8(seg, k);
        let n = alnum_prefix(x);
        // One call of `each` for both kinds of word, so that it is inlined.
        let hash = if n < 8 && ends_word(seg.get(k + n).copied()) {
            k += n;
            Some(hash8(x, n))
        } else {
            let ascii = longer_word(seg, &mut k, word_at, wide);
            ascii.then(|| hash_lowered(seg.get(start..k).unwrap_or_default()))
        };
        each(Span::new(from + start, from + k), hash);
    }
}

/// Moves `k` past the word at it that is not a short ASCII one (see
/// [`scan_words`]); whether the word is ASCII.
#[inline(never)]
fn longer_word(
    seg: &[u8],
    k: &mut usize,
    word_at: impl Fn(usize) -> bool,
    wide: impl Fn(usize) -> Option<char>,
) -> bool {
    let mut ascii = true;
    loop {
        *k += ascii_alnum_len(seg, *k);
        match seg.get(*k) {
            Some(b'-' | b'\'') if word_at(*k + 1) => *k += 1,
            Some(&c) if !c.is_ascii() => {
                if let Some(w) = wide(*k) {
                    *k += w.len_utf8();
                } else if seg.get(*k..).is_some_and(|r| r.starts_with("’".as_bytes()))
                    && word_at(*k + 3)
                {
                    *k += 3;
                } else {
                    return ascii;
                }
                ascii = false;
            }
            _ => return ascii,
        }
    }
}

/// [`CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] of a byte of a char that is not ASCII.
const WIDE: u8 = 2;

/// Each byte's class for [`scan_words`]: [`ALNUM`], [`WIDE`] or 0.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() {
            ALNUM
        } else if byte >= 0x80 {
            WIDE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The length of the UTF-8 sequence a leading byte opens.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}
