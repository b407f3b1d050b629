//! The scanner's calendar steps: dates, periods and intervals, tried where
//! a word or a figure starts. Durations and ages after a figure are in
//! [`super::lengths`].

use super::tag::tag_no_case;
use jiff::civil::Date;
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    combinator::opt,
};

use super::ClaimKind;
use super::calendar::{
    Part, Tense, Unit, decade, deictic_day, following, future_before, month_alone, month_cue, part,
    part_of_day, period, quarter, tense_before, weekday, weekday_abbreviation, weekday_shift,
};
use super::date::{WrittenDate, day_first, month_first};
use super::lengths::{a_unit, whole_unit};
use super::lexicon::WordList;
use super::numeral::boundary;
use super::resolve::{When, resolve};
use super::scan::Found;
use super::value::Value;

/// A date claim ending at `end`, resolved against `published`.
pub(super) fn date(end: usize, when: When, published: Option<Date>) -> Found {
    Found {
        when: matches!(when, When::FromPrevious { .. }).then_some(when),
        ..Found::new(ClaimKind::Date, end, Value::Date(resolve(when, published)))
    }
}

fn whole(date: WrittenDate, tense: Option<Tense>) -> When {
    When::Date {
        date,
        part: Part::Whole,
        weekday: None,
        tense,
    }
}

