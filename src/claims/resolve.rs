//! Turning written dates into the days they cover.
//!
//! An absolute date is its own range. A year-less date takes the year that
//! puts it nearest the publication date. Words counted from the publication
//! date ("next week", "on Wednesday", "two days ago") need it and stay
//! unresolved without it; words counted from the previous date ("a week
//! later") are resolved by [`shift_previous`] once the previous date is known.

use jiff::civil::Date;
use jiff::{Span as JSpan, ToSpan};

use super::calendar::{Part, Period, Tense, Unit, WEEKDAYS, weekday_index};
use super::date::WrittenDate;
use super::value::{Anchor, DateValue, Grain};

/// A date expression as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// A calendar date, month or year, maybe year-less, maybe with part
    /// ("mid-August") and a written weekday ("Tuesday, August 24").
    Date {
        /// The date.
        date: WrittenDate,
        /// Which part of it.
        part: Part,
        /// A weekday written with it (index into [`WEEKDAYS`]).
        weekday: Option<usize>,
        /// The tense of the verb before it: a year-less date is not months
        /// past after a future verb, nor months ahead after a past one.
        tense: Option<Tense>,
    },
    /// Two ends: "Aug. 24-26", "from January to June".
    Interval {
        /// First end.
        from: WrittenDate,
        /// Last end.
        to: WrittenDate,
    },
    /// "the 1990s".
    Decade(i16),
    /// "the second quarter (of 2020)".
    Quarter {
        /// 1–4.
        quarter: i8,
        /// The year, if written.
        year: Option<i16>,
    },
    /// A weekday without a date: "Wednesday", "last Tuesday".
    Weekday {
        /// Index into [`WEEKDAYS`].
        day: usize,
        /// "last" -1, "next" 1, "this" 0, bare `None`.
        shift: Option<i32>,
        /// A bare weekday after a future verb looks forward.
        future: bool,
    },
    /// "today" 0, "yesterday" -1, "tomorrow" 1.
    Day(i32),
    /// "Friday the 13th": a weekday and a day of an unnamed month.
    WeekdayDay {
        /// Index into [`WEEKDAYS`].
        weekday: usize,
        /// 1–31.
        day: i8,
    },
    /// "last March" -1, "next March" 1, "this March" 0.
    ShiftedMonth {
        /// 1–12.
        month: i8,
        /// Direction.
        shift: i32,
    },
    /// "next week", "earlier this year".
    Period {
        /// Which period.
        period: Period,
        /// Which part of it.
        part: Part,
    },
    /// "two days ago" (sign -1), "in three weeks' time" (sign 1).
    FromPublication {
        /// The unit counted.
        unit: Unit,
        /// How many.
        count: f64,
        /// Direction.
        sign: i32,
    },
    /// "a week later", "the following day": counted from the previous date.
    FromPrevious {
        /// The unit counted.
        unit: Unit,
        /// How many (signed).
        count: f64,
        /// "the following week": the whole calendar unit, not a day.
        calendar: bool,
    },
}

