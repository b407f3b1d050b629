//! Lengths of time after a figure: durations ("20 years", "the 20-year
//! war", "an hour and a half"), ages ("a 34-year-old", "Joe Biden, 78,"),
//! and the dates a count makes ("two days ago", "a week later").

use super::tag::tag_no_case;
use jiff::civil::Date;
use nom::{Parser, branch::alt, bytes::complete::tag, combinator::opt};

use super::ClaimKind;
use super::calendar::{Unit, ago, future_before, hence, later, unit_word};
use super::numeral::{Numeral, boundary, gap};
use super::resolve::When;
use super::scan::Found;
use super::temporal::{date, last_word};
use super::value::{Amount, Value};

/// "another week", "all day", "a full year", "the whole month", "half an
/// hour": one unit (half of one), a duration.
pub(super) fn whole_unit(s: &str, i: usize) -> Option<Found> {
    let here = &s[i..];
    let (rest, (word, _, _, (unit, factor))) = (
        alt((
            tag_no_case::<nom::error::Error<&str>>("another"),
            tag_no_case("all"),
            tag_no_case("full"),
            tag_no_case("whole"),
            tag_no_case("half"),
        )),
        alt((tag(" "), tag("-"))),
        opt(alt((tag_no_case("an "), tag_no_case("a ")))),
        unit_word,
    )
        .parse(here)
        .ok()?;
    let singular = here[..here.len() - rest.len()].ends_with(|c: char| c != 's' && c != 'S');
    if !singular {
        return None; // "all years", "whole days" count nothing
    }
    let count = if word.eq_ignore_ascii_case("half") {
        0.5
    } else {
        1.0
    };
    let one = Numeral {
        amount: Amount::exact(count),
        bare_integer: false,
        words: true,
        unit: 1.0,
    };
    Some(duration(s.len() - rest.len(), one, unit, factor))
}

/// "a week later", "a decade", "a fortnight ago", "for a year".
pub(super) fn a_unit(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let (rest, (_, _, (unit, factor))) = (
        alt((tag_no_case("an"), tag_no_case("a"))),
        tag(" "),
        unit_word,
    )
        .parse(&s[i..])
        .ok()?;
    let one = Numeral {
        amount: Amount::exact(1.0),
        bare_integer: false,
        words: true,
        unit: 1.0,
    };
    let loose = factor > 1.0 || duration_cue(&s[..i]);
    timed(s, i, rest, one, (unit, factor), published, loose)
}