/// A calendar expression starting with a word, at byte `i` of sentence `s`.
/// The first word picks the recognisers worth trying.
pub(super) fn date_words(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let here = &s[i..];
    let len = here.bytes().take_while(u8::is_ascii_alphabetic).count();
    if len > 9 {
        return None;
    }
    let mut buffer = [0u8; 9];
    // Most openers are written in small letters: used where they stand.
    let written = here.get(..len).unwrap_or_default();
    let word = if written.bytes().any(|b| b.is_ascii_uppercase()) {
        let lowered = buffer.get_mut(..len).unwrap_or_default();
        lowered.copy_from_slice(written.as_bytes());
        lowered.make_ascii_lowercase();
        std::str::from_utf8(lowered).unwrap_or("")
    } else {
        written
    };
    // The caller asks only for [`DATE_OPENERS`] and calendar names: an
    // arm of the `match` below for a word not in the lists is dead.
    let end = |rest: &str| s.len() - rest.len();
    match word {
        // The commonest words open a date only before a few words.
        "a" | "an" => {
            if UNIT_WORDS.holds(second_word(here)) {
                a_unit(s, i, published)
            } else {
                None
            }
        }
        "another" | "all" | "full" | "whole" | "half" => whole_unit(s, i),
        "today" | "tonight" | "yesterday" | "tomorrow" => {
            let (rest, shift) = deictic_day(here).ok()?;
            Some(date(end(rest), When::Day(shift), published))
        }
        "between" => {
            let (rest, _) = tag_no_case::<nom::error::Error<&str>>("between ")
                .parse(here)
                .ok()?;
            let (rest, when) = day_range(rest, true)?;
            Some(date(end(rest), when, published))
        }
        "the" => {
            if the_opens_nothing(here.as_bytes()) {
                return None;
            }
            let next = second_word(here);
            // "the 1990s", "the '90s"
            let figure = next.starts_with(|c: char| c.is_ascii_digit() || c == '\'' || c == '’');
            if !figure && !AFTER_THE.holds(next) {
                return None;
            }
            if let Ok((rest, shift)) = alt((
                tag_no_case::<nom::error::Error<&str>>("the day after tomorrow").map(|_| 2),
                tag_no_case("the day before yesterday").map(|_| -2),
            ))
            .parse(here)
            {
                return Some(date(end(rest), When::Day(shift), published));
            }
            if let Ok((rest, (unit, step))) = following(here) {
                let when = When::FromPrevious {
                    unit,
                    count: f64::from(step),
                    calendar: unit != Unit::Day,
                };
                return Some(date(end(rest), when, published));
            }
            if let Ok((rest, (quarter, year))) = quarter(here) {
                return Some(date(end(rest), When::Quarter { quarter, year }, published));
            }
            if let Ok((rest, first)) = decade(here) {
                return Some(date(end(rest), When::Decade(first), published));
            }
            part_of_period(s, i, published)
        }
        "this" | "next" | "last" | "past" | "coming" | "current" | "upcoming" | "previous" => {
            // A date goes on after a space: with a weekday ("last Tuesday")
            // or a month ("next March") only after "this", "next" or
            // "last"; with a period ("next week", "the past year") after
            // any. Most of these words open none, told by the next letter.
            let bytes = here.as_bytes();
            if bytes.get(len) != Some(&b' ') {
                return None;
            }
            let after = bytes.get(len + 1).map_or(0, |b| b | 0x20);
            let shift = matches!(word, "this" | "next" | "last");
            if shift
                && matches!(after, b'm' | b't' | b'w' | b'f' | b's')
                && let Some(found) = weekday_at(s, i, published)
            {
                return Some(found);
            }
            let period = matches!(after, b'w' | b'm' | b'q' | b'y');
            let month =
                shift && matches!(after, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd');
            if !period && !month {
                return None;
            }
            part_of_period(s, i, published)
        }
        "early" | "earlier" | "mid" | "late" | "later" | "end" | "start" | "beginning" => {
            part_of_period(s, i, published)
        }
        "first" | "second" | "third" | "fourth" | "q" => {
            let (rest, (quarter, year)) = quarter(here).ok()?;
            Some(date(end(rest), When::Quarter { quarter, year }, published))
        }
        _ if is_calendar_name(word)
            && (here.starts_with(|c: char| c.is_ascii_uppercase())
                || (word.len() >= 4 && word != "march" && word != "sept")) =>
        {
            // A month's name opens no weekday.
            if WEEKDAY_NAMES.holds(word) {
                weekday_at(s, i, published).or_else(|| month_at(s, i, published))
            } else {
                month_at(s, i, published)
            }
        }
        _ => None,
    }
}

/// "Tuesday, August 24", "Wed. 25 August 2021", "Tuesday night", "last Tuesday".
fn weekday_at(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let here = &s[i..];
    let end = |rest: &str| s.len() - rest.len();
    // "Tuesday, August 24", "Tuesday night, August 24", "Wednesday (August
    // 25)", "last Tuesday, Aug. 17"
    let after_shift = weekday_shift(here).map_or(here, |(rest, _)| rest);
    if let Ok((rest, day)) = alt((weekday, weekday_abbreviation)).parse(after_shift)
        && !ends_weekday_run(&s[..i])
        && let Ok((rest, (_, comma, _, open, _, written))) = (
            opt(part_of_day),
            opt(tag(",")),
            tag(" "),
            opt(tag("(")),
            opt(tag("the ")),
            alt((month_first, day_first)),
        )
            .parse(rest)
        && let Some(rest) = match open {
            Some(_) => rest.strip_prefix(')'),
            None => Some(rest),
        }
        // AP's "said Monday Aug. 31 remains the target" puts no comma after
        // the weekday of the saying.
        && (comma.is_some() || open.is_some() || !after_speech_verb(&s[..i]))
    {
        let when = When::Date {
            date: written,
            part: Part::Whole,
            weekday: Some(day),
            tense: tense_before(&s[..i]),
        };
        return Some(date(end(rest), when, published));
    }
    // "Friday the 13th", "Thursday the twenty-first"
    if let Ok((rest, day)) = weekday(here)
        && let Some((rest, date_day)) = rest.strip_prefix(" the ").and_then(day_of_month)
    {
        let when = When::WeekdayDay {
            weekday: day,
            day: date_day,
        };
        return Some(date(end(rest), when, published));
    }
    let (after_shift, shift) = match weekday_shift(here) {
        Ok((rest, shift)) => (rest, Some(shift)),
        Err(_) => (here, None),
    };
    let (rest, day) = weekday(after_shift).ok()?;
    let (rest, _) = opt(part_of_day).parse(rest).ok()?;
    let future = shift.is_none() && future_before(&s[..i]);
    Some(date(
        end(rest),
        When::Weekday { day, shift, future },
        published,
    ))
}

/// Whether a written day is past its month's last ("April 31"): after a
/// month cue and before a noun or "of", it is a count ("In April 31 people
/// were killed", "In November 31 of the 50 states"); before a dash, a score
/// ("their June 31-28 win"); "the year to September 31 after a rise" is a
/// wrong date.
fn beyond_month(date: WrittenDate) -> bool {
    date.day.is_some_and(|d| {
        let longest = match date.month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        d > longest
    })
}

/// ", a Sunday" after a day: the weekday the writer gives it.
fn weekday_after(rest: &str, when: When) -> (&str, When) {
    let When::Date {
        date,
        part,
        weekday: None,
        tense,
    } = when
    else {
        return (rest, when);
    };
    match (tag::<_, _, nom::error::Error<&str>>(", a "), weekday).parse(rest) {
        Ok((after, (_, day))) if date.day.is_some() => (
            after,
            When::Date {
                date,
                part,
                weekday: Some(day),
                tense,
            },
        ),
        _ => (rest, when),
    }
}

/// Whether a weekday closes a run of them ("Monday and Tuesday, Aug. 23
/// and 24", "Thursday through Sunday, Aug. 26-29"): the date after it
/// belongs to the run, not to the last day.
fn ends_weekday_run(before: &str) -> bool {
    let mut words = before
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev();
    let joiner = words.next().unwrap_or("");
    let previous = words.next().unwrap_or("");
    ["and", "or", "through", "thru", "to", "until", "till"]
        .iter()
        .any(|j| joiner.eq_ignore_ascii_case(j))
        && weekday(previous).is_ok_and(|(rest, _)| rest.is_empty())
}

/// A day of the month as an ordinal: "13th", "21st", "twenty-first".
fn day_of_month(i: &str) -> Option<(&str, i8)> {
    let digits = (
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        alt((
            tag::<_, _, nom::error::Error<&str>>("st"),
            tag("nd"),
            tag("rd"),
            tag("th"),
        )),
        boundary,
    )
        .map(|(d, _, ()): (&str, &str, ())| d.parse::<i64>().unwrap_or(0));
    let (rest, n) = alt((digits, super::numeral::ordinal_word)).parse(i).ok()?;
    let n = i8::try_from(n).ok().filter(|n| (1..=31).contains(n))?;
    Some((rest, n))
}

/// The last word of `before`.
pub(super) fn last_word(before: &str) -> &str {
    before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

/// Whether the word before is a verb of saying ("said Monday").
fn after_speech_verb(before: &str) -> bool {
    let word = last_word(before);
    [
        "said",
        "says",
        "told",
        "announced",
        "added",
        "stated",
        "reported",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
}

/// "early next year", "mid-August", "the end of 2020", "earlier this month",
/// "next week".
fn part_of_period(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let here = &s[i..];
    let end = |rest: &str| s.len() - rest.len();
    let (after_part, which) = match part(here) {
        Ok((rest, p)) => (rest, p),
        Err(_) => (here, Part::Whole),
    };
    if let Ok((rest, period)) = period(after_part) {
        let when = When::Period {
            period,
            part: which,
        };
        return Some(date(end(rest), when, published));
    }
    if which == Part::Whole {
        // "next March", "last September"
        let (rest, (shift, written)) = (weekday_shift, month_alone).parse(here).ok()?;
        if written.year.is_some() {
            return None;
        }
        let when = When::ShiftedMonth {
            month: written.month,
            shift,
        };
        return Some(date(end(rest), when, published));
    }
    let year_only = (take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), boundary).map(
        |(y, ()): (&str, ())| WrittenDate {
            year: y.parse().ok(),
            month: 0,
            day: None,
        },
    );
    let (rest, written) = alt((month_alone, year_only)).parse(after_part).ok()?;
    let when = When::Date {
        date: written,
        part: which,
        weekday: None,
        tense: tense_before(&s[..i]),
    };
    Some(date(end(rest), when, published))
}

/// "August 31", "Aug. 24-26", "August 2021", "in August", "from January to June".
fn month_at(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let here = &s[i..];
    let end = |rest: &str| s.len() - rest.len();
    let tense = || tense_before(&s[..i]);
    if let Ok((rest, written)) = month_first(here)
        && !(beyond_month(written)
            && ((month_cue(&s[..i])
                && (super::noun::noun_after(s, s.len() - rest.len()).is_some()
                    || rest.starts_with(" of ")))
                || rest.starts_with(['-', '–'])))
    {
        let (rest, when) = interval_after(rest, written, tense(), after_between(&s[..i]));
        let (rest, when) = weekday_after(rest, when);
        return Some(date(end(rest), when, published));
    }
    let (rest, written) = month_alone(here).ok()?;
    // "January-June 2020" is a span of months whatever comes before it.
    let month_range = rest
        .strip_prefix(['-', '–'])
        .is_some_and(|r| month_alone(r).is_ok());
    if !month_cue(&s[..i]) && !month_range {
        return None;
    }
    let (rest, when) = interval_after(rest, written, tense(), after_between(&s[..i]));
    Some(date(end(rest), when, published))
}

/// Whether "the" (any case) at the start of `here` opens no date: most
/// words after it open none, told by their first three letters ("the
/// 1990s", "the '90s", "the next day" may; "the new", "the best" do not).
pub(super) fn the_opens_nothing(here: &[u8]) -> bool {
    here.get(3) == Some(&b' ')
        && !here.get(4).is_some_and(|&b| {
            b.is_ascii_digit()
                || b == b'\''
                || !b.is_ascii()
                || AFTER_THE_HEADS.may_open(here.get(4..).unwrap_or_default())
        })
}

/// [`AFTER_THE`] as a table, for how its words open.
static AFTER_THE_HEADS: std::sync::LazyLock<super::lexicon::Table> =
    std::sync::LazyLock::new(|| {
        super::lexicon::Table::new(AFTER_THE.words().iter().map(|w| (*w, 1)))
    });

/// The word after the first one ("week" in "a week later"), when a space
/// comes within [`SECOND_WORD_WITHIN`] bytes: the first word is a short
/// one ("a", "the"), and a search through the rest of a sentence for each
/// would be quadratic in one without spaces ("a,a,a,…").
fn second_word(here: &str) -> &str {
    let head = here
        .as_bytes()
        .get(..SECOND_WORD_WITHIN)
        .unwrap_or(here.as_bytes());
    let Some(space) = memchr::memchr(b' ', head) else {
        return "";
    };
    let rest = &here[space + 1..];
    // Byte by byte while ASCII, as nearly every word is.
    let ascii = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'\'')
        .count();
    let len = match rest.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => {
            ascii
                + rest[ascii..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                    .unwrap_or(rest.len() - ascii)
        }
        _ => ascii,
    };
    &rest[..len]
}

/// Bytes within which [`second_word`] looks for the space after the first.
const SECOND_WORD_WITHIN: usize = 32;

/// Unit words after "a" or "an".
pub(super) const UNIT_WORDS: WordList = WordList::of(&[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
    "century",
]);

/// Words after "the" that can open a date ("the following day", "the
/// second quarter", "the end of 2020"); digits ("the 1990s", "the 3rd
/// quarter") also can.
const AFTER_THE: WordList = WordList::of(&[
    "day",
    "following",
    "next",
    "previous",
    "preceding",
    "first",
    "second",
    "third",
    "fourth",
    "end",
    "close",
    "start",
    "beginning",
]);

/// The words besides calendar names that may open a date in
/// [`date_words`]: keep this in step with its `match`.
pub(super) const DATE_OPENERS: &[&str] = &[
    "a",
    "an",
    "another",
    "all",
    "full",
    "whole",
    "half",
    "the",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "between",
    "this",
    "next",
    "last",
    "past",
    "coming",
    "current",
    "upcoming",
    "previous",
    "early",
    "earlier",
    "mid",
    "late",
    "later",
    "end",
    "start",
    "beginning",
    "first",
    "second",
    "third",
    "fourth",
    "q",
];

/// Month and weekday names and their abbreviations, lower case.
pub(super) const CALENDAR_NAMES: [&WordList; 2] = [&MONTH_NAMES, &WEEKDAY_NAMES];

/// Month names and their abbreviations, lower case.
const MONTH_NAMES: WordList = WordList::of(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]);

