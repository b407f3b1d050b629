//! Evaluating expressions with interval semantics.
//!
//! A numeric value is the interval its printed precision allows. A
//! comparison is *true* when it holds for every pair of values, *false* when
//! it holds for none, and *unknown* otherwise; logic is three-valued
//! (Kleene). A rule fires only when its assertion is *false*, so rounded
//! journalism ("4.5m + 1.5m == 6.1m") is never flagged.

use jiff::civil::Date;

use super::expr::{BinOp, Expr};
use crate::claims::calendar::{Unit, WEEKDAYS};
use crate::claims::{Claim, ClaimKind, DateValue, Grain};

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Holds for every value the precision allows.
    True,
    /// Holds for none.
    False,
    /// Holds for some.
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Self {
        if b { Truth::True } else { Truth::False }
    }

    fn not(self) -> Self {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A numeric interval with the value as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// Least value.
    pub lo: f64,
    /// Greatest value.
    pub hi: f64,
    /// The value as written (or computed from written values).
    pub nominal: f64,
}

impl From<crate::claims::Amount> for Num {
    fn from(a: crate::claims::Amount) -> Self {
        Num {
            lo: a.lo,
            hi: a.hi,
            nominal: a.nominal,
        }
    }
}

impl Num {
    fn exact(v: f64) -> Self {
        Num {
            lo: v,
            hi: v,
            nominal: v,
        }
    }

    fn checked(lo: f64, hi: f64, nominal: f64) -> Option<Self> {
        (!lo.is_nan() && !hi.is_nan()).then_some(Num { lo, hi, nominal })
    }

    /// Whether zero lies in it: no number may be divided by it.
    fn spans_zero(&self) -> bool {
        self.lo <= 0.0 && self.hi >= 0.0
    }
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A number interval.
    Num(Num),
    /// A range of days (`None`: unresolved) and how finely it is given.
    Date(Option<(Date, Date)>, Grain),
    /// Text.
    Str(String),
    /// A truth value.
    Bool(Truth),
    /// No value: division by zero, an unresolved date, a type mismatch.
    Undefined,
}

/// What an expression can see: the bound claims and the document context.
pub struct Scope<'a> {
    /// Capture name to claim.
    pub captures: &'a [(&'a str, &'a Claim)],
    /// Relative widening of approximate claims ("about 6,000").
    pub tolerance: f64,
    /// The publication date, if known.
    pub published: Option<Date>,
    /// The document's text (for `x.sentence`).
    pub text: &'a str,
    /// The document's sentences.
    pub sentences: &'a [crate::document::Sentence],
    /// Every claim of the document (for `x.earlier`).
    pub claims: &'a [Claim],
    /// Results kept for this document by the rules checked with it.
    pub memo: &'a Memo,
}

/// What evaluating rules over one document keeps (each chunk of rules
/// checked as one task has its own): the results of
/// `x.sentence ~ "…"` on long sentences, by regex (its address in the rule
/// set) and sentence index; and how many divisions by zero left a value
/// undefined (`--stats` reports them).
#[derive(Debug, Default)]
pub struct Memo {
    matches: std::cell::RefCell<std::collections::HashMap<(usize, usize), bool>>,
    divisions_by_zero: std::cell::Cell<usize>,
}

impl Memo {
    /// Sentences at least this long (bytes) have their matches kept.
    pub const LONG: usize = 1_024;

    fn borrow_mut(&self) -> std::cell::RefMut<'_, std::collections::HashMap<(usize, usize), bool>> {
        self.matches.borrow_mut()
    }

    fn divided_by_zero(&self) {
        self.divisions_by_zero.set(self.divisions_by_zero.get() + 1);
    }

    /// Divisions by a number that may be zero, which gave no value.
    pub fn divisions_by_zero(&self) -> usize {
        self.divisions_by_zero.get()
    }
}

