//! The scope units of a document's token stream (sentences, paragraphs, the
//! whole document), computed once per document for every rule, each with
//! the claim kinds and the pattern words it holds, so that rules skip units
//! they cannot match in.

use super::Scope;
use super::index::Anchors;
use super::pattern::kind_bit;
use super::tokens::{Layout, Stretch};
use crate::claims::{Claim, ClaimKind};

const KINDS: usize = ClaimKind::ALL.len();

/// One scope unit: a token range, the kinds of claim in it, and where its
/// words that patterns name sit in [`Units::words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// [`kind_bit`]s of the claims it holds.
    pub kinds: u32,
    /// How many claims it holds.
    pub claims: usize,
    /// The first of them, by index.
    claims_from: usize,
    /// How many claims of each kind it holds, by [`ClaimKind`] order.
    by_kind: [u32; KINDS],
    /// Its first entry in [`Units::words`].
    words_from: usize,
    /// One past its last entry there.
    words_to: usize,
    /// Its first word of [`Units::bits`].
    bits_from: usize,
}

/// A run of whole paragraphs, as the units of each scope in it (index
/// ranges): see [`Units::blocks`]. It means something only to the units
/// that made it: with others it names other units, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    sentences: std::ops::Range<usize>,
    paragraphs: std::ops::Range<usize>,
    document: std::ops::Range<usize>,
}

/// A unit's claim kinds and count, kept apart from the unit: a rule's pass
/// over a scope's units then reads 8 bytes a unit, not a whole [`Unit`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Brief {
    kinds: u32,
    claims: u32,
}

impl Brief {
    fn of(unit: &Unit) -> Self {
        Brief {
            kinds: unit.kinds,
            claims: u32::try_from(unit.claims).unwrap_or(u32::MAX),
        }
    }
}

impl Block {
    /// The indices of its units of `scope`.
    fn of(&self, scope: Scope) -> std::ops::Range<usize> {
        match scope {
            Scope::Sentence => self.sentences.clone(),
            Scope::Paragraph => self.paragraphs.clone(),
            Scope::Document => self.document.clone(),
        }
    }
}

/// The units of every scope.
#[derive(Debug, Clone, Default)]
pub struct Units {
    sentences: Vec<Unit>,
    paragraphs: Vec<Unit>,
    document: Vec<Unit>,
    /// Each scope's units in brief (sentences, paragraphs, the document).
    briefs: [Vec<Brief>; 3],
    /// The anchor id of each word token that is an anchor, in text order.
    words: Vec<u32>,
    /// The token position of each of `words`.
    positions: Vec<usize>,
    /// The token position of each claim, in claim order.
    claim_positions: Vec<usize>,
    /// For each unit (sentences, paragraphs, then the document), the anchor
    /// ids of its words as a bit set of `stride` words: whether it holds a
    /// word of a set is then a few word-wide tests, however long it is.
    bits: Vec<u64>,
    stride: usize,
}

impl Unit {
    /// How many claims it holds of the kinds in `mask` ([`kind_bit`]s).
    pub fn claims_of(&self, mask: u32) -> usize {
        // A kind's bit is 1 shifted by its index in `by_kind`: only the
        // mask's bits are visited.
        let (mut bits, mut n) = (mask, 0);
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            n += self.by_kind.get(k).map_or(0, |&c| c as usize);
            bits &= bits - 1;
        }
        n
    }
}