/// Weekday names and their abbreviations, lower case.
const WEEKDAY_NAMES: WordList = WordList::of(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
]);

/// Whether `word` (lower case) is a month or weekday name or abbreviation.
fn is_calendar_name(word: &str) -> bool {
    MONTH_NAMES.holds(word) || WEEKDAY_NAMES.holds(word)
}

/// The first byte of "–" in UTF-8.
const DASH_LEAD: u8 = "–".as_bytes()[0];

/// The first byte of a no-break space in UTF-8.
const NBSP_LEAD: u8 = "\u{a0}".as_bytes()[0];

/// A calendar expression starting with a digit.
pub(super) fn date_digits(s: &str, i: usize, published: Option<Date>) -> Option<Found> {
    let here = &s[i..];
    // Every form opens with a day (one or two digits) or a year (four,
    // also a decade's): "300" or "4500" opens none.
    let run = here.bytes().take_while(u8::is_ascii_digit).count();
    // And what follows the digits tells the forms apart. After a day: an
    // ordinal's suffix, a space before its month or a joiner, or a dash
    // ("25th", "25 August", "25-26 August"). After a year: a dash or a
    // space ("2021-08-25", "2014-2018", "2014 to 2018"), or a decade's
    // "0s". Most figures ("4,500", "2.5", "2021,") are followed by none.
    let next = here.as_bytes().get(run).copied();
    let opens = match run {
        1 | 2 => matches!(
            next,
            Some(b's' | b'n' | b'r' | b't' | b' ' | b'-' | DASH_LEAD | NBSP_LEAD)
        ),
        4 => matches!(next, Some(b' ' | b'-' | DASH_LEAD | b's')),
        _ => false,
    };
    if !opens {
        return None;
    }
    let end = |rest: &str| s.len() - rest.len();
    let tense = || tense_before(&s[..i]);
    if let Some((rest, written)) = iso(here) {
        return Some(date(end(rest), whole(written, tense()), published));
    }
    if let Some((rest, when)) = day_range(here, after_between(&s[..i])) {
        return Some(date(end(rest), when, published));
    }
    if let Some((rest, when)) = year_range(here, after_between(&s[..i])) {
        return Some(date(end(rest), when, published));
    }
    if let Ok((rest, written)) = day_first(here) {
        let (rest, when) = interval_after(rest, written, tense(), after_between(&s[..i]));
        let (rest, when) = weekday_after(rest, when);
        return Some(date(end(rest), when, published));
    }
    if let Ok((rest, first)) = decade(here) {
        return Some(date(end(rest), When::Decade(first), published));
    }
    None
}

