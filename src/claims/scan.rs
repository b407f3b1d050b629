//! The scanner: one pass over a sentence, stopping only at word starts that
//! can begin a claim, and running the anchored recognisers there.
//!
//! It also knows what is *not* a quantity, and skips it whole: identifiers
//! ("G7", "Covid-19", "F-35", "Boeing 737", "No. 10"), clock times, scores
//! and other dash or slash pairs ("3-2", "24/7"), versions and addresses
//! ("192.168.1.2"), and phone numbers ("020 7946 0958", "+44 20 …").

use super::tag::tag_no_case;
use jiff::civil::Date;
use nom::{Parser, branch::alt, bytes::complete::tag, combinator::opt};

use super::date::WrittenDate;
use super::hedge::{HedgeKind, hedge_before};
use super::lengths::{after_numeral, age, is_age};
use super::noun::noun_after;
use super::numeral::{Numeral, boundary, gap, or_after};
use super::resolve::When;
use super::temporal::{date, date_digits, date_words};
use super::value::{Amount, Value};
use super::{Claim, ClaimKind};
use crate::document::Span;
use crate::document::words::ascii_alnum_len;

/// What the scanner found at a position.
pub(super) struct Found {
    pub kind: ClaimKind,
    /// End byte in the sentence.
    pub end: usize,
    pub value: Value,
    pub currency: Option<&'static str>,
    pub points: bool,
    pub unit: Option<&'static str>,
    /// The ends of a range, in the order written.
    pub range: Option<super::Range>,
    /// A date counted from the previous date, resolved after the scan.
    pub when: Option<When>,
}

impl Found {
    /// A claim of `kind` ending at `end`, with nothing more said about it.
    pub fn new(kind: ClaimKind, end: usize, value: Value) -> Self {
        Found {
            kind,
            end,
            value,
            currency: None,
            points: false,
            unit: None,
            range: None,
            when: None,
        }
    }
}

/// Scans one sentence of `text`, appending its claims, and the dates that
/// wait for the previous date to `pending` (claim index, what was written).
pub(super) fn sentence(
    text: &str,
    span: Span,
    sentence: usize,
    paragraph: usize,
    published: Option<Date>,
    out: &mut Vec<Claim>,
    pending: &mut Vec<(usize, When)>,
) {
    let s = span.slice(text);
    forget_percents();
    let bytes = s.as_bytes();
    let mut i = 0;
    // Whether the char before `i` is a letter or digit: nothing starts
    // inside a word.
    let mut in_word = false;
    let openers: &super::lexicon::Table = &OPENERS;
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        // Inside a word, and at white space, nothing starts: pass the rest
        // of a word's ASCII letters and digits in one run, and other ASCII
        // a byte at a time.
        if in_word {
            if class & ALNUM != 0 {
                i += ascii_alnum_len(bytes, i);
                continue;
            }
            if class != WIDE {
                in_word = false;
                i += 1;
                continue;
            }
        } else if class == SPACE {
            i += 1;
            continue;
        }
        // Most words of prose are in small letters and open nothing (see
        // [`word`]): pass their ASCII letters and digits here, and any other
        // letters a char at a time above, as inside any word.
        if class == LOWER {
            let here = bytes.get(i..).unwrap_or_default();
            // "the", the commonest word, opens nothing but a date, and
            // most words after it rule that out (see [`date_words`]).
            if !openers.may_open(here)
                || (here.starts_with(b"the ") && super::temporal::the_opens_nothing(here))
                || article_opens_nothing(here)
            {
                i += ascii_alnum_len(bytes, i);
                in_word = true;
                continue;
            }
        }
        // So are most capitalised words, when no currency code opens there
        // either ("The", "Kabul"): [`word`] would pass them the same way.
        if class == UPPER {
            let here = bytes.get(i..).unwrap_or_default();
            let opens_nothing = !openers.may_open(here)
                || (here.starts_with(b"The ") && super::temporal::the_opens_nothing(here))
                || article_opens_nothing(here);
            if opens_nothing && !super::money::ascii_may_open(here) && !here.starts_with(b"US$") {
                i += ascii_alnum_len(bytes, i);
                in_word = true;
                continue;
            }
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let step = if in_word {
            Step::Pass
        } else {
            recognise(s, i, c, published)
        };
        match step {
            Step::Pass => {
                i += c.len_utf8();
                in_word = c.is_alphanumeric();
            }
            Step::Skip(end) => {
                in_word = alnum_before(s, end);
                i = end.max(i + c.len_utf8());
            }
            Step::PastWord(end) => {
                in_word = true;
                i = end.max(i + c.len_utf8());
            }
            Step::Claim(found) => {
                let end = found.end;
                if let Some(when) = found.when {
                    pending.push((out.len(), when));
                }
                let mut claim = build(s, span.start, i, found, sentence, paragraph);
                // The figure before this one in its sentence, past any date
                // between them ("halved to 266 mln marks in 1986 from 311 mln").
                let previous = out
                    .iter_mut()
                    .rev()
                    .take_while(|c| c.sentence == sentence)
                    .take(3)
                    .find(|c| c.kind.is_numeric());
                if let Some(last) = previous {
                    super::ellipsis::share_unit(text, last, &mut claim);
                }
                match out.last() {
                    Some(last) if last.sentence == sentence => {
                        match super::range::merge(text, last, &claim) {
                            Some(merged) => {
                                out.pop();
                                out.push(merged);
                            }
                            None => out.push(claim),
                        }
                    }
                    _ => out.push(claim),
                }
                in_word = alnum_before(s, end);
                i = end.max(i + c.len_utf8());
            }
        }
    }
}