/// Resolves a written date against the publication date.
pub fn resolve(when: When, published: Option<Date>) -> DateValue {
    let mut value = DateValue {
        grain: Grain::Day,
        relative: false,
        anchor: Anchor::None,
        interval: false,
        weekday: None,
        year: None,
        month: None,
        day: None,
        start: None,
        end: None,
    };
    let range = match when {
        When::Date {
            date,
            part,
            weekday,
            tense,
        } => {
            value.grain = grain_of(date);
            value.year = date.year;
            value.month = (date.month != 0).then_some(date.month);
            value.day = date.day;
            value.weekday = weekday.and_then(|w| WEEKDAYS.get(w).copied());
            let context = published.map(|p| Context {
                published: p,
                tense,
                weekday,
            });
            written_range(date, context).map(|r| apply_part(r, part, published))
        }
        When::Interval { from, to } => {
            value.interval = true;
            value.grain = coarser(grain_of(from), grain_of(to));
            // "Dec. 28-Jan. 6, 2021": a start later in the year than the end
            // belongs to the year before the end's.
            let later_in_year =
                (from.month, from.day.unwrap_or(1)) > (to.month, to.day.unwrap_or(31));
            let from = WrittenDate {
                year: from
                    .year
                    .or(to.year.map(|y| if later_in_year { y - 1 } else { y })),
                ..from
            };
            value.year = from.year;
            value.month = (from.month != 0).then_some(from.month);
            value.day = from.day;
            let interval = |year: i16| -> Option<(Date, Date)> {
                let (start, first_end) = written_range(
                    WrittenDate {
                        year: Some(year),
                        ..from
                    },
                    None,
                )?;
                let end = match to.year {
                    Some(_) => written_range(to, None)?.1,
                    None => (0..=1)
                        .filter_map(|k| {
                            written_range(
                                WrittenDate {
                                    year: Some(year.checked_add(k)?),
                                    ..to
                                },
                                None,
                            )
                        })
                        .map(|r| r.1)
                        .find(|end| *end >= first_end)?,
                };
                Some((start, end))
            };
            match (from.year, published) {
                (Some(year), _) => interval(year),
                (None, Some(p)) => nearest(Context::plain(p), interval),
                (None, None) => None,
            }
        }
        When::Decade(first) => {
            value.grain = Grain::Decade;
            value.year = Some(first);
            Some((
                Date::new(first, 1, 1).ok(),
                Date::new(first.saturating_add(9), 12, 31).ok(),
            ))
            .and_then(|(a, b)| a.zip(b))
        }
        When::Quarter { quarter, year } => {
            value.grain = Grain::Quarter;
            value.year = year;
            let range = |y: i16| {
                let first = Date::new(y, (quarter - 1) * 3 + 1, 1).ok()?;
                let last = Date::new(y, quarter * 3, 1).ok()?.last_of_month();
                Some((first, last))
            };
            match (year, published) {
                (Some(y), _) => range(y),
                (None, Some(p)) => quarter_near(p, range),
                (None, None) => None,
            }
        }
        When::Weekday { day, shift, future } => {
            value.anchor = Anchor::Publication;
            value.weekday = WEEKDAYS.get(day).copied();
            published.and_then(|p| {
                let d = weekday_near(p, day, shift, future)?;
                Some((d, d))
            })
        }
        When::Day(shift) => {
            value.anchor = Anchor::Publication;
            published.and_then(|p| {
                let d = p.checked_add(shift.days()).ok()?;
                Some((d, d))
            })
        }
        When::WeekdayDay { weekday, day } => {
            // Its month comes from the publication date, so it is relative,
            // and no rule checks its weekday against itself.
            value.anchor = Anchor::Publication;
            value.weekday = WEEKDAYS.get(weekday).copied();
            value.day = Some(day);
            published.and_then(|p| {
                let d = weekday_day_near(p, weekday, day)?;
                Some((d, d))
            })
        }
        When::ShiftedMonth { month, shift } => {
            value.anchor = Anchor::Publication;
            value.grain = Grain::Month;
            value.month = Some(month);
            published.and_then(|p| {
                let this = Date::new(p.year(), month, 1).ok()?;
                let first = match shift {
                    0 => this,
                    s if s < 0 && this < p.first_of_month() => this,
                    s if s < 0 => this.checked_sub(1.year()).ok()?,
                    _ if this > p => this,
                    _ => this.checked_add(1.year()).ok()?,
                };
                Some((first, first.last_of_month()))
            })
        }
        When::Period { period, part } => {
            value.anchor = Anchor::Publication;
            value.grain = match period.unit {
                Unit::Week => Grain::Week,
                Unit::Month => Grain::Month,
                Unit::Quarter => Grain::Quarter,
                _ => Grain::Year,
            };
            published.and_then(|p| Some(apply_part(period_range(p, period)?, part, Some(p))))
        }
        When::FromPublication { unit, count, sign } => {
            value.anchor = Anchor::Publication;
            value.grain = match unit {
                Unit::Month => Grain::Month,
                Unit::Quarter => Grain::Quarter,
                Unit::Year => Grain::Year,
                _ => Grain::Day,
            };
            published.and_then(|p| {
                if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
                    // "three hours ago": today or the day before.
                    let days = count * unit.days();
                    if !days.is_finite() || days > 10_000.0 {
                        return None;
                    }
                    let near = (days.floor() as i64) * i64::from(sign);
                    let far = (days.ceil() as i64) * i64::from(sign);
                    let a = p.checked_add(near.min(far).days()).ok()?;
                    let b = p.checked_add(near.max(far).days()).ok()?;
                    return Some((a, b));
                }
                let d = p
                    .checked_add(span_of(unit, count * f64::from(sign))?)
                    .ok()?;
                Some(match value.grain {
                    Grain::Month => (d.first_of_month(), d.last_of_month()),
                    Grain::Year => (d.first_of_year(), d.last_of_year()),
                    _ => (d, d),
                })
            })
        }
        When::FromPrevious { .. } => {
            value.anchor = Anchor::Previous;
            None
        }
    };
    value.relative = value.anchor != Anchor::None;
    let range = range.filter(|(a, b)| a <= b);
    value.start = range.map(|r| r.0);
    value.end = range.map(|r| r.1);
    value
}

