//! The pattern language: words, `(a|b c)`, `word?`, `(…)?`, `{name:kind}`,
//! `...` and `..N`, parsed once at load and matched over a token stream.

use crate::claims::{Claim, ClaimKind, Grain};

use super::tokens::{Token, words_of};

/// A pattern parse error at a byte offset of the pattern's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern source.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// A suggested fix, if one is likely.
    pub hint: Option<String>,
}

/// Which claims a capture accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSelector {
    /// One claim kind.
    Kind(ClaimKind),
    /// Any numeric kind (a capture written without a kind).
    Numeric,
    /// A year ("2021").
    Year,
    /// A weekday ("Tuesday").
    Weekday,
    /// A range of figures ("between 12,000 and 9,000", "10-15%").
    Range,
}

/// One bit per claim kind, for quick tests of which kinds a unit holds.
pub fn kind_bit(kind: ClaimKind) -> u32 {
    1 << (kind as u32)
}

/// Names accepted after `:` in a capture.
pub const KIND_NAMES: &[&str] = &[
    "number", "count", "percent", "money", "quantity", "ordinal", "ratio", "date", "duration",
    "age", "weekday", "year", "numeric", "range",
];

impl KindSelector {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "numeric" => KindSelector::Numeric,
            "year" => KindSelector::Year,
            "weekday" => KindSelector::Weekday,
            "range" => KindSelector::Range,
            _ => KindSelector::Kind(*ClaimKind::ALL.iter().find(|k| k.name() == name)?),
        })
    }

    /// The bits of [`kind_bit`] this selector may accept (a superset).
    pub fn bits(&self) -> u32 {
        match self {
            KindSelector::Kind(k) => kind_bit(*k),
            KindSelector::Numeric => ClaimKind::ALL
                .iter()
                .filter(|k| k.is_numeric())
                .fold(0, |m, k| m | kind_bit(*k)),
            KindSelector::Range => ClaimKind::ALL
                .iter()
                .filter(|k| k.is_numeric() || **k == ClaimKind::Duration)
                .fold(0, |m, k| m | kind_bit(*k)),
            KindSelector::Year | KindSelector::Weekday => kind_bit(ClaimKind::Date),
        }
    }

    /// Whether `claim` is of this kind.
    pub fn accepts(&self, claim: &Claim) -> bool {
        match self {
            KindSelector::Kind(k) => claim.kind == *k,
            KindSelector::Numeric => claim.kind.is_numeric(),
            KindSelector::Year => claim.date().is_some_and(|d| d.grain == Grain::Year),
            KindSelector::Weekday => claim.date().is_some_and(|d| d.weekday.is_some()),
            KindSelector::Range => claim.range.is_some(),
        }
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A word, lowercased, with its [`super::tokens::word_hash`], so that
    /// most tokens are told apart from it without comparing text.
    Word {
        /// The word.
        text: String,
        /// Its hash.
        hash: u64,
    },
    /// `{name:kind|kind}`, or `{name:kind+}` for a list of figures.
    Capture {
        /// The capture name.
        name: String,
        /// Accepted kinds (any of them).
        kinds: Vec<KindSelector>,
        /// A list capture: one or more figures of one kind, currency and
        /// unit, written as a list ("A, B and C").
        many: bool,
    },
    /// `...` (no bound) or `..N`.
    Gap {
        /// Most tokens skipped.
        max: Option<usize>,
    },
    /// `(a|b c)` or `(…)?` or `word?`.
    Group {
        /// The alternatives, each a sequence.
        alternatives: Vec<Vec<Element>>,
        /// Whether the whole group may be absent.
        optional: bool,
        /// For each alternative, the [`super::tokens::word_hash`] of the word
        /// it starts with, or 0: the matcher tries only those that fit.
        heads: Vec<u64>,
    },
}

impl Element {
    /// A word element of `text`, already lowercased.
    pub fn word(text: String) -> Self {
        let hash = super::tokens::word_hash(&text);
        Element::Word { text, hash }
    }
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The elements, in order.
    pub elements: Vec<Element>,
    /// What a match can start with, to skip hopeless starts cheaply.
    first: First,
}

/// The tokens a pattern's match can start at: these words (lower case),
/// claims of these kinds ([`kind_bit`]s), or anything.
#[derive(Debug, Clone, Default, PartialEq)]
struct First {
    any: bool,
    /// [`super::tokens::word_hash`] of each word, sorted, once each.
    hashes: Vec<u64>,
    kinds: u32,
}

impl First {
    /// Adds what `elements` can start with; `true` if it may match empty.
    fn add(&mut self, elements: &[Element]) -> bool {
        for e in elements {
            match e {
                Element::Word { hash, .. } => {
                    self.hashes.push(*hash);
                    return false;
                }
                Element::Capture { kinds, .. } => {
                    self.kinds |= selector_bits(kinds);
                    return false;
                }
                Element::Gap { .. } => {
                    self.any = true;
                    return false;
                }
                Element::Group {
                    alternatives,
                    optional,
                    ..
                } => {
                    let mut empty = *optional;
                    for alt in alternatives {
                        empty |= self.add(alt);
                    }
                    if !empty {
                        return false;
                    }
                }
            }
        }
        true
    }
}

impl Pattern {
    /// Each capture name with the [`kind_bit`]s of every claim it may bind.
    pub fn name_kinds(&self, out: &mut Vec<(String, u32)>) {
        name_kinds(&self.elements, out);
    }

    /// Names that every match binds (captures outside optional parts and in
    /// every alternative).
    pub fn bound_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        certain_names(&self.elements, &mut out);
        out
    }
}

