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

/// Wire copy gives the unit once for a pair: "fell to 1.1 mln tonnes from
/// 1.2 mln", "rose to 292,000 from 201,400 tonnes", "to 5 from 4 pct". A
/// bare figure joined to a measured one by "from" or "to" takes its kind,
/// unit, currency and scale.
pub(super) fn share_unit(text: &str, a: &mut Claim, b: &mut Claim) {
    let Some(between) = text.get(a.span.end..b.lead) else {
        return;
    };
    let bare = |c: &Claim| c.kind == ClaimKind::Number && c.noun.is_none();
    let opener = before_word(text, a.lead);
    // The two ends of "to A from B", "from A to B" or a range "A to B" —
    // not "rose 25% to 1,100", where 25% is the change.
    let link = between.trim_matches(|c: char| c == ' ' || c == '\n');
    // "to 266 mln marks in 1986 from 311 mln": a few words may come first.
    let short = |w: &str| {
        link.strip_suffix(w).is_some_and(|head| {
            !head.is_empty() && head.split_whitespace().count() <= 4 && !head.contains([',', ';'])
        })
    };
    let link = if short(" from") { "from" } else { link };
    let joined = match link {
        "from" => opener.eq_ignore_ascii_case("to"),
        "to" => {
            opener.eq_ignore_ascii_case("from")
                || (bare(a) && !CHANGE_WORDS.iter().any(|w| opener.eq_ignore_ascii_case(w)))
        }
        // A list after a measure gives the unit once: "loading 32,000
        // tonnes, including 24,000 for Egypt, 9,000 for Tanzania".
        _ => !matches!(a.kind, ClaimKind::Percent) && bare(b) && list_link(between),
    };
    let listed = !matches!(link, "from" | "to");
    if !joined || a.range.is_some() || b.range.is_some() {
        return;
    }
    let measured = |c: &Claim| {
        matches!(
            c.kind,
            ClaimKind::Percent | ClaimKind::Money | ClaimKind::Quantity
        )
    };
    let (from, to) = if bare(a) && measured(b) {
        (&*b, &mut *a)
    } else if bare(b) && measured(a) {
        (&*a, &mut *b)
    } else {
        return;
    };
    let (Value::Amount(amount), Value::Amount(measure)) = (to.value, from.value) else {
        return;
    };
    // The measured figure's unit factor ("tonnes": 1,000 kg) and scale
    // ("mln"); a bare figure with a scale of its own takes the unit only.
    let (Some(scaled), Some(plain)) = (scaled_figure(&from.text), mantissa(&from.text)) else {
        return;
    };
    if scaled == 0.0 || plain == 0.0 {
        return;
    }
    let unit = measure.nominal / scaled;
    let own_scale = scaled_figure(&to.text) != mantissa(&to.text);
    // A list gives its unit once, not its scale ("2.70 billion dlrs in
    // loans, and 15 for …" is no 15 billion).
    let factor = if own_scale || listed || from.kind == ClaimKind::Percent {
        unit
    } else {
        unit * scaled / plain
    };
    let converted = if from.kind == ClaimKind::Percent && amount.is_exact() {
        // "to 5 from 4 pct": 5 is a rounded percentage too.
        Amount::rounded(amount.nominal * factor, factor)
    } else {
        amount.scaled(factor)
    };
    to.kind = from.kind;
    to.unit = from.unit;
    to.currency = from.currency;
    to.points = from.points;
    to.value = Value::Amount(converted);
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
const CHANGE_WORDS: &[&str] = &[
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

/// Whether the words between two figures continue one list of one measure:
/// at most three words besides a comma, "and", "including" or "against".
fn list_link(between: &str) -> bool {
    let words = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && ![
                    "and",
                    "including",
                    "against",
                    "versus",
                    "compared",
                    "with",
                    "vs",
                ]
                .contains(&w.to_lowercase().as_str())
        })
        .count();
    let last = between.split_whitespace().next_back().unwrap_or("");
    words <= 3
        && !last.eq_ignore_ascii_case("to")
        && !last.eq_ignore_ascii_case("from")
        && !between.contains(['.', ';', ':', '(', ')'])
        && [
            ",",
            " and ",
            "including",
            "against",
            "versus",
            "compared with",
            " vs ",
        ]
        .iter()
        .any(|w| between.contains(w))
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

/// The figure at the start of a claim's text with its scale ("1.1 mln
/// tonnes" is 1,100,000).
fn scaled_figure(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_alphanumeric())?;
    let rest = &text[start..];
    super::numeral::digits(rest)
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
