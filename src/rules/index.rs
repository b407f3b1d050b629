//! Where the claims and the pattern words sit in a document's token stream,
//! so that the matcher visits only tokens that can start a match or end a
//! gap (`{a} ... {b}` jumps from figure to figure), not every token.

use super::units::Units;
use crate::claims::Claim;

/// The words a rule set's patterns look up (see [`super::pattern::Pattern::anchors`])
/// or require (see [`super::pattern::Pattern::required_words`]). Each has an
/// id, its place in the sorted list. Every token of a document is looked up,
/// and most are no anchor, so the look-up takes no branch: each anchor sits
/// in one of two slots its hash names (cuckoo hashing), and both are read
/// and compared.
#[derive(Debug, Clone)]
pub struct Anchors {
    hashes: Vec<u64>,
    /// (hash, id) slots; `EMPTY` ids mark free ones. Hashes and ids apart,
    /// and about two slots an anchor, so that the table stays in the first
    /// level of cache as the token stream is written past it (the built-in
    /// pack's 232 anchors take 6 KiB).
    slot_hashes: Vec<u64>,
    slot_ids: Vec<u32>,
    /// A slot number's bits; `usize::MAX` for a table that is probed.
    mask: usize,
}

const EMPTY: u32 = u32::MAX;

/// The most slots tried for [`Anchors`]: 2^20 (12 MiB). A set of anchors
/// that will not sit in their two slots even then (no real pack comes near)
/// is looked up by probing, as [`Anchors::probe`] does.
const MOST_SLOTS: usize = 1 << 20;

