//! The scope units of a document's token stream (sentences, paragraphs, the
//! whole document), computed once per document for every rule, each with
//! the set of claim kinds it holds so that rules skip units they cannot
//! match in.

use super::Scope;
use super::pattern::kind_bit;
use super::tokens::{Lowered, Token};
use crate::claims::Claim;

/// One scope unit: a token range and the kinds of claim in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// [`kind_bit`]s of the claims it holds.
    pub kinds: u32,
    /// [`word_bit`]s of the words it holds.
    pub words: u64,
}

/// One bit standing for a word (by its hash), for a quick test that a unit
/// may hold a word a pattern needs.
pub fn word_bit(hash: u64) -> u64 {
    1 << (hash >> 58)
}

/// The units of every scope.
#[derive(Debug, Clone, Default)]
pub struct Units {
    sentences: Vec<Unit>,
    paragraphs: Vec<Unit>,
    document: Vec<Unit>,
}

impl Units {
    /// Splits `tokens` into units; one pass per scope.
    pub fn new(tokens: &[Token], claims: &[Claim], words: &Lowered) -> Self {
        Units {
            sentences: split(tokens, claims, words, |t| t.sentence),
            paragraphs: split(tokens, claims, words, |t| t.paragraph),
            document: split(tokens, claims, words, |_| 0),
        }
    }

    /// The units of `scope`.
    pub fn of(&self, scope: Scope) -> &[Unit] {
        match scope {
            Scope::Sentence => &self.sentences,
            Scope::Paragraph => &self.paragraphs,
            Scope::Document => &self.document,
        }
    }
}

fn split(
    tokens: &[Token],
    claims: &[Claim],
    lowered: &Lowered,
    key: impl Fn(&Token) -> usize,
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let (bit, word) = match token.claim() {
            Some(c) => (claims.get(c).map_or(0, |c| kind_bit(c.kind)), 0),
            None => (0, word_bit(lowered.hash(i))),
        };
        match out.last_mut() {
            Some(unit) if key(&tokens[unit.start]) == key(token) => {
                unit.end = i + 1;
                unit.kinds |= bit;
                unit.words |= word;
            }
            _ => out.push(Unit {
                start: i,
                end: i + 1,
                kinds: bit,
                words: word,
            }),
        }
    }
    out
}
