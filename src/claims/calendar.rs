//! Anchored nom recognisers for the calendar words of news copy: weekdays
//! ("Tuesday night", "last Tuesday"), days and periods counted from the
//! publication date ("yesterday", "next week", "earlier this year", "two
//! days ago"), periods ("mid-August", "the 1990s", "the second quarter"),
//! time units for durations, and date intervals' joiners.
//!
//! Each returns what was written; [`super::resolve`] turns it into days.

use super::tag::tag_no_case;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n, take_while1},
    combinator::opt,
};

use super::date::{WrittenDate, month};
use super::lexicon::WordList;
use super::numeral::boundary;

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Calendar months.
    Month,
    /// Quarters of a year.
    Quarter,
    /// Years.
    Year,
}

impl Unit {
    /// The name used in claim records and rules (`d.unit == "year"`).
    pub fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }

    /// Average length in days (a year of 365.2425 days, a month of a
    /// twelfth of that), to compare durations with spans of dates.
    pub fn days(self) -> f64 {
        match self {
            Unit::Second => 1.0 / 86_400.0,
            Unit::Minute => 1.0 / 1_440.0,
            Unit::Hour => 1.0 / 24.0,
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 365.2425 / 12.0,
            Unit::Quarter => 365.2425 / 4.0,
            Unit::Year => 365.2425,
        }
    }

    /// The unit named `name` (as [`Unit::name`] gives it).
    pub fn from_name(name: &str) -> Option<Unit> {
        [
            Unit::Second,
            Unit::Minute,
            Unit::Hour,
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Quarter,
            Unit::Year,
        ]
        .into_iter()
        .find(|u| u.name() == name)
    }
}

/// A unit word, singular or plural, with how many units it stands for
/// ("fortnight" is 2 weeks, "decade" 10 years).
pub fn unit_word(i: &str) -> IResult<&str, (Unit, f64)> {
    // Most words after a figure open no unit word: told by the first
    // letter before a dozen tags are tried.
    let first = i.as_bytes().first().map(|b| b | 0x20);
    if !matches!(
        first,
        Some(b's' | b'm' | b'h' | b'd' | b'f' | b'w' | b'q' | b'y' | b'c')
    ) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let (rest, (unit, factor)) = alt((
        alt((tag_no_case("second"), tag_no_case("sec"))).map(|_| (Unit::Second, 1.0)),
        alt((tag_no_case("minute"), tag_no_case("min"))).map(|_| (Unit::Minute, 1.0)),
        alt((tag_no_case("hour"), tag_no_case("hr"))).map(|_| (Unit::Hour, 1.0)),
        tag_no_case("day").map(|_| (Unit::Day, 1.0)),
        tag_no_case("fortnight").map(|_| (Unit::Week, 2.0)),
        tag_no_case("week").map(|_| (Unit::Week, 1.0)),
        tag_no_case("month").map(|_| (Unit::Month, 1.0)),
        tag_no_case("quarter").map(|_| (Unit::Quarter, 1.0)),
        alt((tag_no_case("year"), tag_no_case("yr"))).map(|_| (Unit::Year, 1.0)),
        tag_no_case("decade").map(|_| (Unit::Year, 10.0)),
        tag_no_case("centuries").map(|_| (Unit::Year, 100.0)),
        tag_no_case("century").map(|_| (Unit::Year, 100.0)),
    ))
    .parse(i)?;
    let (rest, _) = opt(tag_no_case("s")).parse(rest)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, (unit, factor)))
}

/// Days of the week, Monday first (as ISO 8601 and jiff number them).
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The index in [`WEEKDAYS`] of the weekday `date` falls on.
pub fn weekday_index(date: jiff::civil::Date) -> usize {
    usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())
}

/// A weekday name in full: "Tuesday" (or "tuesday"). Returns its index in
/// [`WEEKDAYS`].
pub fn weekday(i: &str) -> IResult<&str, usize> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    for (index, name) in WEEKDAYS.iter().enumerate() {
        if let Some(rest) = strip_prefix_ci(i, name)
            && boundary(rest).is_ok()
        {
            return Ok((rest, index));
        }
    }
    Err(fail())
}