/// How many anchors one insertion may move on before the table is taken as
/// too full and doubled.
const MOST_MOVES: usize = 64;

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
        Self::of_hashes(hashes)
    }

    /// The anchors whose word hashes are `hashes`.
    fn of_hashes(mut hashes: Vec<u64>) -> Self {
        hashes.sort_unstable();
        hashes.dedup();
        // Two slots an anchor; more when the anchors will not go in.
        let mut slots = (hashes.len() * 2).next_power_of_two().max(16);
        loop {
            let (table, mask) = match Self::placed(&hashes, slots) {
                Some(table) => (table, slots - 1),
                None if slots >= MOST_SLOTS => (Self::probed(&hashes, slots), usize::MAX),
                None => {
                    slots *= 2;
                    continue;
                }
            };
            let (slot_hashes, slot_ids) = table.into_iter().unzip();
            return Anchors {
                hashes,
                slot_hashes,
                slot_ids,
                mask,
            };
        }
    }

    /// The first of a hash's two slots, before masking (and the start of
    /// its probe): bits 0 to 19, each mixed with another.
    fn home(hash: u64) -> usize {
        (hash ^ (hash >> 29)) as usize
    }

    /// The second of a hash's two slots, before masking: bits 32 to 51.
    fn other(hash: u64) -> usize {
        (hash >> 32) as usize
    }

    /// The table of `slots` slots with each anchor in one of its two slots,
    /// if they fit so: each anchor goes in its first slot, and moves the one
    /// there on to that one's other slot, and so on (cuckoo hashing).
    fn placed(hashes: &[u64], slots: usize) -> Option<Vec<(u64, u32)>> {
        let mask = slots - 1;
        let mut table = vec![(0, EMPTY); slots];
        for (id, &h) in hashes.iter().enumerate() {
            let mut moving = (h, u32::try_from(id).unwrap_or(EMPTY));
            let mut slot = Self::home(h) & mask;
            let mut settled = false;
            for _ in 0..MOST_MOVES {
                let entry = table.get_mut(slot)?;
                std::mem::swap(entry, &mut moving);
                if moving.1 == EMPTY {
                    settled = true;
                    break;
                }
                // The one moved out goes to its slot other than this one.
                let home = Self::home(moving.0) & mask;
                slot = if home == slot {
                    Self::other(moving.0) & mask
                } else {
                    home
                };
            }
            if !settled {
                return None;
            }
        }
        Some(table)
    }

    /// A table of `slots` slots with linear probing, for [`Anchors::probe`].
    fn probed(hashes: &[u64], slots: usize) -> Vec<(u64, u32)> {
        let mut table = vec![(0, EMPTY); slots];
        let mask = slots - 1;
        for (id, &h) in hashes.iter().enumerate() {
            let mut slot = Self::home(h) & mask;
            while table.get(slot).is_some_and(|&(_, i)| i != EMPTY) {
                slot = (slot + 1) & mask;
            }
            if let Some(entry) = table.get_mut(slot) {
                *entry = (h, u32::try_from(id).unwrap_or(EMPTY));
            }
        }
        table
    }

    /// The id of the anchor whose hash is `hash`, if it is one.
    pub fn id(&self, hash: u64) -> Option<u32> {
        let id = self.id_or_empty(hash);
        (id != EMPTY).then_some(id)
    }

    /// [`Anchors::id`], `u32::MAX` for none: what the token stream tests
    /// without a branch.
    pub(crate) fn id_or_empty(&self, hash: u64) -> u32 {
        if self.mask == usize::MAX {
            return self.probe(hash);
        }
        // A free slot's id is EMPTY whatever its hash.
        let pick = |s: usize| {
            let h = self.slot_hashes.get(s).copied().unwrap_or(0);
            let id = self.slot_ids.get(s).copied().unwrap_or(EMPTY);
            std::hint::select_unpredictable(h == hash, id, EMPTY)
        };
        pick(Self::home(hash) & self.mask).min(pick(Self::other(hash) & self.mask))
    }

    /// The look-up of a table built by [`Anchors::probed`].
    fn probe(&self, hash: u64) -> u32 {
        let mask = self.slot_ids.len().wrapping_sub(1);
        let mut slot = Self::home(hash) & mask;
        loop {
            let (Some(&h), Some(&id)) = (self.slot_hashes.get(slot), self.slot_ids.get(slot))
            else {
                return EMPTY;
            };
            if id == EMPTY || h == hash {
                return id;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Hashes spread as word hashes are (splitmix64).
    fn spread(n: u64) -> Vec<u64> {
        (1..=n)
            .map(|i| {
                let mut z = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^ (z >> 31)
            })
            .collect()
    }

    #[test]
    fn every_anchor_is_found_and_nothing_else() {
        let hashes = spread(5_000);
        let (anchors, others) = hashes.split_at(2_500);
        let table = Anchors::of_hashes(anchors.to_vec());
        assert_ne!(table.mask, usize::MAX, "two slots an anchor suffice");
        let mut sorted = anchors.to_vec();
        sorted.sort_unstable();
        for (id, &h) in sorted.iter().enumerate() {
            assert_eq!(table.id(h), Some(id as u32));
        }
        assert!(others.iter().all(|&h| table.id(h).is_none()));
        assert_eq!(Anchors::of_hashes(Vec::new()).id(7), None);
    }

    #[test]
    fn anchors_that_share_both_slots_at_every_size_are_probed() {
        // Three hashes apart only in bits neither slot reads: no table up
        // to the largest holds them in their two slots.
        let hashes: Vec<u64> = [5u64, 5 | (1 << 60), 5 | (2 << 60)].to_vec();
        let mask = MOST_SLOTS - 1;
        assert!(hashes.iter().all(|&h| Anchors::home(h) & mask == 5));
        assert!(hashes.iter().all(|&h| Anchors::other(h) & mask == 0));
        let table = Anchors::of_hashes(hashes.clone());
        assert_eq!(table.mask, usize::MAX);
        let mut sorted = hashes;
        sorted.sort_unstable();
        for (id, &h) in sorted.iter().enumerate() {
            assert_eq!(table.id(h), Some(id as u32));
        }
        assert_eq!(table.id(6), None);
    }

    #[test]
    fn the_table_grows_at_most_once_past_two_slots_an_anchor() {
        // Cuckoo placement fills half a table of random hashes: each set
        // goes in the first size tried or the next.
        for n in [1, 7, 100, 232, 1_000, 2_500] {
            let table = Anchors::of_hashes(spread(n));
            let first = (n as usize * 2).next_power_of_two().max(16);
            assert!(
                table.slot_ids.len() <= first * 2,
                "{n}: {}",
                table.slot_ids.len()
            );
        }
    }
}
