//! Money: a currency sign or code before a figure ("$3bn", "US$5m",
//! "Rmb3bn", "Rs 500", "A$1.2bn"), or a currency word after it ("200 euros",
//! "4 mln dlrs", "1.5 billion Canadian dollars", "50 cents").

use super::tag::tag_no_case;
use nom::{IResult, Parser, branch::alt, bytes::complete::tag, combinator::opt};

use super::numeral::{boundary, gap};

/// Signs and codes written before the figure, longest first where one is
/// the start of another; letter codes need a figure after them.
const PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("U.S.$", "USD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("Rmb", "CNY"),
    ("RMB", "CNY"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("Sfr", "CHF"),
    ("SFr", "CHF"),
    ("CHF", "CHF"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
];

/// A bit for each ASCII byte that opens a sign or code of [`PREFIXES`].
const ASCII_OPENERS: u128 = {
    let mut mask = 0u128;
    let mut i = 0;
    while i < PREFIXES.len() {
        let first = PREFIXES[i].0.as_bytes()[0];
        if first < 128 {
            mask |= 1 << first;
        }
        i += 1;
    }
    mask
};

/// A currency sign or code at the start of `s` with a figure after it:
/// its length (with one space after it, if any) and ISO 4217 code.
pub(super) fn prefix(s: &str) -> Option<(usize, &'static str)> {
    // Every sign and code opens with a symbol or a capital: most text is out.
    let first = s.chars().next()?;
    if first.is_ascii_lowercase() || first.is_ascii_digit() || first.is_whitespace() {
        return None;
    }
    let opens = if first.is_ascii() {
        ascii_may_open(s.as_bytes())
    } else {
        digit_near(s.as_bytes())
    };
    if !opens {
        return None;
    }
    let (sign, code) = PREFIXES.iter().find(|(sign, _)| s.starts_with(sign))?;
    let after = &s[sign.len()..];
    let spaced = after.strip_prefix([' ', '\u{a0}']);
    let figure = spaced.unwrap_or(after);
    if !figure.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let space = after.len() - figure.len();
    // A letter code glued to a word is a word ("Rsvp"); spaced letter codes
    // are fine ("Rs 500", "CHF 20").
    Some((sign.len() + space, code))
}

/// Whether `text`, which opens with an ASCII byte, may open a sign or code
/// of [`PREFIXES`] with its figure: most capitals open none ("The", "In"),
/// and none opens without a figure close after it.
pub(super) fn ascii_may_open(text: &[u8]) -> bool {
    text.first()
        .is_some_and(|&b| b < 128 && ASCII_OPENERS >> b & 1 != 0)
        && digit_near(text)
}

/// Whether a digit comes within the longest sign and a no-break space.
fn digit_near(text: &[u8]) -> bool {
    let near = text.get(1..text.len().min(8)).unwrap_or_default();
    near.iter().any(u8::is_ascii_digit)
}

/// Currency words after a figure, with the factor to the currency's unit.
const WORDS: &[(&str, &str, f64)] = &[
    ("us dollars", "USD", 1.0),
    ("u.s. dollars", "USD", 1.0),
    ("u.s. dlrs", "USD", 1.0),
    ("canadian dollars", "CAD", 1.0),
    ("canadian dlrs", "CAD", 1.0),
    ("australian dollars", "AUD", 1.0),
    ("australian dlrs", "AUD", 1.0),
    ("new zealand dollars", "NZD", 1.0),
    ("hong kong dollars", "HKD", 1.0),
    ("singapore dollars", "SGD", 1.0),
    ("taiwan dollars", "TWD", 1.0),
    ("dollars", "USD", 1.0),
    ("dollar", "USD", 1.0),
    ("dlrs", "USD", 1.0),
    ("dlr", "USD", 1.0),
    ("cents", "USD", 0.01),
    ("cts", "USD", 0.01),
    ("ct", "USD", 0.01),
    ("cent", "USD", 0.01),
    ("euros", "EUR", 1.0),
    ("euro", "EUR", 1.0),
    ("pounds sterling", "GBP", 1.0),
    ("pounds", "GBP", 1.0),
    ("pound", "GBP", 1.0),
    ("sterling", "GBP", 1.0),
    ("stg", "GBP", 1.0),
    ("pence", "GBP", 0.01),
    ("yen", "JPY", 1.0),
    ("yuan", "CNY", 1.0),
    ("renminbi", "CNY", 1.0),
    ("rupees", "INR", 1.0),
    ("swiss francs", "CHF", 1.0),
    ("belgian francs", "BEF", 1.0),
    ("french francs", "FRF", 1.0),
    ("francs", "FRF", 1.0),
    ("deutsche marks", "DEM", 1.0),
    ("marks", "DEM", 1.0),
    ("guilders", "NLG", 1.0),
    ("lire", "ITL", 1.0),
    ("pesetas", "ESP", 1.0),
    ("roubles", "RUB", 1.0),
    ("rubles", "RUB", 1.0),
    ("rand", "ZAR", 1.0),
    ("pesos", "MXN", 1.0),
    ("riyals", "SAR", 1.0),
    ("dinars", "KWD", 1.0),
    ("bucks", "USD", 1.0),
    // ISO codes written after the figure ("42 KWD", "115USD").
    ("usd", "USD", 1.0),
    ("eur", "EUR", 1.0),
    ("gbp", "GBP", 1.0),
    ("jpy", "JPY", 1.0),
    ("cny", "CNY", 1.0),
    ("rmb", "CNY", 1.0),
    ("chf", "CHF", 1.0),
    ("aud", "AUD", 1.0),
    ("cad", "CAD", 1.0),
    ("inr", "INR", 1.0),
    ("kwd", "KWD", 1.0),
];

/// The indices of [`WORDS`] by first byte, lowercased, in list order.
static WORDS_BY_FIRST: std::sync::LazyLock<Vec<Vec<usize>>> = std::sync::LazyLock::new(|| {
    super::lexicon::by_byte(
        WORDS
            .iter()
            .map(|(word, ..)| word.as_bytes().first().map(u8::to_ascii_lowercase)),
    )
});

/// How the words of [`WORDS`] open.
static WORD_HEADS: std::sync::LazyLock<super::lexicon::Heads> =
    std::sync::LazyLock::new(|| super::lexicon::Heads::of(WORDS.iter().map(|(word, ..)| *word)));

/// A currency word after a figure ("200 euros", " mln dlrs" has had its
/// scale read already): bytes consumed, ISO code, factor to the unit.
pub(super) fn suffix(rest: &str) -> Option<(usize, &'static str, f64)> {
    let (after, space) = gap(rest).ok()?;
    // "412p": pence, glued to the figure only.
    if space.is_empty()
        && let Some(tail) = after.strip_prefix('p')
        && boundary(tail).is_ok()
    {
        return Some((1, "GBP", 0.01));
    }
    // Most figures are followed by no currency word's first two letters.
    if !WORD_HEADS.may_open(after.as_bytes()) {
        return None;
    }
    // "pounds of cocaine", "a 10-pound baby" weigh; measures read those.
    // Only the words with the first letter here are tried, in list order.
    let first = after.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    let listed = WORDS_BY_FIRST.get(usize::from(first))?;
    for (word, code, factor) in listed.iter().filter_map(|&k| WORDS.get(k)) {
        let Some(head) = after.get(..word.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(word) {
            continue;
        }
        let tail = &after[word.len()..];
        if boundary(tail).is_err() {
            continue;
        }
        if word.starts_with("pound") && weighs(tail) {
            return None;
        }
        return Some((rest.len() - tail.len(), code, *factor));
    }
    None
}

/// Whether "pounds" is a weight here: "pounds of", "pounds (320kg)".
pub(super) fn weighs(tail: &str) -> bool {
    let of: IResult<&str, _> = (
        tag(" "),
        alt((tag_no_case("of"), tag_no_case("in weight"))),
        opt(tag(" ")),
    )
        .parse(tail);
    if of.is_ok() {
        return true;
    }
    // A conversion into a mass in parentheses.
    let Some(inner) = tail.strip_prefix(" (") else {
        return false;
    };
    let digits = inner
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        .count();
    let unit = inner[digits..].trim_start();
    digits > 0
        && ["kg", "kilo", "g)", "gram", "tonne"]
            .iter()
            .any(|u| unit.starts_with(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_need_a_figure() {
        assert_eq!(prefix("$3bn"), Some((1, "USD")));
        assert_eq!(prefix("US$ 5m"), Some((4, "USD")));
        assert_eq!(prefix("Rmb3bn"), Some((3, "CNY")));
        assert_eq!(prefix("Rs 500"), Some((3, "INR")));
        assert_eq!(prefix("A$1.2bn"), Some((2, "AUD")));
        assert_eq!(prefix("Rsvp"), None);
        assert_eq!(prefix("$ "), None);
    }

    #[test]
    fn every_currency_word_is_found_under_its_first_letter() {
        let indexed: usize = WORDS_BY_FIRST.iter().map(Vec::len).sum();
        assert_eq!(indexed, WORDS.len());
    }

    #[test]
    fn words_after_a_figure() {
        assert_eq!(suffix(" dlrs a share"), Some((5, "USD", 1.0)));
        assert_eq!(suffix(" Canadian dollars."), Some((17, "CAD", 1.0)));
        assert_eq!(suffix(" cents"), Some((6, "USD", 0.01)));
        assert_eq!(suffix(" pounds of cocaine"), None);
        assert_eq!(suffix(" poundshop"), None);
        assert_eq!(suffix(" people"), None);
    }
}