/// An abbreviated weekday before a date: "Tue.", "Tues", "Wed", "Thurs.".
pub fn weekday_abbreviation(i: &str) -> IResult<&str, usize> {
    const SHORT: [(&str, usize); 10] = [
        ("Tues", 1),
        ("Thurs", 3),
        ("Thur", 3),
        ("Mon", 0),
        ("Tue", 1),
        ("Wed", 2),
        ("Thu", 3),
        ("Fri", 4),
        ("Sat", 5),
        ("Sun", 6),
    ];
    for (name, index) in SHORT {
        if let Some(rest) = i.strip_prefix(name)
            && boundary(rest).is_ok()
        {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, index));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

fn strip_prefix_ci<'a>(i: &'a str, prefix: &str) -> Option<&'a str> {
    let head = i.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &i[prefix.len()..])
}

/// " night", " morning", " afternoon", " evening" after a weekday.
pub fn part_of_day(i: &str) -> IResult<&str, &str> {
    let (rest, (_, part)) = (
        tag(" "),
        alt((
            tag_no_case("night"),
            tag_no_case("morning"),
            tag_no_case("afternoon"),
            tag_no_case("evening"),
            tag_no_case("overnight"),
        )),
    )
        .parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, part))
}

/// Which part of a period is meant ("early August", "mid-2021",
/// "earlier this year").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole period.
    Whole,
    /// Its first half.
    Early,
    /// Its middle half.
    Mid,
    /// Its second half.
    Late,
    /// From its start to the publication date ("earlier this year").
    Before,
    /// From the publication date to its end ("later this year").
    After,
}

/// "early ", "mid-", "late ", "the end of ", "the start of " before a period.
pub fn part(i: &str) -> IResult<&str, Part> {
    alt((
        (tag_no_case("earlier"), tag(" ")).map(|_| Part::Before),
        (tag_no_case("later"), tag(" ")).map(|_| Part::After),
        (tag_no_case("early"), alt((tag(" "), tag("-")))).map(|_| Part::Early),
        (tag_no_case("mid"), alt((tag("-"), tag(" ")))).map(|_| Part::Mid),
        (tag_no_case("late"), alt((tag(" "), tag("-")))).map(|_| Part::Late),
        (
            opt(tag_no_case("the ")),
            alt((tag_no_case("end"), tag_no_case("close"))),
            tag_no_case(" of "),
        )
            .map(|_| Part::Late),
        (
            opt(tag_no_case("the ")),
            alt((tag_no_case("start"), tag_no_case("beginning"))),
            tag_no_case(" of "),
        )
            .map(|_| Part::Early),
    ))
    .parse(i)
}

/// A calendar period counted from the publication date: "this week",
/// "next month", "last year", "the past week", "this weekend".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Week, month, quarter or year.
    pub unit: Unit,
    /// 0 this, 1 next, -1 last.
    pub shift: i32,
    /// "the past week": the unit's length up to the publication date.
    pub rolling: bool,
    /// Saturday and Sunday only.
    pub weekend: bool,
}

/// "this|next|last|past|coming week|month|year|weekend".
pub fn period(i: &str) -> IResult<&str, Period> {
    let (rest, ((shift, rolling), _)) = (
        alt((
            tag_no_case("this").map(|_| (0, false)),
            tag_no_case("next").map(|_| (1, false)),
            tag_no_case("last").map(|_| (-1, false)),
            tag_no_case("past").map(|_| (-1, true)),
            tag_no_case("coming").map(|_| (1, false)),
            tag_no_case("current").map(|_| (0, false)),
            tag_no_case("upcoming").map(|_| (1, false)),
            tag_no_case("previous").map(|_| (-1, false)),
        )),
        tag(" "),
    )
        .parse(i)?;
    let (rest, (unit, weekend)) = alt((
        tag_no_case("weekend").map(|_| (Unit::Week, true)),
        tag_no_case("week").map(|_| (Unit::Week, false)),
        tag_no_case("month").map(|_| (Unit::Month, false)),
        tag_no_case("quarter").map(|_| (Unit::Quarter, false)),
        tag_no_case("qtr").map(|_| (Unit::Quarter, false)),
        tag_no_case("year").map(|_| (Unit::Year, false)),
        tag_no_case("yr").map(|_| (Unit::Year, false)),
    ))
    .parse(rest)?;
    // "this month's airlift" keeps the possessive outside the claim.
    let (rest, ()) = boundary(rest)?;
    Ok((
        rest,
        Period {
            unit,
            shift,
            rolling,
            weekend,
        },
    ))
}

