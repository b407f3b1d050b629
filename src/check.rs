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
    /// The date for articles that give none (the config's `date:`).
    pub fallback_date: Option<Date>,
}

impl CheckOptions {
    /// Options with a publication date and no fallback.
    pub fn dated(date: Option<Date>) -> Self {
        CheckOptions {
            date,
            fallback_date: None,
        }
    }
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
    /// Findings silenced by inline directives.
    pub suppressed: usize,
    /// Divisions by zero while evaluating rules (no value, so no finding).
    pub divisions_by_zero: usize,
    /// Notes for the person running the check (a directive naming no rule
    /// in force), as `line: note`.
    pub notes: Vec<String>,
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

/// The publication date with a fallback for articles that give none.
pub fn publication_with(
    options: &CheckOptions,
    document: &Document,
) -> (Option<Date>, Option<DateSource>) {
    // An HTML `<meta>` date ("2021-08-25T10:00:00Z") comes after --date.
    let meta = document
        .meta_date
        .as_deref()
        .and_then(|m| m.get(..10))
        .and_then(|d| d.parse::<Date>().ok());
    if options.date.is_none()
        && let Some(d) = meta
    {
        return (Some(d), Some(DateSource::Meta));
    }
    // A dateline in HTML sits under the head: look in the prose too.
    let found = match publication(options.date, document.original()) {
        (None, _) if document.source.is_some() => {
            // Its first blocks, a line each, as a plain-text draft has them.
            let head: Vec<&str> = document
                .paragraphs
                .iter()
                .take(6)
                .map(|p| p.slice(&document.text))
                .collect();
            publication(None, &head.join("\n"))
        }
        found => found,
    };
    match (found, options.fallback_date) {
        ((None, _), Some(d)) => (Some(d), Some(DateSource::Config)),
        (found, _) => found,
    }
}

/// A note for each directive id that names no rule in force: a typo would
/// otherwise silence nothing, silently.
fn unknown_ids(document: &Document, rules: &RuleSet, lines: &LineIndex) -> Vec<String> {
    if document.suppressions.is_empty() {
        return Vec::new();
    }
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    let mut notes = Vec::new();
    for s in &document.suppressions {
        for id in s.rules.iter().filter(|id| !ids.contains(&id.as_str())) {
            let line = lines
                .position(document.original(), document.in_source(s.span).start)
                .line;
            let hint = crate::rules::pattern::closest(id, &ids)
                .map(|b| format!("; did you mean `{b}`?"))
                .unwrap_or_default();
            notes.push(format!(
                "{line}: factcheck-disable-next-line names `{id}`, which is no rule in force{hint}"
            ));
        }
    }
    notes
}

/// A finding's key for baselines: a hash of its sentence with white space
/// collapsed, so that it survives edits elsewhere in the article.
fn fingerprint(document: &Document, finding: &Finding) -> String {
    let at = finding.primary().start;
    let sentence = document
        .sentence_at(at)
        .map_or("", |s| s.span.slice(&document.text));
    // FNV-1a, 64 bits: stable across versions and platforms.
    let normal: Vec<&str> = sentence.split_whitespace().collect();
    let hash = normal
        .join(" ")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// Moves claims' spans from the document's prose onto the file as read
/// (they differ where HTML entities were decoded), for reports.
pub fn claims_in_source(document: &Document, claims: &mut [crate::claims::Claim]) {
    for c in claims {
        c.span = document.in_source(c.span);
        c.lead = document
            .in_source(crate::document::Span::new(c.lead, c.lead))
            .start;
        if let Some(noun) = &mut c.noun {
            noun.span = document.in_source(noun.span);
        }
    }
}

/// Runs `rules` over a document.
pub fn check_document(document: Document, rules: &RuleSet, options: &CheckOptions) -> FileReport {
    let (date, date_source) = publication_with(options, &document);
    let claims = extract_claims(&document, date);
    let checked = rules.check_counted(&document, &claims, date);
    let (mut findings, suppressed) = (checked.findings, checked.suppressed);
    let lines = LineIndex::new(document.original());
    let notes = unknown_ids(&document, rules, &lines);
    for f in &mut findings {
        f.fingerprint = fingerprint(&document, f);
        // Reports quote and number the file as read.
        for (_, span) in &mut f.spans {
            *span = document.in_source(*span);
        }
    }
    let skipped = if date.is_none() {
        rules.needing_date()
    } else {
        0
    };
    let text = match document.source {
        Some(source) => source,
        None => document.text,
    };
    FileReport {
        path: document.path,
        text,
        date,
        date_source,
        skipped,
        claims: claims.len(),
        findings,
        suppressed,
        divisions_by_zero: checked.divisions_by_zero,
        notes,
        lines,
    }
}
