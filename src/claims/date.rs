//! Anchored nom recognisers for absolute dates: "August 31", "Aug. 31",
//! "August 31st, 2021", "31 August 2021", "31st of August", "August 2021".

use super::tag::tag_no_case;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n, take_while1},
    character::complete::char,
    combinator::opt,
    sequence::preceded,
};

use super::numeral::boundary;

/// A date as written, before it is resolved against a publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    /// Year, if written.
    pub year: Option<i16>,
    /// Month 1–12.
    pub month: i8,
    /// Day of month, if written.
    pub day: Option<i8>,
}

/// Month names, longer forms first ("September" before "Sept" before "Sep").
const MONTHS: [(&str, i8); 24] = [
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Sept", 9),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// A month name, capitalised, full or abbreviated (with an optional stop);
/// in lower case only a full name that is no common word ("april", not
/// "march" or "may"), and no abbreviation.
pub fn month(i: &str) -> IResult<&str, i8> {
    month_named(i, !i.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A month name in any case, for where a day before it makes it a date
/// ("15 june", "4th of march").
fn month_any_case(i: &str) -> IResult<&str, i8> {
    month_named(i, false)
}

fn month_named(i: &str, lower: bool) -> IResult<&str, i8> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    // Only the names with the first letter here are tried, in list order.
    let first = i.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    let listed = MONTHS
        .iter()
        .filter(|(name, _)| name.as_bytes().first().map(u8::to_ascii_lowercase) == Some(first));
    for (name, number) in listed {
        let abbreviation = name.len() <= 4 && !matches!(*name, "June" | "July");
        if lower && (abbreviation || *name == "March") {
            continue;
        }
        if let Ok((rest, _)) = tag_no_case::<nom::error::Error<&str>>(name).parse(i) {
            if boundary(rest).is_err() {
                continue;
            }
            let abbreviated = name.len() <= 4 && !matches!(*name, "June" | "July");
            let rest = if abbreviated {
                opt(char('.')).parse(rest)?.0
            } else {
                rest
            };
            return Ok((rest, *number));
        }
    }
    Err(fail())
}

fn day(i: &str) -> IResult<&str, i8> {
    let (rest, digits) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)?;
    let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
    let (rest, ()) = boundary(rest)?;
    // "In June 31% of respondents": a percentage, not a day.
    if rest.starts_with('%')
        || [" per cent", " percent", " pct"]
            .iter()
            .any(|p| rest.starts_with(p))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let value: i8 = digits.parse().unwrap_or(0);
    if (1..=31).contains(&value) {
        Ok((rest, value))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

fn year(i: &str) -> IResult<&str, i16> {
    let (rest, digits) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, digits.parse().unwrap_or(0)))
}

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while1(|c| c == ' ' || c == '\u{a0}').parse(i)
}

/// ", 2021" or " 2021" after a day.
fn trailing_year(i: &str) -> IResult<&str, i16> {
    preceded((opt(char(',')), spaces), year).parse(i)
}

/// "August 31", "Aug. 31st, 2021", "August 2021".
pub fn month_first(i: &str) -> IResult<&str, WrittenDate> {
    let (rest, month) = month(i)?;
    let (rest, _) = spaces(rest)?;
    if let Ok((rest, day)) = day(rest) {
        let (rest, year) = opt(trailing_year).parse(rest)?;
        return Ok((
            rest,
            WrittenDate {
                year,
                month,
                day: Some(day),
            },
        ));
    }
    let (rest, year) = year(rest)?;
    Ok((
        rest,
        WrittenDate {
            year: Some(year),
            month,
            day: None,
        },
    ))
}

/// "31 August", "31st of August 2021".
pub fn day_first(i: &str) -> IResult<&str, WrittenDate> {
    let (rest, day) = day(i)?;
    let (rest, _) = spaces(rest)?;
    let (rest, _) = opt((tag("of"), spaces)).parse(rest)?;
    let (rest, month) = month_any_case(rest)?;
    let (rest, year) = opt(preceded(spaces, year)).parse(rest)?;
    Ok((
        rest,
        WrittenDate {
            year,
            month,
            day: Some(day),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_styles() {
        let d = |y, m, dd| WrittenDate {
            year: y,
            month: m,
            day: dd,
        };
        assert_eq!(month_first("August 31,"), Ok((",", d(None, 8, Some(31)))));
        assert_eq!(month_first("Aug. 31"), Ok(("", d(None, 8, Some(31)))));
        assert_eq!(
            month_first("Sept. 3rd, 2021 x"),
            Ok((" x", d(Some(2021), 9, Some(3))))
        );
        assert_eq!(month_first("August 2021"), Ok(("", d(Some(2021), 8, None))));
        assert_eq!(
            day_first("31 August 2021."),
            Ok((".", d(Some(2021), 8, Some(31))))
        );
        assert!(month_first("Mayor 3").is_err());
        assert!(month_first("March on").is_err());
        assert!(month_first("may 3").is_err());
        assert!(month_first("march 3").is_err());
        assert_eq!(month_first("april 22"), Ok(("", d(None, 4, Some(22)))));
    }
}