/// How many days either way a count of `unit`s may be off and still be
/// what the writer meant: "a year later" to a month, "a month later" to a
/// week, "two weeks later" and "eighteen days later" (counted with both
/// ends, or not) to a day; "a week later" and "three days later" are exact.
fn count_slack(unit: Unit, count: f64, calendar: bool) -> i64 {
    if calendar {
        return 0;
    }
    match unit {
        Unit::Year | Unit::Quarter => 31,
        Unit::Month => 7,
        Unit::Week if count.abs() > 1.0 => 1,
        Unit::Day if count.abs() >= 7.0 => 1,
        _ => 0,
    }
}

/// Puts a year-less day in `year` (a year the text has just given).
pub fn with_year(value: &mut DateValue, year: i16) {
    let (Some(month), Some(day)) = (value.month, value.day) else {
        return;
    };
    let date = Date::new(year, month, day).ok();
    value.start = date;
    value.end = date;
}

/// Resolves a date counted from the previous date ("a week later").
pub fn shift_previous(when: When, previous: &DateValue, value: &mut DateValue) {
    let When::FromPrevious {
        unit,
        count,
        calendar,
    } = when
    else {
        return;
    };
    let (Some(start), Some(end), Some(span)) = (previous.start, previous.end, span_of(unit, count))
    else {
        return;
    };
    let (Ok(start), Ok(end)) = (start.checked_add(span), end.checked_add(span)) else {
        return;
    };
    value.grain = previous.grain;
    let slack = count_slack(unit, count, calendar);
    let (Ok(start), Ok(end)) = (
        start.checked_sub(slack.days()),
        end.checked_add(slack.days()),
    ) else {
        return;
    };
    let range = if calendar {
        value.grain = match unit {
            Unit::Week => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
            _ => previous.grain,
        };
        match unit {
            Unit::Week => week_of(start).zip(week_of(end)).map(|(a, b)| (a.0, b.1)),
            Unit::Month => Some((start.first_of_month(), end.last_of_month())),
            Unit::Year => Some((start.first_of_year(), end.last_of_year())),
            _ => Some((start, end)),
        }
    } else {
        Some((start, end))
    };
    value.start = range.map(|r| r.0);
    value.end = range.map(|r| r.1);
}

fn grain_of(date: WrittenDate) -> Grain {
    match (date.month, date.day) {
        (0, _) => Grain::Year,
        (_, None) => Grain::Month,
        _ => Grain::Day,
    }
}

fn coarser(a: Grain, b: Grain) -> Grain {
    let rank = |g: Grain| match g {
        Grain::Day => 0,
        Grain::Week => 1,
        Grain::Month => 2,
        Grain::Quarter => 3,
        Grain::Year => 4,
        Grain::Decade => 5,
    };
    if rank(a) >= rank(b) { a } else { b }
}

/// What chooses the year of a year-less date.
#[derive(Debug, Clone, Copy)]
struct Context {
    published: Date,
    tense: Option<Tense>,
    weekday: Option<usize>,
}

