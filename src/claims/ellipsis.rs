//! Units given once: wire copy states a measure's unit for the first figure
//! of a pair or a list only ("fell to 1.1 mln tonnes from 1.2 mln",
//! "32,000 tonnes, including 24,000 for Egypt"); the bare figures take it.

use super::lexicon::Lowered;
use super::range::{CHANGE_WORDS, before_word, mantissa, scaled_figure};
use super::value::{Amount, Value};
use super::{Claim, ClaimKind};

/// Wire copy gives the unit once for a pair: "fell to 1.1 mln tonnes from
/// 1.2 mln", "rose to 292,000 from 201,400 tonnes", "to 5 from 4 pct". A
/// bare figure joined to a measured one by "from" or "to" takes its kind,
/// unit, currency and scale.
pub(super) fn share_unit(text: &str, a: &mut Claim, b: &mut Claim) {
    let Some(between) = text.get(a.span.end..b.lead) else {
        return;
    };
    let bare = |c: &Claim| c.kind == ClaimKind::Number && c.noun.is_none();
    let measured = |c: &Claim| {
        matches!(
            c.kind,
            ClaimKind::Percent | ClaimKind::Money | ClaimKind::Quantity
        )
    };
    // Most pairs are no bare figure beside a measured one: settled before
    // the words between them are read.
    let pair = (bare(a) && measured(b)) || (bare(b) && measured(a));
    if !pair || a.range.is_some() || b.range.is_some() {
        return;
    }
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
    if !joined {
        return;
    }
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
                .contains(&&*Lowered::of(w))
        })
        .count();
    let last = between.split_whitespace().next_back().unwrap_or("");
    words <= 3
        && !last.eq_ignore_ascii_case("to")
        && !last.eq_ignore_ascii_case("from")
        && !between.contains(['.', ';', ':', '(', ')'])
        // "£12 each, and 300 were sold": a price per item, not a list.
        && !between.split(|c: char| !c.is_alphanumeric()).any(|w| {
            ["each", "apiece", "per", "every"].contains(&&*Lowered::of(w))
        })
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