impl Pattern {
    /// Word sets a unit must hold one word of for this pattern to match
    /// there, each as the sorted [`super::tokens::word_hash`]es of its words:
    /// each plain word, and for a group, one set of every alternative joined
    /// (so that a unit without any rise or fall verb skips a rule about
    /// rises and falls).
    pub fn required_words(&self) -> Vec<Vec<u64>> {
        required_words(&self.elements)
    }

    /// The hashes of the words a match can start with (sorted), or `None`
    /// when it can start anywhere; it can also start at a claim.
    pub fn first_words(&self) -> Option<&[u64]> {
        (!self.first.any).then_some(self.first.hashes.as_slice())
    }

    /// The hashes of the words that can start a match or end a gap: the
    /// words the matcher looks up in the [`super::index::Index`].
    pub fn anchors(&self, out: &mut Vec<u64>) {
        out.extend(self.first.hashes.iter().copied());
        anchor_words(&self.elements, out);
    }

    /// Kind sets a unit must hold a claim of for this pattern to match there:
    /// each entry is satisfied by any claim one of its selectors accepts.
    pub fn required_kinds(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for e in &self.elements {
            match e {
                Element::Capture { kinds, .. } => {
                    out.push(selector_bits(kinds));
                }
                Element::Group {
                    alternatives,
                    optional: false,
                    ..
                } => {
                    let mut union = 0;
                    let mut every = true;
                    for alt in alternatives {
                        let mut bits = 0;
                        collect_kinds(alt, &mut bits);
                        every &= bits != 0;
                        union |= bits;
                    }
                    if every {
                        out.push(union);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The hash of the word each alternative starts with, or 0.
fn heads(alternatives: &[Vec<Element>]) -> Vec<u64> {
    alternatives
        .iter()
        .map(|alt| match alt.first() {
            Some(Element::Word { hash, .. }) => *hash,
            _ => 0,
        })
        .collect()
}

/// The words right after a gap, in `elements` and every group in it.
fn anchor_words(elements: &[Element], out: &mut Vec<u64>) {
    for (i, e) in elements.iter().enumerate() {
        match e {
            Element::Gap { .. } => {
                if let Some(Element::Word { hash, .. }) = elements.get(i + 1) {
                    out.push(*hash);
                }
            }
            Element::Group { alternatives, .. } => {
                for alt in alternatives {
                    anchor_words(alt, out);
                }
            }
            _ => {}
        }
    }
}

/// Words too common to tell units apart.
const COMMON: [&str; 20] = [
    "the", "a", "an", "of", "to", "and", "in", "from", "that", "this", "is", "was", "or", "by",
    "with", "for", "on", "at", "its", "their",
];

/// The hashes of [`COMMON`], computed at compile time.
const COMMON_HASHES: [u64; COMMON.len()] = hashes(COMMON);

/// The [`super::tokens::word_hash`]es of `words`, computed at compile time.
const fn hashes<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = super::tokens::word_hash(words[i]);
        i += 1;
    }
    out
}

fn required_words(elements: &[Element]) -> Vec<Vec<u64>> {
    let common = &COMMON_HASHES;
    let mut out = Vec::new();
    for e in elements {
        match e {
            Element::Word { hash, .. } => out.push(vec![*hash]),
            Element::Group {
                alternatives,
                optional: false,
                ..
            } => {
                // Each alternative must give a telling set; the group needs
                // a word of one of them.
                let joined = alternatives.iter().try_fold(Vec::new(), |mut all, alt| {
                    let telling = required_words(alt)
                        .into_iter()
                        .find(|set| set.iter().all(|h| !common.contains(h)))?;
                    all.extend(telling);
                    Some(all)
                });
                if let Some(mut set) = joined {
                    set.sort_unstable();
                    set.dedup();
                    out.push(set);
                }
            }
            _ => {}
        }
    }
    out
}

/// The [`kind_bit`]s any of `kinds` may accept.
fn selector_bits(kinds: &[KindSelector]) -> u32 {
    kinds.iter().fold(0, |m, k| m | k.bits())
}

/// Each capture name with the [`kind_bit`]s of every claim it may bind.
fn name_kinds(elements: &[Element], out: &mut Vec<(String, u32)>) {
    for e in elements {
        match e {
            Element::Capture { name, kinds, .. } => {
                let bits = selector_bits(kinds);
                match out.iter_mut().find(|(n, _)| n == name) {
                    Some((_, b)) => *b |= bits,
                    None => out.push((name.clone(), bits)),
                }
            }
            Element::Group { alternatives, .. } => {
                alternatives.iter().for_each(|a| name_kinds(a, out));
            }
            _ => {}
        }
    }
}

fn collect_kinds(elements: &[Element], out: &mut u32) {
    for e in elements {
        match e {
            Element::Capture { kinds, .. } => *out |= selector_bits(kinds),
            Element::Group { alternatives, .. } => {
                alternatives.iter().for_each(|a| collect_kinds(a, out));
            }
            _ => {}
        }
    }
}

fn certain_names(elements: &[Element], out: &mut Vec<String>) {
    for e in elements {
        match e {
            Element::Capture { name, .. } => out.push(name.clone()),
            Element::Group {
                alternatives,
                optional: false,
                ..
            } => {
                let mut sets = alternatives.iter().map(|alt| {
                    let mut names = Vec::new();
                    certain_names(alt, &mut names);
                    names
                });
                if let Some(first) = sets.next() {
                    let rest: Vec<Vec<String>> = sets.collect();
                    out.extend(
                        first
                            .into_iter()
                            .filter(|n| rest.iter().all(|s| s.contains(n))),
                    );
                }
            }
            _ => {}
        }
    }
}

/// The names a match of `elements` may bind, or the first name one match
/// could bind twice (alternatives of a group are separate matches).
fn possible_names(elements: &[Element]) -> Result<Vec<&str>, String> {
    let mut seen: Vec<&str> = Vec::new();
    for e in elements {
        let names = match e {
            Element::Capture { name, .. } => vec![name.as_str()],
            Element::Group { alternatives, .. } => {
                let mut union = Vec::new();
                for alt in alternatives {
                    union.extend(possible_names(alt)?);
                }
                union
            }
            _ => Vec::new(),
        };
        let mut added = Vec::new();
        for n in names {
            if seen.contains(&n) {
                return Err(n.to_string());
            }
            added.push(n);
        }
        seen.extend(added);
    }
    Ok(seen)
}

/// Parses a pattern source.
pub fn parse(src: &str) -> Result<Pattern, PatternError> {
    let mut p = PatternParser {
        src,
        pos: 0,
        elements: 0,
    };
    let (elements, end) = p.sequence(0)?;
    if let Some(c) = end {
        return Err(p.error(format!("unexpected `{c}`"), None));
    }
    if elements.is_empty() {
        return Err(p.error("the pattern is empty", None));
    }
    if !elements
        .iter()
        .any(|e| matches!(e, Element::Capture { .. } | Element::Group { .. }))
    {
        return Err(PatternError {
            offset: 0,
            message: "the pattern captures nothing".into(),
            hint: Some("capture a claim with `{name}` or `{name:kind}`".into()),
        });
    }
    if let Err(name) = possible_names(&elements) {
        let capture = format!("{{{name}");
        let at = src.match_indices(&capture).nth(1).map_or(0, |(i, _)| i);
        return Err(PatternError {
            offset: at,
            message: format!("capture `{name}` appears twice in one match"),
            hint: Some(format!(
                "a name holds one figure; call the other `{name}2`, or use `{{{name}:kind+}}` for a list"
            )),
        });
    }
    let mut first = First::default();
    if first.add(&elements) {
        first.any = true;
    }
    // Sorted, so that a token is tested against them by binary search.
    first.hashes.sort_unstable();
    first.hashes.dedup();
    Ok(Pattern { elements, first })
}

struct PatternParser<'a> {
    src: &'a str,
    pos: usize,
    /// Elements read so far (an upper bound).
    elements: usize,
}

/// Most nested groups in a pattern.
pub const MAX_DEPTH: usize = 32;

/// Most elements in a pattern (the longest built-in one has about 300).
pub const MAX_ELEMENTS: usize = 2_000;

impl<'a> PatternParser<'a> {
    fn error(&self, message: impl Into<String>, hint: Option<String>) -> PatternError {
        PatternError {
            offset: self.pos,
            message: message.into(),
            hint,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Parses elements until `)` or `|` (returned) or the end (`None`).
    fn sequence(&mut self, depth: usize) -> Result<(Vec<Element>, Option<char>), PatternError> {
        let mut out = Vec::new();
        loop {
            // Matching recurses once per element: bound them, so that no
            // rule file can overflow the stack.
            self.elements += 1;
            if self.elements > MAX_ELEMENTS {
                return Err(self.error(
                    format!(
                        "the pattern is too long: more than {MAX_ELEMENTS} words, captures and gaps"
                    ),
                    None,
                ));
            }
            let trimmed = self.rest().trim_start();
            self.pos = self.src.len() - trimmed.len();
            let Some(c) = trimmed.chars().next() else {
                return Ok((out, None));
            };
            match c {
                ')' | '|' => {
                    if depth == 0 {
                        return Err(self.error(format!("unbalanced `{c}`"), None));
                    }
                    return Ok((out, Some(c)));
                }
                '(' => {
                    if depth >= MAX_DEPTH {
                        return Err(self.error(
                            format!("groups are nested too deeply: more than {MAX_DEPTH} levels"),
                            None,
                        ));
                    }
                    let open = self.pos;
                    self.pos += 1;
                    let mut alternatives = Vec::new();
                    loop {
                        let (alt, end) = self.sequence(depth + 1)?;
                        alternatives.push(alt);
                        match end {
                            Some('|') => self.pos += 1,
                            Some(')') => {
                                self.pos += 1;
                                break;
                            }
                            _ => {
                                self.pos = open;
                                return Err(self.error(
                                    "unbalanced parenthesis: this `(` is never closed",
                                    Some("add a `)` at the end of the group".into()),
                                ));
                            }
                        }
                    }
                    let optional = self.rest().starts_with('?');
                    if optional {
                        self.pos += 1;
                    }
                    out.push(Element::Group {
                        heads: heads(&alternatives),
                        alternatives,
                        optional,
                    });
                }
                '{' => out.push(self.capture()?),
                '.' if trimmed.starts_with("...") => {
                    self.pos += 3;
                    out.push(Element::Gap { max: None });
                }
                '.' if trimmed.starts_with("..") => {
                    self.pos += 2;
                    let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
                    let max = self.rest()[..digits].parse().map_err(|_| {
                        self.error(
                            "`..` needs a number of tokens",
                            Some("write `..3` to skip at most 3 tokens, or `...` for any".into()),
                        )
                    })?;
                    self.pos += digits;
                    out.push(Element::Gap { max: Some(max) });
                }
                _ => {
                    // The common case, one plain word ending at a space or
                    // a bracket, without searching for a delimiter.
                    let plain = trimmed
                        .bytes()
                        .take_while(u8::is_ascii_alphanumeric)
                        .count();
                    let after = trimmed.as_bytes().get(plain).copied();
                    if plain > 0
                        && after.is_none_or(|b| b.is_ascii_whitespace() || b"(){}|".contains(&b))
                    {
                        self.pos += plain;
                        out.push(Element::word(trimmed[..plain].to_ascii_lowercase()));
                        continue;
                    }
                    let len = trimmed
                        .find(|c: char| c.is_whitespace() || "(){}|?".contains(c))
                        .unwrap_or(trimmed.len());
                    // "out of...{b}" and "of..3": a gap glued to a word.
                    let len = match trimmed[..len].find("..") {
                        Some(dots) if dots > 0 => dots,
                        _ => len,
                    };
                    let word = &trimmed[..len];
                    let words = words_of(word);
                    if words.is_empty() {
                        return Err(self.error(format!("`{word}` is not a word"), None));
                    }
                    self.pos += len;
                    let seq: Vec<Element> = words
                        .into_iter()
                        .map(|w| Element::word(w.to_lowercase().replace('’', "'")))
                        .collect();
                    if self.rest().starts_with('?') {
                        self.pos += 1;
                        let alternatives = vec![seq];
                        out.push(Element::Group {
                            heads: heads(&alternatives),
                            alternatives,
                            optional: true,
                        });
                    } else {
                        out.extend(seq);
                    }
                }
            }
        }
    }

    fn capture(&mut self) -> Result<Element, PatternError> {
        let open = self.pos;
        let Some(close) = self.rest().find('}') else {
            return Err(self.error("this `{` is never closed", Some("add `}`".into())));
        };
        let body = &self.src[open + 1..open + close];
        let (body, many) = match body.trim_end().strip_suffix('+') {
            Some(b) => (b, true),
            None => (body, false),
        };
        let (name, kinds) = match body.split_once(':') {
            Some((n, k)) => (n.trim(), Some(k)),
            None => (body.trim(), None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(self.error(
                format!("`{name}` is not a capture name"),
                Some("use letters, digits and `_`, as in `{total}`".into()),
            ));
        }
        let mut selectors = Vec::new();
        match kinds {
            None => selectors.push(KindSelector::Numeric),
            Some(list) => {
                let mut offset = open + 1 + name.len() + 1;
                for raw in list.split('|') {
                    let kind = raw.trim();
                    let at = offset + (raw.len() - raw.trim_start().len());
                    match KindSelector::parse(kind) {
                        Some(k) => selectors.push(k),
                        None => {
                            self.pos = at;
                            return Err(self.error(
                                format!("unknown capture kind `{kind}`"),
                                Some(match closest(kind, KIND_NAMES) {
                                    Some(best) => format!("did you mean `{best}`?"),
                                    None => format!("kinds are: {}", KIND_NAMES.join(", ")),
                                }),
                            ));
                        }
                    }
                    offset += raw.len() + 1;
                }
            }
        }
        self.pos = open + close + 1;
        Ok(Element::Capture {
            name: name.to_string(),
            kinds: selectors,
            many,
        })
    }
}

/// The candidate nearest `word` by edit distance, if it is near enough.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| {
            // Short names need a near miss: "zz" is not a typo of "x".
            let short = word.chars().count().min(c.chars().count());
            let most = if short >= 4 { 2.max(c.len() / 3) } else { 1 };
            *d <= most && *d < word.chars().count()
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Bindings of capture names (borrowed from the pattern: binding one costs
/// no allocation) to claim indices, in binding order.
pub type Bindings<'p> = Vec<(&'p str, usize)>;

/// A test a complete match must pass (a rule's `where`); a match that fails
/// it is not a match, so the search goes on to the next candidate.
pub type Accept<'a> = &'a dyn Fn(&Bindings<'_>) -> bool;

/// Matches patterns over one scope unit of a token stream.
///
/// Cost bound: each start position gets its first (leftmost, lazy) match
/// that passes the [`Accept`] test only, and all the work in one unit shares
/// a budget of [`Matcher::STEPS_PER_TOKEN`] steps per token, so `...` gaps
/// can never make a unit quadratic; a unit that runs out simply yields
/// fewer matches. Within that: starts and gap landings come from the
/// document's [`super::index::Index`] (claims, pattern words, keys), not
/// from every token; an unbounded gap before a capture or a word tries at
/// most [`Matcher::MAX_LANDINGS`] candidates, so a start costs a constant
/// however long the unit; and a rule whose `where` needs `a.key == b.key` lands
/// only on claims sharing the key.
pub struct Matcher<'a> {
    tokens: &'a [Token],
    /// Each token's word as rules compare it ("" for a claim), for the
    /// document.
    words: &'a super::tokens::Lowered<'a>,
    /// Index of this unit's first token in the document.
    offset: usize,
    /// The anchor ids of the unit's words that are anchors, and their
    /// document positions, when given with [`Matcher::with_anchored`].
    anchored: Option<(&'a [u32], &'a [usize])>,
    claims: &'a [Claim],
    /// The document positions of the unit's claims, when given with
    /// [`Matcher::with_claims_at`].
    here: Option<&'a [usize]>,
    /// Where claims and anchor words sit in the document.
    index: &'a super::index::Index<'a>,
    /// Captures `accept` requires to share a key.
    joins: &'a [(String, String)],
    end: usize,
    budget: usize,
    accept: Accept<'a>,
    /// Where the match being tried starts.
    start: usize,
}

/// Unit positions a match may start at (see [`Matcher::starts`]).
enum Starts<'s> {
    Every(std::ops::Range<usize>),
    Listed(std::vec::IntoIter<usize>),
    /// The unit's claims (document positions, ascending) merged with its
    /// anchor words whose ids are in `bits`: no list is built.
    Merged {
        claims: &'s [usize],
        ids: &'s [u32],
        positions: &'s [usize],
        bits: &'s [u64],
        /// The unit's first document position.
        from: usize,
    },
}

impl Iterator for Starts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Starts::Every(range) => range.next(),
            Starts::Listed(it) => it.next(),
            Starts::Merged {
                claims,
                ids,
                positions,
                bits,
                from,
            } => {
                // The next anchor word that may start the pattern.
                while let (Some(&id), Some(_)) = (ids.first(), positions.first()) {
                    if super::units::has_id(bits, id) {
                        break;
                    }
                    *ids = ids.get(1..).unwrap_or_default();
                    *positions = positions.get(1..).unwrap_or_default();
                }
                // A token is a claim or a word, never both: no position
                // comes twice.
                let next = match (claims.first(), positions.first()) {
                    (Some(&c), Some(&w)) if w < c => {
                        *ids = ids.get(1..).unwrap_or_default();
                        *positions = positions.get(1..).unwrap_or_default();
                        w
                    }
                    (Some(&c), _) => {
                        *claims = claims.get(1..).unwrap_or_default();
                        c
                    }
                    (None, Some(&w)) => {
                        *ids = ids.get(1..).unwrap_or_default();
                        *positions = positions.get(1..).unwrap_or_default();
                        w
                    }
                    (None, None) => return None,
                };
                Some(next - *from)
            }
        }
    }
}

/// Document positions a gap may end at (see [`Matcher::landings`]).
enum Landings<'i> {
    Claims(std::slice::Iter<'i, usize>),
    Keyed(std::slice::Iter<'i, (&'i str, usize)>),
    Words(std::slice::Iter<'i, (u32, usize)>),
    Every(std::ops::Range<usize>),
}

impl Iterator for Landings<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Landings::Claims(it) => it.next().copied(),
            Landings::Keyed(it) => it.next().map(|(_, p)| *p),
            Landings::Words(it) => it.next().map(|(_, p)| *p),
            Landings::Every(range) => range.next(),
        }
    }
}