/// Words before "a year", "a month" that make it a duration ("for a year"),
/// not a rate ("$5bn a year").
fn duration_cue(before: &str) -> bool {
    let word = last_word(before);
    [
        "for", "over", "within", "after", "nearly", "almost", "about", "than", "lasted", "took",
        "spent", "past", "least",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
}

/// What follows a numeral that makes it a duration, an age or a date:
/// "20 years", "the 20-year war", "a 34-year-old", "two days ago", "a week
/// later", "in three weeks' time".
pub(super) fn after_numeral(
    s: &str,
    i: usize,
    rest: &str,
    numeral: Numeral,
    published: Option<Date>,
) -> Option<Found> {
    let end = |r: &str| s.len() - r.len();
    if s[..i].ends_with("every ") || s[..i].ends_with("Every ") {
        return None; // "every four days" is a rate
    }
    // Compounds: "34-year-old", "a 90-day-old bill", "20-year", "30-minutes".
    if let Some(compound) = rest.strip_prefix('-') {
        let (after, (unit, factor)) = unit_word(compound).ok()?;
        if let Ok((old, _)) = (
            tag::<_, _, nom::error::Error<&str>>("-"),
            tag_no_case("old"),
            boundary,
        )
            .parse(after)
        {
            return Some(age(end(old), numeral.amount.scaled(factor), unit));
        }
        return Some(duration(end(after), numeral, unit, factor));
    }
    let (after, _) = gap(rest).ok()?;
    if after.len() == rest.len() {
        return None;
    }
    let (after, unit) = unit_word(after).ok()?;
    timed(s, i, after, numeral, unit, published, true)
}

/// A numeral and its unit, then what follows: "ago", "later", "old", or
/// nothing (a duration). `loose`: whether a bare duration counts.
fn timed(
    s: &str,
    i: usize,
    after: &str,
    numeral: Numeral,
    (unit, factor): (Unit, f64),
    published: Option<Date>,
    loose: bool,
) -> Option<Found> {
    let end = |r: &str| s.len() - r.len();
    let count = numeral.amount.nominal * factor;
    // "35 years old", "ten months old", "6 weeks of age"
    if let Ok((rest, _)) = (
        alt((
            tag_no_case::<nom::error::Error<&str>>(" old"),
            tag_no_case(" of age"),
        )),
        boundary,
    )
        .parse(after)
    {
        return Some(age(end(rest), numeral.amount.scaled(factor), unit));
    }
    // Counted dates keep the unit they count in ("a week ago": week).
    let counted = |end: usize, when: When| Found {
        unit: Some(unit.name()),
        ..date(end, when, published)
    };
    if let Ok((rest, ())) = ago(after) {
        let when = When::FromPublication {
            unit,
            count,
            sign: -1,
        };
        return Some(counted(end(rest), when));
    }
    if let Ok((rest, sign)) = later(after) {
        let when = When::FromPrevious {
            unit,
            count: count * f64::from(sign),
            calendar: false,
        };
        return Some(counted(end(rest), when));
    }
    let before = &s[..i];
    let after_in = before.ends_with("in ") || before.ends_with("In ");
    // "in three weeks' time", "two weeks from now", "will leave in 3 weeks"
    let from_now = (
        tag_no_case::<nom::error::Error<&str>>(" from "),
        alt((tag_no_case("now"), tag_no_case("today"))),
        boundary,
    )
        .parse(after)
        .map(|(rest, _)| rest);
    let hence = hence(after)
        .ok()
        .filter(|_| after_in)
        .map(|(rest, ())| rest);
    let future_in =
        (after_in && future_before(before.get(..before.len() - 3).unwrap_or(""))).then_some(after);
    if let Some(rest) = from_now.ok().or(hence).or(future_in) {
        let when = When::FromPublication {
            unit,
            count,
            sign: 1,
        };
        return Some(counted(end(rest), when));
    }
    // "an hour and a half"
    if let Ok((rest, _)) = (
        tag_no_case::<nom::error::Error<&str>>(" and a"),
        opt(tag(" ")),
        tag_no_case("half"),
        boundary,
    )
        .parse(after)
    {
        let half = Numeral {
            amount: Amount::exact(numeral.amount.nominal + 0.5),
            ..numeral
        };
        return Some(duration(end(rest), half, unit, factor));
    }
    if !loose {
        return None;
    }
    if let Some((rest, found)) = compound(after, numeral, unit, factor) {
        return Some(Found {
            end: end(rest),
            ..found
        });
    }
    Some(duration(end(after), numeral, unit, factor))
}

/// "seven years and 43 days", "1 month 21 days": a smaller unit after a
/// duration joins it, counted in the smaller unit.
fn compound(after: &str, first: Numeral, unit: Unit, factor: f64) -> Option<(&str, Found)> {
    let (mut rest, (_, second, _, (small, small_factor))) = (
        alt((
            tag::<_, _, nom::error::Error<&str>>(" and "),
            tag(", "),
            tag(" "),
        )),
        super::numeral::numeral,
        gap,
        unit_word,
    )
        .parse(after)
        .ok()?;
    if small.days() >= unit.days() {
        return None;
    }
    let a = first.amount.scaled(factor * unit.days() / small.days());
    let b = second.amount.scaled(small_factor);
    let mut sum = Numeral {
        amount: Amount {
            lo: a.lo + b.lo,
            hi: a.hi + b.hi,
            nominal: a.nominal + b.nominal,
        },
        ..second
    };
    let mut unit = small;
    // "1 year 1 month 21 days": keep joining smaller units.
    if let Some((
        more,
        Found {
            value: Value::Amount(total),
            unit: Some(name),
            ..
        },
    )) = compound(rest, sum, unit, 1.0)
        && let Some(smaller) = Unit::from_name(name)
    {
        rest = more;
        sum.amount = total;
        unit = smaller;
    }
    Some((rest, duration(0, sum, unit, 1.0)))
}

/// A duration, in `unit`s.
fn duration(end: usize, numeral: Numeral, unit: Unit, factor: f64) -> Found {
    Found {
        unit: Some(unit.name()),
        ..Found::new(
            ClaimKind::Duration,
            end,
            Value::Amount(numeral.amount.scaled(factor)),
        )
    }
}

/// An age, in `unit`s as written ("78" years, "ten months old").
pub(super) fn age(end: usize, amount: Amount, unit: Unit) -> Found {
    Found {
        unit: Some(unit.name()),
        ..Found::new(ClaimKind::Age, end, Value::Amount(amount))
    }
}

/// Whether a bare integer is an age by its context: "Joe Biden, 78,",
/// "aged 34", "at the age of 41", "who is 45".
pub(super) fn is_age(before: &str, rest: &str, value: f64) -> bool {
    if !(1.0..=125.0).contains(&value) {
        return false;
    }
    // The last 16 bytes (none if they split a char), compared in any ASCII
    // case without a lowercase copy: this runs at most small figures.
    let tail = before
        .get(before.len().saturating_sub(16)..)
        .unwrap_or("")
        .as_bytes();
    let ends_with = |cue: &str| {
        tail.len()
            .checked_sub(cue.len())
            .and_then(|at| tail.get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(cue.as_bytes()))
    };
    if [
        "aged ",
        " age ",
        "the age of ",
        "who is ",
        "who was ",
        "who turns ",
        "who turned ",
    ]
    .iter()
    .any(|cue| ends_with(cue))
    {
        return rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
            && !rest.starts_with(" per")
            && !rest.starts_with('%');
    }
    // "Name, 78," and "Name (78)": a capitalised word, then the figure
    // between commas or in brackets.
    let (head, closer) = match (before.strip_suffix(", "), before.strip_suffix(" (")) {
        (Some(head), _) => (head, ","),
        (_, Some(head)) => (head, ")"),
        _ => return false,
    };
    let word = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && word.len() > 1;
    let closed = rest.starts_with(closer)
        && rest[1..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    capitalised && super::date::month(word).is_err() && closed
}
