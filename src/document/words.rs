//! Words eight bytes at a time: the runs of ASCII letters and digits that
//! the claim scanner and the rules' token stream pass over, and the hash
//! rules compare words by. Every word of every document passes both, and a
//! byte loop's exit at each word's end, at lengths that follow no pattern,
//! is a branch the processor mispredicts; a test of eight bytes at once
//! takes none for most words, which are shorter.

/// The hash of "" (a claim's token has it).
pub(crate) const EMPTY_HASH: u64 = hash_bytes(b"");

/// The hash rules compare words by, of a word's bytes as they are (a
/// pattern's words are lowercased already): eight bytes a multiply, after
/// a start that depends on the length. Two words of one length, at most
/// eight bytes, never share a hash. (The baseline's fingerprints are
/// FNV-1a, which must not change between versions; this hash may.)
pub(crate) const fn hash_bytes(bytes: &[u8]) -> u64 {
    hash_with(bytes, 0)
}

/// [`hash_bytes`] of ASCII letters, digits, hyphens and apostrophes,
/// lowercased as they are read: setting bit 5 lowercases a letter and
/// leaves the others.
pub(crate) fn hash_lowered(bytes: &[u8]) -> u64 {
    hash_with(bytes, 0x20)
}

/// [`hash_bytes`] of `bytes`, each with the bits of `set` set.
const fn hash_with(bytes: &[u8], set: u8) -> u64 {
    let mut h = start(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let mut chunk = 0u64;
        let mut j = 0;
        while j < 8 && i + j < bytes.len() {
            chunk |= ((bytes[i + j] | set) as u64) << (8 * j);
            j += 1;
        }
        h = mix(h, chunk);
        i += 8;
    }
    h
}

/// [`hash_lowered`] of the first `n` (below eight) of the bytes `x` holds:
/// no loop, so no branch on the word's length.
#[inline]
pub(crate) fn hash8(x: u64, n: usize) -> u64 {
    let keep = low_bytes(n);
    mix(start(n), (x | bytes8(0x20)) & keep)
}

/// A mask of the low `n` (at most eight) bytes.
#[inline]
const fn low_bytes(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

const fn start(len: usize) -> u64 {
    (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xcbf2_9ce4_8422_2325
}

/// One chunk into the hash: a multiply by an odd constant and a shift
/// folding the high half into the low, each a bijection, so that words of
/// one chunk and one length never collide.
const fn mix(h: u64, chunk: u64) -> u64 {
    let x = (h ^ chunk).wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^ (x >> 32)
}

/// The eight bytes from `bytes[k]`, the first in the low byte; zeros past
/// the end.
#[inline]
pub(crate) fn load8(bytes: &[u8], k: usize) -> u64 {
    match bytes
        .get(k..k + 8)
        .and_then(|eight| <[u8; 8]>::try_from(eight).ok())
    {
        Some(eight) => u64::from_le_bytes(eight),
        // Near the end: at most seven bytes, shifted in one at a time (a
        // copy of a few bytes would call memcpy).
        None => bytes
            .get(k..)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0, |x, &b| x << 8 | u64::from(b)),
    }
}

/// The top bit of each of eight bytes.
const TOPS: u64 = 0x8080_8080_8080_8080;

/// `b` in each of eight bytes.
const fn bytes8(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// How many of the eight bytes `x` holds, from its low byte, are ASCII
/// letters or digits before the first that is not (8 when all are). Each
/// byte's sums stay within it, as its top bit is cleared first.
#[inline]
pub(crate) fn alnum_prefix(x: u64) -> usize {
    let ascii = !x & TOPS;
    let low = x & !TOPS;
    let lower = low | bytes8(0x20);
    let letter = lower.wrapping_add(bytes8(0x80 - b'a')) & bytes8(0x80 + b'z').wrapping_sub(lower);
    let digit = low.wrapping_add(bytes8(0x80 - b'0')) & bytes8(0x80 + b'9').wrapping_sub(low);
    let alnum = (letter | digit) & ascii;
    (!alnum & TOPS).trailing_zeros() as usize / 8
}

/// How many ASCII letters and digits run from `bytes[k]`, eight at a time:
/// most words end in the first eight.
#[inline]
pub(crate) fn ascii_alnum_len(bytes: &[u8], k: usize) -> usize {
    let mut n = 0;
    loop {
        let run = alnum_prefix(load8(bytes, k + n));
        n += run;
        if run < 8 {
            return n;
        }
    }
}

/// Whether a run of ASCII letters and digits before `b` (`None`: the
/// text's end) is a whole word: `b` is ASCII that joins nothing. A hyphen
/// or apostrophe might join another word on, and a wide char might be a
/// letter.
#[inline]
pub(crate) fn ends_word(b: Option<u8>) -> bool {
    WORD_EDGE[usize::from(b.unwrap_or(0))]
}

/// [`ends_word`] of each byte: one look-up, not four tests.
static WORD_EDGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = !byte.is_ascii_alphanumeric() && byte != b'-' && byte != b'\'';
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_count_ascii_letters_and_digits() {
        assert_eq!(alnum_prefix(load8(b"Kabul, 2021", 0)), 5);
        assert_eq!(alnum_prefix(load8(b"a1Zz9Q_x", 0)), 6);
        assert_eq!(alnum_prefix(load8(b"abcdefghij", 0)), 8);
        assert_eq!(alnum_prefix(load8(b"caf\xc3\xa9", 0)), 3);
        assert_eq!(alnum_prefix(load8(b"@[`{/:", 0)), 0);
        assert_eq!(alnum_prefix(load8(b"ab", 0)), 2);
        // Every byte, alone: the eight-byte test agrees with the standard one.
        for b in 0..=255u8 {
            let alone = u64::from(b);
            assert_eq!(alnum_prefix(alone) == 1, b.is_ascii_alphanumeric(), "{b}");
        }
    }

    #[test]
    fn the_eight_byte_hash_is_the_hash_of_the_lowercased_prefix() {
        for word in ["a", "Kabul", "per", "SEVENTY", "1-500", "o'clock"] {
            let n = word.len().min(7);
            let prefix = word.as_bytes().get(..n).unwrap_or_default();
            let lower = prefix.to_ascii_lowercase();
            assert_eq!(hash8(load8(word.as_bytes(), 0), n), hash_bytes(&lower));
            assert_eq!(hash_lowered(prefix), hash_bytes(&lower));
        }
        let long = "Internationally-recognised";
        assert_eq!(
            hash_lowered(long.as_bytes()),
            hash_bytes(long.to_ascii_lowercase().as_bytes())
        );
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"a\0"));
        assert_eq!(hash_bytes(b""), EMPTY_HASH);
    }
}