/// A continuation: what remains to match after the current sequence.
struct Cont<'c, 'p> {
    elements: &'p [Element],
    next: Option<&'c Cont<'c, 'p>>,
}

impl<'a> Matcher<'a> {
    /// Steps allowed per token of a unit (a unit gets 4 tokens more). The
    /// corpus's hungriest unit uses about a quarter of its budget; a
    /// sentence packed with figures runs out, which caps its cost.
    pub const STEPS_PER_TOKEN: usize = 128;

    /// Most candidates (figures, or occurrences of a word) an unbounded gap
    /// (`...`) tries to end at, nearest first, where it may span more than
    /// [`Matcher::SCAN_BELOW`] tokens, or always under a key join.
    pub const MAX_LANDINGS: usize = 64;

    /// Spans of tokens this short are scanned token by token, not looked up
    /// in the index: a gap before a word, and the starts of a unit whose
    /// words cannot be listed (a capture's landings always come from the
    /// index's claims).
    const SCAN_BELOW: usize = 64;

    /// Most tokens between two figures of a list capture.
    pub const LIST_LINK: usize = 10;

    /// Most figures a list capture holds. A longer run of like figures is a
    /// table or a data dump, not parts a sentence names, and is no list:
    /// trying every length of a run of `n` figures, each tried binding all
    /// its figures, would cost `n²` a start.
    pub const MAX_LIST: usize = 32;

