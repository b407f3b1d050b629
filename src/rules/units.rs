//! The scope units of a document's token stream (sentences, paragraphs, the
//! whole document), computed once per document for every rule, each with
//! the set of claim kinds it holds so that rules skip units they cannot
//! match in.

use super::Scope;
use super::pattern::kind_bit;
use super::tokens::Token;
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
    pub fn new(tokens: &[Token], claims: &[Claim]) -> Self {
        Units {
            sentences: split(tokens, claims, |t| t.sentence),
            paragraphs: split(tokens, claims, |t| t.paragraph),
            document: split(tokens, claims, |_| 0),
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

fn split(tokens: &[Token], claims: &[Claim], key: impl Fn(&Token) -> usize) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let bit = token
            .claim()
            .and_then(|c| claims.get(c))
            .map_or(0, |c| kind_bit(c.kind));
        match out.last_mut() {
            Some(unit) if key(&tokens[unit.start]) == key(token) => {
                unit.end = i + 1;
                unit.kinds |= bit;
            }
            _ => out.push(Unit {
                start: i,
                end: i + 1,
                kinds: bit,
            }),
        }
    }
    out
}
