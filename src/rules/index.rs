//! Where the claims and the pattern words sit in a document's token stream,
//! so that the matcher visits only tokens that can start a match or end a
//! gap (`{a} ... {b}` jumps from figure to figure), not every token.

use super::units::Units;
use crate::claims::Claim;

/// The words a rule set's patterns look up (see [`super::pattern::Pattern::anchors`])
/// or require (see [`super::pattern::Pattern::required_words`]). Each has an
/// id, its place in the sorted list; an open-addressing table at most half
/// full finds a token's in a probe or two, as every token is looked up.
#[derive(Debug, Clone)]
pub struct Anchors {
    hashes: Vec<u64>,
    /// (hash, id) slots; `EMPTY` ids mark free ones.
    table: Vec<(u64, u32)>,
}

const EMPTY: u32 = u32::MAX;

impl Anchors {
    /// The anchors of `rules`' patterns, and the words they require.
    pub fn of(rules: &[super::Rule]) -> Self {
        let mut hashes = Vec::new();
        for rule in rules {
            for p in &rule.patterns {
                p.anchors(&mut hashes);
            }
            hashes.extend(rule.required_words.iter().flatten());
        }
        hashes.sort_unstable();
        hashes.dedup();
        // A quarter full: most words of prose are no anchor, and a miss
        // ends at the first free slot.
        let mut table = vec![(0, EMPTY); (hashes.len() * 4).next_power_of_two().max(16)];
        let mask = table.len() - 1;
        for (id, &h) in hashes.iter().enumerate() {
            let mut slot = Self::home(h) & mask;
            while table.get(slot).is_some_and(|&(_, i)| i != EMPTY) {
                slot = (slot + 1) & mask;
            }
            if let Some(entry) = table.get_mut(slot) {
                *entry = (h, u32::try_from(id).unwrap_or(EMPTY));
            }
        }
        Anchors { hashes, table }
    }

    fn home(hash: u64) -> usize {
        (hash ^ (hash >> 29)) as usize
    }

    /// The id of the anchor whose hash is `hash`, if it is one.
    pub fn id(&self, hash: u64) -> Option<u32> {
        let mask = self.table.len().wrapping_sub(1);
        let mut slot = Self::home(hash) & mask;
        loop {
            let &(h, id) = self.table.get(slot)?;
            if id == EMPTY {
                return None;
            }
            if h == hash {
                return Some(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// How many anchors there are (ids run below it).
    pub(crate) fn len(&self) -> usize {
        self.hashes.len()
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
    /// (anchor id, position) of each anchor word's token, sorted.
    words: Vec<(u32, usize)>,
    /// (key, "" for none; position) of each claim token, sorted by the key
    /// ignoring ASCII case, then position: the candidates of a
    /// `a.key == b.key` join.
    keys: Vec<(&'a str, usize)>,
}

impl<'a> Index<'a> {
    /// Indexes the claims and the words of `anchors` whose places `units`
    /// holds (built with the same anchors).
    pub fn new(units: &Units, claims_of: &'a [Claim], anchors: &'a Anchors) -> Self {
        let figures = claims_of.len();
        let mut claims = Vec::with_capacity(figures);
        let mut keys = Vec::with_capacity(figures);
        for (c, &i) in units.claim_positions().iter().enumerate() {
            claims.push(i);
            let key = claims_of.get(c).and_then(|c| c.key.as_deref());
            keys.push((key.unwrap_or(""), i));
        }
        // Sorted by id with a counting sort: each id's positions come in
        // text order already, so one pass to count and one to place them
        // beat comparing.
        let mut starts = vec![0usize; anchors.len() + 1];
        for (id, _) in units.anchored() {
            if let Some(n) = starts.get_mut(id as usize + 1) {
                *n += 1;
            }
        }
        for k in 1..starts.len() {
            let before = starts.get(k - 1).copied().unwrap_or(0);
            if let Some(n) = starts.get_mut(k) {
                *n += before;
            }
        }
        let mut words: Vec<(u32, usize)> = vec![(0, 0); starts.last().copied().unwrap_or(0)];
        for (id, position) in units.anchored() {
            if let Some(next) = starts.get_mut(id as usize)
                && let Some(slot) = words.get_mut(*next)
            {
                *slot = (id, position);
                *next += 1;
            }
        }
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
    pub fn word_in(&self, hash: u64, from: usize, to: usize) -> Option<&[(u32, usize)]> {
        let id = self.anchors.id(hash)?;
        let a = self.words.partition_point(|&k| k < (id, from));
        let b = self.words.partition_point(|&k| k < (id, to));
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
