//! A quick "could this be one of these words" test for the word lists the
//! recognisers look up at every word of an article: a table, built at
//! compile time from the list, of which lengths each first letter has.
//! Most words of prose fail it in a few instructions.

/// For each first letter `a`–`z`, a bit for each word length (up to 31).
pub struct Shapes([u32; 26]);

impl Shapes {
    /// The shapes of `words` (lower-case ASCII letters).
    pub const fn of(words: &[&str]) -> Shapes {
        let mut table = [0u32; 26];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty() && w.len() < 32 && w[0].is_ascii_lowercase());
            table[(w[0] - b'a') as usize] |= 1 << w.len();
            i += 1;
        }
        Shapes(table)
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
}
