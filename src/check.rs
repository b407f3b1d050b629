//! One file through the whole pipeline: document → claims → rules → findings.

use jiff::civil::Date;

use crate::claims::extract_claims;
use crate::claims::published::{DateSource, publication_date};
use crate::document::{Document, LineIndex};
use crate::rules::{Finding, RuleSet};

/// Options for checking a document.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The publication date (`--date`).
    pub date: Option<Date>,
}

/// What checking one file found.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The name shown in reports.
    pub path: String,
    /// The text checked (spans point into it).
    pub text: String,
    /// The publication date used.
    pub date: Option<Date>,
    /// Where the publication date came from.
    pub date_source: Option<DateSource>,
    /// Rules skipped for want of a publication date.
    pub skipped: usize,
    /// How many claims were found.
    pub claims: usize,
    /// The findings, in text order.
    pub findings: Vec<Finding>,
    /// Line starts of `text`, for positions.
    pub lines: LineIndex,
}

/// The publication date: the given one, else the one the text gives.
pub fn publication(given: Option<Date>, text: &str) -> (Option<Date>, Option<DateSource>) {
    match given {
        Some(d) => (Some(d), Some(DateSource::Option)),
        None => publication_date(text).map_or((None, None), |(d, s)| (Some(d), Some(s))),
    }
}

/// Runs `rules` over a document.
pub fn check_document(document: Document, rules: &RuleSet, options: &CheckOptions) -> FileReport {
    let (date, date_source) = publication(options.date, &document.text);
    let claims = extract_claims(&document, date);
    let findings = rules.check(&document, &claims, date);
    let lines = LineIndex::new(&document.text);
    let skipped = if date.is_none() {
        rules.needing_date()
    } else {
        0
    };
    FileReport {
        path: document.path,
        text: document.text,
        date,
        date_source,
        skipped,
        claims: claims.len(),
        findings,
        lines,
    }
}