/// "today" 0, "tonight" 0, "yesterday" -1, "tomorrow" 1.
pub fn deictic_day(i: &str) -> IResult<&str, i32> {
    let (rest, shift) = alt((
        tag_no_case("today").map(|_| 0),
        tag_no_case("tonight").map(|_| 0),
        tag_no_case("yesterday").map(|_| -1),
        tag_no_case("tomorrow").map(|_| 1),
    ))
    .parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, shift))
}

/// "last", "next" or "this" before a weekday: -1, 1, 0.
pub fn weekday_shift(i: &str) -> IResult<&str, i32> {
    let (rest, (shift, _)) = (
        alt((
            tag_no_case("last").map(|_| -1),
            tag_no_case("next").map(|_| 1),
            tag_no_case("this").map(|_| 0),
        )),
        tag(" "),
    )
        .parse(i)?;
    Ok((rest, shift))
}

/// "the following day", "the next week", "the previous day", "the day
/// before", "the day after": a unit and a step from the previous date.
pub fn following(i: &str) -> IResult<&str, (Unit, i32)> {
    let (rest, _) = tag_no_case("the ").parse(i)?;
    let mut forward = (
        alt((
            tag_no_case("following").map(|_| 1),
            tag_no_case("next").map(|_| 1),
            tag_no_case("previous").map(|_| -1),
            tag_no_case("preceding").map(|_| -1),
        )),
        tag(" "),
        alt((
            tag_no_case("day").map(|_| Unit::Day),
            tag_no_case("week").map(|_| Unit::Week),
            tag_no_case("month").map(|_| Unit::Month),
            tag_no_case("year").map(|_| Unit::Year),
        )),
    )
        .map(|(step, _, unit)| (unit, step));
    let (rest, found) = forward.parse(rest)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, found))
}

/// " later", " earlier" after a duration: +1 or -1 ("a week later than
/// planned" compares, it dates nothing).
pub fn later(i: &str) -> IResult<&str, i32> {
    let (rest, (_, sign)) = (
        tag(" "),
        alt((
            tag_no_case("later").map(|_| 1),
            tag_no_case("earlier").map(|_| -1),
            tag_no_case("after that").map(|_| 1),
            tag_no_case("before that").map(|_| -1),
        )),
    )
        .parse(i)?;
    let (rest, ()) = boundary(rest)?;
    if tag_no_case::<nom::error::Error<&str>>(" than")
        .parse(rest)
        .is_ok()
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, sign))
}

/// " ago" after a duration.
pub fn ago(i: &str) -> IResult<&str, ()> {
    let (rest, _) = (tag(" "), tag_no_case("ago")).parse(i)?;
    boundary(rest)
}

/// "' time" after a duration ("in three weeks' time").
pub fn hence(i: &str) -> IResult<&str, ()> {
    let (rest, _) = (
        opt(alt((tag("'"), tag("’")))),
        tag(" "),
        tag_no_case("time"),
    )
        .parse(i)?;
    boundary(rest)
}