/// "2021-08-25".
fn iso(i: &str) -> Option<(&str, WrittenDate)> {
    let digits = |n| take_while_m_n(n, n, |c: char| c.is_ascii_digit());
    let (rest, (y, _, m, _, d, ())) = (
        digits(4),
        tag::<_, _, nom::error::Error<&str>>("-"),
        digits(2),
        tag("-"),
        digits(2),
        boundary,
    )
        .parse(i)
        .ok()?;
    Some((
        rest,
        WrittenDate {
            year: y.parse().ok(),
            month: m.parse().ok().filter(|m| (1..=12).contains(m))?,
            day: d.parse().ok().filter(|d| (1..=31).contains(d)),
        },
    ))
}

/// Whether the text before ends with "between ".
fn after_between(before: &str) -> bool {
    let n = before.len();
    n >= 8
        && before
            .get(n - 8..)
            .is_some_and(|t| t.eq_ignore_ascii_case("between "))
}

/// "2014-2018", "2020-21", "2014 to 2018", "1960 - 1961": years of 1900 to
/// 2100, a later one second; with "to" or "and", no word may follow
/// ("between 1950 and 2000 people" counts people).
fn year_range(i: &str, between: bool) -> Option<(&str, When)> {
    let (rest, first) = year4(i).ok()?;
    let (after, joined) = alt((
        tag::<_, _, nom::error::Error<&str>>("-"),
        tag("–"),
        tag(" – "),
        tag(" - "),
        tag(" to "),
        tag(" and "),
    ))
    .parse(rest)
    .ok()?;
    let short = |i| -> nom::IResult<&str, i16> {
        let (rest, y) = take_while_m_n(2, 2, |c: char| c.is_ascii_digit()).parse(i)?;
        let (rest, ()) = boundary(rest)?;
        let century = first - first % 100;
        let y = century + y.parse::<i16>().unwrap_or(0);
        let y = if y < first { y + 100 } else { y };
        if y - first > 10 {
            // "2015-32" is no span of years
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        }
        Ok((rest, y))
    };
    if joined == " and " && !between {
        return None; // "in 2007 and 2009" are two years
    }
    let (end, last) = if joined.contains(char::is_alphabetic) {
        year4(after).ok()?
    } else {
        alt((year4, short)).parse(after).ok()?
    };
    let words_follow = end.starts_with(' ') && end[1..].starts_with(|c: char| c.is_alphabetic());
    if !(1900..=2100).contains(&first)
        || !(first..=2100).contains(&last)
        || (joined.contains(char::is_alphabetic) && words_follow)
    {
        return None;
    }
    let year = |y| WrittenDate {
        year: Some(y),
        month: 0,
        day: None,
    };
    Some((
        end,
        When::Interval {
            from: year(first),
            to: year(last),
        },
    ))
}

