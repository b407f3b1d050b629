//! Anchored nom recognisers for numerals: digits with separators, decimals
//! and scales ("4,500", "1.2 million", "3bn"), and number words ("six",
//! "four thousand five hundred", "a dozen", "half a million").

use super::tag::tag_no_case;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::char,
    combinator::opt,
    sequence::preceded,
};

use super::value::Amount;

/// A numeral as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// The interval its printed precision allows.
    pub amount: Amount,
    /// Digits only, no separators, decimals or scale ("2021"): may be a year.
    pub bare_integer: bool,
    /// Written in words.
    pub words: bool,
    /// What one step in the last written digit is worth ("4.5m": 100,000).
    pub unit: f64,
}

/// Succeeds, consuming nothing, when no letter or digit follows.
pub fn boundary(i: &str) -> IResult<&str, ()> {
    match i.chars().next() {
        Some(c) if c.is_alphanumeric() => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
        _ => Ok((i, ())),
    }
}

/// "4,500", "4500", "4.5" (".5" is not accepted): the digits of a figure
/// as written, read byte by byte since every figure passes here, often more
/// than once.
struct DigitText<'a> {
    text: &'a str,
    decimals: usize,
    /// Grouped in thousands with commas.
    grouped: bool,
}

fn digit_text(i: &str) -> IResult<&str, DigitText<'_>> {
    let bytes = i.as_bytes();
    let digits_from = |at: usize| {
        bytes.get(at..).map_or(0, |tail| {
            tail.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let lead = digits_from(0);
    if lead == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    let mut end = lead;
    // Groups of exactly three after one to three digits, and no digit
    // running on after the last group ("1,5000" is 1, then ",5000").
    if lead <= 3 {
        let mut at = lead;
        while bytes.get(at) == Some(&b',') && digits_from(at + 1) >= 3 {
            at += 4;
        }
        if at > lead && !bytes.get(at).is_some_and(u8::is_ascii_digit) {
            end = at;
        }
    }
    let grouped = end > lead;
    let mut decimals = 0;
    if bytes.get(end) == Some(&b'.') {
        decimals = digits_from(end + 1);
        if decimals > 0 {
            end += 1 + decimals;
        }
    }
    Ok((
        &i[end..],
        DigitText {
            text: &i[..end],
            decimals,
            grouped,
        },
    ))
}

/// How many bytes of `i` its digits take, as [`digits_unscaled`] reads them
/// before any fraction: the digits alone, without their value.
pub(super) fn digits_len(i: &str) -> Option<usize> {
    digit_text(i).ok().map(|(_, digits)| digits.text.len())
}

/// The value of digits as [`digit_text`] reads them, the same as parsing
/// them without their commas: below 2^53 with at most 22 decimals, one
/// division of exact values rounds as parsing does.
fn digit_value(text: &str, decimals: usize) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut mantissa: u64 = 0;
    let mut count = 0;
    for b in text.bytes().filter(u8::is_ascii_digit) {
        mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        count += 1;
    }
    if count <= 15
        && let Some(power) = POWERS.get(decimals)
    {
        return Some(mantissa as f64 / power);
    }
    let plain: String = text.chars().filter(|c| *c != ',').collect();
    plain.parse().ok()
}

/// A scale word or suffix and its factor.
fn scale(i: &str) -> IResult<&str, f64> {
    // Every scale opens with one of these letters: most figures have none.
    let first = i.trim_start_matches([' ', '\n', '\u{a0}']).bytes().next();
    if !first.is_some_and(|b| matches!(b.to_ascii_lowercase(), b't' | b'b' | b'm' | b'k')) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let word = preceded(
        // Wire copy breaks lines anywhere: "2.99\nbillion".
        take_while(|c| c == ' ' || c == '\n' || c == '\u{a0}'),
        alt((
            tag_no_case("trillion").map(|_| 1e12),
            tag_no_case("billion").map(|_| 1e9),
            tag_no_case("million").map(|_| 1e6),
            tag_no_case("thousand").map(|_| 1e3),
            tag("mln").map(|_| 1e6),
            tag("bln").map(|_| 1e9),
            tag("bn").map(|_| 1e9),
            tag("tn").map(|_| 1e12),
            tag("mn").map(|_| 1e6),
        )),
    );
    let suffix = alt((tag("m").map(|_| 1e6), tag("k").map(|_| 1e3)));
    let (rest, factor) = alt((word, suffix)).parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, factor))
}

