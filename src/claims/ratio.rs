//! Ratios, valued as fractions: fraction words ("half of", "a third of",
//! "two-thirds", "three-quarters", "½ of") and "one in five", "nine out of
//! 10", "one in every four".
//!
//! Fraction words and "one in N" are rounded speech ("two-thirds" stands for
//! 65% as readily as for 67%), so their value carries a slack of 5% of the
//! fraction, and at least 1.5 points.

use super::tag::tag_no_case;
use nom::{
    IResult, Parser, branch::alt, bytes::complete::tag, character::complete::char, combinator::opt,
};

use super::numeral::{Numeral, boundary, numeral, vulgar};
use super::value::Amount;

const DENOMINATORS: &[(&str, &str, f64)] = &[
    ("half", "halves", 2.0),
    ("third", "thirds", 3.0),
    ("quarter", "quarters", 4.0),
    ("fourth", "fourths", 4.0),
    ("fifth", "fifths", 5.0),
    ("sixth", "sixths", 6.0),
    ("seventh", "sevenths", 7.0),
    ("eighth", "eighths", 8.0),
    ("ninth", "ninths", 9.0),
    ("tenth", "tenths", 10.0),
];

/// How the words of [`DENOMINATORS`] open.
pub(super) static DENOMINATOR_HEADS: std::sync::LazyLock<super::lexicon::Heads> =
    std::sync::LazyLock::new(|| {
        super::lexicon::Heads::of(DENOMINATORS.iter().flat_map(|(one, many, _)| [*one, *many]))
    });

/// A fraction's value with the slack of rounded speech.
pub(super) fn loose(value: f64) -> Amount {
    let slack = (value * 0.05).max(0.015);
    Amount {
        lo: (value - slack).max(0.0),
        hi: value + slack,
        nominal: value,
    }
}

/// A ratio at the start of `here` (`before` is the sentence up to it): the
/// bytes it takes and its value. `opening` is the numeral that opens
/// `here` and the text after it (`None` when none does), read once by the
/// caller for every recogniser that needs it.
pub(super) fn ratio(
    before: &str,
    here: &str,
    opening: Option<(&str, Numeral)>,
) -> Option<(usize, Amount)> {
    // Decide from the first word: most words open no ratio.
    let digits = here.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let first = if digits {
        ""
    } else {
        here.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    };
    // A figure in digits or a number word opens a ratio only as a
    // numerator: a hyphen or space, then a denominator ("3-fifths", "two
    // thirds") or " in" or " out of" ("one in five"). Decide from the two
    // letters after the space: most figures are followed by neither.
    if digits || super::numeral::is_number_word(first) {
        let (rest, _) = opening?;
        let opens = |after: &[u8]| {
            DENOMINATOR_HEADS.may_open(after)
                || matches!(
                    after,
                    [b'i' | b'I', b'n' | b'N', ..] | [b'o' | b'O', b'u' | b'U', ..]
                )
        };
        if !matches!(rest.as_bytes(), [b'-' | b' ', after @ ..] if opens(after)) {
            return None;
        }
    } else if !(here.starts_with(|c: char| vulgar(c).is_some())
        || ["a", "an", "half"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w)))
    {
        return None;
    }
    if let Some(found) = fraction(before, here, opening) {
        return Some(found);
    }
    // A numerator is a short numeral: "in" or "out of" follows it closely,
    // or there is no "one in five" here, and no need to read the numeral.
    let bytes = here.as_bytes();
    let window = bytes.get(..LINK_WITHIN).unwrap_or(bytes);
    let linked = memchr::memchr_iter(b' ', window).any(|k| {
        let after = bytes.get(k + 1..).unwrap_or_default();
        after.starts_with(b"in ") || after.starts_with(b"out of ")
    });
    if !linked {
        return None;
    }
    let (rest, (n, d)) = one_in(here, opening?).ok()?;
    let (n, d) = (n.amount.nominal, d.amount.nominal);
    if n <= 0.0 || d <= n {
        return None;
    }
    Some((here.len() - rest.len(), loose(n / d)))
}