/// "3-10 March", "3 and 10 March 2021", "3 to 10 March".
fn day_range(i: &str, between: bool) -> Option<(&str, When)> {
    let day = |i| -> nom::IResult<&str, i8> {
        let (rest, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)?;
        let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
        Ok((rest, d.parse().unwrap_or(0)))
    };
    let (rest, (first, _)) = (
        day,
        alt((
            tag::<_, _, nom::error::Error<&str>>("-"),
            tag("–"),
            tag(" and "),
            tag(" to "),
            tag(" – "),
        )),
    )
        .parse(i)
        .ok()?;
    let (rest, to) = day_first(rest).ok()?;
    if !(1..=31).contains(&first) || (i[..i.len() - rest.len()].contains(" and ") && !between) {
        return None;
    }
    let from = WrittenDate {
        day: Some(first),
        ..to
    };
    Some((rest, When::Interval { from, to }))
}

/// After a date, its interval's other end: "-26", "–August 3rd", " to June".
fn interval_after(
    rest: &str,
    from: WrittenDate,
    tense: Option<Tense>,
    between: bool,
) -> (&str, When) {
    let mut joiner = alt((
        tag::<_, _, nom::error::Error<&str>>("-"),
        tag("–"),
        tag(" – "),
        tag(" - "),
        tag(" to "),
        tag(" until "),
        tag(" till "),
        tag(" through "),
        tag(" thru "),
        tag(" and "),
    ));
    let Ok((after, joined)) = joiner.parse(rest) else {
        return (rest, whole(from, tense));
    };
    if joined == " and " && !between {
        return (rest, whole(from, tense)); // "on March 3 and March 10": two dates
    }
    if let Ok((end, to)) = alt((month_first, day_first, month_alone)).parse(after)
        && (to.day.is_some() == from.day.is_some())
    {
        return (end, When::Interval { from, to });
    }
    // "Aug. 24-26", "July 13 to 15": a bare day, unless a word follows
    // ("March 3 to 10 people").
    let and = joined == " and ";
    if !and
        && from.day.is_some()
        && let Ok((end, (d, _, ()))) = (
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
            boundary,
        )
            .parse(after)
        && let Ok(day) = d.parse::<i8>()
        && (1..=31).contains(&day)
    {
        let (end, year) = match (
            from.year,
            (tag::<_, _, nom::error::Error<&str>>(", "), year4).parse(end),
        ) {
            (None, Ok((e, (_, y)))) => (e, Some(y)),
            _ => (end, from.year),
        };
        let word_follows =
            end.starts_with(' ') && end[1..].starts_with(|c: char| c.is_alphabetic());
        if word_follows
            || end.starts_with(['/', ':', '.'])
                && end[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return (rest, whole(from, tense));
        }
        let to = WrittenDate {
            year,
            day: Some(day),
            ..from
        };
        return (end, When::Interval { from, to });
    }
    (rest, whole(from, tense))
}

fn year4(i: &str) -> nom::IResult<&str, i16> {
    let (rest, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, y.parse().unwrap_or(0)))
}
