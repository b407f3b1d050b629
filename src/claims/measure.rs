//! Units of measure after a figure ("5km", "3.1 miles", "a 30-foot wall",
//! "40C", "5m tonnes"), each with the canonical unit its value is held in
//! and the factor to it, so that "5km" and "3.1 miles" compare directly.
//!
//! Canonical units: metres (`m`), square metres (`m2`), kilograms (`kg`),
//! litres (`l`), litres a day (`l/d`), degrees Celsius (`°C`) and
//! kilometres an hour (`km/h`).
//! A unit whose size depends on the country ("tons", "gallons", "pints",
//! "ounces") converts to an interval covering both readings.

use super::money::weighs;
use super::numeral::boundary;

/// How a unit converts to its canonical unit: `canonical = value × factor +
/// offset`, with `factor` anywhere in `lo..=hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Measure {
    /// The canonical unit.
    pub unit: &'static str,
    /// Least factor to the canonical unit.
    pub lo: f64,
    /// Greatest factor.
    pub hi: f64,
    /// Added after scaling (temperatures only).
    pub offset: f64,
}

/// How a unit's name may follow a figure.
#[derive(Clone, Copy, PartialEq)]
enum Case {
    /// A symbol, case as written ("km", "C"); glued or after a space.
    Symbol,
    /// A word in any case ("Miles"), after a space or a hyphen.
    Word,
}

use Case::{Symbol, Word};

const M: &str = "m";
const M2: &str = "m2";
const KG: &str = "kg";
const L: &str = "l";
const C: &str = "°C";
const KMH: &str = "km/h";
/// Litres a day: oil output ("840,000 bpd").
const LD: &str = "l/d";