/// Digits with optional separators, decimals and scale.
pub fn digits(i: &str) -> IResult<&str, Numeral> {
    digits_scaled(i, true)
}

/// Digits with separators and decimals but no scale ("5m" is 5, "m" left).
pub fn digits_unscaled(i: &str) -> IResult<&str, Numeral> {
    digits_scaled(i, false)
}

/// A vulgar fraction character and its value.
pub fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

fn digits_scaled(i: &str, scaled: bool) -> IResult<&str, Numeral> {
    let (rest, digits) = digit_text(i)?;
    let decimals = digits.decimals;
    let mut value = digit_value(digits.text, decimals)
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)))?;
    // "8½", "3½%": a vulgar fraction glued on.
    let mut rest = rest;
    let mut fraction = false;
    if decimals == 0
        && let Some(c) = rest.chars().next()
        && let Some(f) = vulgar(c)
    {
        value += f;
        rest = &rest[c.len_utf8()..];
        fraction = true;
    }
    let unit = if fraction {
        0.25
    } else {
        10f64.powi(-(decimals as i32))
    };
    let (rest, factor) = if scaled {
        opt(scale).parse(rest)?
    } else {
        (rest, None)
    };
    let amount = match factor {
        Some(f) if fraction => Amount::exact(value).scaled(f),
        Some(f) => Amount::rounded(value, unit).scaled(f),
        None if decimals > 0 => Amount::rounded(value, unit),
        None => Amount::exact(value),
    };
    let bare_integer = factor.is_none() && decimals == 0 && !fraction && !digits.grouped;
    Ok((
        rest,
        Numeral {
            amount,
            bare_integer,
            words: false,
            unit: unit * factor.unwrap_or(1.0),
        },
    ))
}

/// What one number word contributes.
#[derive(Debug, Clone, Copy)]
enum Word {
    Unit(f64),
    Tens(f64),
    Hundred,
    Scale(f64),
    Dozen,
}

/// Every number word [`lookup`] knows; its shapes gate the lookup.
pub(super) const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
];

pub(super) const NUMBER_SHAPES: super::lexicon::Shapes = super::lexicon::Shapes::of(NUMBER_WORDS);

fn lookup(word: &str) -> Option<Word> {
    if !NUMBER_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    // Lower-case on the stack: this runs at every word of every article.
    let mut buffer = [0u8; 9];
    let bytes = word.as_bytes();
    if bytes.len() > buffer.len() {
        return None;
    }
    buffer[..bytes.len()].copy_from_slice(bytes);
    buffer[..bytes.len()].make_ascii_lowercase();
    let lower = std::str::from_utf8(&buffer[..bytes.len()]).ok()?;
    let unit = |n: f64| Some(Word::Unit(n));
    match lower {
        "zero" => unit(0.0),
        "one" => unit(1.0),
        "two" => unit(2.0),
        "three" => unit(3.0),
        "four" => unit(4.0),
        "five" => unit(5.0),
        "six" => unit(6.0),
        "seven" => unit(7.0),
        "eight" => unit(8.0),
        "nine" => unit(9.0),
        "ten" => unit(10.0),
        "eleven" => unit(11.0),
        "twelve" => unit(12.0),
        "thirteen" => unit(13.0),
        "fourteen" => unit(14.0),
        "fifteen" => unit(15.0),
        "sixteen" => unit(16.0),
        "seventeen" => unit(17.0),
        "eighteen" => unit(18.0),
        "nineteen" => unit(19.0),
        "twenty" => Some(Word::Tens(20.0)),
        "thirty" => Some(Word::Tens(30.0)),
        "forty" => Some(Word::Tens(40.0)),
        "fifty" => Some(Word::Tens(50.0)),
        "sixty" => Some(Word::Tens(60.0)),
        "seventy" => Some(Word::Tens(70.0)),
        "eighty" => Some(Word::Tens(80.0)),
        "ninety" => Some(Word::Tens(90.0)),
        "hundred" => Some(Word::Hundred),
        "thousand" => Some(Word::Scale(1e3)),
        "million" => Some(Word::Scale(1e6)),
        "billion" => Some(Word::Scale(1e9)),
        "trillion" => Some(Word::Scale(1e12)),
        "dozen" => Some(Word::Dozen),
        _ => None,
    }
}

