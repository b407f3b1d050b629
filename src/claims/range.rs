//! Ranges: two figures joined by a dash ("10-15%", "$5-10m") or written
//! "between A and B", merged into one claim whose value spans both ends
//! and whose `range` keeps them in the order written.
//!
//! "From A to B" is left as two claims: in news copy it is far more often a
//! change ("rose from 38% to 52%") than a range.

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
        )
    };
    if !numeric(a.kind) || !numeric(b.kind) || a.noun.is_some() {
        return None;
    }
    let between = text.get(a.span.end..b.lead)?;
    let dash = matches!(between, "-" | "–");
    let and = between == " and " && before_word(text, a.lead).eq_ignore_ascii_case("between");
    if !dash && !and {
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
fn mantissa(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_alphanumeric())?;
    let rest = &text[start..];
    digits_unscaled(rest)
        .or_else(|_| words(rest))
        .ok()
        .map(|(_, n)| n.amount.nominal)
}

/// The word just before byte `at`.
fn before_word(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("").trim_end();
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| {
        p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    head.get(start..).unwrap_or("")
}