/// Unit names: (name, case, canonical unit, least factor, greatest factor).
const UNITS: &[(&str, Case, &str, f64, f64)] = &[
    // length
    ("km", Symbol, M, 1000.0, 1000.0),
    ("kms", Symbol, M, 1000.0, 1000.0),
    ("m", Symbol, M, 1.0, 1.0),
    ("cm", Symbol, M, 0.01, 0.01),
    ("mm", Symbol, M, 0.001, 0.001),
    ("ft", Symbol, M, 0.3048, 0.3048),
    ("kilometres", Word, M, 1000.0, 1000.0),
    ("kilometre", Word, M, 1000.0, 1000.0),
    ("kilometers", Word, M, 1000.0, 1000.0),
    ("kilometer", Word, M, 1000.0, 1000.0),
    ("metres", Word, M, 1.0, 1.0),
    ("metre", Word, M, 1.0, 1.0),
    ("meters", Word, M, 1.0, 1.0),
    ("meter", Word, M, 1.0, 1.0),
    ("centimetres", Word, M, 0.01, 0.01),
    ("centimeters", Word, M, 0.01, 0.01),
    ("millimetres", Word, M, 0.001, 0.001),
    ("millimeters", Word, M, 0.001, 0.001),
    ("nautical miles", Word, M, 1852.0, 1852.0),
    ("miles", Word, M, 1609.344, 1609.344),
    ("mile", Word, M, 1609.344, 1609.344),
    ("feet", Word, M, 0.3048, 0.3048),
    ("foot", Word, M, 0.3048, 0.3048),
    ("inches", Word, M, 0.0254, 0.0254),
    ("inch", Word, M, 0.0254, 0.0254),
    ("yards", Word, M, 0.9144, 0.9144),
    ("yard", Word, M, 0.9144, 0.9144),
    // area
    ("km2", Symbol, M2, 1e6, 1e6),
    ("km²", Symbol, M2, 1e6, 1e6),
    ("sq km", Symbol, M2, 1e6, 1e6),
    ("m2", Symbol, M2, 1.0, 1.0),
    ("m²", Symbol, M2, 1.0, 1.0),
    ("sq m", Symbol, M2, 1.0, 1.0),
    ("sq ft", Symbol, M2, 0.092_903_04, 0.092_903_04),
    ("sq miles", Symbol, M2, 2_589_988.110_336, 2_589_988.110_336),
    ("sq mi", Symbol, M2, 2_589_988.110_336, 2_589_988.110_336),
    ("ha", Symbol, M2, 1e4, 1e4),
    ("square kilometres", Word, M2, 1e6, 1e6),
    ("square kilometers", Word, M2, 1e6, 1e6),
    ("square metres", Word, M2, 1.0, 1.0),
    ("square meters", Word, M2, 1.0, 1.0),
    (
        "square miles",
        Word,
        M2,
        2_589_988.110_336,
        2_589_988.110_336,
    ),
    (
        "square mile",
        Word,
        M2,
        2_589_988.110_336,
        2_589_988.110_336,
    ),
    ("square feet", Word, M2, 0.092_903_04, 0.092_903_04),
    ("acres", Word, M2, 4_046.856_422_4, 4_046.856_422_4),
    ("acre", Word, M2, 4_046.856_422_4, 4_046.856_422_4),
    ("hectares", Word, M2, 1e4, 1e4),
    ("hectare", Word, M2, 1e4, 1e4),
    // mass
    ("kg", Symbol, KG, 1.0, 1.0),
    ("g", Symbol, KG, 0.001, 0.001),
    ("mg", Symbol, KG, 1e-6, 1e-6),
    ("lb", Symbol, KG, 0.453_592_37, 0.453_592_37),
    ("lbs", Symbol, KG, 0.453_592_37, 0.453_592_37),
    ("oz", Symbol, KG, 0.028_349_523_125, 0.031_103_476_8),
    ("kilograms", Word, KG, 1.0, 1.0),
    ("kilogram", Word, KG, 1.0, 1.0),
    ("kilogrammes", Word, KG, 1.0, 1.0),
    ("kilos", Word, KG, 1.0, 1.0),
    ("kilo", Word, KG, 1.0, 1.0),
    ("grams", Word, KG, 0.001, 0.001),
    ("gram", Word, KG, 0.001, 0.001),
    ("grammes", Word, KG, 0.001, 0.001),
    ("milligrams", Word, KG, 1e-6, 1e-6),
    ("tonnes", Word, KG, 1000.0, 1000.0),
    ("tonne", Word, KG, 1000.0, 1000.0),
    ("metric tons", Word, KG, 1000.0, 1000.0),
    ("long tons", Word, KG, 1_016.046_908_8, 1_016.046_908_8),
    ("short tons", Word, KG, 907.184_74, 907.184_74),
    ("metric tonnes", Word, KG, 1000.0, 1000.0),
    ("tons", Word, KG, 907.184_74, 1_016.046_908_8),
    ("ton", Word, KG, 907.184_74, 1_016.046_908_8),
    ("pounds", Word, KG, 0.453_592_37, 0.453_592_37),
    ("pound", Word, KG, 0.453_592_37, 0.453_592_37),
    ("troy ounces", Word, KG, 0.031_103_476_8, 0.031_103_476_8),
    ("troy ounce", Word, KG, 0.031_103_476_8, 0.031_103_476_8),
    ("ounces", Word, KG, 0.028_349_523_125, 0.031_103_476_8),
    ("ounce", Word, KG, 0.028_349_523_125, 0.031_103_476_8),
    // volume
    ("ml", Symbol, L, 0.001, 0.001),
    ("litres", Word, L, 1.0, 1.0),
    ("litre", Word, L, 1.0, 1.0),
    ("liters", Word, L, 1.0, 1.0),
    ("liter", Word, L, 1.0, 1.0),
    ("millilitres", Word, L, 0.001, 0.001),
    ("milliliters", Word, L, 0.001, 0.001),
    ("gallons", Word, L, 3.785_411_784, 4.546_09),
    ("gallon", Word, L, 3.785_411_784, 4.546_09),
    (
        "barrels per day",
        Word,
        LD,
        158.987_294_928,
        158.987_294_928,
    ),
    ("barrels a day", Word, LD, 158.987_294_928, 158.987_294_928),
    ("bpd", Symbol, LD, 158.987_294_928, 158.987_294_928),
    ("b/d", Symbol, LD, 158.987_294_928, 158.987_294_928),
    ("barrels", Word, L, 158.987_294_928, 158.987_294_928),
    ("barrel", Word, L, 158.987_294_928, 158.987_294_928),
    ("cubic metres", Word, L, 1000.0, 1000.0),
    ("cubic meters", Word, L, 1000.0, 1000.0),
    ("cubic feet", Word, L, 28.316_846_592, 28.316_846_592),
    ("pints", Word, L, 0.473_176_473, 0.568_261_25),
    ("pint", Word, L, 0.473_176_473, 0.568_261_25),
    // temperature (Fahrenheit has an offset, below)
    ("C", Symbol, C, 1.0, 1.0),
    ("°C", Symbol, C, 1.0, 1.0),
    ("° C", Symbol, C, 1.0, 1.0),
    ("F", Symbol, C, 5.0 / 9.0, 5.0 / 9.0),
    ("°F", Symbol, C, 5.0 / 9.0, 5.0 / 9.0),
    ("° F", Symbol, C, 5.0 / 9.0, 5.0 / 9.0),
    ("degrees celsius", Word, C, 1.0, 1.0),
    ("degrees centigrade", Word, C, 1.0, 1.0),
    ("degrees c", Word, C, 1.0, 1.0),
    ("deg celsius", Word, C, 1.0, 1.0),
    ("deg c", Word, C, 1.0, 1.0),
    ("celsius", Word, C, 1.0, 1.0),
    ("degrees fahrenheit", Word, C, 5.0 / 9.0, 5.0 / 9.0),
    ("degrees f", Word, C, 5.0 / 9.0, 5.0 / 9.0),
    ("deg fahrenheit", Word, C, 5.0 / 9.0, 5.0 / 9.0),
    ("deg f", Word, C, 5.0 / 9.0, 5.0 / 9.0),
    ("fahrenheit", Word, C, 5.0 / 9.0, 5.0 / 9.0),
    // speed
    ("km/h", Symbol, KMH, 1.0, 1.0),
    ("kph", Symbol, KMH, 1.0, 1.0),
    ("kmh", Symbol, KMH, 1.0, 1.0),
    ("mph", Symbol, KMH, 1.609_344, 1.609_344),
    ("miles per hour", Word, KMH, 1.609_344, 1.609_344),
    ("miles an hour", Word, KMH, 1.609_344, 1.609_344),
    ("kilometres per hour", Word, KMH, 1.0, 1.0),
    ("kilometers per hour", Word, KMH, 1.0, 1.0),
    ("kilometres an hour", Word, KMH, 1.0, 1.0),
    ("knots", Word, KMH, 1.852, 1.852),
];

