//! Hedges before a figure ("an estimated", "more than", "up to") and how
//! they turn a value into a bound.

use serde::Serialize;

/// What a hedge does to the figure after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgeKind {
    /// "about", "an estimated", "nearly": the figure is approximate.
    Approx,
    /// "more than", "at least", "over": the figure is a lower bound.
    AtLeast,
    /// "fewer than", "up to", "under": the figure is an upper bound.
    AtMost,
}

/// A hedge as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hedge {
    /// What it does.
    pub kind: HedgeKind,
    /// The words as written.
    pub text: String,
}

/// Longer phrases first, so that "more than" wins over a shorter match.
const HEDGES: &[(&str, HedgeKind)] = &[
    ("an estimated", HedgeKind::Approx),
    ("approximately", HedgeKind::Approx),
    ("in excess of", HedgeKind::AtLeast),
    ("no more than", HedgeKind::AtMost),
    ("no fewer than", HedgeKind::AtLeast),
    ("no less than", HedgeKind::AtLeast),
    ("as many as", HedgeKind::Approx),
    ("upwards of", HedgeKind::AtLeast),
    ("exceeding", HedgeKind::AtLeast),
    ("fewer than", HedgeKind::AtMost),
    ("more than", HedgeKind::AtLeast),
    ("estimated", HedgeKind::Approx),
    ("less than", HedgeKind::AtMost),
    ("close to", HedgeKind::Approx),
    ("at least", HedgeKind::AtLeast),
    ("at most", HedgeKind::AtMost),
    ("roughly", HedgeKind::Approx),
    ("around", HedgeKind::Approx),
    ("nearly", HedgeKind::Approx),
    ("almost", HedgeKind::Approx),
    ("about", HedgeKind::Approx),
    ("some", HedgeKind::Approx),
    ("over", HedgeKind::AtLeast),
    ("under", HedgeKind::AtMost),
    ("up to", HedgeKind::AtMost),
];

/// The indices of [`HEDGES`] by the phrase's last byte, in list order.
static HEDGES_BY_LAST: std::sync::LazyLock<Vec<Vec<usize>>> = std::sync::LazyLock::new(|| {
    super::lexicon::by_byte(
        HEDGES
            .iter()
            .map(|(phrase, _)| phrase.as_bytes().last().copied()),
    )
});

/// The hedge that ends just before byte `at` of `text`, with its start.
///
/// Looks back over at most one run of spaces and the longest hedge phrase,
/// so the cost is bounded whatever the text.
pub fn hedge_before(text: &str, at: usize) -> Option<(usize, Hedge)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    // Only the phrases ending in the letter here are tried, in list order.
    let last = trimmed.as_bytes().last()?.to_ascii_lowercase();
    let listed = HEDGES_BY_LAST.get(usize::from(last))?;
    for (phrase, kind) in listed.iter().filter_map(|&k| HEDGES.get(k)) {
        let Some(start) = trimmed.len().checked_sub(phrase.len()) else {
            continue;
        };
        let Some(candidate) = trimmed.get(start..) else {
            continue;
        };
        if !candidate.eq_ignore_ascii_case(phrase) {
            continue;
        }
        let starts_word = trimmed[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if starts_word {
            return Some((
                start,
                Hedge {
                    kind: *kind,
                    text: candidate.to_string(),
                },
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_hedge_before_a_figure() {
        let text = "out of an estimated 6,000";
        let (start, hedge) = hedge_before(text, text.find('6').unwrap()).unwrap();
        assert_eq!((start, hedge.kind), (7, HedgeKind::Approx));
        assert_eq!(hedge.text, "an estimated");
        assert!(hedge_before("moreover 5", 9).is_none());
        assert!(hedge_before("handsome 5", 9).is_none());
        let (_, h) = hedge_before("more than 5", 10).unwrap();
        assert_eq!(h.kind, HedgeKind::AtLeast);
    }
}
