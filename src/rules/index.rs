//! Where the claims and the pattern words sit in a document's token stream,
//! so that the matcher visits only tokens that can start a match or end a
//! gap (`{a} ... {b}` jumps from figure to figure), not every token.

use super::tokens::{Lowered, Token};
use crate::claims::Claim;

/// The words a rule set's patterns look up (see [`super::pattern::Pattern::anchors`])
/// or require (see [`super::pattern::Pattern::required_words`]), with a
/// 1,024-bit filter so that most tokens are rejected in one test. Each has
/// an id, its place in the sorted list.
#[derive(Debug, Clone)]
pub struct Anchors {
    hashes: Vec<u64>,
    bloom: [u64; 16],
}

impl Anchors {
    /// The anchors of `patterns`.
    pub fn of<'p>(patterns: impl IntoIterator<Item = &'p super::pattern::Pattern>) -> Self {
        let mut hashes = Vec::new();
        for p in patterns {
            p.anchors(&mut hashes);
            hashes.extend(p.required_words().into_iter().flatten());
        }
        hashes.sort_unstable();
        hashes.dedup();
        let mut bloom = [0; 16];
        for &h in &hashes {
            let (word, bit) = Self::slot(h);
            bloom[word] |= bit;
        }
        Anchors { hashes, bloom }
    }

    fn slot(hash: u64) -> (usize, u64) {
        (((hash >> 60) & 15) as usize, 1 << ((hash >> 54) & 63))
    }

    /// Whether `hash` is an anchor's.
    pub fn contains(&self, hash: u64) -> bool {
        self.id(hash).is_some()
    }

    /// The id of the anchor whose hash is `hash`, if it is one.
    pub fn id(&self, hash: u64) -> Option<usize> {
        let (word, bit) = Self::slot(hash);
        if self.bloom[word] & bit == 0 {
            return None;
        }
        self.hashes.binary_search(&hash).ok()
    }

    /// How many anchors there are (ids run below it).
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Positions of claim tokens, and of word tokens by [`super::tokens::word_hash`]
/// for the words some pattern names (its anchors).
#[derive(Debug, Clone)]
pub struct Index<'a> {
    /// The words indexed: others are not in `words`.
    anchors: &'a Anchors,
    /// Token positions of claims, ascending.
    claims: Vec<usize>,
    /// (hash, position) of each anchor word's token, sorted.
    words: Vec<(u64, usize)>,
    /// (key, "" for none; position) of each claim token, sorted by the key
    /// ignoring ASCII case, then position: the candidates of a
    /// `a.key == b.key` join.
    keys: Vec<(&'a str, usize)>,
}

impl<'a> Index<'a> {
    /// Indexes `tokens`, with the words of `anchors`.
    pub fn new(
        tokens: &[Token],
        lowered: &Lowered,
        claims_of: &'a [Claim],
        anchors: &'a Anchors,
    ) -> Self {
        let mut claims = Vec::new();
        let mut words = Vec::new();
        let mut keys = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if let Some(c) = t.claim() {
                claims.push(i);
                let key = claims_of.get(c).and_then(|c| c.key.as_deref());
                keys.push((key.unwrap_or(""), i));
                continue;
            }
            let h = lowered.hash(i);
            if anchors.contains(h) {
                words.push((h, i));
            }
        }
        words.sort_unstable();
        keys.sort_unstable_by(|a, b| by_key(*a, *b));
        Index {
            anchors,
            claims,
            words,
            keys,
        }
    }

    /// Claim token positions in `from..to`, ascending.
    pub fn claims_in(&self, from: usize, to: usize) -> &[usize] {
        let a = self.claims.partition_point(|&p| p < from);
        let b = self.claims.partition_point(|&p| p < to);
        self.claims.get(a..b).unwrap_or_default()
    }

    /// Positions in `from..to` of the claims whose key equals `key` (as
    /// rules compare text: ignoring ASCII case), ascending.
    pub fn keyed_in(&self, key: &str, from: usize, to: usize) -> &[(&'a str, usize)] {
        let a = self
            .keys
            .partition_point(|&k| by_key(k, (key, from)).is_lt());
        let b = self.keys.partition_point(|&k| by_key(k, (key, to)).is_lt());
        self.keys.get(a..b).unwrap_or_default()
    }

    /// Positions in `from..to` of the word with hash `hash`, ascending; `None`
    /// when that word is not indexed (the caller must look at every token).
    pub fn word_in(&self, hash: u64, from: usize, to: usize) -> Option<&[(u64, usize)]> {
        if !self.anchors.contains(hash) {
            return None;
        }
        let a = self.words.partition_point(|&k| k < (hash, from));
        let b = self.words.partition_point(|&k| k < (hash, to));
        Some(self.words.get(a..b).unwrap_or_default())
    }
}

/// Orders (key, position) pairs by key ignoring ASCII case, then position.
fn by_key(a: (&str, usize), b: (&str, usize)) -> std::cmp::Ordering {
    a.0.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.0.bytes().map(|c| c.to_ascii_lowercase()))
        .then(a.1.cmp(&b.1))
}
