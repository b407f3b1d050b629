//! One file through the whole pipeline: document → claims → rules → findings.

use jiff::civil::Date;

use crate::claims::extract_claims;
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
    /// How many claims were found.
    pub claims: usize,
    /// The findings, in text order.
    pub findings: Vec<Finding>,
    /// Line starts of `text`, for positions.
    pub lines: LineIndex,
}

/// Runs `rules` over a document.
pub fn check_document(document: Document, rules: &RuleSet, options: &CheckOptions) -> FileReport {
    let date = options.date;
    let claims = extract_claims(&document, date);
    let findings = rules.check(&document, &claims, date);
    let lines = LineIndex::new(&document.text);
    FileReport {
        path: document.path,
        text: document.text,
        date,
        claims: claims.len(),
        findings,
        lines,
    }
}
