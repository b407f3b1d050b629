//! factcheck: finds the places where a news article contradicts itself,
//! simple arithmetic or the calendar.
//!
//! The crate follows the pipeline: [`document`] (text, paragraphs, sentences,
//! spans) → [`claims`] (numbers, counts, percentages, money, dates as claim
//! records) → [`rules`] (YAML rules: load, pattern, expr, eval) → [`report`]
//! (human, concise and JSON renderings). [`check`] ties the stages together.

pub mod baseline;
pub mod check;
pub mod claims;
pub mod config;
pub mod document;
pub mod report;
pub mod rules;

pub use check::{CheckOptions, FileReport, check_document};
pub use claims::{Claim, ClaimKind, extract_claims};
pub use document::{Document, Span};
pub use rules::{RuleSet, Severity};