/// "the 1990s", "1990s", "the '90s": the first year of the decade.
pub fn decade(i: &str) -> IResult<&str, i16> {
    let (rest, _) = opt(tag_no_case("the ")).parse(i)?;
    let full = (
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        tag("0s"),
    )
        .map(|(d, _): (&str, &str)| d.parse::<i16>().unwrap_or(0) * 10);
    let short = (
        alt((tag("'"), tag("’"))),
        take_while_m_n(1, 1, |c: char| c.is_ascii_digit()),
        tag("0s"),
    )
        .map(|(_, d, _): (&str, &str, &str)| 1900 + d.parse::<i16>().unwrap_or(0) * 10);
    let (rest, year) = alt((full, short)).parse(rest)?;
    let (rest, ()) = boundary(rest)?;
    if (1000..=2090).contains(&year) {
        Ok((rest, year))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// "the second quarter", "the fourth quarter of 2020", "Q3 2021":
/// the quarter (1–4) and the year, if written.
pub fn quarter(i: &str) -> IResult<&str, (i8, Option<i16>)> {
    let ordinal = alt((
        alt((tag_no_case("first"), tag("1st"))).map(|_| 1),
        alt((tag_no_case("second"), tag("2nd"))).map(|_| 2),
        alt((tag_no_case("third"), tag("3rd"))).map(|_| 3),
        alt((tag_no_case("fourth"), tag("4th"))).map(|_| 4),
    ));
    let worded = (
        opt(tag_no_case("the ")),
        ordinal,
        alt((tag(" "), tag("-"))),
        alt((tag_no_case("quarter"), tag_no_case("qtr"))),
        boundary,
        opt(alt((tag(" of "), tag(" "))).and(year)),
    )
        .map(|(_, q, _, _, _, y)| (q, y.map(|(_, y)| y)));
    let short = (
        tag("Q"),
        take_while_m_n(1, 1, |c: char| ('1'..='4').contains(&c)),
        boundary,
        opt((tag(" "), year)),
    )
        .map(|(_, q, _, y): (_, &str, _, _)| (q.parse().unwrap_or(1), y.map(|(_, y)| y)));
    alt((worded, short)).parse(i)
}

fn year(i: &str) -> IResult<&str, i16> {
    let (rest, digits) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, digits.parse().unwrap_or(0)))
}

/// A month name standing alone ("in August", "last March"), with an
/// optional year; only after a word that makes it a time ([`month_cue`]).
pub fn month_alone(i: &str) -> IResult<&str, WrittenDate> {
    let (rest, m) = month(i)?;
    let (rest, y) = opt((take_while1(|c| c == ' '), year)).parse(rest)?;
    Ok((
        rest,
        WrittenDate {
            year: y.map(|(_, y)| y),
            month: m,
            day: None,
        },
    ))
}

/// Whether the word before a bare month name makes it a time ("in August",
/// "since March", "early May"), not a name ("March for Life", "May said").
pub fn month_cue(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '-']);
    let word_start = trimmed
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |p| p + 1);
    let word = trimmed.get(word_start..).unwrap_or("");
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "before",
        "after",
        "from",
        "to",
        "through",
        "throughout",
        "last",
        "this",
        "next",
        "early",
        "late",
        "mid",
        "of",
        "between",
        "and",
        "or",
        "end",
        "start",
        "beginning",
        "around",
        "as",
    ]
    .iter()
    .any(|cue| word.eq_ignore_ascii_case(cue))
}

/// The tense of the verb nearest before a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "was held on", "said on", "took place on".
    Past,
    /// "will meet on", "is due on", "plans to … on".
    Future,
}

/// How many words back a tense marker is looked for, inside the clause.
const TENSE_REACH: usize = 8;

/// Words that put a date after them in the future ("will meet on").
const FUTURE_MARKS: WordList = WordList::of(&[
    "will",
    "would",
    "shall",
    "due",
    "scheduled",
    "expected",
    "planned",
    "plans",
    "plan",
    "going",
    "ahead",
    "upcoming",
    "set",
]);

/// Past forms that put a date after them in the past ("met on").
const PAST_MARKS: WordList = WordList::of(&[
    "was", "were", "had", "did", "said", "told", "took", "began", "met", "left", "came", "went",
    "fell", "rose", "won", "lost", "gave", "saw", "ago",
]);