impl Units {
    /// The units of every scope of a token stream laid out as `layout`
    /// says, with its `claims`: a unit a sentence, a run of sentences of one
    /// paragraph or the whole stream, built from the sentences' stretches
    /// rather than token by token.
    pub fn new(layout: Layout, claims: &[Claim], anchors: &Anchors) -> Self {
        let Layout {
            anchor_ids,
            anchor_positions,
            claim_positions,
            sentences,
        } = layout;
        // The unit from stretch `first` to stretch `last`.
        let unit = |first: &Stretch, last: &Stretch| {
            let mine = claims
                .get(first.claims.0..last.claims.1)
                .unwrap_or_default();
            let mut by_kind = [0u32; KINDS];
            for claim in mine {
                if let Some(n) = by_kind.get_mut(claim.kind as usize) {
                    *n += 1;
                }
            }
            let kinds = ClaimKind::ALL
                .iter()
                .filter(|k| by_kind.get(**k as usize).is_some_and(|&n| n > 0))
                .fold(0, |m, k| m | kind_bit(*k));
            Unit {
                start: first.tokens.0,
                end: last.tokens.1,
                kinds,
                claims: mine.len(),
                claims_from: first.claims.0,
                by_kind,
                words_from: first.anchors.0,
                words_to: last.anchors.1,
                bits_from: 0,
            }
        };
        // A paragraph's index bounds the count before it: sized once.
        let mut paragraphs = Vec::with_capacity(
            sentences
                .last()
                .map_or(0, |s| s.paragraph + 1)
                .min(sentences.len()),
        );
        let mut opened = 0;
        for (k, stretch) in sentences.iter().enumerate() {
            let closes = sentences
                .get(k + 1)
                .is_none_or(|next| next.paragraph != stretch.paragraph);
            if closes && let Some(first) = sentences.get(opened) {
                paragraphs.push(unit(first, stretch));
                opened = k + 1;
            }
        }
        let document = match (sentences.first(), sentences.last()) {
            (Some(first), Some(last)) => vec![unit(first, last)],
            _ => Vec::new(),
        };
        let mut units = Units {
            sentences: sentences.iter().map(|s| unit(s, s)).collect(),
            paragraphs,
            document,
            words: anchor_ids,
            positions: anchor_positions,
            claim_positions,
            bits: Vec::new(),
            stride: anchors.len().div_ceil(64),
            briefs: Default::default(),
        };
        units.briefs = [
            units.sentences.iter().map(Brief::of).collect(),
            units.paragraphs.iter().map(Brief::of).collect(),
            units.document.iter().map(Brief::of).collect(),
        ];
        units.set_bits();
        units
    }

    /// Fills [`Units::bits`]: each token's word is counted once per scope.
    fn set_bits(&mut self) {
        let stride = self.stride;
        let count = self.sentences.len() + self.paragraphs.len() + self.document.len();
        let mut bits = vec![0u64; count * stride];
        let mut next = 0;
        for unit in self
            .sentences
            .iter_mut()
            .chain(&mut self.paragraphs)
            .chain(&mut self.document)
        {
            unit.bits_from = next;
            if let (Some(set), Some(ids)) = (
                bits.get_mut(next..next + stride),
                self.words.get(unit.words_from..unit.words_to),
            ) {
                for &id in ids {
                    let id = id as usize;
                    if let Some(word) = set.get_mut(id / 64) {
                        *word |= 1 << (id % 64);
                    }
                }
            }
            next += stride;
        }
        self.bits = bits;
    }

    /// The anchor ids of the words `unit` holds, as a bit set.
    pub fn bits(&self, unit: &Unit) -> &[u64] {
        self.bits
            .get(unit.bits_from..unit.bits_from + self.stride)
            .unwrap_or_default()
    }

    /// The units of `scope`.
    pub fn of(&self, scope: Scope) -> &[Unit] {
        match scope {
            Scope::Sentence => &self.sentences,
            Scope::Paragraph => &self.paragraphs,
            Scope::Document => &self.document,
        }
    }

    /// The units of `scope` that hold a claim, in text order: a pattern
    /// captures, so no match lies in any other.
    pub fn holding(&self, scope: Scope) -> impl Iterator<Item = &Unit> {
        self.of(scope).iter().filter(|u| u.claims > 0)
    }