impl Context {
    fn plain(published: Date) -> Self {
        Context {
            published,
            tense: None,
            weekday: None,
        }
    }
}

/// The days of a written date; year-less, the candidate [`nearest`] the
/// publication date.
fn written_range(date: WrittenDate, context: Option<Context>) -> Option<(Date, Date)> {
    let range = |year: i16| -> Option<(Date, Date)> {
        match grain_of(date) {
            Grain::Year => Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?)),
            Grain::Month => {
                let first = Date::new(year, date.month, 1).ok()?;
                Some((first, first.last_of_month()))
            }
            _ => {
                let day = Date::new(year, date.month, date.day?).ok()?;
                Some((day, day))
            }
        }
    };
    match (date.year, context) {
        (Some(year), _) => range(year),
        (None, Some(context)) => nearest(context, range),
        (None, None) => None,
    }
}

/// How far on the wrong side of the publication date a year-less date may
/// fall for its verb: "will meet on August 20" a week later is a slip, "will
/// take effect on October 1" in March means the coming October; "took place
/// on March 3" in September means the March just gone.
const TENSE_SLIP_DAYS: i32 = 61;

/// How far from the publication date a written weekday picks the year
/// ("on Wednesday, March 3" in September is the March gone, a Wednesday).
const WEEKDAY_YEAR_REACH: i32 = 244;