/// Past participles not in -ed ("held on"), read as past unless "be" or
/// "been" comes before them.
const PARTICIPLES: WordList =
    WordList::of(&["held", "made", "done", "given", "taken", "seen", "signed"]);

/// The tense of the nearest verb marker before a date in its clause, if
/// any: "will" and its kin mark the future; "was", "said", "took" and
/// words in -ed the past. The nearest marker wins ("said he will meet on").
pub fn tense_before(before: &str) -> Option<Tense> {
    // A bounded window: the cost per date does not grow with the sentence.
    let mut from = before.len().saturating_sub(TENSE_REACH * 12);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let before = &before[from..];
    // The words nearest first, as written: compared ignoring ASCII case,
    // so none is copied.
    let mut words = [""; TENSE_REACH];
    let count = clause_words(before, &mut words);
    let words = words.get(..count).unwrap_or_default();
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let ends = |w: &str, suffix: &str| {
        w.len()
            .checked_sub(suffix.len())
            .and_then(|at| w.as_bytes().get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
    };
    let future = |w: &str| FUTURE_MARKS.holds(w) || ends(w, "'ll") || ends(w, "’ll");
    let finite_past = |w: &str| PAST_MARKS.holds(w);
    let participle = |w: &str| PARTICIPLES.holds(w) || (w.len() >= 5 && ends(w, "ed"));
    // "a deadline of Dec. 3", "plans for March 3": a noun governs the date,
    // not the verb before it.
    if words.first().is_some_and(|w| is(w, &["of", "for"])) {
        return None;
    }
    for (k, &w) in words.iter().enumerate() {
        if future(w) {
            return Some(Tense::Future);
        }
        if finite_past(w) {
            return Some(Tense::Past);
        }
        if is(w, &["is", "are", "am"]) {
            return None;
        }
        // A participle after "be" or "been" takes its tense from the verb
        // before them: "will be held on", "has been signed on".
        if participle(w) {
            let aux = words
                .get(k + 1)
                .is_some_and(|a| is(a, &["be", "been", "being"]));
            if !aux {
                return Some(Tense::Past);
            }
        }
    }
    None
}

/// The last words of the clause that ends `before`, nearest first, into
/// `out`: runs of letters, digits and apostrophes after the last comma,
/// semicolon, colon, bracket or quotation mark. Returns how many. Read a
/// char at a time from the end, and only as far as the words go.
fn clause_words<'a>(before: &'a str, out: &mut [&'a str]) -> usize {
    let bytes = before.as_bytes();
    let mut count = 0;
    let mut run_end = None;
    let mut at = before.len();
    while count < out.len() {
        let Some(&last) = at.checked_sub(1).and_then(|i| bytes.get(i)) else {
            break;
        };
        // The char that ends at `at`: most are ASCII.
        let (start, in_word) = if last.is_ascii() {
            if matches!(last, b',' | b';' | b':' | b'"' | b'(' | b')') {
                break;
            }
            (at - 1, last.is_ascii_alphanumeric() || last == b'\'')
        } else {
            match before.get(..at).and_then(|head| head.chars().next_back()) {
                Some('“' | '”') => break,
                Some(c) => (at - c.len_utf8(), c.is_alphanumeric() || c == '’'),
                None => break,
            }
        };
        match run_end {
            None if in_word => run_end = Some(at),
            Some(end) if !in_word => {
                if let Some(slot) = out.get_mut(count) {
                    *slot = before.get(at..end).unwrap_or_default();
                    count += 1;
                }
                run_end = None;
            }
            _ => {}
        }
        at = start;
    }
    if let (Some(end), Some(slot)) = (run_end, out.get_mut(count)) {
        *slot = before.get(at..end).unwrap_or_default();
        count += 1;
    }
    count
}

/// Whether the nearest tense marker before a date is a future one.
pub fn future_before(before: &str) -> bool {
    tense_before(before) == Some(Tense::Future)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`clause_words`] gives, the slow way: the clause found by
    /// searching for its last mark, then split.
    fn reference_words(before: &str) -> Vec<&str> {
        let marks = [',', ';', ':', '"', '“', '”', '(', ')'];
        let start = before
            .char_indices()
            .rfind(|(_, c)| marks.contains(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        before
            .get(start..)
            .unwrap_or("")
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .rev()
            .take(TENSE_REACH)
            .collect()
    }

    fn words(before: &str) -> Vec<&str> {
        let mut words = [""; TENSE_REACH];
        let count = clause_words(before, &mut words);
        words[..count].to_vec()
    }

    #[test]
    fn clause_words_read_back_to_the_clause_mark() {
        assert_eq!(
            words("he said, it will be held on"),
            ["on", "held", "be", "will", "it"]
        );
        assert_eq!(words("don't won’t"), ["won’t", "don't"]);
        assert_eq!(
            words("a b c d e f g h i j"),
            ["j", "i", "h", "g", "f", "e", "d", "c"]
        );
        assert_eq!(
            words("(Zürich's 3rd—meeting"),
            ["meeting", "3rd", "Zürich's"]
        );
        assert_eq!(
            words("said: “We will meet on"),
            ["on", "meet", "will", "We"]
        );
        assert!(words("").is_empty() && words("on,").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn clause_words_as_a_search_and_a_split_give_them(
            text in "[a-zA-Z0-9 ,;:\"()'’“”—éü\\-]{0,60}"
        ) {
            proptest::prop_assert_eq!(words(&text), reference_words(&text));
        }
    }

    #[test]
    fn calendar_words() {
        assert_eq!(unit_word("years old"), Ok((" old", (Unit::Year, 1.0))));
        assert_eq!(unit_word("fortnight"), Ok(("", (Unit::Week, 2.0))));
        assert!(unit_word("daylight").is_err());
        assert!(unit_word("Decades").is_ok() && unit_word("people").is_err());
        assert_eq!(weekday("Tuesday night"), Ok((" night", 1)));
        assert_eq!(weekday("tuesday"), Ok(("", 1)));
        assert!(weekday("Tuesdays").is_err());
        assert_eq!(weekday_abbreviation("Tues., Aug"), Ok((", Aug", 1)));
        assert_eq!(
            period("next week,"),
            Ok((
                ",",
                Period {
                    unit: Unit::Week,
                    shift: 1,
                    rolling: false,
                    weekend: false
                }
            ))
        );
        assert_eq!(
            period("this month’s").map(|(r, p)| (r, p.unit)),
            Ok(("’s", Unit::Month))
        );
        assert!(period("last weeks").is_err());
        assert_eq!(decade("the 1990s,"), Ok((",", 1990)));
        assert_eq!(decade("the '80s"), Ok(("", 1980)));
        assert_eq!(
            quarter("the second quarter of 2020"),
            Ok(("", (2, Some(2020))))
        );
        assert_eq!(following("the following day"), Ok(("", (Unit::Day, 1))));
        assert!(month_cue("troops left in "));
        assert!(!month_cue("said "));
        assert!(future_before("The ministers will meet on "));
        assert!(!future_before("He said he will go, and met them on "));
        assert_eq!(tense_before("The vote took place on "), Some(Tense::Past));
        assert_eq!(
            tense_before("He said he will meet them on "),
            Some(Tense::Future)
        );
        assert_eq!(tense_before("The election is on "), None);
        // A quotation mark opens a clause, curly or straight.
        assert_eq!(
            tense_before("He said: “We will meet them on "),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_before("He said: \"We will meet them on "),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_before("The ceremony will be held on "),
            Some(Tense::Future)
        );
        assert_eq!(tense_before("The treaty has been signed on "), None);
        assert_eq!(tense_before("The strike lasted until "), Some(Tense::Past));
        assert_eq!(tense_before("Congress agreed a deadline of "), None);
        assert_eq!(tense_before("The final was played on "), Some(Tense::Past));
    }
}