impl Scope<'_> {
    fn claim(&self, name: &str) -> Option<&Claim> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// Every claim bound to `name`: one, or the figures of a list capture.
    fn members<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Claim> + 's {
        self.captures
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// A capture's value; a list's is the sum of its figures.
    fn named_value(&self, name: &str) -> Val {
        let mut total: Option<Num> = None;
        for claim in self.members(name) {
            let Val::Num(n) = self.claim_value(claim) else {
                return self
                    .claim(name)
                    .map_or(Val::Undefined, |c| self.claim_value(c));
            };
            total = Some(match total {
                None => n,
                Some(t) => Num {
                    lo: t.lo + n.lo,
                    hi: t.hi + n.hi,
                    nominal: t.nominal + n.nominal,
                },
            });
        }
        total.map_or(Val::Undefined, Val::Num)
    }

    fn claim_value(&self, claim: &Claim) -> Val {
        if let Some(date) = claim.date() {
            return date_val(&date);
        }
        match claim.amount() {
            Some(a) => {
                let a = whole_unit_reading(claim, a);
                let widen = if claim.approx {
                    a.nominal.abs() * self.tolerance
                } else {
                    0.0
                };
                Val::Num(Num {
                    lo: a.lo - widen,
                    hi: a.hi + widen,
                    nominal: a.nominal,
                })
            }
            None => Val::Undefined,
        }
    }
}

/// Durations and ages as counted in whole units. "20 years" covers 19.5 up
/// to 21 years (rounded or truncated), in days, so that it compares with
/// spans of dates; an age of 78 is any time before the 79th birthday.
fn whole_unit_reading(claim: &Claim, a: crate::claims::Amount) -> crate::claims::Amount {
    let whole = a.lo.fract() == 0.0 && (a.hi.fract() == 0.0 || a.hi.is_infinite());
    match claim.kind {
        ClaimKind::Duration => {
            let days = claim.unit.and_then(Unit::from_name).map_or(1.0, Unit::days);
            let (lo, hi) = if whole {
                ((a.lo - 0.5).max(0.0), a.hi + 1.0)
            } else {
                (a.lo, a.hi)
            };
            crate::claims::Amount {
                lo: lo * days,
                hi: hi * days,
                nominal: a.nominal * days,
            }
        }
        ClaimKind::Age => {
            // In years, whatever unit it was given in ("ten months old").
            let years = claim
                .unit
                .and_then(Unit::from_name)
                .map_or(1.0, |u| u.days() / Unit::Year.days());
            let hi = if whole { a.hi + 0.999 } else { a.hi };
            crate::claims::Amount {
                lo: a.lo * years,
                hi: hi * years,
                nominal: a.nominal * years,
            }
        }
        _ => a,
    }
}

fn date_val(d: &DateValue) -> Val {
    Val::Date(d.start.zip(d.end), d.grain)
}

fn date_of(v: Option<&Val>) -> Option<(Date, Date)> {
    match v {
        Some(Val::Date(range, _)) => *range,
        _ => None,
    }
}

/// Fields a capture exposes (checked at load).
pub const FIELDS: &[&str] = &[
    "value",
    "text",
    "kind",
    "noun",
    "approx",
    "hedge",
    "currency",
    "points",
    "grain",
    "relative",
    "anchor",
    "weekday",
    "valid",
    "unit",
    "interval",
    "sentence",
    "from",
    "to",
    "listed",
    "key",
    "before",
    "count",
    "preceding",
    "earlier",
    "role",
];

/// Functions and their argument counts (checked at load).
pub const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("abs", 1, 1),
    ("min", 2, 2),
    ("max", 2, 2),
    ("round", 1, 2),
    ("pct", 2, 2),
    ("change", 2, 2),
    ("days", 1, 2),
    ("months", 2, 2),
    ("years", 2, 2),
    ("year", 1, 1),
    ("weekday", 1, 1),
    ("range", 1, 1),
    ("fits", 2, 2),
    ("nominal", 1, 1),
];