/// Bytes from a ratio's start within which its "in" or "out of" must
/// begin: "one hundred and twenty-five thousand in every" is 44.
const LINK_WITHIN: usize = 64;

/// "one in five", "1 in 10", "nine out of 10", "one in every four", whose
/// first numeral is `n`, with `rest` after it.
fn one_in<'a>(i: &'a str, (rest, n): (&'a str, Numeral)) -> IResult<&'a str, (Numeral, Numeral)> {
    let (rest, (_, link, every, _)) = (
        char(' '),
        alt((tag("in"), tag("out of"))),
        opt(tag(" every")),
        char(' '),
    )
        .parse(rest)?;
    let (after, d) = numeral(rest)?;
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify));
    if !n.amount.is_exact() || !d.amount.is_exact() || d.amount.nominal.fract() != 0.0 {
        return Err(fail());
    }
    // "in 2001" is a year; "120 out of 300" is a part and its whole.
    let dv = d.amount.nominal;
    if d.bare_integer && (1000.0..=2100.0).contains(&dv) && !d.words {
        return Err(fail());
    }
    let round = dv <= 10.0 || [100.0, 1000.0].contains(&dv);
    if link == "out of" && every.is_none() && !round {
        return Err(fail());
    }
    Ok((after, (n, d)))
}

/// Words a "half" after them is not a fraction of a whole ("the second
/// half", "the first half of the year").
const HALF_OF_TIME: &[&str] = &[
    "the", "first", "second", "latter", "former", "other", "back", "top", "bottom", "upper",
    "lower", "northern", "southern", "eastern", "western", "better",
];

fn fraction(before: &str, here: &str, opening: Option<(&str, Numeral)>) -> Option<(usize, Amount)> {
    if let Some(c) = here.chars().next()
        && let Some(v) = vulgar(c)
    {
        let rest = &here[c.len_utf8()..];
        return of_follows(rest).then_some((c.len_utf8(), loose(v)));
    }
    let (rest, (numerator, joined, plural, d)) = fraction_words(here, opening).ok()?;
    let previous = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if d == 2.0 && numerator.is_none() {
        // "half of", "half the", "by half."; not "half a million", "half an hour".
        if HALF_OF_TIME
            .iter()
            .any(|w| previous.eq_ignore_ascii_case(w))
        {
            return None;
        }
        let follows = |w: &str| {
            rest.strip_prefix(' ')
                .and_then(|r| r.get(..w.len()))
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
                && boundary(&rest[1 + w.len()..]).is_ok()
        };
        let whole = ["of", "the", "its", "their", "his", "her", "our", "all"]
            .iter()
            .any(|w| follows(w));
        let cut = ["by", "in"]
            .iter()
            .any(|w| previous.eq_ignore_ascii_case(w))
            && ends_phrase(rest);
        return (whole || cut).then_some((here.len() - rest.len(), loose(0.5)));
    }
    let n = numerator.unwrap_or(1.0);
    if (n > 1.0) != plural || n >= d {
        return None;
    }
    // "two-thirds" always; "a third" only as a share ("a third of",
    // "by a third."), not as an ordinal ("a third term"); "three quarters"
    // only before "of" ("the past three quarters" is a duration).
    // "Nearly two thirds - 65% - of …": a dash or bracket sets off a share.
    let aside = [" -", " —", " –", " ("].iter().any(|d| rest.starts_with(d));
    if !(joined || of_follows(rest) || aside || (n == 1.0 && ends_phrase(rest))) {
        return None;
    }
    Some((here.len() - rest.len(), loose(n / d)))
}