/// For each first byte (lowercased), the indices in [`UNITS`] of the names
/// that start with it: a unit name is looked for only under its letter.
static UNITS_BY_FIRST: std::sync::LazyLock<Vec<Vec<usize>>> = std::sync::LazyLock::new(|| {
    super::lexicon::by_byte(
        UNITS
            .iter()
            .map(|(name, ..)| name.as_bytes().first().map(u8::to_ascii_lowercase)),
    )
});

/// How the names of [`UNITS`] open.
static UNIT_HEADS: std::sync::LazyLock<super::lexicon::Heads> =
    std::sync::LazyLock::new(|| super::lexicon::Heads::of(UNITS.iter().map(|(name, ..)| *name)));

/// A unit of measure after a figure: bytes consumed and how it converts.
/// Symbols may be glued ("5km") or spaced; words follow a space or, as an
/// adjective, a hyphen ("a 30-foot wall").
pub(super) fn unit_after(rest: &str) -> Option<(usize, Measure)> {
    let spaced = rest.strip_prefix([' ', '\n', '\u{a0}']);
    let hyphened = rest.strip_prefix('-');
    // Most figures are followed by no unit's first two letters.
    let may_open = |t: Option<&str>| t.is_some_and(|t| UNIT_HEADS.may_open(t.as_bytes()));
    if !(may_open(spaced) || may_open(Some(rest)) || may_open(hyphened)) {
        return None;
    }
    // Most names fail on their first letter: test it before anything else.
    let first = |t: Option<&str>| {
        t.and_then(|t| t.as_bytes().first())
            .map_or(0, u8::to_ascii_lowercase)
    };
    let (first_spaced, first_rest, first_hyphened) =
        (first(spaced), first(Some(rest)), first(hyphened));
    // The longest name wins, the first listed among equals.
    let mut best: Option<(usize, usize, Measure)> = None;
    // The names under each letter that can open one here, each letter once.
    let mut letters = [first_spaced, first_rest, first_hyphened];
    letters.sort_unstable();
    let listed = letters
        .iter()
        .enumerate()
        .filter(|&(k, &l)| l != 0 && letters.get(k.wrapping_sub(1)) != Some(&l))
        .flat_map(|(_, &letter)| {
            let under = UNITS_BY_FIRST
                .get(usize::from(letter))
                .into_iter()
                .flatten();
            under.filter_map(move |&i| Some((letter, i, *UNITS.get(i)?)))
        });
    for (letter, i, (name, case, unit, lo, hi)) in listed {
        let (after, glued, first) = match (case, spaced, hyphened) {
            (Symbol, Some(s), _) => (s, false, first_spaced),
            (Symbol, None, _) => (rest, true, first_rest),
            (Word, Some(s), _) => (s, false, first_spaced),
            (Word, None, Some(h)) => (h, false, first_hyphened),
            (Word, None, None) => continue,
        };
        if first != letter {
            continue;
        }
        let Some(head) = after.get(..name.len()) else {
            continue;
        };
        let same = match case {
            Symbol => head == name,
            Word => head.eq_ignore_ascii_case(name),
        };
        // A spaced capital "C" or "F" is a letter, not a temperature.
        if !same || (!glued && matches!(name, "C" | "F")) {
            continue;
        }
        let tail = &after[name.len()..];
        if boundary(tail).is_err() || tail.starts_with(['/', '²']) {
            continue;
        }
        // "pounds" weigh only where money cannot be meant.
        if name.starts_with("pound") && hyphened.is_none() && !weighs(tail) {
            continue;
        }
        let consumed = rest.len() - tail.len();
        if best.is_none_or(|(n, j, _)| consumed > n || (consumed == n && i < j)) {
            let offset = if unit == C && lo < 1.0 {
                -32.0 * 5.0 / 9.0
            } else {
                0.0
            };
            best = Some((
                consumed,
                i,
                Measure {
                    unit,
                    lo,
                    hi,
                    offset,
                },
            ));
        }
    }
    best.map(|(n, _, measure)| (n, measure))
}