/// Whether `word` is a number word ("six", "twenty", "dozen").
pub fn is_number_word(word: &str) -> bool {
    lookup(word).is_some()
}

/// Whether "a" or "an" before `word` may open a numeral or a fraction: a
/// number word ("a dozen", "a million"), "couple" ("a couple of") or a
/// fraction's part ("a third"). Before any other word the article counts
/// nothing.
pub(super) fn counts_after_article(word: &str) -> bool {
    lookup(word).is_some()
        || word.eq_ignore_ascii_case("couple")
        || super::ratio::is_denominator(word)
}

fn alpha_word(i: &str) -> IResult<&str, &str> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, word))
}

/// Separator between number words: a space, a hyphen, or " and ".
fn joiner(i: &str) -> IResult<&str, ()> {
    alt((
        (
            take_while1(|c| c == ' '),
            tag_no_case("and"),
            take_while1(|c| c == ' '),
        )
            .map(|_| ()),
        tag("-").map(|_| ()),
        take_while1(|c| c == ' ' || c == '\n').map(|_| ()),
    ))
    .parse(i)
}

/// Number words: "six", "twenty-one", "four thousand five hundred",
/// "a dozen", "a million", "half", "half a million".
pub fn words(i: &str) -> IResult<&str, Numeral> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alpha));
    // Most words are no number: decide that from the first word alone.
    let first_len = i.bytes().take_while(u8::is_ascii_alphabetic).count();
    let first = &i[..first_len];
    let opener = ["half", "a", "an"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w));
    if !opener && lookup(first).is_none() {
        return Err(fail());
    }
    // "half", "half a million", "a half"
    if let Ok((rest, _)) = (tag_no_case::<nom::error::Error<&str>>("half"), boundary).parse(i) {
        if let Ok((rest2, (_, _, _, _, f))) = (
            take_while1(|c| c == ' '),
            tag_no_case("a"),
            take_while1(|c| c == ' '),
            nom::combinator::peek(alpha_word),
            alpha_word,
        )
            .parse(rest)
            && let Some(Word::Scale(factor)) = lookup(f)
        {
            return Ok((rest2, word_numeral(Amount::exact(factor / 2.0))));
        }
        return Ok((rest, word_numeral(Amount::exact(0.5))));
    }
    // "a couple of": two, or three.
    if let Ok((rest, _)) = (
        tag_no_case::<nom::error::Error<&str>>("a couple of"),
        boundary,
    )
        .parse(i)
    {
        return Ok((
            rest,
            word_numeral(Amount {
                lo: 2.0,
                hi: 3.0,
                nominal: 2.0,
            }),
        ));
    }
    // "a" or "an" stands for one before hundred, thousand, million, dozen.
    let (mut rest, article) = opt((
        alt((tag_no_case("an"), tag_no_case("a"))),
        take_while1(|c| c == ' '),
    ))
    .parse(i)?;
    let mut total = 0.0;
    let mut current = if article.is_some() { 1.0 } else { 0.0 };
    let mut seen = 0usize;
    let mut last_scale: Option<f64> = None;
    let mut last_was_tens = false;
    let mut end = rest;
    while let Ok((after, word)) = alpha_word(rest) {
        let Some(kind) = lookup(word) else { break };
        match kind {
            Word::Unit(n) => {
                if seen > 0 && !last_was_tens && last_scale.is_none() && current % 100.0 != 0.0 {
                    break; // "five six" is two numbers
                }
                if article.is_some() && seen == 0 {
                    return Err(fail());
                }
                current += n;
                last_was_tens = false;
                last_scale = None;
            }
            Word::Tens(n) => {
                if seen > 0 && current % 100.0 != 0.0 {
                    break;
                }
                if article.is_some() && seen == 0 {
                    return Err(fail());
                }
                current += n;
                last_was_tens = true;
                last_scale = None;
            }
            Word::Hundred => {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
                last_was_tens = false;
                last_scale = None;
            }
            Word::Dozen => {
                current = if current == 0.0 { 12.0 } else { current * 12.0 };
                last_was_tens = false;
                last_scale = None;
            }
            Word::Scale(f) => {
                if seen == 0 && article.is_none() {
                    break; // a bare "million" is not a number
                }
                total += if current == 0.0 { 1.0 } else { current } * f;
                current = 0.0;
                last_was_tens = false;
                last_scale = Some(f);
            }
        }
        seen += 1;
        end = after;
        match joiner(after) {
            Ok((next, ())) => rest = next,
            Err(_) => break,
        }
    }
    if seen == 0 {
        return Err(fail());
    }
    let mut value = total + current;
    // "two and a half"
    if let Ok((after, _)) = (
        tag_no_case::<nom::error::Error<&str>>(" and a half"),
        boundary,
    )
        .parse(end)
        && last_scale.is_none()
    {
        value += 0.5;
        end = after;
    }
    // Wire copy scales words too: "four mln shares".
    if let Ok((after, factor)) = scale(end)
        && last_scale.is_none()
    {
        return Ok((
            after,
            word_numeral(Amount::rounded(value, 1.0).scaled(factor)),
        ));
    }
    let amount = match last_scale {
        // "four million" carries the precision of its last word.
        Some(f) if current == 0.0 => {
            let mantissa = value / f;
            if mantissa.fract() == 0.0 {
                Amount::rounded(value, f)
            } else {
                Amount::exact(value)
            }
        }
        _ => Amount::exact(value),
    };
    Ok((end, word_numeral(amount)))
}