/// Evaluates an expression.
pub fn eval(expr: &Expr, scope: &Scope<'_>) -> Val {
    match expr {
        Expr::Number { value, .. } => Val::Num(Num::exact(*value)),
        Expr::Str(s) => Val::Str(s.clone()),
        Expr::Regex(re) => Val::Str(re.as_str().to_string()),
        Expr::Bool(b) => Val::Bool(Truth::from_bool(*b)),
        Expr::Name { name, .. } => match name.as_str() {
            "pub_date" => Val::Date(scope.published.map(|d| (d, d)), Grain::Day),
            _ => scope.named_value(name),
        },
        Expr::Field { name, field, .. } if field == "count" => match scope.members(name).count() {
            0 => Val::Undefined,
            n => Val::Num(Num::exact(n as f64)),
        },
        Expr::Field { name, field, .. } => match scope.claim(name) {
            Some(claim) => field_value(claim, field, scope),
            None => Val::Undefined,
        },
        Expr::Call { function, args, .. } => {
            let vals: Vec<Val> = args.iter().map(|a| eval(a, scope)).collect();
            // `pct(a, b)` divides by `b`, `change(a, b)` by `a`.
            let divisor = match function.as_str() {
                "pct" => vals.get(1),
                "change" => vals.first(),
                _ => None,
            };
            if let Some(Val::Num(d)) = divisor
                && d.spans_zero()
            {
                scope.memo.divided_by_zero();
            }
            call(function, &vals)
        }
        Expr::Neg(e) => match eval(e, scope) {
            Val::Num(n) => Val::Num(Num {
                lo: -n.hi,
                hi: -n.lo,
                nominal: -n.nominal,
            }),
            _ => Val::Undefined,
        },
        Expr::Not(e) => match eval(e, scope) {
            Val::Bool(t) => Val::Bool(t.not()),
            _ => Val::Undefined,
        },
        Expr::Binary { op, left, right } => binary(*op, left, right, scope),
    }
}

/// Evaluates to a truth value; anything that is not a truth is unknown.
pub fn truth(expr: &Expr, scope: &Scope<'_>) -> Truth {
    match eval(expr, scope) {
        Val::Bool(t) => t,
        _ => Truth::Unknown,
    }
}