/// Whether a glued "m" after a figure means metres, not million: a word of
/// size follows ("5m high", "a 10m-long wall", "the 100m sprint") or a
/// length in parentheses ("5m (16ft)").
pub(super) fn metres_follow(tail: &str) -> bool {
    const SIZE: &[&str] = &[
        "high",
        "tall",
        "long",
        "wide",
        "deep",
        "away",
        "thick",
        "across",
        "above",
        "below",
        "underground",
        "in diameter",
        "in height",
        "in length",
        "of water",
        "sprint",
        "race",
        "hurdles",
        "freestyle",
        "relay",
    ];
    let word = tail.strip_prefix([' ', '-']).unwrap_or(tail);
    if SIZE.iter().any(|w| {
        word.get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
            && boundary(&word[w.len()..]).is_ok()
    }) {
        return true;
    }
    let Some(inner) = tail.strip_prefix(" (") else {
        return false;
    };
    let digits = inner
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
        .count();
    digits > 0 && unit_after(&inner[digits..]).is_some_and(|(_, m)| m.unit == M && m.lo != 1.0)
}

impl Measure {
    /// `amount` (in the written unit) in the canonical unit.
    pub fn convert(&self, amount: super::value::Amount) -> super::value::Amount {
        super::value::Amount {
            lo: amount.lo * self.lo + self.offset,
            hi: amount.hi * self.hi + self.offset,
            nominal: amount.nominal * (self.lo + self.hi) / 2.0 + self.offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(rest: &str) -> Option<(usize, &'static str)> {
        unit_after(rest).map(|(n, m)| (n, m.unit))
    }

    #[test]
    fn units_glued_spaced_and_hyphened() {
        assert_eq!(unit("km (3.1 miles)"), Some((2, "m")));
        assert_eq!(unit(" miles."), Some((6, "m")));
        assert_eq!(unit("-foot-tall"), Some((5, "m")));
        assert_eq!(unit(" sq km of"), Some((6, "m2")));
        assert_eq!(unit("C on"), Some((1, "°C")));
        assert_eq!(unit(" C on"), None);
        assert_eq!(unit(" miles per hour"), Some((15, "km/h")));
        assert_eq!(unit("km/h"), Some((4, "km/h")));
        assert_eq!(unit(" pounds of cocaine"), Some((7, "kg")));
        assert_eq!(unit(" pounds to"), None);
        assert_eq!(unit(" people"), None);
        assert_eq!(unit("G network"), None);
    }

    #[test]
    fn metres_only_with_a_size_word() {
        assert!(metres_follow(" high"));
        assert!(metres_follow("-long wall"));
        assert!(metres_follow(" (16ft)"));
        assert!(!metres_follow(" people"));
        assert!(!metres_follow(" (£4m)"));
        assert!(!metres_follow(" highways"));
    }
}