    /// [`Units::holding`] among the units of `block`, keeping only those
    /// that hold at least `least` claims and, for each mask of `required`,
    /// a claim of a kind in it: the test most units fail, read from their
    /// briefs.
    pub fn holding_kinds_in<'s>(
        &'s self,
        scope: Scope,
        block: &Block,
        least: usize,
        required: &'s [u32],
    ) -> impl Iterator<Item = &'s Unit> {
        let range = block.of(scope);
        let least = u32::try_from(least.max(1)).unwrap_or(u32::MAX);
        self.briefs(scope)
            .get(range.clone())
            .unwrap_or_default()
            .iter()
            .zip(self.of(scope).get(range).unwrap_or_default())
            .filter(move |(b, _)| b.claims >= least && required.iter().all(|r| r & b.kinds != 0))
            .map(|(_, u)| u)
    }

    /// The briefs of `scope`'s units, in the same order.
    fn briefs(&self, scope: Scope) -> &[Brief] {
        let [sentences, paragraphs, document] = &self.briefs;
        match scope {
            Scope::Sentence => sentences,
            Scope::Paragraph => paragraphs,
            Scope::Document => document,
        }
    }

    /// Every unit, as one block.
    pub fn whole(&self) -> Block {
        Block {
            sentences: 0..self.sentences.len(),
            paragraphs: 0..self.paragraphs.len(),
            document: 0..self.document.len(),
        }
    }

    /// The units cut into blocks of whole paragraphs, each of at least
    /// `tokens` tokens but the last; the document is in the first.
    pub fn blocks(&self, tokens: usize) -> Vec<Block> {
        let mut blocks = Vec::new();
        let (mut sentence, mut paragraph, mut start) = (0, 0, 0);
        for (k, p) in self.paragraphs.iter().enumerate() {
            if p.end.saturating_sub(start) < tokens || k + 1 == self.paragraphs.len() {
                continue;
            }
            // The paragraph's sentences are the last to start before its end.
            let rest = self.sentences.get(sentence..).unwrap_or_default();
            let to = sentence + rest.partition_point(|s| s.start < p.end);
            blocks.push(Block {
                sentences: sentence..to,
                paragraphs: paragraph..k + 1,
                document: 0..0,
            });
            (sentence, paragraph, start) = (to, k + 1, p.end);
        }
        blocks.push(Block {
            sentences: sentence..self.sentences.len(),
            paragraphs: paragraph..self.paragraphs.len(),
            document: 0..0,
        });
        if let Some(first) = blocks.first_mut() {
            first.document = 0..self.document.len();
        }
        blocks
    }

    /// The token position of each claim, in claim order.
    pub fn claim_positions(&self) -> &[usize] {
        &self.claim_positions
    }

    /// The token positions of the claims `unit` holds, ascending.
    pub fn claims_at(&self, unit: &Unit) -> &[usize] {
        self.claim_positions
            .get(unit.claims_from..unit.claims_from + unit.claims)
            .unwrap_or_default()
    }

    /// (anchor id, token position) of every word that is an anchor.
    pub fn anchored(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.words
            .iter()
            .copied()
            .zip(self.positions.iter().copied())
    }

    /// The token positions of the words of [`Units::words`] for `unit`.
    pub fn positions(&self, unit: &Unit) -> &[usize] {
        self.positions
            .get(unit.words_from..unit.words_to)
            .unwrap_or_default()
    }

    /// The anchor ids of the words `unit` holds, in text order.
    pub fn words(&self, unit: &Unit) -> &[u32] {
        self.words
            .get(unit.words_from..unit.words_to)
            .unwrap_or_default()
    }
}

/// A rule's word sets (see [`super::pattern::Pattern::required_words`]) as
/// bit sets over anchor ids, so that whether a unit holds a word of each is
/// exact and costs, for each set, a test of a few words of bits.
#[derive(Debug, Clone, Default)]
pub struct WordNeeds {
    sets: Vec<Vec<u64>>,
}

impl WordNeeds {
    /// The needs of `required` (each set as sorted word hashes), or `None`
    /// if a word is not among `anchors` (which then cannot tell).
    pub fn of(required: &[Vec<u64>], anchors: &Anchors) -> Option<Self> {
        let sets = required
            .iter()
            .map(|set| id_bits(set, anchors))
            .collect::<Option<Vec<_>>>()?;
        Some(WordNeeds { sets })
    }

    /// Whether the words whose anchor ids are the bit set `words` (see
    /// [`Units::bits`]) hold a word of every set.
    pub fn met_by(&self, words: &[u64]) -> bool {
        self.sets
            .iter()
            .all(|set| set.iter().zip(words).any(|(a, b)| a & b != 0))
    }
}

/// The words hashed `hashes` as a bit set over anchor ids, or `None` if one
/// is not among `anchors`.
pub fn id_bits(hashes: &[u64], anchors: &Anchors) -> Option<Vec<u64>> {
    let mut bits = vec![0u64; anchors.len().div_ceil(64)];
    for &hash in hashes {
        let id = anchors.id(hash)? as usize;
        *bits.get_mut(id / 64)? |= 1 << (id % 64);
    }
    Some(bits)
}