/// A text-valued expression as a borrowed string, where it is one: a
/// string literal or a claim's text field.
fn text_of<'s>(expr: &'s Expr, scope: &'s Scope<'_>) -> Option<&'s str> {
    match expr {
        Expr::Str(s) => Some(s),
        Expr::Field { name, field, .. } => {
            let claim = scope.claim(name)?;
            let or_empty = |s: Option<&'s str>| Some(s.unwrap_or(""));
            match field.as_str() {
                "text" => Some(&claim.text),
                "kind" => Some(claim.kind.name()),
                "noun" => or_empty(claim.noun.as_ref().map(|n| n.text.as_str())),
                "hedge" => or_empty(claim.hedge.as_ref().map(|h| h.text.as_str())),
                "currency" => or_empty(claim.currency),
                "unit" => or_empty(claim.unit),
                "key" => or_empty(claim.key.as_deref()),
                "role" => Some(claim.role.name()),
                "grain" => or_empty(claim.date().map(|d| d.grain.name())),
                "anchor" => or_empty(claim.date().map(|d| d.anchor.name())),
                "weekday" => or_empty(claim.date().and_then(|d| d.weekday)),
                "sentence" => scope
                    .sentences
                    .get(claim.sentence)
                    .and_then(|s| scope.text.get(s.span.start..s.span.end)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn field_value(claim: &Claim, field: &str, scope: &Scope<'_>) -> Val {
    let text = |s: Option<&str>| Val::Str(s.unwrap_or("").to_string());
    match field {
        "value" => scope.claim_value(claim),
        "text" => Val::Str(claim.text.clone()),
        "kind" => Val::Str(claim.kind.name().to_string()),
        "noun" => text(claim.noun.as_ref().map(|n| n.text.as_str())),
        "hedge" => text(claim.hedge.as_ref().map(|h| h.text.as_str())),
        "currency" => text(claim.currency),
        "approx" => Val::Bool(Truth::from_bool(claim.approx)),
        "points" => Val::Bool(Truth::from_bool(claim.points)),
        "grain" => text(claim.date().map(|d| d.grain.name())),
        "relative" => Val::Bool(Truth::from_bool(claim.date().is_some_and(|d| d.relative))),
        "anchor" => text(claim.date().map(|d| d.anchor.name())),
        "weekday" => text(claim.date().and_then(|d| d.weekday)),
        "interval" => Val::Bool(Truth::from_bool(claim.date().is_some_and(|d| d.interval))),
        "unit" => text(claim.unit),
        "role" => text(Some(claim.role.name())),
        "sentence" => text(
            scope
                .sentences
                .get(claim.sentence)
                .and_then(|s| scope.text.get(s.span.start..s.span.end)),
        ),
        "valid" => Val::Bool(claim.date().map_or(Truth::True, |d| validity(&d))),
        "from" | "to" => match claim.range {
            Some(r) => Val::Num(Num::from(if field == "from" { r.from } else { r.to })),
            None => Val::Undefined,
        },
        "before" => Val::Str(before(scope.text, claim.lead)),
        "preceding" => Val::Str(preceding(scope.text, claim.lead)),
        "earlier" => match claim.antecedent.and_then(|i| scope.claims.get(i)) {
            Some(earlier) => scope.claim_value(earlier),
            None => Val::Undefined,
        },
        "listed" => claim
            .listed
            .map_or(Val::Undefined, |n| Val::Num(Num::exact(n as f64))),
        "key" => text(claim.key.as_deref()),
        _ => Val::Undefined,
    }
}

/// The punctuation mark or the word (lowercased) just before byte `at`:
/// "(" for "300 (25%)", "or" for "or 25%".
fn before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("").trim_end();
    match head.chars().next_back() {
        Some(c) if !c.is_alphanumeric() => c.to_string(),
        Some(_) => {
            let start = head
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(p, c)| p + c.len_utf8());
            head[start..].to_lowercase()
        }
        None => String::new(),
    }
}

/// Up to four words before byte `at`, lowercased, in order: "and support
/// fell from" for the 52% of "…to 5.25%, and support fell from 52%".
fn preceding(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let mut words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .collect();
    words.reverse();
    words.join(" ").to_lowercase()
}

/// Whether a written day exists: "February 30" and "Nov. 31" never do;
/// "February 29" does only in a leap year, unknown when the year is.
fn validity(d: &DateValue) -> Truth {
    let (Some(month), Some(day)) = (d.month, d.day) else {
        return Truth::True;
    };
    let year = d.year.or_else(|| d.start.map(|s| s.year()));
    match year {
        Some(y) => Truth::from_bool(Date::new(y, month, day).is_ok()),
        None if Date::new(2000, month, day).is_err() => Truth::False,
        None if Date::new(2001, month, day).is_err() => Truth::Unknown,
        None => Truth::True,
    }
}

/// Whole years (or months) from `a` to `b`, as ages and anniversaries count
/// them: fewest from the end of `a` to the start of `b`, most from start to end.
fn whole_units(years: bool, a: (Date, Date), b: (Date, Date)) -> Option<Num> {
    let whole = |x: Date, y: Date| -> Option<f64> {
        if years {
            Some(f64::from(x.until((jiff::Unit::Year, y)).ok()?.get_years()))
        } else {
            Some(f64::from(
                x.until((jiff::Unit::Month, y)).ok()?.get_months(),
            ))
        }
    };
    Num::checked(whole(a.1, b.0)?, whole(a.0, b.1)?, whole(a.0, b.0)?)
}

/// How long a date range lasts, in days: a range of months from "January to
/// June" lasts at least from the end of January to the start of June.
fn length(d: (Date, Date), grain: Grain) -> Option<Num> {
    let (first_end, last_start) = match grain {
        Grain::Day => (d.0, d.1),
        Grain::Week => (
            d.0.checked_add(jiff::ToSpan::days(6)).ok()?,
            d.1.checked_sub(jiff::ToSpan::days(6)).ok()?,
        ),
        Grain::Month | Grain::Quarter => (d.0.last_of_month(), d.1.first_of_month()),
        Grain::Year | Grain::Decade => (d.0.last_of_year(), d.1.first_of_year()),
    };
    let days = |x: Date, y: Date| x.until(y).ok().map(|s| f64::from(s.get_days()));
    if d.1 < d.0 {
        return None; // a range that runs backwards has no length
    }
    let hi = days(d.0, d.1)? + 1.0;
    let lo = (days(first_end, last_start)? + 1.0).max(0.0).min(hi);
    Num::checked(lo, hi, hi)
}

fn call(function: &str, args: &[Val]) -> Val {
    let num = |i: usize| match args.get(i) {
        Some(Val::Num(n)) => Some(*n),
        _ => None,
    };
    let result = match (function, num(0), num(1)) {
        ("abs", Some(a), _) => {
            let (lo, hi) = if a.lo >= 0.0 {
                (a.lo, a.hi)
            } else if a.hi <= 0.0 {
                (-a.hi, -a.lo)
            } else {
                (0.0, a.hi.max(-a.lo))
            };
            Num::checked(lo, hi, a.nominal.abs())
        }
        ("min", Some(a), Some(b)) => {
            Num::checked(a.lo.min(b.lo), a.hi.min(b.hi), a.nominal.min(b.nominal))
        }
        ("max", Some(a), Some(b)) => {
            Num::checked(a.lo.max(b.lo), a.hi.max(b.hi), a.nominal.max(b.nominal))
        }
        ("round", Some(a), digits) => {
            let scale = 10f64.powi(digits.map_or(0, |d| d.nominal as i32));
            let r = |v: f64| (v * scale).round() / scale;
            Num::checked(r(a.lo), r(a.hi), r(a.nominal))
        }
        ("pct", Some(a), Some(b)) => div(a, b).map(|q| mul(q, Num::exact(100.0))),
        // (b / a - 1) × 100: `a` appears once, so the interval stays tight.
        ("change", Some(a), Some(b)) => div(b, a).map(|q| {
            mul(
                Num {
                    lo: q.lo - 1.0,
                    hi: q.hi - 1.0,
                    nominal: q.nominal - 1.0,
                },
                Num::exact(100.0),
            )
        }),
        ("days", _, _) if args.len() == 1 => match args.first() {
            Some(Val::Date(Some(r), grain)) => length(*r, *grain),
            _ => None,
        },
        ("months" | "years", _, _) => match (date_of(args.first()), date_of(args.get(1))) {
            (Some(a), Some(b)) => whole_units(function == "years", a, b),
            _ => None,
        },
        ("year", _, _) => date_of(args.first()).and_then(|(a, b)| {
            Num::checked(
                f64::from(a.year()),
                f64::from(b.year()),
                f64::from(a.year()),
            )
        }),
        ("days", _, _) => match (args.first(), args.get(1)) {
            (Some(Val::Date(Some((a0, a1)), _)), Some(Val::Date(Some((b0, b1)), _))) => {
                let d = |x: &Date, y: &Date| y.since(*x).map(|s| f64::from(s.get_days())).ok();
                match (d(a1, b0), d(a0, b1), d(a0, b0)) {
                    (Some(lo), Some(hi), Some(nominal)) => Num::checked(lo, hi, nominal),
                    _ => None,
                }
            }
            _ => None,
        },
        // Whether two values can be equal at the precision written: `==`
        // is only certain for two exact points, so filters ask this.
        ("fits", Some(a), Some(b)) => {
            let e = slack(&a, &b);
            let overlap = a.lo <= b.hi + e && b.lo <= a.hi + e;
            return Val::Bool(Truth::from_bool(overlap));
        }
        // The value as written, without its precision: "5 per cent" beside
        // "4.25 per cent" means 5.00.
        ("nominal", Some(a), _) => Some(Num::exact(a.nominal)),
        ("range", Some(a), _) => {
            let (lo, hi) = (format_number(a.lo), format_number(a.hi));
            return Val::Str(if lo == hi {
                lo
            } else if a.lo.fract() == 0.0 && a.hi - a.lo == 1.0 {
                format!("{lo} or {hi}")
            } else {
                format!("{lo} to {hi}")
            });
        }
        ("weekday", _, _) => {
            return match args.first() {
                Some(Val::Date(Some((a, b)), _)) if a == b => WEEKDAYS
                    .get(crate::claims::calendar::weekday_index(*a))
                    .map_or(Val::Undefined, |w| Val::Str((*w).to_string())),
                _ => Val::Undefined,
            };
        }
        _ => None,
    };
    result.map_or(Val::Undefined, Val::Num)
}

fn mul(a: Num, b: Num) -> Num {
    let products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map(|p| {
        // ∞ × 0 is 0 at an interval's edge.
        if p.is_nan() { 0.0 } else { p }
    });
    Num {
        lo: products.iter().copied().fold(f64::INFINITY, f64::min),
        hi: products.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        nominal: a.nominal * b.nominal,
    }
}

fn div(a: Num, b: Num) -> Option<Num> {
    if b.spans_zero() {
        return None; // the divisor may be zero: no value
    }
    let inverse = Num {
        lo: 1.0 / b.hi,
        hi: 1.0 / b.lo,
        nominal: 1.0 / b.nominal,
    };
    Some(mul(a, inverse))
}

/// Slack for floating-point error in comparisons.
fn slack(a: &Num, b: &Num) -> f64 {
    let scale = [a.lo, a.hi, b.lo, b.hi]
        .iter()
        .filter(|v| v.is_finite())
        .fold(1.0f64, |m, v| m.max(v.abs()));
    scale * 1e-9
}

fn compare(op: BinOp, a: &Num, b: &Num) -> Truth {
    let e = slack(a, b);
    let overlap = a.lo <= b.hi + e && b.lo <= a.hi + e;
    let same_point = (a.hi - a.lo) <= e && (b.hi - b.lo) <= e && (a.lo - b.lo).abs() <= e;
    match op {
        BinOp::Eq if same_point => Truth::True,
        BinOp::Eq => {
            if overlap {
                Truth::Unknown
            } else {
                Truth::False
            }
        }
        BinOp::Ne => compare(BinOp::Eq, a, b).not(),
        BinOp::Lt => order(a.hi < b.lo - e, a.lo >= b.hi - e),
        BinOp::Le => order(a.hi <= b.lo + e, a.lo > b.hi + e),
        BinOp::Gt => compare(BinOp::Lt, b, a),
        BinOp::Ge => compare(BinOp::Le, b, a),
        _ => Truth::Unknown,
    }
}

fn order(always: bool, never: bool) -> Truth {
    if always {
        Truth::True
    } else if never {
        Truth::False
    } else {
        Truth::Unknown
    }
}

fn date_as_num(range: (Date, Date)) -> Option<Num> {
    let epoch = Date::constant(1970, 1, 1);
    let d = |x: Date| epoch.until(x).ok().map(|s| f64::from(s.get_days()));
    Some(Num {
        lo: d(range.0)?,
        hi: d(range.1)?,
        nominal: d(range.0)?,
    })
}

fn binary(op: BinOp, left: &Expr, right: &Expr, scope: &Scope<'_>) -> Val {
    if matches!(op, BinOp::And | BinOp::Or) {
        let l = truth(left, scope);
        // Short-circuit only on a definite answer.
        match (op, l) {
            (BinOp::And, Truth::False) => return Val::Bool(Truth::False),
            (BinOp::Or, Truth::True) => return Val::Bool(Truth::True),
            _ => {}
        }
        let r = truth(right, scope);
        let t = match (op, l, r) {
            (BinOp::And, _, Truth::False) => Truth::False,
            (BinOp::And, Truth::True, Truth::True) => Truth::True,
            (BinOp::Or, _, Truth::True) => Truth::True,
            (BinOp::Or, Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        };
        return Val::Bool(t);
    }
    // `x.sentence ~ "…"`: match the sentence where it lies, without a copy.
    if op == BinOp::Matches
        && let (Expr::Field { name, field, .. }, Expr::Regex(re)) = (left, right)
        && field == "sentence"
    {
        let Some(claim) = scope.claim(name) else {
            return Val::Undefined;
        };
        let Some(sentence) = scope.sentences.get(claim.sentence) else {
            return Val::Undefined;
        };
        let text = sentence.span.slice(scope.text);
        // A long sentence is matched once per regex, not once per pair of
        // figures in it, which would be quadratic in its length.
        if text.len() < Memo::LONG {
            return Val::Bool(Truth::from_bool(re.is_match(text)));
        }
        let key = (std::ptr::from_ref(re) as usize, claim.sentence);
        let found = *scope
            .memo
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| re.is_match(text));
        return Val::Bool(Truth::from_bool(found));
    }
    // Any other text matched where it lies, and the regex not copied.
    if op == BinOp::Matches
        && let Expr::Regex(re) = right
    {
        if let Some(text) = text_of(left, scope) {
            return Val::Bool(Truth::from_bool(re.is_match(text)));
        }
        return match eval(left, scope) {
            Val::Str(s) => Val::Bool(Truth::from_bool(re.is_match(&s))),
            _ => Val::Undefined,
        };
    }
    // One sentence is itself: no need to read it ("a.sentence !=
    // b.sentence" runs per pair, and a sentence may be megabytes long).
    if matches!(op, BinOp::Eq | BinOp::Ne)
        && let (
            Expr::Field {
                name: x, field: f, ..
            },
            Expr::Field {
                name: y, field: g, ..
            },
        ) = (left, right)
        && f == "sentence"
        && g == "sentence"
        && let (Some(a), Some(b)) = (scope.claim(x), scope.claim(y))
        && a.sentence == b.sentence
    {
        return Val::Bool(Truth::from_bool(op == BinOp::Eq));
    }
    // Text compared with text: no copies ("a.key == b.key" runs per pair).
    if matches!(op, BinOp::Eq | BinOp::Ne)
        && let (Some(a), Some(b)) = (text_of(left, scope), text_of(right, scope))
    {
        let same = a.eq_ignore_ascii_case(b);
        return Val::Bool(Truth::from_bool(if op == BinOp::Eq { same } else { !same }));
    }
    let l = eval(left, scope);
    let r = eval(right, scope);
    match (op, &l, &r) {
        (BinOp::Matches, Val::Str(s), _) => match right {
            Expr::Regex(re) => Val::Bool(Truth::from_bool(re.is_match(s))),
            _ => Val::Undefined,
        },
        (BinOp::Eq | BinOp::Ne, Val::Str(a), Val::Str(b)) => {
            let same = a.eq_ignore_ascii_case(b);
            Val::Bool(Truth::from_bool(if op == BinOp::Eq { same } else { !same }))
        }
        (BinOp::Eq | BinOp::Ne, Val::Bool(a), Val::Bool(b)) => {
            if *a == Truth::Unknown || *b == Truth::Unknown {
                return Val::Bool(Truth::Unknown);
            }
            let same = a == b;
            Val::Bool(Truth::from_bool(if op == BinOp::Eq { same } else { !same }))
        }
        (BinOp::Div, Val::Num(_), Val::Num(b)) if b.spans_zero() => {
            scope.memo.divided_by_zero();
            Val::Undefined
        }
        (_, Val::Num(a), Val::Num(b)) => arithmetic(op, *a, *b),
        (_, Val::Date(Some(a), _), Val::Date(Some(b), _)) => {
            match (date_as_num(*a), date_as_num(*b)) {
                (Some(a), Some(b)) if op == BinOp::Sub => arithmetic(op, a, b),
                (Some(a), Some(b)) => Val::Bool(compare(op, &a, &b)),
                _ => Val::Undefined,
            }
        }
        _ => Val::Undefined,
    }
}

fn arithmetic(op: BinOp, a: Num, b: Num) -> Val {
    let n = match op {
        BinOp::Add => Num::checked(a.lo + b.lo, a.hi + b.hi, a.nominal + b.nominal),
        BinOp::Sub => Num::checked(a.lo - b.hi, a.hi - b.lo, a.nominal - b.nominal),
        BinOp::Mul => Some(mul(a, b)),
        BinOp::Div => div(a, b),
        _ => return Val::Bool(compare(op, &a, &b)),
    };
    n.map_or(Val::Undefined, Val::Num)
}

/// Formats a computed number for a message: thousands separators, and at
/// most two decimals.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u128;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u32;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// Renders a value for a message; a bare capture shows its text as written.
pub fn render(expr: &Expr, scope: &Scope<'_>) -> String {
    if let Expr::Name { name, .. } = expr
        && scope.claim(name).is_some()
    {
        let texts: Vec<&str> = scope.members(name).map(|c| c.text.as_str()).collect();
        return texts.join(" + ");
    }
    let is_year = matches!(expr, Expr::Call { function, .. } if function == "year");
    match eval(expr, scope) {
        // A year is written without a thousands separator.
        Val::Num(n) if is_year && n.nominal.is_finite() => format!("{}", n.nominal.round()),
        Val::Num(n) => like_operands(expr, scope)
            .and_then(|c| format_like(n.nominal, c))
            .unwrap_or_else(|| format_number(n.nominal)),
        Val::Str(s) => s,
        Val::Bool(Truth::True) => "true".into(),
        Val::Bool(Truth::False) => "false".into(),
        Val::Bool(Truth::Unknown) => "unknown".into(),
        Val::Date(Some((a, b)), _) if a == b => a.to_string(),
        Val::Date(Some((a, b)), _) => format!("{a} to {b}"),
        Val::Date(None, _) | Val::Undefined => "?".into(),
    }
}

/// The claim a sum or difference of money or measures should be written
/// like: its first operand, when every operand is one claim of the same
/// kind and currency or unit ("£4.8m - £1.2m" is written "£3.6m").
fn like_operands<'a>(expr: &'a Expr, scope: &'a Scope<'_>) -> Option<&'a Claim> {
    fn leaves<'e>(e: &'e Expr, out: &mut Vec<&'e str>) -> bool {
        match e {
            Expr::Binary {
                op: BinOp::Add | BinOp::Sub,
                left,
                right,
            } => leaves(left, out) && leaves(right, out),
            Expr::Neg(inner) => leaves(inner, out),
            Expr::Call { function, args, .. } if function == "abs" => {
                args.iter().all(|a| leaves(a, out))
            }
            Expr::Name { name, .. } => {
                out.push(name);
                true
            }
            Expr::Number { .. } => true,
            _ => false,
        }
    }
    if matches!(expr, Expr::Name { .. } | Expr::Number { .. }) {
        return None;
    }
    let mut names = Vec::new();
    if !leaves(expr, &mut names) {
        return None;
    }
    let claims: Vec<&Claim> = names.iter().flat_map(|n| scope.members(n)).collect();
    let first = *claims.first()?;
    // A range ("2,000-3,000") has no one figure to write a result like.
    let like = |c: &Claim| {
        c.kind == first.kind
            && c.currency == first.currency
            && c.unit == first.unit
            && c.range.is_none()
    };
    (like(first)
        && matches!(
            first.kind,
            ClaimKind::Money | ClaimKind::Quantity | ClaimKind::Number | ClaimKind::Count
        )
        && claims.iter().all(|c| like(c)))
    .then(|| {
        // "1 tonne" and "3 tonnes" make "4 tonnes": prefer a plural model.
        claims
            .iter()
            .copied()
            .find(|c| !c.text.starts_with("1 "))
            .unwrap_or(first)
    })
}

