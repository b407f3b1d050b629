//! Ranges: two figures joined by a dash ("10-15%", "$5-10m") or written
//! "between A and B", merged into one claim whose value spans both ends
//! and whose `range` keeps them in the order written.
//!
//! "A to B" is a range when its first end is a bare figure ("6 to 4
//! inches"); "from A to B" is left as two claims, since in news copy it is
//! far more often a change ("rose from 38% to 52%") than a range.

use super::numeral::{digits_unscaled, words};
use super::value::{Amount, Value};
use super::{Claim, ClaimKind, Range};
use crate::document::Span;

/// The range `a` and `b` make, if they make one; `b` directly follows `a`.
pub(super) fn merge(text: &str, a: &Claim, b: &Claim) -> Option<Claim> {
    if a.range.is_some() || b.range.is_some() || b.hedge.is_some() {
        return None;
    }
    let numeric = |k: ClaimKind| {
        matches!(
            k,
            ClaimKind::Number
                | ClaimKind::Count
                | ClaimKind::Percent
                | ClaimKind::Money
                | ClaimKind::Quantity
                | ClaimKind::Duration
        )
    };
    if !numeric(a.kind) || !numeric(b.kind) || a.noun.is_some() {
        return None;
    }
    let between = text.get(a.span.end..b.lead)?;
    let dash = matches!(between, "-" | "–");
    let and = between == " and " && before_word(text, a.lead).eq_ignore_ascii_case("between");
    // "6 to 4 inches", "highs of 24C to 20C": a range, unless a change
    // opens it ("from 5 to 10 pct", "rose 1.50 dlrs to 18.00 dlrs").
    let bare_digits = a
        .text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    let to = between == " to "
        && bare_digits
        && !from_before(text, a.lead)
        && matches!(
            b.kind,
            ClaimKind::Percent | ClaimKind::Money | ClaimKind::Quantity | ClaimKind::Duration
        )
        && (a.kind == b.kind || a.kind == ClaimKind::Number)
        && a.hedge.is_none()
        && !CHANGE_WORDS
            .iter()
            .any(|w| before_word(text, a.lead).eq_ignore_ascii_case(w));
    if !dash && !and && !to {
        return None;
    }
    let (Value::Amount(first), Value::Amount(second)) = (a.value, b.value) else {
        return None;
    };
    // "$5-10m": the currency before the first end, the scale after the second.
    if a.kind == ClaimKind::Money && b.kind == ClaimKind::Number && dash {
        let mut money = b.clone();
        money.kind = ClaimKind::Money;
        money.currency = a.currency;
        let first = adopt(first_written(a)?, b)?;
        return Some(joined(text, a, &money, first, second));
    }
    // A bare first end takes the second's unit and scale ("10-15%",
    // "$5-10m", "between 5 and 10 million"); two full ends keep theirs.
    let bare = mantissa(&a.text) == Some(first.nominal);
    let first = if a.kind == ClaimKind::Number && b.kind != ClaimKind::Count && bare {
        adopt(first, b)?
    } else if (a.kind == b.kind && a.currency == b.currency && a.unit == b.unit)
        || (a.kind == ClaimKind::Number && b.kind == ClaimKind::Count)
    {
        first
    } else {
        return None;
    };
    Some(joined(text, a, b, first, second))
}

/// Whether "from" is among the four words before byte `at` ("fall from a
/// peak of 120 to 4.6bn" is a change).
fn from_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    head.split_whitespace()
        .rev()
        .take(4)
        .any(|w| w.eq_ignore_ascii_case("from"))
}

/// Words before "A to B" that make it a change, not a range.
pub(super) const CHANGE_WORDS: &[&str] = &[
    "from",
    "by",
    "rose",
    "risen",
    "fell",
    "fallen",
    "up",
    "down",
    "gained",
    "lost",
    "dropped",
    "climbed",
    "increased",
    "decreased",
    "declined",
    "jumped",
    "cut",
    "raised",
    "lowered",
    "slid",
    "eased",
    "added",
    "shed",
    "rising",
    "falling",
    "grew",
    "slipped",
    "was",
    "were",
    "is",
    "are",
    "and",
    "or",
    "at",
    "favoured",
    "favorite",
    "favourite",
    "switched",
    "moved",
    "stepped",
];

/// The first end as written, without scale ("$5" of "$5-10m" is 5).
fn first_written(a: &Claim) -> Option<Amount> {
    mantissa(&a.text).map(Amount::exact)
}

fn joined(text: &str, a: &Claim, b: &Claim, first: Amount, second: Amount) -> Claim {
    let mut merged = b.clone();
    merged.text = text
        .get(a.span.start..b.span.end)
        .unwrap_or(&b.text)
        .to_string();
    merged.span = Span::new(a.span.start, b.span.end);
    merged.lead = a.lead;
    merged.hedge = a.hedge.clone();
    merged.approx = a.approx;
    merged.value = Value::Amount(Amount {
        lo: first.lo.min(second.lo),
        hi: first.hi.max(second.hi),
        nominal: first.nominal,
    });
    merged.range = Some(Range {
        from: first,
        to: second,
    });
    merged
}

/// `first`, written bare, in the unit and scale of `b`'s figure.
fn adopt(first: Amount, b: &Claim) -> Option<Amount> {
    let Value::Amount(second) = b.value else {
        return None;
    };
    let written = mantissa(&b.text)?;
    if written == 0.0 {
        return None;
    }
    let factor = second.nominal / written;
    if b.kind == ClaimKind::Percent && first.is_exact() {
        return Some(Amount::rounded(first.nominal, 1.0));
    }
    Some(first.scaled(factor))
}

/// The figure at the start of a claim's text, without sign or scale.
pub(super) fn mantissa(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_alphanumeric())?;
    let rest = &text[start..];
    digits_unscaled(rest)
        .or_else(|_| words(rest))
        .ok()
        .map(|(_, n)| n.amount.nominal)
}

/// The figure at the start of a claim's text with its scale ("1.1 mln
/// tonnes" is 1,100,000).
pub(super) fn scaled_figure(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_alphanumeric())?;
    let rest = &text[start..];
    super::numeral::digits(rest)
        .or_else(|_| words(rest))
        .ok()
        .map(|(_, n)| n.amount.nominal)
}

/// The word just before byte `at`.
pub(super) fn before_word(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("").trim_end();
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
        p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    head.get(start..).unwrap_or("")
}