    /// A matcher over `tokens` (one scope unit, starting at token `offset`
    /// of the document), with the document's `words`.
    pub fn new(
        tokens: &'a [Token],
        words: &'a super::tokens::Lowered<'a>,
        offset: usize,
        claims: &'a [Claim],
        index: &'a super::index::Index<'a>,
    ) -> Self {
        Matcher {
            tokens,
            words,
            offset,
            anchored: None,
            claims,
            here: None,
            index,
            joins: &[],
            end: tokens.len(),
            budget: Self::STEPS_PER_TOKEN * (tokens.len() + 4),
            accept: &|_| true,
            start: 0,
        }
    }

    /// The same matcher, knowing the unit's anchor words (`ids`, of the
    /// index's anchors, at document `positions`): see [`Matcher::matches`].
    pub fn with_anchored(self, ids: &'a [u32], positions: &'a [usize]) -> Self {
        Matcher {
            anchored: Some((ids, positions)),
            ..self
        }
    }

    /// The same matcher, knowing the document positions of the unit's
    /// claims: its searches for claims then look among those, not among
    /// every claim of the document.
    pub fn with_claims_at(self, positions: &'a [usize]) -> Self {
        Matcher {
            here: Some(positions),
            ..self
        }
    }

    /// Document positions in `from..to` of claims, ascending. `from..to`
    /// lies in the unit or ends one token past it, where a claim of the
    /// next unit is no candidate anyway.
    #[inline]
    fn claims_in(&self, from: usize, to: usize) -> &'a [usize] {
        let Some(here) = self.here else {
            return self.index.claims_in(from, to);
        };
        let a = here.partition_point(|&p| p < from);
        let b = here.partition_point(|&p| p < to);
        here.get(a..b).unwrap_or_default()
    }

    /// The same matcher, keeping only matches that pass `accept`, which
    /// requires `x.key == y.key` for each pair of `joins` (and `x.key != ""`
    /// for a pair `x`, `x`): a gap before `y` then lands only on claims
    /// keyed as `x` (see [`Matcher::landings`]).
    pub fn accepting(self, accept: Accept<'a>, joins: &'a [(String, String)]) -> Self {
        Matcher {
            accept,
            joins,
            ..self
        }
    }

    /// A quick test that `element` could match at `pos` (true when unsure).
    fn may_start_at(&self, element: Option<&Element>, pos: usize) -> bool {
        match element {
            Some(Element::Capture { kinds, .. }) => self
                .tokens
                .get(pos)
                .and_then(|t| t.claim())
                .and_then(|i| self.claims.get(i))
                .is_some_and(|c| kinds.iter().any(|k| k.accepts(c))),
            Some(Element::Word { text, hash }) => self.is_word(pos, text, *hash),
            _ => true,
        }
    }

    /// Whether token `pos` is the word `text` (whose hash is `hash`): the
    /// hashes tell most words apart, the text confirms a match.
    fn is_word(&self, pos: usize, text: &str, hash: u64) -> bool {
        pos < self.end
            && self.words.hash(self.offset + pos) == hash
            && self.words.is(self.offset + pos, text)
    }

    /// The first match from every start position; `seed` holds names that
    /// are already bound (by another pattern of the same rule). `starts`,
    /// the anchor ids of the pattern's [`Pattern::first_words`] as a bit
    /// set, lets a unit whose anchor words were given with
    /// [`Matcher::with_anchored`] be searched from its claims and those
    /// words rather than from every token or an index look-up per first
    /// word (without them, `starts` is not used).
    pub fn matches<'p>(
        &mut self,
        pattern: &'p Pattern,
        seed: &Bindings<'p>,
        starts: Option<&[u64]>,
    ) -> Vec<Bindings<'p>> {
        self.matches_in(pattern, seed, starts, &mut Vec::new())
    }

    /// [`Matcher::matches`], binding in `bindings`, a buffer the caller
    /// keeps from one search to the next (its contents do not matter).
    pub fn matches_in<'p>(
        &mut self,
        pattern: &'p Pattern,
        seed: &Bindings<'p>,
        starts: Option<&[u64]>,
        bindings: &mut Bindings<'p>,
    ) -> Vec<Bindings<'p>> {
        let mut out: Vec<Bindings<'p>> = Vec::new();
        // Two starts may reach one match (after a leading gap): each is kept
        // once, found by hash, not by comparing with every match so far.
        let mut seen: Option<std::collections::HashSet<Bindings<'p>>> = None;
        // A rule's later patterns are searched once per match of the first
        // (up to 256 in a unit): listing and trying starts costs steps too,
        // so a long paragraph of such matches stays within the budget.
        if self.budget == 0 {
            return out;
        }
        let listed = self.starts(pattern, starts);
        if let Starts::Listed(list) = &listed {
            self.budget = self.budget.saturating_sub(list.len());
        }
        for start in listed {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            if !self.can_start(pattern, start) {
                continue;
            }
            self.start = start;
            bindings.clear();
            bindings.extend_from_slice(seed);
            if self.step(&pattern.elements, None, start, bindings)
                && seen
                    .get_or_insert_with(Default::default)
                    .insert(bindings.clone())
            {
                out.push(bindings.clone());
            }
        }
        out
    }

    /// The positions where a match of `pattern` may start, ascending: from
    /// the index, the claims and first words it can start with; every
    /// position when it can start anywhere.
    fn starts<'s>(&self, pattern: &Pattern, words: Option<&'s [u64]>) -> Starts<'s>
    where
        'a: 's,
    {
        let first = &pattern.first;
        let (from, to) = (self.offset, self.offset + self.end);
        // The unit's anchor words are listed when that is cheaper than
        // looking each first word up in the index (two binary searches).
        let few = |(ids, _): (&[u32], &[usize])| ids.len() <= 16 * first.hashes.len().max(1);
        let words = words.filter(|_| self.anchored.is_some_and(few));
        // A short unit is scanned when its words cannot be listed: cheaper
        // than looking them up.
        if first.any || (words.is_none() && self.end <= Self::SCAN_BELOW) {
            return Starts::Every(0..self.end);
        }
        let claims: &'a [usize] = if first.kinds == 0 {
            &[]
        } else {
            self.claims_in(from, to)
        };
        // The unit's anchor words among the first words.
        if let Some(bits) = words {
            let (ids, positions) = self.anchored.unwrap_or_default();
            return Starts::Merged {
                claims,
                ids,
                positions,
                bits,
                from,
            };
        }
        let mut out: Vec<usize> = claims.iter().map(|p| p - from).collect();
        for &h in &first.hashes {
            match self.index.word_in(h, from, to) {
                Some(found) => out.extend(found.iter().map(|(_, p)| p - from)),
                None => return Starts::Every(0..self.end),
            }
        }
        out.sort_unstable();
        out.dedup();
        Starts::Listed(out.into_iter())
    }

    /// The positions `pos..=pos + most` where `element` may match, ascending:
    /// only claims before a capture and that word before a word.
    // Out of line: `step` recurses, and a smaller frame serves every step.
    #[inline(never)]
    fn landings(
        &self,
        element: Option<&Element>,
        pos: usize,
        most: usize,
        bindings: &Bindings<'_>,
    ) -> Landings<'a> {
        let index: &'a super::index::Index<'a> = self.index;
        let (from, to) = (self.offset + pos, self.offset + pos + most + 1);
        // A capture that must share its key with one already bound: only
        // the claims with that key. This is what keeps `{a} ... {b}` with
        // `a.key == b.key` over a whole document to the pairs that share a
        // key, not all pairs.
        if let Some(Element::Capture {
            name, many: false, ..
        }) = element
            && let Some(key) = self.joined_key(name, bindings)
        {
            return Landings::Keyed(index.keyed_in(key, from, to).iter());
        }
        match element {
            // Even a short span: the claims in it are found by two binary
            // searches, cheaper than testing each token.
            Some(Element::Capture { .. }) => Landings::Claims(self.claims_in(from, to).iter()),
            _ if most <= Self::SCAN_BELOW => Landings::Every(from..to),
            Some(Element::Word { hash, .. }) => match index.word_in(*hash, from, to) {
                Some(found) => Landings::Words(found.iter()),
                None => Landings::Every(from..to),
            },
            _ => Landings::Every(from..to),
        }
    }

    /// The key that capture `name` must have, when a join ties it to a
    /// capture already bound.
    fn joined_key(&self, name: &str, bindings: &Bindings<'_>) -> Option<&'a str> {
        let claims: &'a [Claim] = self.claims;
        let keyed = |n: &str| self.joins.iter().any(|(x, y)| x == n && y == n);
        self.joins.iter().find_map(|(x, y)| {
            if x == y {
                return None;
            }
            let other = if y == name {
                x
            } else if x == name {
                y
            } else {
                return None;
            };
            let (_, i) = bindings.iter().find(|(n, _)| *n == other)?;
            let key = claims.get(*i)?.key.as_deref().unwrap_or("");
            // A claim with no key matches none when a key is required:
            // `\u{0}` is no key of any claim.
            Some(if key.is_empty() && (keyed(name) || keyed(other)) {
                "\u{0}"
            } else {
                key
            })
        })
    }

    /// A cheap check against what the pattern can start with.
    fn can_start(&self, pattern: &Pattern, at: usize) -> bool {
        let first = &pattern.first;
        if first.any {
            return true;
        }
        let Some(token) = self.tokens.get(at) else {
            return false;
        };
        match token.claim().and_then(|c| self.claims.get(c)) {
            Some(claim) => first.kinds & kind_bit(claim.kind) != 0,
            None => first
                .hashes
                .binary_search(&self.words.hash(self.offset + at))
                .is_ok(),
        }
    }

    /// Whether token `pos` is a figure that a list of `kinds` may hold,
    /// alike to `first` (same kind, currency and unit) when given.
    fn list_member(&self, kinds: &[KindSelector], pos: usize, first: Option<&Claim>) -> bool {
        let Some(claim) = self.tokens[pos].claim().and_then(|i| self.claims.get(i)) else {
            return false;
        };
        kinds.iter().any(|k| k.accepts(claim))
            && first.is_none_or(|f| {
                // A count is a number with its noun ("23, 14 and 9 seats").
                let family = |k: ClaimKind| match k {
                    ClaimKind::Count => ClaimKind::Number,
                    k => k,
                };
                family(f.kind) == family(claim.kind)
                    && f.currency == claim.currency
                    && f.unit == claim.unit
            })
    }

    /// Most tokens between two figures of a list: shares of one whole spread
    /// over a sentence ("52 per cent backed the plan … and 31 per cent
    /// opposed it"), so percentages link across the sentence.
    fn link(first: Option<&Claim>) -> usize {
        match first.map(|c| c.kind) {
            Some(ClaimKind::Percent) => Self::LIST_LINK * 4,
            _ => Self::LIST_LINK,
        }
    }

    /// Whether the figure at `p` is the object of "of", "from", "to" or
    /// "than" ("300 of the 1,200", "to 5 from 4"), so no part of a list.
    fn whole_after(&self, p: usize) -> bool {
        const DETERMINERS: [&str; 9] = [
            "the", "its", "their", "his", "her", "a", "an", "some", "about",
        ];
        const LINKS: [&str; 4] = ["of", "from", "to", "than"];
        const DETERMINER_HASHES: [u64; 9] = hashes(DETERMINERS);
        const LINK_HASHES: [u64; 4] = hashes(LINKS);
        // By hash first: this runs for every figure a list reads.
        let is = |q: usize, words: &[&str], hashes: &[u64]| {
            let h = self.words.hash(self.offset + q);
            hashes
                .iter()
                .zip(words)
                .any(|(&k, w)| k == h && self.words.is(self.offset + q, w))
        };
        (p.saturating_sub(3)..p)
            .rev()
            .take_while(|&q| self.tokens[q].claim().is_none())
            .find(|&q| !is(q, &DETERMINERS, &DETERMINER_HASHES))
            .is_some_and(|q| is(q, &LINKS, &LINK_HASHES))
    }

    /// Whether the match skips a figure, after a list's last figure at
    /// `last` and before the last figure the match binds, that the list
    /// could have held: "48.2% …, 37.5% and the remaining 14.3%" is not the
    /// list "48.2%" with the rest "14.3%".
    fn skips_like(
        &self,
        kinds: &[KindSelector],
        first: Option<&Claim>,
        last: usize,
        bindings: &Bindings<'_>,
    ) -> bool {
        let Some(end) = bindings.iter().map(|(_, i)| *i).max() else {
            return false;
        };
        // Tokens hold claims in ascending order: stop at the last bound one.
        (last + 1..self.end)
            .map_while(|p| match self.tokens[p].claim() {
                Some(i) if i >= end => None,
                claim => Some((p, claim)),
            })
            .any(|(p, claim)| {
                claim.is_some_and(|i| {
                    !bindings.iter().any(|(_, b)| *b == i) && self.list_member(kinds, p, first)
                })
            })
    }

    /// A list capture at `pos`: the figures of a list "A, B and C", each
    /// at most [`Matcher::LIST_LINK`] tokens between one and the next. The list must
    /// start at its first figure (no like figure just before it). Longer
    /// lists are tried first; a figure the rest of the pattern needs (the
    /// total after the parts) is given back.
    #[allow(clippy::too_many_arguments)]
    // Out of line, as `landings` is.
    #[inline(never)]
    fn list<'p>(
        &mut self,
        name: &'p str,
        kinds: &[KindSelector],
        rest: &'p [Element],
        next: Option<&Cont<'_, 'p>>,
        pos: usize,
        bindings: &mut Bindings<'p>,
    ) -> bool {
        if pos >= self.end || !self.list_member(kinds, pos, None) {
            return false;
        }
        let first = self.tokens[pos].claim().and_then(|i| self.claims.get(i));
        // Not from the middle of a list: when the match starts with the
        // list, no like figure may sit just before it.
        let link = Self::link(first);
        let back = pos.saturating_sub(link + 1);
        if pos == self.start && (back..pos).any(|p| self.list_member(kinds, p, first)) {
            return false;
        }
        // Capped, so kept on the stack.
        let mut members = [0usize; Self::MAX_LIST];
        let mut count = 1;
        members[0] = pos;
        let mut cur = pos;
        let mut visited = 0;
        let sentence = self.tokens[pos].sentence();
        'run: loop {
            for p in cur + 1..(cur + 2 + link).min(self.end) {
                visited += 1;
                if self.tokens[p].sentence() != sentence {
                    break 'run;
                }
                match self.tokens[p].claim().and_then(|i| self.claims.get(i)) {
                    // "300 of the 1,200": a whole, not the next part.
                    Some(_) if self.whole_after(p) => break 'run,
                    Some(_) if self.list_member(kinds, p, first) => {
                        let Some(slot) = members.get_mut(count) else {
                            self.budget = self.budget.saturating_sub(visited);
                            return false;
                        };
                        *slot = p;
                        count += 1;
                        cur = p;
                        continue 'run;
                    }
                    // A date or an ordinal between parts is a word here
                    // ("612 on Saturday and 438 on Sunday").
                    Some(c) if !c.kind.is_numeric() => {}
                    Some(_) => break 'run,
                    None => {}
                }
            }
            break;
        }
        // Reading the run costs a step a token.
        self.budget = self.budget.saturating_sub(visited);
        let members = &members[..count];
        for k in (1..=members.len()).rev() {
            // Binding the figures, and judging a match that holds them,
            // cost a step each.
            if self.budget < k {
                return false;
            }
            self.budget -= k;
            let mark = bindings.len();
            for &p in &members[..k] {
                if let Some(i) = self.tokens[p].claim() {
                    bindings.push((name, i));
                }
            }
            if self.step(rest, next, members[k - 1] + 1, bindings)
                && !self.skips_like(kinds, first, members[k - 1], bindings)
            {
                return true;
            }
            bindings.truncate(mark);
        }
        false
    }

    fn step<'p>(
        &mut self,
        elements: &'p [Element],
        next: Option<&Cont<'_, 'p>>,
        pos: usize,
        bindings: &mut Bindings<'p>,
    ) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        let Some((first, rest)) = elements.split_first() else {
            return match next {
                Some(cont) => self.step(cont.elements, cont.next, pos, bindings),
                None => (self.accept)(bindings),
            };
        };
        match first {
            Element::Word { text, hash } => {
                self.is_word(pos, text, *hash) && self.step(rest, next, pos + 1, bindings)
            }
            Element::Capture {
                name,
                kinds,
                many: true,
            } => self.list(name, kinds, rest, next, pos, bindings),
            Element::Capture { name, kinds, .. } => {
                if pos >= self.end {
                    return false;
                }
                let Some(index) = self.tokens[pos].claim() else {
                    return false;
                };
                let Some(claim) = self.claims.get(index) else {
                    return false;
                };
                if !kinds.iter().any(|k| k.accepts(claim)) {
                    return false;
                }
                if let Some((_, bound)) = bindings.iter().find(|(n, _)| *n == name) {
                    return *bound == index && self.step(rest, next, pos + 1, bindings);
                }
                bindings.push((name, index));
                if self.step(rest, next, pos + 1, bindings) {
                    return true;
                }
                bindings.pop();
                false
            }
            Element::Gap { max } => {
                let most = max.map_or(self.end - pos, |m| m.min(self.end - pos));
                // Try only where the next element can match: a gap before a
                // capture or a word lands on a fitting token, cheaply.
                let offset = self.offset;
                // An unbounded gap before a capture or a word tries its
                // nearest candidates only: in a long document `{a} ... {b}`
                // pairs each `a` with at most MAX_LANDINGS figures for `b`,
                // not with all that follow.
                let landings = self.landings(rest.first(), pos, most, bindings);
                let cap = match (max, &landings) {
                    (None, Landings::Claims(_) | Landings::Keyed(_) | Landings::Words(_))
                        if most > Self::SCAN_BELOW || matches!(landings, Landings::Keyed(_)) =>
                    {
                        Self::MAX_LANDINGS
                    }
                    _ => usize::MAX,
                };
                let mut tried = 0;
                for p in landings {
                    let at = p - offset;
                    if !self.may_start_at(rest.first(), at) {
                        continue;
                    }
                    if tried == cap {
                        return false;
                    }
                    tried += 1;
                    if self.step(rest, next, at, bindings) {
                        return true;
                    }
                }
                false
            }
            Element::Group {
                alternatives,
                optional,
                heads,
            } => {
                let cont = Cont {
                    elements: rest,
                    next,
                };
                // An alternative starting with another word than this
                // token's cannot match: skip it without a step.
                let here = if pos < self.end {
                    self.words.hash(self.offset + pos)
                } else {
                    0
                };
                for (i, alt) in alternatives.iter().enumerate() {
                    let head = heads.get(i).copied().unwrap_or(0);
                    if head != 0 && head != here {
                        continue;
                    }
                    let mark = bindings.len();
                    if self.step(alt, Some(&cont), pos, bindings) {
                        return true;
                    }
                    bindings.truncate(mark);
                }
                *optional && self.step(rest, next, pos, bindings)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_design_patterns() {
        let p = parse("{part} ... out of ... {total} ... (remaining|rest of the) {rest}").unwrap();
        assert_eq!(p.bound_names(), vec!["part", "total", "rest"]);
        let p = parse("{part} (of|out of) (the)? {whole} ..3 {p:percent}").unwrap();
        assert_eq!(p.bound_names(), vec!["part", "whole", "p"]);
        let p = parse("(a total of {t}|{t} in all) x? {y}").unwrap();
        assert_eq!(p.bound_names(), vec!["t", "y"]);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("{part} (of|out of {whole}").unwrap_err();
        assert_eq!(e.offset, 7);
        let e = parse("{part} of {whole:cout}").unwrap_err();
        assert_eq!(e.offset, 17);
        assert_eq!(e.hint.as_deref(), Some("did you mean `count`?"));
        assert!(parse("of the").is_err());
        assert!(parse("{a} ..x {b}").is_err());
    }
}
