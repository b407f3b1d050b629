//! A quick "could this be one of these words" test for the word lists the
//! recognisers look up at every word of an article: a table, built at
//! compile time from the list, of which lengths each first letter has.
//! Most words of prose fail it in a few instructions.

/// For each first letter `a`–`z`, a bit for each word length (up to 31),
/// and a bit for each second letter (26 for none, or a byte that is no
/// letter).
pub struct Shapes([u32; 26], [u32; 26]);

impl Shapes {
    /// The shapes of `words` (lower-case ASCII letters).
    pub const fn of(words: &[&str]) -> Shapes {
        let mut table = [0u32; 26];
        let mut seconds = [0u32; 26];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty() && w.len() < 32 && w[0].is_ascii_lowercase());
            table[(w[0] - b'a') as usize] |= 1 << w.len();
            let second = if w.len() > 1 && w[1].is_ascii_lowercase() {
                w[1] - b'a'
            } else {
                26
            };
            seconds[(w[0] - b'a') as usize] |= 1 << second;
            i += 1;
        }
        Shapes(table, seconds)
    }

    /// Whether `word` (any case) has the first letter and length of a word
    /// of the list: false means it is surely not in it.
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        let letter = first.to_ascii_lowercase();
        letter.is_ascii_lowercase()
            && word.len() < 32
            && self.0[(letter - b'a') as usize] & (1 << word.len()) != 0
    }

    /// Whether a word of the list starts with the first two bytes of
    /// `text` (any case), a second byte that is no letter standing for any
    /// such byte or none.
    pub fn may_start(&self, text: &[u8]) -> bool {
        let Some(letter) = text.first().map(u8::to_ascii_lowercase) else {
            return false;
        };
        if !letter.is_ascii_lowercase() {
            return false;
        }
        let seconds = self.1[(letter - b'a') as usize];
        let second = text.get(1).map_or(0, u8::to_ascii_lowercase);
        let bit = if second.is_ascii_lowercase() {
            second - b'a'
        } else {
            26
        };
        seconds >> bit & 1 != 0
    }
}

/// A short list of lower-case words with its [`Shapes`], so that asking
/// whether a word of prose is in it mostly costs one bit test.
pub struct WordList {
    words: &'static [&'static str],
    shapes: Shapes,
}

impl WordList {
    /// The list of `words` (lower-case ASCII letters first).
    pub const fn of(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            shapes: Shapes::of(words),
        }
    }

    /// The words.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether a word of the list starts with the first two bytes of
    /// `text` (any case): false means the word that opens `text` is surely
    /// not in the list.
    pub fn may_start(&self, text: &[u8]) -> bool {
        self.shapes.may_start(text)
    }

    /// Whether `word`, in any ASCII case, is in the list.
    pub fn holds(&self, word: &str) -> bool {
        self.shapes.may_hold(word.as_bytes())
            && self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// For each first byte (in small letters), a bit for each second letter,
/// and bit 26 for any other byte or none, that a name of a list opens
/// with: text whose first two bytes open no name holds none of them. For
/// lists of names that end at a word's end, matched in any case or in
/// their own.
pub struct Heads(Box<[u32; 256]>);

impl Heads {
    /// The heads of `names`.
    pub fn of<'n>(names: impl IntoIterator<Item = &'n str>) -> Heads {
        let mut table = Box::new([0u32; 256]);
        for name in names {
            let bytes = name.as_bytes();
            if let Some(set) = bytes
                .first()
                .and_then(|b| table.get_mut(usize::from(b.to_ascii_lowercase())))
            {
                *set |= 1 << Self::bit(bytes.get(1));
            }
        }
        Heads(table)
    }

    /// The bit of a second byte.
    fn bit(second: Option<&u8>) -> u32 {
        match second.map(u8::to_ascii_lowercase) {
            Some(letter @ b'a'..=b'z') => u32::from(letter - b'a'),
            _ => 26,
        }
    }

    /// Whether some name opens with the first two bytes of `text` (any
    /// case): false means no name opens `text`, where a name one byte long
    /// must be followed by a byte that is no letter.
    pub fn may_open(&self, text: &[u8]) -> bool {
        text.first()
            .and_then(|b| self.0.get(usize::from(b.to_ascii_lowercase())))
            .is_some_and(|set| set >> Self::bit(text.get(1)) & 1 != 0)
    }
}

