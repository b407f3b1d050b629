//! Finding an article's publication date in its text: a front-matter
//! `date:` line, or a dateline on one of the first lines ("Published 25
//! August 2021", "Aug. 25, 2021", "Wednesday 25 August 2021"). Never the
//! file's modification time.

use jiff::civil::Date;
use serde::Serialize;

use super::value::Grain;
use super::{ClaimKind, extract_claims};
use crate::document::Document;

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `--date` or the caller.
    Option,
    /// A `date:` line in front matter.
    FrontMatter,
    /// A dateline on the first lines.
    Dateline,
    /// An HTML `<meta property="article:published_time">`.
    Meta,
    /// The config's `date:`, for articles that give none.
    Config,
}

/// How many of the first non-blank lines may hold a dateline.
const DATELINE_LINES: usize = 6;

/// Longest line read as a dateline.
const DATELINE_WIDTH: usize = 100;

/// The publication date the text gives, and where it gives it.
pub fn publication_date(text: &str) -> Option<(Date, DateSource)> {
    if let Some(date) = front_matter_date(text) {
        return Some((date, DateSource::FrontMatter));
    }
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(DATELINE_LINES)
        .find_map(dateline)
        .map(|d| (d, DateSource::Dateline))
}

/// `date: 2021-08-25` (or a timestamp, or "25 August 2021") between `---` lines.
fn front_matter_date(text: &str) -> Option<Date> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines.take(200) {
        if line.trim_end() == "---" {
            return None;
        }
        if let Some(value) = line.strip_prefix("date:") {
            let value = value.trim().trim_matches(['"', '\'']);
            if let Some(date) = value.get(..10).and_then(|v| v.parse().ok()) {
                return Some(date);
            }
            return dateline(value);
        }
    }
    None
}

/// A line that is a full date and little else: "Published 25 August 2021",
/// "Updated: Aug. 25, 2021 10:30 BST".
fn dateline(line: &str) -> Option<Date> {
    let line = line.trim();
    // Every date's year is read from four digits in a row: a line without
    // them holds no full date, and is not read for claims.
    if line.len() > DATELINE_WIDTH || !four_digits(line) {
        return None;
    }
    let document = Document::new(String::new(), line.to_string());
    let claims = extract_claims(&document, None);
    let claim = claims.iter().find(|c| {
        c.kind == ClaimKind::Date
            && c.date()
                .is_some_and(|d| d.grain == Grain::Day && d.year.is_some() && !d.interval)
    })?;
    let rest = format!(
        "{} {}",
        line.get(..claim.span.start)?,
        line.get(claim.span.end..)?
    );
    let only_dateline_words = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            [
                "published",
                "updated",
                "posted",
                "first",
                "last",
                "modified",
                "on",
                "at",
                "date",
                "gmt",
                "bst",
                "utc",
                "est",
                "edt",
                "cet",
                "am",
                "pm",
                "a",
                "m",
                "p",
            ]
            .iter()
            .any(|allowed| w.eq_ignore_ascii_case(allowed))
        });
    if !only_dateline_words {
        return None;
    }
    claim.date()?.start
}

/// Whether `line` holds four ASCII digits in a row.
fn four_digits(line: &str) -> bool {
    let mut run = 0;
    line.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(String, DateSource)> {
        publication_date(text).map(|(d, s)| (d.to_string(), s))
    }

    #[test]
    fn datelines_and_front_matter() {
        let day = |s: DateSource| Some(("2021-08-25".to_string(), s));
        assert_eq!(
            date("---\ntitle: X\ndate: 2021-08-25T10:00:00Z\n---\nBody"),
            day(DateSource::FrontMatter)
        );
        assert_eq!(
            date("Headline\n\nPublished 25 August 2021\n\nBody text."),
            day(DateSource::Dateline)
        );
        assert_eq!(date("Aug. 25, 2021\nBody"), day(DateSource::Dateline));
        assert_eq!(
            date("Wednesday 25 August 2021\nBody"),
            day(DateSource::Dateline)
        );
        assert_eq!(
            date("Updated: Aug. 25, 2021 10:30 BST"),
            day(DateSource::Dateline)
        );
        assert_eq!(date("Troops left on 25 August 2021.\n"), None);
        assert_eq!(date("Aug. 25, 21\nBody"), None);
        assert!(four_digits("x 2021") && four_digits("12345") && !four_digits("1 23 456 7.890"));
        assert_eq!(
            date("The 2021 budget, explained\n2021-08-25\nBody"),
            day(DateSource::Dateline)
        );
        assert_eq!(
            date("JUNE 3, 2021\nBody").map(|(d, _)| d),
            Some("2021-06-03".into())
        );
        assert_eq!(date("SALVADOR, Feb 26 - Showers continued"), None);
    }
}