/// `value` written as `claim` writes its figure: its prefix ("£", "US$"),
/// its scale ("m", " mln") and suffix (" tonnes"), with the decimals the
/// value needs; none when the figure is not plain digits (a sign, "½",
/// words) or its unit is not a pure scale (°C and °F are offset).
fn format_like(value: f64, claim: &Claim) -> Option<String> {
    let text = claim.text.as_str();
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let len = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len() - start);
    let digits = text[start..start + len].trim_end_matches(['.', ',']);
    let (prefix, suffix) = (&text[..start], &text[start + digits.len()..]);
    let signed = prefix.contains(['-', '−', '+']) || prefix.to_lowercase().contains("minus");
    let fraction = suffix.starts_with(|c: char| !c.is_ascii() && c.is_numeric());
    if signed || fraction || claim.unit == Some("°C") {
        return None;
    }
    let written: f64 = digits.replace(',', "").parse().ok()?;
    let nominal = claim.amount()?.nominal;
    let scale = nominal / written;
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    let sign = if value < 0.0 { "-" } else { "" };
    Some(format!(
        "{sign}{prefix}{}{suffix}",
        format_decimals((value / scale).abs(), 6)
    ))
}

/// A number with thousands separators and the decimals it needs, at most
/// `max`: 2.695, 3.6, 4,050.
pub fn format_decimals(v: f64, max: usize) -> String {
    if !v.is_finite() {
        return format_number(v);
    }
    let fixed = format!("{:.max$}", v.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole = format_number(whole.parse().unwrap_or(0.0));
    let sign = if v < 0.0 && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(lo: f64, hi: f64) -> Num {
        Num {
            lo,
            hi,
            nominal: (lo + hi) / 2.0,
        }
    }

    #[test]
    fn interval_equality_is_violated_only_when_disjoint() {
        let sum = |a: Num, b: Num| Num {
            lo: a.lo + b.lo,
            hi: a.hi + b.hi,
            nominal: 0.0,
        };
        // 4,500 + 1,500 == 6,000 holds; 4,500 + 1,600 == 6,000 fails.
        assert_eq!(
            compare(
                BinOp::Eq,
                &sum(n(4500., 4500.), n(1500., 1500.)),
                &n(6000., 6000.)
            ),
            Truth::True
        );
        assert_eq!(
            compare(
                BinOp::Eq,
                &sum(n(4500., 4500.), n(1600., 1600.)),
                &n(6000., 6000.)
            ),
            Truth::False
        );
        // 4.5m + 1.5m == 6.1m: the intervals overlap.
        let m = |v: f64| n((v - 0.05) * 1e6, (v + 0.05) * 1e6);
        assert_eq!(
            compare(BinOp::Eq, &sum(m(4.5), m(1.5)), &m(6.1)),
            Truth::Unknown
        );
        assert_eq!(compare(BinOp::Le, &n(14., 14.), &n(12., 12.)), Truth::False);
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(format_number(6100.0), "6,100");
        assert_eq!(format_number(-1234567.891), "-1,234,567.89");
        assert_eq!(format_number(33.3333), "33.33");
        assert_eq!(format_number(0.5), "0.5");
    }
}