/// Whether "a" or "an" (any case) at the start of `here` opens nothing, as
/// [`word_at`] would find: before a space and a word that no number word,
/// "couple", fraction or calendar unit starts as ("a dozen", "a third", "a
/// week later" may), told by its first two bytes. "a" is the commonest
/// word that opens a recogniser, and nearly always opens none.
fn article_opens_nothing(here: &[u8]) -> bool {
    let len = match here {
        [b'a' | b'A', b' ', ..] => 1,
        [b'a' | b'A', b'n' | b'N', b' ', ..] => 2,
        _ => return false,
    };
    let next = here.get(len + 1..).unwrap_or_default();
    next.first().is_some_and(u8::is_ascii_alphabetic)
        && !(super::numeral::NUMBER_SHAPES.may_start(next)
            || super::ratio::DENOMINATOR_HEADS.may_open(next)
            || super::temporal::UNIT_WORDS.may_start(next)
            || next
                .get(..2)
                .is_some_and(|head| head.eq_ignore_ascii_case(b"co")))
}

/// [`CLASS`] bit of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] of a small ASCII letter (with the [`ALNUM`] bit).
const LOWER: u8 = 3;
/// [`CLASS`] of a capital ASCII letter (with the [`ALNUM`] bit).
const UPPER: u8 = 5;
/// [`CLASS`] of ASCII white space.
const SPACE: u8 = 4;
/// [`CLASS`] of a byte of a char that is not ASCII.
const WIDE: u8 = 8;

/// Each byte's class for the scanner's loop: one look-up where a byte's
/// tests would take several.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_alphanumeric() {
            ALNUM
        } else if byte.is_ascii_whitespace() {
            SPACE
        } else if byte >= 0x80 {
            WIDE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Whether the char that ends `s[..end]` is a letter or digit.
fn alnum_before(s: &str, end: usize) -> bool {
    match end.checked_sub(1).and_then(|last| s.as_bytes().get(last)) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => s
            .get(..end)
            .and_then(|head| head.chars().next_back())
            .is_some_and(char::is_alphanumeric),
        None => false,
    }
}

enum Step {
    Pass,
    Skip(usize),
    /// Past a word to the given end: its last char is a letter or digit.
    PastWord(usize),
    Claim(Found),
}

fn recognise(s: &str, i: usize, c: char, published: Option<Date>) -> Step {
    if c.is_ascii_digit() {
        return digits_at(s, i, published);
    }
    // Most words: no currency sign or fraction starts with a small letter.
    if c.is_ascii_lowercase() {
        return word(s, i, published);
    }
    if let Some((len, code)) = super::money::prefix(&s[i..]) {
        return money_at(s, i, len, code);
    }
    if super::numeral::vulgar(c).is_some() {
        let here = &s[i..];
        return match super::ratio::ratio(&s[..i], here, super::numeral::numeral(here).ok()) {
            Some((len, amount)) => Step::Claim(ratio_found(i + len, amount)),
            None => Step::Pass,
        };
    }
    if c.is_ascii_alphabetic() {
        return word(s, i, published);
    }
    Step::Pass
}

/// The word at `i`, which opens with an ASCII letter. Most words open with
/// three letters that no recogniser's word opens with: a bit test passes them
/// over. (A word ending in "fold" is a multiple only when it opens with a
/// number word.)
#[inline]
fn word(s: &str, i: usize, published: Option<Date>) -> Step {
    let here = s.as_bytes().get(i..).unwrap_or_default();
    let len = letters(here);
    if OPENERS.may_open(here) || here.starts_with(b"US$") {
        return word_at(s, i, len, published);
    }
    Step::PastWord(word_end(s, i, len))
}