/// Longest word [`Lowered`] keeps on the stack.
const LOWERED_MAX: usize = 24;

/// A word in small letters, as `str::to_lowercase` gives it: on the stack
/// when it is short ASCII, as nearly every word of prose is, so that the
/// recognisers lowercase a word at every count without allocating.
pub enum Lowered {
    /// Short ASCII, lowercased in place.
    Stack([u8; LOWERED_MAX], u8),
    /// Anything else.
    Heap(String),
}

impl Lowered {
    /// `word` in small letters.
    pub fn of(word: &str) -> Lowered {
        let bytes = word.as_bytes();
        let mut buffer = [0u8; LOWERED_MAX];
        match (buffer.get_mut(..bytes.len()), u8::try_from(bytes.len())) {
            (Some(head), Ok(len)) if word.is_ascii() => {
                head.copy_from_slice(bytes);
                head.make_ascii_lowercase();
                Lowered::Stack(buffer, len)
            }
            _ => Lowered::Heap(word.to_lowercase()),
        }
    }
}

impl std::ops::Deref for Lowered {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lowered::Stack(buffer, len) => buffer
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Lowered::Heap(word) => word,
        }
    }
}

/// The indices of a list's entries under one byte of each (`keys`, in list
/// order; `None` for an entry with none), as 256 lists: a lookup then tries
/// only the entries that can match, and still the first of them first.
pub fn by_byte(keys: impl IntoIterator<Item = Option<u8>>) -> Vec<Vec<usize>> {
    let mut lists = vec![Vec::new(); 256];
    for (k, key) in keys.into_iter().enumerate() {
        if let Some(list) = key.and_then(|b| lists.get_mut(usize::from(b))) {
            list.push(k);
        }
    }
    lists
}

/// Flags for the words of several lists, found in one probe or two of an
/// open-addressing table keyed by the word's bytes: for a word of prose,
/// cheaper than asking each list in turn.
pub struct Table {
    /// (key, flags) slots; flags 0 marks a free one.
    slots: Vec<(u128, u8)>,
    /// For each first letter `a`–`z` and second letter (or none), a bit
    /// for each third letter (26 for none) its words open with: most words
    /// of prose fail this test before their key is built.
    heads: Box<[u32; 26 * 27]>,
}

impl Table {
    /// Longest word a key holds.
    pub const MAX_LEN: usize = 16;

