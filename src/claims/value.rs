//! Claim values: numeric intervals that keep their printed precision, and
//! calendar day ranges.

use jiff::civil::Date;
use serde::{Serialize, Serializer};

/// A numeric value as an interval of what its printed precision allows.
///
/// "4.5m" is `[4_450_000, 4_550_000]` with nominal `4_500_000`; "6,000" is
/// exact; "more than 6,000" is `[6_000, ∞]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Amount {
    /// Least value the text allows (may be `-∞`, written `null` in JSON).
    #[serde(serialize_with = "finite_or_null")]
    pub lo: f64,
    /// Greatest value the text allows (may be `∞`, written `null` in JSON).
    #[serde(serialize_with = "finite_or_null")]
    pub hi: f64,
    /// The value as written, without its precision.
    pub nominal: f64,
}

impl Amount {
    /// An exact value.
    pub fn exact(value: f64) -> Self {
        Amount {
            lo: value,
            hi: value,
            nominal: value,
        }
    }

    /// A value written with a precision of `unit` in its last digit.
    pub fn rounded(value: f64, unit: f64) -> Self {
        Amount {
            lo: value - unit / 2.0,
            hi: value + unit / 2.0,
            nominal: value,
        }
    }

    /// Whether the interval is a single point.
    pub fn is_exact(&self) -> bool {
        self.lo == self.hi
    }

    /// Both bounds scaled by `factor` (positive).
    pub fn scaled(self, factor: f64) -> Self {
        Amount {
            lo: self.lo * factor,
            hi: self.hi * factor,
            nominal: self.nominal * factor,
        }
    }
}

fn finite_or_null<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() {
        serializer.serialize_f64(*value)
    } else {
        serializer.serialize_none()
    }
}

/// How finely a date is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// A single day ("31 August 2021").
    Day,
    /// A week.
    Week,
    /// A calendar month ("August 2021").
    Month,
    /// A calendar quarter ("the second quarter").
    Quarter,
    /// A calendar year ("2021").
    Year,
    /// A decade ("the 1990s").
    Decade,
}

impl Grain {
    /// The name used in rule expressions (`d.grain == "day"`).
    pub fn name(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
            Grain::Decade => "decade",
        }
    }
}

/// What a relative date is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// Nothing: an absolute date ("31 August 2021", "August 31").
    #[default]
    None,
    /// The publication date ("next week", "on Wednesday", "two days ago").
    Publication,
    /// The previous date in the text ("a week later", "the following day").
    Previous,
}

impl Anchor {
    /// The name used in rule expressions (`d.anchor == "previous"`).
    pub fn name(self) -> &'static str {
        match self {
            Anchor::None => "",
            Anchor::Publication => "publication",
            Anchor::Previous => "previous",
        }
    }
}

/// A date as written, and the days it covers once resolved.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DateValue {
    /// How finely the date is given (an interval: the grain of its ends).
    pub grain: Grain,
    /// Whether it is counted from another date ("next week", "a week later").
    pub relative: bool,
    /// What a relative date is counted from.
    #[serde(skip_serializing_if = "is_none_anchor")]
    pub anchor: Anchor,
    /// Whether it is an interval written with two ends ("Aug. 24-26").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interval: bool,
    /// The weekday as written ("Tuesday" in "Tuesday, August 24"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<&'static str>,
    /// The year as written, if any.
    pub year: Option<i16>,
    /// The month (1–12) as written, if any.
    pub month: Option<i8>,
    /// The day of the month as written, if any.
    pub day: Option<i8>,
    /// First day covered; `None` when unresolved or not a real date.
    #[serde(serialize_with = "iso_or_null")]
    pub start: Option<Date>,
    /// Last day covered; `None` when unresolved or not a real date.
    #[serde(serialize_with = "iso_or_null")]
    pub end: Option<Date>,
}

fn is_none_anchor(anchor: &Anchor) -> bool {
    *anchor == Anchor::None
}

fn iso_or_null<S: Serializer>(value: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

/// The value of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Numbers, counts, percentages, money.
    Amount(Amount),
    /// Dates and years.
    Date(DateValue),
    /// Ordinals ("3rd").
    Ordinal(i64),
}