/// The end of the run of letters and digits at `i`, with the punctuation
/// that joins them ("11-5/8", "192.168.1.2", "Covid-19").
fn run_end(s: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = s[i..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let joins = matches!(c, '.' | ',' | ':' | '/' | '-' | '–')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            end = i + offset + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn money_at(s: &str, i: usize, sign_len: usize, code: &'static str) -> Step {
    let after = &s[i + sign_len..];
    let Ok((rest, numeral)) = super::numeral::digits(after) else {
        return Step::Skip(i + sign_len);
    };
    if range_continues(rest, numeral).is_none() && glued_to_more(rest) {
        return Step::Skip(run_end(s, i + sign_len));
    }
    Step::Claim(Found {
        currency: Some(code),
        ..Found::new(
            ClaimKind::Money,
            s.len() - rest.len(),
            Value::Amount(numeral.amount),
        )
    })
}

/// Whether a figure runs straight on into a letter, digit or joined figure
/// ("5G", "3-2", "24/7", "192.168.1.2"), which makes it no quantity.
fn glued_to_more(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-' | '–' | '/' | ':' | '.') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

fn digits_at(s: &str, i: usize, published: Option<Date>) -> Step {
    let here = &s[i..];
    let before = &s[..i];
    // "Covid-19", "F-35", "+44", "1/2": part of something else.
    let mut back = before.chars().rev();
    match (back.next(), back.next()) {
        (Some('-'), Some(l)) if l.is_alphabetic() => return Step::Skip(run_end(s, i)),
        (Some('+'), _) => return Step::Skip(phone_end(s, run_end(s, i))),
        (Some('/' | '#'), _) => return Step::Skip(run_end(s, i)),
        (Some('.'), Some(d)) if d.is_ascii_digit() => return Step::Skip(run_end(s, i)),
        // ".99 pct": a decimal without its nought, read as nothing rather
        // than as 99.
        (Some('.'), p) if p.is_none_or(|c| !c.is_alphanumeric()) => {
            return Step::Skip(run_end(s, i));
        }
        _ => {}
    }
    if let Some(end) = clock_time(here) {
        return Step::Skip(i + end);
    }
    if let Some(found) = date_digits(s, i, published) {
        return Step::Claim(found);
    }
    // The numeral here, read once for a ratio and a figure alike.
    let opening = super::numeral::numeral(here).ok();
    if let Some((len, amount)) = super::ratio::ratio(before, here, opening) {
        return Step::Claim(ratio_found(i + len, amount));
    }
    // "5m high" is metres; "5m people" is million (read below). The "m"
    // comes straight after the digits and any fraction glued on.
    if metre_may_follow(here)
        && let Ok((after, numeral)) = super::numeral::digits_unscaled(here)
        && let Some(tail) = after.strip_prefix('m')
        && boundary(tail).is_ok()
        && super::measure::metres_follow(tail)
        && let Some((len, measure)) = super::measure::unit_after(after)
    {
        return Step::Claim(quantity(s.len() - after.len() + len, numeral, measure));
    }
    let Some(Ok((rest, numeral))) = opening.map(|(rest, first)| or_after(rest, first)) else {
        return Step::Skip(run_end(s, i));
    };
    let end = s.len() - rest.len();
    // "the 3rd quarter" is a date; "21st", "3rd" are ordinals. A quarter
    // led by a digit opens with an ordinal's suffix as its second letter.
    let suffixed = matches!(
        here.as_bytes().get(1..3),
        Some(b"st" | b"nd" | b"rd" | b"th")
    );
    if suffixed && let Ok((after, (quarter, year))) = super::calendar::quarter(here) {
        let when = When::Quarter { quarter, year };
        return Step::Claim(date(s.len() - after.len(), when, published));
    }
    if let Ok((after, _)) =
        (alt((tag("st"), tag("nd"), tag("rd"), tag("th"))), boundary).parse(rest)
        && numeral.bare_integer
    {
        return Step::Claim(Found::new(
            ClaimKind::Ordinal,
            s.len() - after.len(),
            Value::Ordinal(numeral.amount.nominal as i64),
        ));
    }
    if let Some(found) = after_numeral(s, i, rest, numeral, published) {
        return Step::Claim(found);
    }
    if let Some(found) = unit_found(s, rest, numeral) {
        return Step::Claim(found);
    }
    if let Some(after) = rest
        .strip_prefix("-fold")
        .or_else(|| rest.strip_prefix("fold"))
        && boundary(after).is_ok()
    {
        // "a 10-fold rise": a multiple, valued as the factor.
        return Step::Claim(figure(s.len() - after.len(), numeral));
    }
    if let Some(found) = percent_after(s, before, rest, numeral) {
        return Step::Claim(found);
    }
    if range_continues(rest, numeral).is_some() {
        // "10-15%": the first end; the second joins it as it is read.
        return Step::Claim(figure(end, numeral));
    }
    if glued_to_more(rest) {
        return Step::Skip(run_end(s, i));
    }
    let digits_text = &s[i..end];
    if numeral.bare_integer && digits_text.len() >= 3 && digits_text.starts_with('0') {
        return Step::Skip(phone_end(s, end)); // "020 7946 0958"
    }
    if numeral.bare_integer && is_identifier_context(before) {
        return Step::Skip(end); // "No. 10", "Boeing 737"
    }
    if numeral.bare_integer && digits_text.len() == 4 {
        let year = numeral.amount.nominal as i16;
        if (1000..=2100).contains(&year) {
            let when = When::Date {
                date: WrittenDate {
                    year: Some(year),
                    month: 0,
                    day: None,
                },
                part: super::calendar::Part::Whole,
                weekday: None,
                tense: None,
            };
            return Step::Claim(date(end, when, published));
        }
    }
    if numeral.bare_integer && is_age(before, rest, numeral.amount.nominal) {
        return Step::Claim(age(end, numeral.amount, super::calendar::Unit::Year));
    }
    Step::Claim(figure(end, numeral))
}

/// Whether an "m" follows the digits that open `here`, and any fraction
/// glued on ("5m", "2½m"): if not, no "5m" opens it. The digits are read
/// as the figure reads them, not to the end of a run of digits and
/// separators, which would read "1,1,1,…" again at each figure in it.
fn metre_may_follow(here: &str) -> bool {
    let run = super::numeral::digits_len(here).unwrap_or(0);
    let after = here.get(run..).unwrap_or_default();
    let after = after
        .strip_prefix(|c| super::numeral::vulgar(c).is_some())
        .unwrap_or(after);
    after.starts_with('m')
}

/// A money or measure word after a numeral: "200 euros", "4 mln dlrs",
/// "5km", "a 30-foot wall".
fn unit_found(s: &str, rest: &str, numeral: Numeral) -> Option<Found> {
    if let Some((len, code, factor)) = super::money::suffix(rest) {
        return Some(Found {
            currency: Some(code),
            ..Found::new(
                ClaimKind::Money,
                s.len() - rest.len() + len,
                Value::Amount(numeral.amount.scaled(factor)),
            )
        });
    }
    let (len, measure) = super::measure::unit_after(rest)?;
    Some(quantity(s.len() - rest.len() + len, numeral, measure))
}

fn quantity(end: usize, numeral: Numeral, measure: super::measure::Measure) -> Found {
    Found {
        unit: Some(measure.unit),
        ..Found::new(
            ClaimKind::Quantity,
            end,
            Value::Amount(measure.convert(numeral.amount)),
        )
    }
}

fn ratio_found(end: usize, amount: Amount) -> Found {
    Found::new(ClaimKind::Ratio, end, Value::Amount(amount))
}

/// Where a dash joins a second, larger figure ("10-15%", "$5-10m"): the
/// end of that figure. A smaller second figure makes a score ("3-2").
fn range_continues(rest: &str, first: Numeral) -> Option<usize> {
    let after = rest.strip_prefix(['-', '–'])?;
    let (tail, second) = super::numeral::digits_unscaled(after).ok()?;
    // A smaller second figure is a score ("3-2") unless decimals say it
    // is no count ("2.45-2.15 dlrs", which range-order then reports).
    let decimals = !first.bare_integer || !second.bare_integer;
    if (second.amount.nominal <= first.amount.nominal && !decimals) || glued_digits(tail) {
        return None;
    }
    Some(rest.len() - tail.len())
}

/// More digits joined on ("020-7946-0958", "1-2-3").
fn glued_digits(tail: &str) -> bool {
    let mut chars = tail.chars();
    matches!(chars.next(), Some('-' | '–' | '/' | '.' | ':'))
        && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// "tenfold", "threefold", "two-fold": a multiple, valued as its factor.
fn fold_word(s: &str, i: usize) -> Option<Found> {
    let here = &s[i..];
    let len = here
        .find(|c: char| !c.is_ascii_alphabetic() && c != '-')
        .unwrap_or(here.len());
    let word = &here[..len];
    // Most words are no multiple: decide from the ending before any work.
    let cut = len.checked_sub(4)?;
    if cut == 0 || !word.get(cut..)?.eq_ignore_ascii_case("fold") {
        return None;
    }
    let stem = &word[..cut];
    let stem = stem.strip_suffix('-').unwrap_or(stem);
    let (rest, numeral) = super::numeral::words(stem).ok()?;
    if !rest.is_empty() || boundary(&here[len..]).is_err() {
        return None;
    }
    Some(figure(i + len, numeral))
}

fn figure(end: usize, numeral: Numeral) -> Found {
    Found::new(ClaimKind::Number, end, Value::Amount(numeral.amount))
}

/// "%", "per cent", "percent", "pct", "pc", "percentage points", "basis
/// points" after a numeral; and "points" where the sentence has given a
/// percentage before (`before`): "from 38% to 52%, up 14 points".
fn percent_after(s: &str, before: &str, rest: &str, numeral: Numeral) -> Option<Found> {
    // "27%", and "27 %" as some copy spaces it.
    let sign = (opt(tag::<_, _, nom::error::Error<&str>>(" ")), tag("%")).map(|_| (false, 1.0));
    let words = (
        gap,
        alt((
            (tag_no_case("percentage point"), opt(tag("s"))).map(|_| (true, 1.0)),
            (tag_no_case("basis point"), opt(tag("s"))).map(|_| (true, 0.01)),
            tag("bps").map(|_| (true, 0.01)),
            tag_no_case("per cent").map(|_| (false, 1.0)),
            tag_no_case("percent").map(|_| (false, 1.0)),
            tag_no_case("pct").map(|_| (false, 1.0)),
            tag("pc").map(|_| (false, 1.0)),
        )),
        boundary,
    )
        .map(|(_, p, _)| p);
    let mut points_word = (
        nom::character::complete::char(' '),
        tag_no_case("point"),
        opt(tag("s")),
        boundary,
    );
    let (after, (points, factor)) = match alt((sign, words)).parse(rest) {
        Ok(found) => found,
        // "points" first: it is rare, and the look back is not cheap.
        Err(_) => match points_word.parse(rest) {
            Ok((after, _)) if has_percent(before) => (after, (true, 1.0)),
            _ => return None,
        },
    };
    let numeral = Numeral {
        amount: numeral.amount.scaled(factor),
        unit: numeral.unit * factor,
        ..numeral
    };
    let amount = if numeral.amount.is_exact() {
        // "37%" is [36.5, 37.5]: a percentage is always rounded.
        Amount::rounded(numeral.amount.nominal, numeral.unit)
    } else {
        numeral.amount
    };
    Some(Found {
        points,
        ..Found::new(
            ClaimKind::Percent,
            s.len() - after.len(),
            Value::Amount(amount),
        )
    })
}

/// Ways a percentage is written, as [`has_percent`] looks for them.
const PERCENT_MARKS: [&str; 4] = ["%", "per cent", "percent", " pct"];

/// What [`has_percent`] has read of the sentence being scanned: where it
/// starts, how far it was read, and where the first percentage read ends.
#[derive(Clone, Copy)]
struct PercentsRead {
    start: usize,
    read: usize,
    first_end: Option<usize>,
}

thread_local! {
    /// Kept for the sentence being scanned; [`sentence`] clears it.
    static PERCENTS_READ: std::cell::Cell<Option<PercentsRead>> =
        const { std::cell::Cell::new(None) };
}

/// Whether a percentage has been written in `before`. Asked before every
/// "N points", and `before` is the sentence so far: each byte of a sentence
/// is read once, not once per "points" (a sentence of thousands would be
/// quadratic).
fn has_percent(before: &str) -> bool {
    let start = before.as_ptr() as usize;
    let known = PERCENTS_READ
        .get()
        .filter(|r| r.start == start)
        .unwrap_or(PercentsRead {
            start,
            read: 0,
            first_end: None,
        });
    if let Some(end) = known.first_end {
        return end <= before.len();
    }
    if known.read >= before.len() {
        return false;
    }
    // Read on from the longest mark's length, less one, before the last
    // end, to catch a mark that straddles it.
    let back = PERCENT_MARKS.iter().map(|m| m.len()).max().unwrap_or(1) - 1;
    let from = known.read.saturating_sub(back);
    let first_end = PERCENT_MARKS
        .iter()
        .filter_map(|m| {
            let tail = before.as_bytes().get(from..)?;
            memchr::memmem::find(tail, m.as_bytes()).map(|k| from + k + m.len())
        })
        .min();
    PERCENTS_READ.set(Some(PercentsRead {
        start,
        read: before.len(),
        first_end,
    }));
    first_end.is_some()
}

/// Forgets what [`has_percent`] read: a new sentence may sit where the
/// last one did in memory.
fn forget_percents() {
    PERCENTS_READ.set(None);
}

/// "10:30", "3pm", "4.30 p.m.", "1530 GMT": the length of a clock time.
fn clock_time(here: &str) -> Option<usize> {
    let digits = here.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &here[digits..];
    if digits <= 2 {
        if let Some(after) = rest.strip_prefix([':', '.']) {
            let minutes = after.bytes().take_while(u8::is_ascii_digit).count();
            if minutes == 2 {
                let tail = &after[2..];
                if rest.starts_with(':') {
                    return Some(digits + 3 + meridiem(tail));
                }
                let m = meridiem(tail);
                if m > 0 {
                    return Some(digits + 3 + m);
                }
            }
        }
        let m = meridiem(rest);
        if m > 0 {
            return Some(digits + m);
        }
    }
    if digits == 4 {
        for zone in [
            " GMT",
            " BST",
            " EST",
            " EDT",
            " CET",
            " UTC",
            " hrs",
            " local time",
        ] {
            if rest.starts_with(zone) {
                return Some(digits + zone.len());
            }
        }
    }
    None
}

fn meridiem(s: &str) -> usize {
    let trimmed = s.strip_prefix(' ').unwrap_or(s);
    let lead = s.len() - trimmed.len();
    // Each opens with one of these letters; most figures are followed by none.
    if !trimmed
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b | 0x20, b'a' | b'p' | b'g' | b'b'))
    {
        return 0;
    }
    for m in ["a.m.", "p.m.", "am", "pm", "GMT", "BST"] {
        if trimmed
            .get(..m.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(m))
        {
            let after = &trimmed[m.len()..];
            if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return lead + m.len();
            }
        }
    }
    0
}

/// The end of a run of digit groups separated by single spaces or hyphens.
fn phone_end(s: &str, mut end: usize) -> usize {
    loop {
        let rest = &s[end..];
        let Some(after) = rest.strip_prefix([' ', '-']) else {
            return end;
        };
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits < 2 {
            return end;
        }
        end += 1 + digits;
    }
}

/// Whether the words before a plain integer make it a label, not a figure:
/// "No. 10", "No 10", and a capitalised word that does not open the
/// sentence ("Boeing 737", "Windows 10").
fn is_identifier_context(before: &str) -> bool {
    let Some(head) = before.strip_suffix(' ') else {
        return false;
    };
    let head = head.strip_suffix('.').unwrap_or(head);
    let word_start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
        p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &head[word_start..];
    if matches!(
        word,
        "No" | "Nos" | "no" | "Number" | "number" | "Flight" | "Room"
    ) {
        return true;
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && word.len() > 1;
    let opens_sentence = head[..word_start].trim().is_empty();
    capitalised && !opens_sentence && super::date::month(word).is_err() && !is_weekday(word)
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// The word at `i`, whose ASCII letters are `len` long.
fn word_at(s: &str, i: usize, len: usize, published: Option<Date>) -> Step {
    let here = &s[i..];
    if here.starts_with("US$") {
        return money_at(s, i, 3, "USD");
    }
    // Each recogniser is tried only on the words that can open it.
    let mut opener = Opener::of(here, len);
    // "a" and "an", the commonest openers, open a numeral or a ratio only
    // before a number word or a fraction ("a dozen", "a third").
    if opener.numeral
        && here
            .get(..opener.len)
            .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
    {
        let rest = here.get(opener.len..).unwrap_or_default();
        let next = rest.trim_start_matches(' ');
        let word = next.get(..letters(next.as_bytes())).unwrap_or_default();
        if next.len() == rest.len() || !super::numeral::counts_after_article(word) {
            opener.numeral = false;
        }
    }
    if opener.date
        && let Some(found) = date_words(s, i, published)
    {
        return Step::Claim(found);
    }
    if (opener.fold || opener.numeral)
        && let Some(found) = fold_word(s, i)
    {
        return Step::Claim(found);
    }
    // The numeral here, read once for a ratio and a figure alike.
    let opening = if opener.numeral {
        super::numeral::numeral(here).ok()
    } else {
        None
    };
    if opener.numeral
        && let Some((len, amount)) = super::ratio::ratio(&s[..i], here, opening)
    {
        return Step::Claim(ratio_found(i + len, amount));
    }
    if (opener.ordinal || opener.numeral)
        && let Ok((rest, n)) = super::numeral::ordinal_word(here)
    {
        return Step::Claim(Found::new(
            ClaimKind::Ordinal,
            s.len() - rest.len(),
            Value::Ordinal(n),
        ));
    }
    if let Some(Ok((rest, numeral))) = opening.map(|(rest, first)| or_after(rest, first)) {
        if let Some(found) = after_numeral(s, i, rest, numeral, published) {
            return Step::Claim(found);
        }
        if let Some(found) = unit_found(s, rest, numeral) {
            return Step::Claim(found);
        }
        if glued_to_more(rest) {
            return Step::Skip(run_end(s, i));
        }
        if let Some(found) = percent_after(s, &s[..i], rest, numeral) {
            return Step::Claim(found);
        }
        let end = s.len() - rest.len();
        // A lone "half" ("the second half", "half-time") counts nothing.
        if s[i..end].eq_ignore_ascii_case("half") {
            return Step::Skip(end);
        }
        return Step::Claim(figure(end, numeral));
    }
    Step::PastWord(word_end(s, i, opener.len))
}

/// The length of the run of ASCII letters that opens `here`.
fn letters(here: &[u8]) -> usize {
    here.iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(here.len())
}

/// Past the word at `i` whose ASCII letters are `letters` long: its letters,
/// and any digits or other letters glued on.
#[inline]
fn word_end(s: &str, i: usize, letters: usize) -> usize {
    match s.as_bytes().get(i + letters) {
        Some(b) if b.is_ascii() && !b.is_ascii_alphanumeric() => i + letters,
        _ => i + alnum_len(s.get(i..).unwrap_or_default()),
    }
}

/// The length of the run of letters and digits that opens `here`.
fn alnum_len(here: &str) -> usize {
    here.char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(here.len(), |(p, _)| p)
}

/// Which recognisers the word opening some text may open, decided from its
/// letters alone. Most words of prose open none, and this spares them every
/// recogniser; a recogniser is tried only where it can succeed, so each
/// flag must hold for every word that recogniser accepts first.
#[derive(Debug, Default)]
struct Opener {
    /// Length of the word's ASCII letters.
    len: usize,
    /// A number word, or "a", "an", "half": numerals and ratios.
    numeral: bool,
    /// An ordinal word ("fourth").
    ordinal: bool,
    /// Ends in "fold" ("tenfold").
    fold: bool,
    /// May open a date: one of [`super::temporal::DATE_OPENERS`] or a
    /// calendar name.
    date: bool,
}

impl Opener {
    /// What the word opening `here` may open; its ASCII letters are `len`
    /// long (see [`letters`]).
    fn of(here: &str, len: usize) -> Opener {
        let bytes = here.as_bytes();
        // Setting bit 5 lowercases an ASCII letter, and all these are.
        let fold = len >= 4
            && bytes
                .get(len - 4..len)
                .and_then(|tail| <[u8; 4]>::try_from(tail).ok())
                .is_some_and(|tail| {
                    u32::from_le_bytes(tail) | 0x2020_2020 == u32::from_le_bytes(*b"fold")
                });
        // No word of the lists is longer.
        let flags = match bytes.get(..len) {
            Some(word) if len <= 12 => {
                // The letters, lowercased, as the table's key.
                let mut key = [0u8; 16];
                if let Some(head) = key.get_mut(..len) {
                    head.copy_from_slice(word);
                }
                let lower = u128::MAX.checked_shr(128 - 8 * len as u32).unwrap_or(0) & LETTER_CASE;
                OPENERS.get_key(u128::from_le_bytes(key) | lower)
            }
            _ => 0,
        };
        Opener {
            len,
            numeral: flags & NUMERAL != 0,
            ordinal: flags & ORDINAL != 0,
            fold,
            date: flags & DATE != 0,
        }
    }
}

/// Bit 5 of every byte: the bit that tells a lower-case ASCII letter.
const LETTER_CASE: u128 = u128::from_le_bytes([0x20; 16]);

const NUMERAL: u8 = 1;
const ORDINAL: u8 = 2;
const DATE: u8 = 4;

/// The words that open a recogniser, with what they open: number words
/// (and "a", "an", "half"), ordinal words, and the words a date may start
/// with. `Opener::of` asks it once per word instead of asking each list.
static OPENERS: std::sync::LazyLock<super::lexicon::Table> = std::sync::LazyLock::new(|| {
    let numerals = super::numeral::NUMBER_WORDS
        .iter()
        .chain(&["a", "an", "half"])
        .map(|w| (*w, NUMERAL));
    let ordinals = super::numeral::ORDINALS.iter().map(|(w, _)| (*w, ORDINAL));
    let dates = super::temporal::DATE_OPENERS
        .iter()
        .chain(
            super::temporal::CALENDAR_NAMES
                .iter()
                .flat_map(|l| l.words()),
        )
        .map(|w| (*w, DATE));
    super::lexicon::Table::new(numerals.chain(ordinals).chain(dates))
});

/// Where a minus sign or "minus" before byte `i` starts, if one is there.
fn negative_sign(s: &str, i: usize) -> Option<usize> {
    let before = s.get(..i)?;
    // "-", "−", "minus ", "Minus " or "negative ", told apart by their last
    // bytes without a string comparison each: this runs at every claim.
    let sign = match before.as_bytes() {
        [.., b'-'] => 1,
        [.., 0xE2, 0x88, 0x92] => "−".len(),
        [.., b'm' | b'M', b'i', b'n', b'u', b's', b' '] => "minus ".len(),
        [.., b'n', b'e', b'g', b'a', b't', b'i', b'v', b'e', b' '] => "negative ".len(),
        _ => return None,
    };
    let head = before.get(..before.len() - sign)?;
    let opens = head
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“'));
    opens.then_some(head.len())
}

fn build(s: &str, base: usize, i: usize, found: Found, sentence: usize, paragraph: usize) -> Claim {
    let end = found.end.min(s.len()).max(i);
    let mut value = found.value;
    // "-5C", "minus 1,200", "−3%": a sign before the figure.
    let signed = matches!(
        found.kind,
        ClaimKind::Number | ClaimKind::Percent | ClaimKind::Money | ClaimKind::Quantity
    );
    let i = match (signed, negative_sign(s, i)) {
        (true, Some(start)) => {
            if let Value::Amount(a) = &mut value {
                *a = Amount {
                    lo: -a.hi,
                    hi: -a.lo,
                    nominal: -a.nominal,
                };
            }
            start
        }
        _ => i,
    };
    let mut lead = i;
    let mut hedge = None;
    let mut approx = false;
    if let Value::Amount(amount) = &mut value
        && let Some((start, h)) = hedge_before(s, i)
    {
        match h.kind {
            HedgeKind::Approx => approx = true,
            HedgeKind::AtLeast => amount.hi = f64::INFINITY,
            HedgeKind::AtMost => amount.lo = amount.lo.min(0.0),
        }
        lead = start;
        hedge = Some(h);
    } else if let Value::Date(_) = value
        && let Some((start, h)) = hedge_before(s, i)
    {
        // "about two weeks later", "nearly a month ago": a loose count;
        // rules read `hedge` and stay out.
        approx = true;
        lead = start;
        hedge = Some(h);
    }
    let noun = match found.kind {
        ClaimKind::Number => noun_after(s, end),
        _ => None,
    };
    let kind = if noun.is_some() {
        ClaimKind::Count
    } else {
        found.kind
    };
    let noun = noun.map(|mut n| {
        n.span = Span::new(n.span.start + base, n.span.end + base);
        n
    });
    Claim {
        id: 0,
        kind,
        // As written, with a line break or an HTML entity's padding read
        // as one space ("2.99\nbillion", "August&nbsp;27").
        text: one_space(&s[i..end]),
        span: Span::new(base + i, base + end),
        lead: base + lead,
        sentence,
        paragraph,
        role: crate::document::Role::Body,
        value,
        approx,
        hedge,
        noun,
        currency: found.currency,
        points: found.points,
        unit: found.unit,
        range: found.range,
        listed: None,
        antecedent: None,
        key: None,
    }
}

/// `text` with each run of white space as one space.
fn one_space(text: &str) -> String {
    // Most claims are a few ASCII bytes with single spaces: told in one
    // pass over the bytes, where two searches each set up a searcher;
    // others are searched as before.
    let mut after_space = false;
    let plain = text.bytes().all(|b| {
        let ok = b.is_ascii() && (b == b' ' && !after_space || !b.is_ascii_whitespace());
        after_space = b == b' ';
        ok
    });
    if plain || !text.contains(|c: char| c.is_whitespace() && c != ' ') && !text.contains("  ") {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::one_space;
    use crate::claims::extract_claims;
    use crate::document::Document;

    /// Each claim's kind and text.
    fn claims(text: &str) -> Vec<String> {
        let document = Document::new("t", text);
        extract_claims(&document, None)
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.text))
            .collect()
    }

    #[test]
    fn what_follows_a_figure_still_opens_its_forms() {
        for (text, claim) in [
            // Dates open with a day or a year, then what the quick test allows.
            ("It ends on 25th August.", "Date 25th August"),
            ("It ends on 25\u{a0}August.", "Date 25 August"),
            ("Talks run 25-26 August.", "Date 25-26 August"),
            ("Talks run 25–26 August.", "Date 25–26 August"),
            ("It opened on 2021-08-25.", "Date 2021-08-25"),
            ("He served 2014-2018.", "Date 2014-2018"),
            ("He served 2014 to 2018.", "Date 2014 to 2018"),
            ("Prices rose in 1990s Japan.", "Date 1990s"),
            // Ratios and metres after digits.
            ("Only 1 in 5 voted.", "Ratio 1 in 5"),
            ("Some 3-fifths of it.", "Ratio 3-fifths"),
            ("The wall is 5m high.", "Quantity 5m"),
            ("The wall is 2½m high.", "Quantity 2½m"),
            // "a", "an" and "the" are passed over before most words.
            ("They sold a dozen.", "Number a dozen"),
            ("A third of them left.", "Ratio A third"),
            ("He left a week later.", "Date a week later"),
            ("An hour later it ended.", "Date An hour later"),
            ("It took a couple of days.", "Duration a couple of days"),
            ("The following day it ended.", "Date The following day"),
            ("He left at the end of 2020.", "Date the end of 2020"),
            // An age by its cue in any case, or between commas after a name.
            ("He died aged 45.", "Age 45"),
            ("A man WHO WAS 45 died.", "Age 45"),
            ("John Smith, 78, died.", "Age 78"),
            // A sign before a figure, or before a space and the figure.
            ("It fell to -5C.", "Quantity -5C"),
            ("It fell to −5C.", "Quantity −5C"),
            ("It was minus 5C.", "Quantity minus 5C"),
            ("Minus 5C, it was.", "Quantity Minus 5C"),
            ("It was negative 5%.", "Percent negative 5%"),
            ("A drop of 2-5C.", "Quantity 2-5C"),
        ] {
            assert_eq!(claims(text), [claim], "{text}");
        }
        for text in [
            "A man and an officer met the press.",
            "The new law and the best plan failed.",
            // Clock times are no figures, with or without a space.
            "It began at 3pm and 4 p.m.",
            "It began at 0930 GMT.",
        ] {
            assert!(claims(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn runs_of_white_space_become_one_space() {
        assert_eq!(one_space("4,500 people"), "4,500 people");
        assert_eq!(one_space("4,500  people"), "4,500 people");
        assert_eq!(one_space("4,500\npeople"), "4,500 people");
        assert_eq!(one_space("4,500 \t people"), "4,500 people");
        assert_eq!(one_space("4,500\u{a0}people"), "4,500 people");
        // Without a run to collapse, text is kept as it is, ends and all.
        assert_eq!(one_space(" €5 "), " €5 ");
        assert_eq!(one_space("€5 bn"), "€5 bn");
        assert_eq!(one_space("5 "), "5 ");
    }
}