    /// A table of `entries` (lower-case words and their flags, which a word
    /// listed twice gets both of). Flags must not be 0.
    pub fn new<'w>(entries: impl IntoIterator<Item = (&'w str, u8)>) -> Table {
        let entries: Vec<(u128, u8)> = entries
            .into_iter()
            .filter_map(|(w, f)| Some((Self::key(w.as_bytes())?, f)))
            .collect();
        let mut slots = vec![(0, 0); (entries.len() * 2).next_power_of_two().max(16)];
        let mut heads = Box::new([0u32; 26 * 27]);
        let mask = slots.len() - 1;
        for (key, flags) in entries {
            let bytes = key.to_le_bytes();
            if let Some((pair, third)) = Self::head(&bytes)
                && let Some(set) = heads.get_mut(pair)
            {
                *set |= 1 << third;
            }
            let mut i = Self::home(key) & mask;
            while let Some(slot) = slots.get_mut(i) {
                if slot.1 == 0 || slot.0 == key {
                    *slot = (key, slot.1 | flags);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Table { slots, heads }
    }

    /// Whether some word of the table opens with the first three letters
    /// of `text` (any case; the first a letter), or, when the letters that
    /// open `text` are fewer, is exactly them: false means the word that
    /// opens `text` is surely not in it.
    pub fn may_open(&self, text: &[u8]) -> bool {
        Self::head(text)
            .and_then(|(pair, third)| self.heads.get(pair).map(|set| set >> third & 1 != 0))
            .unwrap_or(false)
    }

    /// The first two letters of `text` as one index (the second 26 when
    /// there is none) and the third (26 when there is none), in any case.
    fn head(text: &[u8]) -> Option<(usize, u32)> {
        let letter = |b: u8| {
            let lower = b | 0x20;
            lower.is_ascii_lowercase().then(|| u32::from(lower - b'a'))
        };
        let first = letter(*text.first()?)?;
        let second = text.get(1).and_then(|&b| letter(b));
        let third = second.and(text.get(2).and_then(|&b| letter(b)));
        let pair = first * 27 + second.unwrap_or(26);
        Some((pair as usize, third.unwrap_or(26)))
    }

    /// The flags of `word` (lower case), 0 if it is in no list.
    #[cfg(test)]
    pub fn get(&self, word: &[u8]) -> u8 {
        Self::key(word).map_or(0, |key| self.get_key(key))
    }

    /// The flags of the word whose bytes, in order from the lowest, are
    /// `key` (see [`Table::MAX_LEN`]).
    pub fn get_key(&self, key: u128) -> u8 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(key) & mask;
        loop {
            match self.slots.get(i) {
                Some(&(k, flags)) if flags != 0 => {
                    if k == key {
                        return flags;
                    }
                }
                _ => return 0,
            }
            i = (i + 1) & mask;
        }
    }

    /// The word's bytes as one number, the first in the lowest byte (no
    /// letter is a 0 byte).
    fn key(word: &[u8]) -> Option<u128> {
        if word.is_empty() || word.len() > Self::MAX_LEN {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes.get_mut(..word.len())?.copy_from_slice(word);
        Some(u128::from_le_bytes(bytes))
    }

    fn home(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_by_letter_and_length() {
        const S: Shapes = Shapes::of(&["one", "dozen"]);
        assert!(S.may_hold(b"one"));
        assert!(S.may_hold(b"Ore"));
        assert!(S.may_hold(b"DOZEN"));
        assert!(!S.may_hold(b"on"));
        assert!(!S.may_hold(b"two"));
        assert!(!S.may_hold(b""));
        assert!(!S.may_hold(b"1"));
    }

    #[test]
    fn heads_tell_what_may_open_a_name() {
        let h = Heads::of(["km", "m", "°C", "pounds"]);
        assert!(h.may_open(b"km") && h.may_open(b"KMs") && h.may_open(b"m ") && h.may_open(b"m"));
        assert!(h.may_open("°C".as_bytes()) && h.may_open(b"Pounds"));
        assert!(
            !h.may_open(b"mx") && !h.may_open(b"people") && !h.may_open(b"k") && !h.may_open(b"")
        );
    }

    #[test]
    fn lowered_as_to_lowercase_gives_it() {
        let long = "A".repeat(40);
        for word in [
            "",
            "People",
            "US",
            "ÉTATS",
            "Zürich",
            "\u{212A}elvin",
            long.as_str(),
        ] {
            assert_eq!(&*Lowered::of(word), word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn a_word_list_holds_its_words_in_any_case() {
        const L: WordList = WordList::of(&["week", "month"]);
        assert!(L.holds("week") && L.holds("Month") && L.holds("WEEK"));
        assert!(!L.holds("weeks") && !L.holds("mouth") && !L.holds(""));
    }

    #[test]
    fn a_table_gives_each_word_its_flags() {
        let t = Table::new([("one", 1), ("first", 2), ("one", 4), ("seventeenth", 2)]);
        assert_eq!(t.get(b"one"), 5);
        assert_eq!(t.get(b"first"), 2);
        assert_eq!(t.get(b"seventeenth"), 2);
        assert_eq!(t.get(b"on"), 0);
        assert_eq!(t.get(b"ones"), 0);
        assert_eq!(t.get(b""), 0);
        assert_eq!(t.get(b"an-extremely-long-word"), 0);
    }

    #[test]
    fn a_table_knows_how_its_words_open() {
        let t = Table::new([("one", 1), ("a", 1), ("first", 2), ("to", 2)]);
        assert!(t.may_open(b"one") && t.may_open(b"Ones") && t.may_open(b"FIRM"));
        assert!(t.may_open(b"a") && t.may_open(b"a-b") && t.may_open(b"A \xc3\xa9"));
        assert!(t.may_open(b"to") && t.may_open(b"to-do"));
        assert!(!t.may_open(b"an") && !t.may_open(b"only") && !t.may_open(b"fold"));
        assert!(!t.may_open(b"top") && !t.may_open(b"o") && !t.may_open(b"fi"));
        assert!(!t.may_open(b"") && !t.may_open(b"1a") && !t.may_open(b"@a"));
    }
}