/// (numerator, joined by a hyphen, plural denominator, denominator), after
/// `opening` (see [`ratio`]).
fn fraction_words<'a>(
    i: &'a str,
    opening: Option<(&'a str, Numeral)>,
) -> IResult<&'a str, (Option<f64>, bool, bool, f64)> {
    let article = alt((tag_no_case("an "), tag_no_case("a "))).map(|_| (Some(1.0), false));
    let mut joint = alt((char('-').map(|_| true), char(' ').map(|_| false)));
    let counted = |_: &'a str| -> IResult<&'a str, (Option<f64>, bool)> {
        let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit));
        let (rest, n) = opening.ok_or_else(fail)?;
        let (rest, joined) = joint.parse(rest)?;
        Ok((rest, (Some(n.amount.nominal), joined)))
    };
    let (rest, (numerator, joined)) = match alt((article, counted)).parse(i) {
        Ok((rest, (Some(n), joined))) if n >= 1.0 && n.fract() == 0.0 => (rest, (Some(n), joined)),
        _ => (i, (None, false)),
    };
    let word_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &rest[..word_len];
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alpha));
    let (plural, d) = DENOMINATORS
        .iter()
        .find_map(|(one, many, d)| {
            if word.eq_ignore_ascii_case(one) {
                Some((false, *d))
            } else if word.eq_ignore_ascii_case(many) {
                Some((true, *d))
            } else {
                None
            }
        })
        .ok_or_else(fail)?;
    let after = &rest[word_len..];
    boundary(after)?;
    if numerator.is_none() && d != 2.0 {
        return Err(fail()); // a bare "third" is an ordinal
    }
    Ok((after, (numerator, joined, plural, d)))
}

/// Whether `word` (any case) names a fraction's part: "third", "halves".
pub(super) fn is_denominator(word: &str) -> bool {
    DENOMINATORS
        .iter()
        .any(|(one, many, _)| word.eq_ignore_ascii_case(one) || word.eq_ignore_ascii_case(many))
}

fn of_follows(rest: &str) -> bool {
    rest.get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case(" of "))
}

/// Punctuation or the end: "cut by a third.", "by half,".
fn ends_phrase(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | ')' | '—' | '–'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(before: &str, here: &str) -> Option<(usize, f64)> {
        ratio(before, here, numeral(here).ok())
            .map(|(n, a)| (n, (a.nominal * 1000.0).round() / 1000.0))
    }

    #[test]
    fn fractions_of_a_whole() {
        assert_eq!(value("", "two-thirds of voters"), Some((10, 0.667)));
        assert_eq!(value("", "a third of the staff"), Some((7, 0.333)));
        assert_eq!(value("cut by ", "a third."), Some((7, 0.333)));
        assert_eq!(value("", "a third term"), None);
        assert_eq!(value("", "half of the 300"), Some((4, 0.5)));
        assert_eq!(value("", "half a million"), None);
        assert_eq!(value("the first ", "half of 2021"), None);
        assert_eq!(value("", "three-quarters"), Some((14, 0.75)));
        assert_eq!(value("", "½ of them"), Some((2, 0.5)));
        assert_eq!(value("", "third"), None);
    }

    #[test]
    fn a_figure_opens_a_ratio_only_before_a_listed_word() {
        for (one, many, _) in DENOMINATORS {
            for word in [one, many] {
                assert!(DENOMINATOR_HEADS.may_open(word.as_bytes()), "{word}");
            }
        }
        assert_eq!(value("", "3-Fifths"), Some((8, 0.6)));
        assert_eq!(value("", "2 thirds of voters"), Some((8, 0.667)));
        assert_eq!(value("", "4,500 people in Kabul"), None);
        assert_eq!(value("", "Two-Thirds of voters"), Some((10, 0.667)));
        assert_eq!(value("", "one In five"), None);
        assert_eq!(value("", "two people"), None);
    }

    #[test]
    fn one_in_n() {
        assert_eq!(value("", "one in five adults"), Some((11, 0.2)));
        assert_eq!(value("", "nine out of 10 doctors"), Some((14, 0.9)));
        assert_eq!(value("", "1 in every 4"), Some((12, 0.25)));
        assert_eq!(value("", "120 out of 300 left"), None);
        assert_eq!(value("", "one in 2001"), None);
        assert_eq!(value("", "five in one"), None);
    }
}