fn word_numeral(amount: Amount) -> Numeral {
    Numeral {
        amount,
        bare_integer: false,
        words: true,
        unit: (amount.hi - amount.lo).max(1.0),
    }
}

/// Ordinal words and their values.
pub(super) const ORDINALS: &[(&str, i64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
];

/// An ordinal in words: "fourth", "twentieth", "twenty-fifth".
pub fn ordinal_word(i: &str) -> IResult<&str, i64> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alpha));
    let (rest, word) = alpha_word_joined(i)?;
    let lower_end = |suffix: &str| {
        word.len() > suffix.len() && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if !["st", "nd", "rd", "th"].iter().any(|s| lower_end(s)) {
        return Err(fail());
    }
    let simple = |w: &str| {
        ORDINALS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(w))
            .map(|(_, n)| *n)
    };
    if let Some(n) = simple(word) {
        return Ok((rest, n));
    }
    // "twenty-fifth"
    let (tens, unit) = word.split_once('-').ok_or_else(fail)?;
    match (lookup(tens), simple(unit)) {
        (Some(Word::Tens(t)), Some(u)) if u < 10 => Ok((rest, t as i64 + u)),
        _ => Err(fail()),
    }
}

/// Letters, with one inner hyphen ("twenty-fifth").
fn alpha_word_joined(i: &str) -> IResult<&str, &str> {
    let (rest, _) = (
        take_while1(|c: char| c.is_ascii_alphabetic()),
        opt((char('-'), take_while1(|c: char| c.is_ascii_alphabetic()))),
    )
        .parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// A numeral in digits or words.
pub fn numeral(i: &str) -> IResult<&str, Numeral> {
    alt((digits, words)).parse(i)
}

/// A numeral, or two joined by "or" ("six or seven" is `[6, 7]`).
pub fn disjunction(i: &str) -> IResult<&str, Numeral> {
    let (rest, first) = numeral(i)?;
    or_after(rest, first)
}

/// [`disjunction`] once its first numeral, `first`, is read: `rest` is
/// the text after it.
pub fn or_after(rest: &str, first: Numeral) -> IResult<&str, Numeral> {
    let second = preceded(
        (
            take_while1(|c| c == ' '),
            tag_no_case("or"),
            take_while1(|c| c == ' '),
        ),
        numeral,
    )
    .parse(rest);
    match second {
        Ok((rest2, second)) if second.words == first.words => {
            let amount = Amount {
                lo: first.amount.lo.min(second.amount.lo),
                hi: first.amount.hi.max(second.amount.hi),
                nominal: first.amount.nominal,
            };
            Ok((
                rest2,
                Numeral {
                    amount,
                    bare_integer: false,
                    words: first.words,
                    unit: first.unit,
                },
            ))
        }
        _ => Ok((rest, first)),
    }
}

/// White space that may sit between a numeral and its unit: spaces, and
/// the line breaks of wire copy.
pub fn gap(i: &str) -> IResult<&str, &str> {
    take_while(|c| c == ' ' || c == '\n' || c == '\u{a0}').parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `digit_text` reads, as (text, rest, decimals, grouped).
    fn read(i: &str) -> (&str, &str, usize, bool) {
        let (rest, d) = digit_text(i).unwrap();
        (d.text, rest, d.decimals, d.grouped)
    }

    #[test]
    fn digit_text_reads_groups_only_when_whole() {
        assert_eq!(read("4,500 people"), ("4,500", " people", 0, true));
        assert_eq!(read("1,234,567."), ("1,234,567", ".", 0, true));
        assert_eq!(read("1,5000"), ("1", ",5000", 0, false));
        assert_eq!(read("1,234,5678"), ("1", ",234,5678", 0, false));
        assert_eq!(read("12345,678"), ("12345", ",678", 0, false));
        assert_eq!(read("1,23"), ("1", ",23", 0, false));
        assert_eq!(read("4.5.6"), ("4.5", ".6", 1, false));
        assert_eq!(read("4. Then"), ("4", ". Then", 0, false));
        assert_eq!(read("1,200.75bn"), ("1,200.75", "bn", 2, true));
        assert!(digit_text("x1").is_err());
    }

    #[test]
    fn digit_value_equals_parsing() {
        let mut texts: Vec<String> = Vec::new();
        for whole in [0u64, 1, 7, 10, 99, 123, 4500, 65_536, 9_007_199_254_740_991] {
            texts.push(whole.to_string());
            for frac in ["1", "01", "5", "25", "333", "999999", "1234567890123"] {
                texts.push(format!("{whole}.{frac}"));
            }
        }
        texts.extend(
            [
                "1,234,567.891",
                "999,999,999,999,999",
                "12345678901234567890",
            ]
            .map(String::from),
        );
        texts.push(format!("0.{}", "3".repeat(30)));
        for text in &texts {
            let (_, d) = digit_text(text).unwrap();
            let plain: String = text.chars().filter(|c| *c != ',').collect();
            let parsed: f64 = plain.parse().unwrap();
            let value = digit_value(d.text, d.decimals).unwrap();
            assert_eq!(value.to_bits(), parsed.to_bits(), "{text}");
        }
    }

    fn value(text: &str) -> (f64, f64, &str) {
        let (rest, n) = disjunction(text).unwrap();
        (n.amount.lo, n.amount.hi, rest)
    }

    #[test]
    fn digits_keep_their_precision() {
        assert_eq!(value("4,500 US"), (4500.0, 4500.0, " US"));
        assert_eq!(value("4.5m people"), (4_450_000.0, 4_550_000.0, " people"));
        assert_eq!(value("3bn."), (2.5e9, 3.5e9, "."));
        assert_eq!(value("1.2 million"), (1_150_000.0, 1_250_000.0, ""));
        assert_eq!(value("1,5000"), (1.0, 1.0, ",5000"));
    }

    #[test]
    fn every_number_word_is_looked_up() {
        for w in NUMBER_WORDS {
            assert!(lookup(w).is_some(), "{w}");
            assert!(lookup(&w.to_uppercase()).is_some(), "{w}");
        }
        assert_eq!(ordinal_word("twentieth"), Ok(("", 20)));
        assert!(ordinal_word("tenths").is_err());
    }

    #[test]
    fn words_compose() {
        assert_eq!(value("four thousand five hundred"), (4500.0, 4500.0, ""));
        assert_eq!(value("twenty-one days"), (21.0, 21.0, " days"));
        assert_eq!(value("a dozen eggs"), (12.0, 12.0, " eggs"));
        assert_eq!(value("six or seven months"), (6.0, 7.0, " months"));
        assert_eq!(value("two million"), (1.5e6, 2.5e6, ""));
        assert_eq!(value("half a million"), (5e5, 5e5, ""));
        assert_eq!(value("one hundred and five"), (105.0, 105.0, ""));
        assert_eq!(value("four mln shares"), (3.5e6, 4.5e6, " shares"));
        assert_eq!(value("two and a half hours"), (2.5, 2.5, " hours"));
        assert!(words("a man").is_err());
        assert_eq!(
            ordinal_word("twenty-fifth anniversary"),
            Ok((" anniversary", 25))
        );
        assert_eq!(ordinal_word("Fourth of"), Ok((" of", 4)));
        assert!(ordinal_word("firstly").is_err());
        assert!(words("tenant").is_err());
    }
}