/// Whether anchor id `id` is in the bit set `bits` (see [`id_bits`]).
#[inline]
pub fn has_id(bits: &[u64], id: u32) -> bool {
    let id = id as usize;
    bits.get(id / 64).is_some_and(|w| w >> (id % 64) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn units_follow_sentences_and_paragraphs_that_hold_tokens() {
        // A sentence of punctuation alone holds no token, and makes no unit.
        let text = "Of 10 cars, 3 were red. No figure here.\n\n\u{2014}\n\nIt cost $5 in 2021.";
        let document = Document::new("t", text);
        let claims = crate::extract_claims(&document, None);
        let anchors = Anchors::of(&[]);
        let stream = super::super::tokens::tokenize(&document, &claims, &anchors);
        let units = Units::new(stream.layout, &claims, &anchors);
        let counts = |scope| -> Vec<(usize, usize)> {
            units
                .of(scope)
                .iter()
                .map(|u| (u.end - u.start, u.claims))
                .collect()
        };
        assert_eq!(document.sentences.len(), 4);
        assert_eq!(counts(Scope::Sentence), [(6, 2), (3, 0), (5, 2)]);
        assert_eq!(counts(Scope::Paragraph), [(9, 2), (5, 2)]);
        assert_eq!(counts(Scope::Document), [(14, 4)]);
        let held: Vec<usize> = units.holding(Scope::Sentence).map(|u| u.start).collect();
        assert_eq!(held, [0, 9]);
        assert_eq!(units.claim_positions(), [1, 3, 11, 13]);
        let money = kind_bit(ClaimKind::Money);
        assert_eq!(
            units
                .of(Scope::Paragraph)
                .get(1)
                .map(|u| u.claims_of(money)),
            Some(1)
        );
        assert_eq!(claims_of_unit(&units, Scope::Paragraph, 1), [11, 13]);
        // By kind: only the sentence with money holds money; two claims
        // of any kind, both figure sentences; three, none.
        let whole = units.whole();
        let starts = |least, required: &[u32]| -> Vec<usize> {
            units
                .holding_kinds_in(Scope::Sentence, &whole, least, required)
                .map(|u| u.start)
                .collect()
        };
        assert_eq!(starts(0, &[money]), [9]);
        assert_eq!(starts(2, &[]), [0, 9]);
        assert_eq!(starts(3, &[]), Vec::<usize>::new());
        assert_eq!(starts(0, &[money, kind_bit(ClaimKind::Date)]), [9]);
    }

    fn claims_of_unit(units: &Units, scope: Scope, k: usize) -> Vec<usize> {
        units
            .of(scope)
            .get(k)
            .map(|u| units.claims_at(u).to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn blocks_hold_every_unit_once_in_text_order() {
        // 60 paragraphs of two sentences (12 tokens each), some without a
        // figure; blocks of at least 100 tokens.
        let text: String = (0..60)
            .map(|k| {
                if k % 3 == 0 {
                    "No figure is here at all. None is here either.\n\n".to_string()
                } else {
                    format!(
                        "Of {k} cars, 3 were red today. It cost $5 in {}.\n\n",
                        1990 + k
                    )
                }
            })
            .collect();
        let document = Document::new("t", text);
        let claims = crate::extract_claims(&document, None);
        let anchors = Anchors::of(&[]);
        let stream = super::super::tokens::tokenize(&document, &claims, &anchors);
        let units = Units::new(stream.layout, &claims, &anchors);
        let blocks = units.blocks(100);
        assert!(blocks.len() >= 6, "{} blocks", blocks.len());
        for scope in [Scope::Sentence, Scope::Paragraph, Scope::Document] {
            let whole: Vec<Unit> = units.holding(scope).copied().collect();
            let blocked: Vec<Unit> = blocks
                .iter()
                .flat_map(|b| units.holding_kinds_in(scope, b, 0, &[]).copied())
                .collect();
            assert_eq!(blocked, whole, "{scope:?}");
        }
        // A block closes on a paragraph's end: no sentence crosses it.
        for pair in blocks.windows(2) {
            let last = pair[0]
                .sentences
                .end
                .checked_sub(1)
                .and_then(|k| units.sentences.get(k));
            let first = units.sentences.get(pair[1].sentences.start);
            assert!(last.zip(first).is_some_and(|(a, b)| a.end <= b.start));
            assert_eq!(pair[0].paragraphs.end, pair[1].paragraphs.start);
        }
        assert_eq!(blocks.iter().filter(|b| !b.document.is_empty()).count(), 1);
        assert_eq!(units.blocks(usize::MAX), [units.whole()]);
        // Each unit's claims, by position.
        let k = blocks[1].paragraphs.start;
        let expected: Vec<usize> = units
            .claim_positions()
            .iter()
            .copied()
            .filter(|&p| {
                units
                    .paragraphs
                    .get(k)
                    .is_some_and(|u| (u.start..u.end).contains(&p))
            })
            .collect();
        assert_eq!(claims_of_unit(&units, Scope::Paragraph, k), expected);
    }
}