/// Of the ranges for the years around the publication date, the one
/// nearest it that falls on the weekday written with it and that its verb's
/// tense allows; failing that, on the weekday; then as the tense allows.
fn nearest(context: Context, range: impl Fn(i16) -> Option<(Date, Date)>) -> Option<(Date, Date)> {
    let p = context.published;
    let days = |x: Date, y: Date| x.until(y).map_or(i32::MAX, |s| s.get_days().abs());
    let distance = |(a, b): (Date, Date)| -> i32 {
        if a <= p && p <= b {
            0
        } else {
            days(a, p).min(days(b, p))
        }
    };
    let allowed = |(a, b): &(Date, Date)| match context.tense {
        Some(Tense::Future) => *b >= p || days(*b, p) <= TENSE_SLIP_DAYS,
        Some(Tense::Past) => *a <= p || days(*a, p) <= TENSE_SLIP_DAYS,
        None => true,
    };
    let candidates: Vec<(Date, Date)> = [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .filter_map(range)
        .collect();
    let on_weekday = |(a, b): &(Date, Date)| {
        a == b
            && context.weekday.is_some_and(|w| weekday_index(*a) == w)
            && distance((*a, *b)) <= WEEKDAY_YEAR_REACH
    };
    let best = |keep: &dyn Fn(&(Date, Date)) -> bool| {
        candidates
            .iter()
            .copied()
            .filter(|c| keep(c))
            .min_by_key(|r| distance(*r))
    };
    // A written weekday outweighs the verb ("she said she was leaving on
    // Friday, Dec. 31" in September means the coming December).
    best(&|c| allowed(c) && on_weekday(c))
        .or_else(|| best(&on_weekday))
        .or_else(|| best(&allowed))
        .or_else(|| best(&|_| true))
}

fn apply_part((a, b): (Date, Date), part: Part, published: Option<Date>) -> (Date, Date) {
    let length = a.until(b).map_or(0, |s| s.get_days());
    let at = |days: i32| a.checked_add(days.days()).unwrap_or(a);
    match part {
        Part::Whole => (a, b),
        Part::Early => (a, at(length / 2)),
        Part::Mid => (at(length / 4), at(length - length / 4)),
        Part::Late => (at(length - length / 2), b),
        Part::Before => match published {
            Some(p) if a <= p && p <= b => (a, p),
            _ => (a, b),
        },
        Part::After => match published {
            Some(p) if a <= p && p <= b => (p, b),
            _ => (a, b),
        },
    }
}

/// How long after a quarter ends copy still calls it "the fourth quarter"
/// without a year (results come out in the following weeks).
const QUARTER_REPORTING_DAYS: i32 = 92;

/// A year-less quarter is the publication year's, unless the quarter of the
/// year before ended less than [`QUARTER_REPORTING_DAYS`] ago and this year's
/// has not begun ("fourth-quarter results" in February).
fn quarter_near(p: Date, range: impl Fn(i16) -> Option<(Date, Date)>) -> Option<(Date, Date)> {
    let this = range(p.year())?;
    let Some(before) = range(p.year() - 1) else {
        return Some(this);
    };
    let since_end = before.1.until(p).map_or(i32::MAX, |s| s.get_days());
    if this.0 > p && since_end <= QUARTER_REPORTING_DAYS {
        Some(before)
    } else {
        Some(this)
    }
}

/// Months either side of the publication date searched for "Friday the 13th".
const WEEKDAY_DAY_MONTHS: i32 = 3;

/// The `day` of a month near `p` that falls on `weekday`, nearest first; if
/// none does, the nearest `day` (and the weekday will not match).
fn weekday_day_near(p: Date, weekday: usize, day: i8) -> Option<Date> {
    let first = p.first_of_month();
    let days = |d: Date| p.until(d).map_or(i32::MAX, |s| s.get_days().abs());
    let candidates: Vec<Date> = (-WEEKDAY_DAY_MONTHS..=WEEKDAY_DAY_MONTHS)
        .filter_map(|k| {
            let month = first.checked_add(k.months()).ok()?;
            Date::new(month.year(), month.month(), day).ok()
        })
        .collect();
    let matches = |d: &Date| weekday_index(*d) == weekday;
    candidates
        .iter()
        .filter(|d| matches(d))
        .min_by_key(|d| days(**d))
        .or_else(|| candidates.iter().min_by_key(|d| days(**d)))
        .copied()
}

/// Monday to Sunday around `d`.
fn week_of(d: Date) -> Option<(Date, Date)> {
    let offset = i32::from(d.weekday().to_monday_zero_offset());
    let monday = d.checked_sub(offset.days()).ok()?;
    Some((monday, monday.checked_add(6.days()).ok()?))
}

fn period_range(p: Date, period: Period) -> Option<(Date, Date)> {
    let shift = i64::from(period.shift);
    if period.rolling {
        let back = span_of(period.unit, 1.0)?;
        return Some((p.checked_sub(back).ok()?, p));
    }
    match period.unit {
        Unit::Week => {
            let (monday, _) = week_of(p.checked_add((7 * shift).days()).ok()?)?;
            // A Sunday paper's "this week" may be the week ending today or
            // the one starting today: cover both.
            let sunday_paper = p.weekday() == jiff::civil::Weekday::Sunday && !period.weekend;
            if sunday_paper {
                let start = monday;
                let end = monday.checked_add(12.days()).ok()?;
                return Some((start, end));
            }
            if period.weekend {
                Some((
                    monday.checked_add(5.days()).ok()?,
                    monday.checked_add(6.days()).ok()?,
                ))
            } else {
                Some((monday, monday.checked_add(6.days()).ok()?))
            }
        }
        Unit::Month => {
            let d = p.first_of_month().checked_add(shift.months()).ok()?;
            Some((d, d.last_of_month()))
        }
        Unit::Quarter => {
            let first_month = (p.month() - 1) / 3 * 3 + 1;
            let d = Date::new(p.year(), first_month, 1)
                .ok()?
                .checked_add((3 * shift).months())
                .ok()?;
            let last = d.checked_add(2.months()).ok()?.last_of_month();
            Some((d, last))
        }
        _ => {
            let d = p.first_of_year().checked_add(shift.years()).ok()?;
            Some((d, d.last_of_year()))
        }
    }
}

/// The weekday `day` near `p`: bare, the latest on or before `p` (or the
/// first after it when `future`); "last", strictly before; "next",
/// strictly after; "this", in `p`'s week.
fn weekday_near(p: Date, day: usize, shift: Option<i32>, future: bool) -> Option<Date> {
    let today = i64::from(p.weekday().to_monday_zero_offset());
    let day = i64::try_from(day).ok()?;
    let back = (today - day).rem_euclid(7); // days since the latest `day` ≤ p
    let ahead = (day - today - 1).rem_euclid(7) + 1; // days to the first `day` > p
    let offset = match (shift, future) {
        (Some(0), _) => day - today,
        (Some(s), _) if s < 0 => -((today - day - 1).rem_euclid(7) + 1),
        (Some(_), _) => ahead,
        (None, true) => ahead,
        (None, false) => -back,
    };
    p.checked_add(offset.days()).ok()
}

/// `count` units as a calendar span; `None` for fractions of months or years.
fn span_of(unit: Unit, count: f64) -> Option<JSpan> {
    if !count.is_finite() || count.abs() > 10_000.0 {
        return None;
    }
    let whole = count.fract() == 0.0;
    let n = count as i64;
    match unit {
        // "48 hours later" is two days; "three hours later" is the same day
        // or the next, which a day cannot say.
        Unit::Hour if (count / 24.0).fract() == 0.0 => Some(((count / 24.0) as i64).days()),
        Unit::Second | Unit::Minute | Unit::Hour => None,
        Unit::Day if whole => Some(n.days()),
        Unit::Week if whole => Some(n.weeks()),
        Unit::Week if (count * 2.0).fract() == 0.0 => Some(((count * 7.0) as i64).days()),
        Unit::Month if whole => Some(n.months()),
        Unit::Quarter if whole => Some((3 * n).months()),
        Unit::Year if whole => Some(n.years()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(when: When) -> (String, String) {
        let v = resolve(when, Some(Date::constant(2021, 8, 25)));
        (
            v.start.map_or("-".into(), |d| d.to_string()),
            v.end.map_or("-".into(), |d| d.to_string()),
        )
    }

    fn r(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn weekdays_resolve_against_publication() {
        // 2021-08-25 is a Wednesday.
        let wd = |day, shift, future| When::Weekday { day, shift, future };
        assert_eq!(resolved(wd(2, None, false)), r("2021-08-25", "2021-08-25"));
        assert_eq!(resolved(wd(1, None, false)), r("2021-08-24", "2021-08-24"));
        assert_eq!(resolved(wd(4, None, true)), r("2021-08-27", "2021-08-27"));
        assert_eq!(resolved(wd(2, None, true)), r("2021-09-01", "2021-09-01"));
        assert_eq!(
            resolved(wd(2, Some(-1), false)),
            r("2021-08-18", "2021-08-18")
        );
        assert_eq!(
            resolved(wd(1, Some(-1), false)),
            r("2021-08-24", "2021-08-24")
        );
        assert_eq!(
            resolved(wd(0, Some(1), false)),
            r("2021-08-30", "2021-08-30")
        );
    }

    #[test]
    fn periods_resolve_against_publication() {
        let period = |unit, shift| When::Period {
            period: Period {
                unit,
                shift,
                rolling: false,
                weekend: false,
            },
            part: Part::Whole,
        };
        assert_eq!(
            resolved(period(Unit::Week, 1)),
            r("2021-08-30", "2021-09-05")
        );
        assert_eq!(
            resolved(period(Unit::Month, 0)),
            r("2021-08-01", "2021-08-31")
        );
        assert_eq!(
            resolved(period(Unit::Year, -1)),
            r("2020-01-01", "2020-12-31")
        );
        assert_eq!(
            resolved(period(Unit::Quarter, 0)),
            r("2021-07-01", "2021-09-30")
        );
    }

    #[test]
    fn intervals_roll_over_the_year() {
        let d = |m, day| WrittenDate {
            year: None,
            month: m,
            day: Some(day),
        };
        let v = resolve(
            When::Interval {
                from: d(12, 28),
                to: d(1, 3),
            },
            Some(Date::constant(2021, 12, 1)),
        );
        assert_eq!(v.start, Some(Date::constant(2021, 12, 28)));
        assert_eq!(v.end, Some(Date::constant(2022, 1, 3)));
    }

    #[test]
    fn unresolved_without_publication_date() {
        let v = resolve(When::Day(-1), None);
        assert!(v.relative && v.start.is_none());
    }
}
