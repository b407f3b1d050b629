//! Claims: every numeric and temporal expression of a document as a record
//! with its exact byte span, sentence, paragraph and interval value.
//!
//! A cheap scanner (`scan`) walks each sentence once, stopping only where a
//! claim can start (a digit, a currency sign, a month or number word), and
//! runs anchored nom recognisers there ([`numeral`], [`date`]).

pub mod calendar;
pub mod date;
mod ellipsis;
pub mod hedge;
mod lengths;
mod lexicon;
mod list;
mod measure;
mod money;
pub mod noun;
pub mod numeral;
pub mod published;
mod range;
mod ratio;
pub mod resolve;
mod scan;
mod tag;
mod temporal;
pub mod value;

use jiff::civil::Date;
use serde::Serialize;

use crate::document::{Document, Span};
pub use hedge::{Hedge, HedgeKind};
pub use noun::Noun;
pub use value::{Amount, Anchor, DateValue, Grain, Value};

/// What a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A bare figure: "1,500", "six or seven".
    Number,
    /// A figure with what it counts: "4,500 US citizens".
    Count,
    /// "37%", "1.5 per cent", "12 percentage points".
    Percent,
    /// "$3bn", "£4.5m".
    Money,
    /// A figure with a unit of measure.
    Quantity,
    /// "3rd", "21st".
    Ordinal,
    /// "one in five", "two-thirds".
    Ratio,
    /// "August 31", "31 August 2021", "2021".
    Date,
    /// "20 years".
    Duration,
    /// "Biden, 78".
    Age,
}

impl ClaimKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [ClaimKind; 10] = [
        ClaimKind::Number,
        ClaimKind::Count,
        ClaimKind::Percent,
        ClaimKind::Money,
        ClaimKind::Quantity,
        ClaimKind::Ordinal,
        ClaimKind::Ratio,
        ClaimKind::Date,
        ClaimKind::Duration,
        ClaimKind::Age,
    ];

    /// The name used in JSON and in rule patterns.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Number => "number",
            ClaimKind::Count => "count",
            ClaimKind::Percent => "percent",
            ClaimKind::Money => "money",
            ClaimKind::Quantity => "quantity",
            ClaimKind::Ordinal => "ordinal",
            ClaimKind::Ratio => "ratio",
            ClaimKind::Date => "date",
            ClaimKind::Duration => "duration",
            ClaimKind::Age => "age",
        }
    }

    /// Whether arithmetic applies (what `{name}` without a kind captures).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ClaimKind::Number
                | ClaimKind::Count
                | ClaimKind::Percent
                | ClaimKind::Money
                | ClaimKind::Quantity
                | ClaimKind::Ratio
        )
    }
}

/// One claim found in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Position in the document's claim list.
    pub id: usize,
    /// What it is.
    pub kind: ClaimKind,
    /// The figure as written ("6,000", "$3bn", "August 31").
    pub text: String,
    /// Where the figure is (reports add line and column).
    #[serde(skip)]
    pub span: Span,
    /// Where the claim's words start: the hedge, if any, else the figure.
    pub lead: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// The role of its paragraph (headline, caption, …).
    #[serde(skip_serializing_if = "is_body")]
    pub role: crate::document::Role,
    /// Its value, hedges applied.
    pub value: Value,
    /// Whether a hedge makes it approximate ("an estimated 6,000").
    pub approx: bool,
    /// The hedge before it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<Hedge>,
    /// What a count counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<Noun>,
    /// ISO 4217 code of money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    /// Whether a percentage is in percentage points.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub points: bool,
    /// The unit of a duration or age ("year", "month", "week", "day"), or
    /// the canonical unit a quantity's value is held in ("m", "kg", "°C").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// A range's two ends in the order written ("between 12,000 and 9,000");
    /// `value` then spans both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    /// How many items the list after a count names ("three countries:
    /// France, Germany and Italy" lists 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed: Option<usize>,
    /// For a count that refers back ("the 2,800 British nationals", "all
    /// 184 passengers"), the id of the last earlier count of the same thing
    /// in an earlier sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<usize>,
    /// A count's noun and the word of action after it ("us citizens
    /// evacuated"), the key for "the same figure twice".
    #[serde(skip)]
    pub key: Option<String>,
}

/// The two ends of a range as written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// The first end written.
    pub from: Amount,
    /// The second end written.
    pub to: Amount,
}

impl Claim {
    /// The numeric value, if the claim has one.
    pub fn amount(&self) -> Option<Amount> {
        match self.value {
            Value::Amount(a) => Some(a),
            Value::Ordinal(n) => Some(Amount::exact(n as f64)),
            Value::Date(_) => None,
        }
    }

    /// The date value, if the claim is a date.
    pub fn date(&self) -> Option<DateValue> {
        match self.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }
}

fn is_body(role: &crate::document::Role) -> bool {
    *role == crate::document::Role::Body
}

/// Finds every claim in `document`; `published` resolves year-less and
/// relative dates.
pub fn extract_claims(document: &Document, published: Option<Date>) -> Vec<Claim> {
    // About one claim in 150 bytes of news copy.
    let mut claims = Vec::with_capacity(document.text.len() / 150);
    let mut pending = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        scan::sentence(
            &document.text,
            sentence.span,
            index,
            sentence.paragraph,
            published,
            &mut claims,
            &mut pending,
        );
    }
    inherit_years(document, &mut claims);
    resolve_previous(&document.text, &mut claims, &pending);
    // Once counted, "a week later" lends its year too ("…, on March 10").
    inherit_years(document, &mut claims);
    for (id, claim) in claims.iter_mut().enumerate() {
        claim.id = id;
        if let (Some(noun), Some(sentence)) = (&claim.noun, document.sentences.get(claim.sentence))
            && noun::counts_many(&noun.text)
        {
            // A capitalised count inside a sentence names something ("Precious
            // Six Garments", "their Six Nations squad"), and a whole after
            // "out of" ("two out of 16 dancers - X and Y -") is not what a
            // list after it names.
            let named =
                claim.text.starts_with(char::is_uppercase) && claim.lead > sentence.span.start;
            let before = document.text.get(..claim.lead).unwrap_or("").trim_end();
            let whole = before.ends_with(" out of") || before.ends_with(" Out of");
            if !named && !whole {
                claim.listed = list::listed(&document.text, noun.span.end, sentence.span.end);
            }
        }
    }
    for claim in &mut claims {
        claim.role = document
            .roles
            .get(claim.paragraph)
            .copied()
            .unwrap_or_default();
    }
    noun::link_antecedents(&document.text, &mut claims);
    for claim in &mut claims {
        claim.key = claim
            .noun
            .as_ref()
            .and_then(|n| noun::key(&document.text, n));
    }
    claims
}

/// A year-less day takes the year of the date before it in its sentence
/// ("held on Sept. 19, 2021, and announced on Sept. 21"), or of a bare or
/// counted year just before it ("In 2001, on Tuesday, September 11";
/// "Twenty years ago, on Tuesday, Sept. 11"), as copy omits a year it has
/// just given. Not when the year would contradict its written weekday ("born
/// on 12 October 1935 and died on Tuesday, 24 August") or a future verb
/// ("listed on March 3, 2004, will report on Aug. 31").
fn inherit_years(document: &Document, claims: &mut [Claim]) {
    let text = &document.text;
    struct Given {
        sentence: usize,
        year: i16,
        end: usize,
        bare: bool,
    }
    let mut given: Option<Given> = None;
    for claim in claims.iter_mut() {
        let Value::Date(value) = &mut claim.value else {
            continue;
        };
        if given.as_ref().is_some_and(|g| g.sentence != claim.sentence) {
            given = None;
        }
        // A counted year ("Twenty years ago") or a counted day ("a week
        // later") lends its year to a date right after it.
        let counted = value.anchor != Anchor::None
            && matches!(value.grain, Grain::Year | Grain::Day)
            && !value.interval;
        match (value.year, value.anchor) {
            (Some(year), Anchor::None) => {
                given = Some(Given {
                    sentence: claim.sentence,
                    year,
                    end: claim.span.end,
                    // Only a full date lends its year to the whole sentence;
                    // "since August 1985 … due to expire on June 30" does not.
                    bare: value.grain != Grain::Day,
                });
            }
            _ if counted => {
                if let Some(start) = value.start {
                    given = Some(Given {
                        sentence: claim.sentence,
                        year: start.year(),
                        end: claim.span.end,
                        bare: true,
                    });
                }
            }
            (None, Anchor::None) if value.grain == Grain::Day && !value.interval => {
                // A bare year only lends itself across "on", "in", "of" and
                // punctuation: "founded in 1990, will report on March 3" does not.
                let adjacent = |end: usize| {
                    text.get(end..claim.lead).is_some_and(|between| {
                        between.split(|c: char| !c.is_alphanumeric()).all(|w| {
                            matches!(
                                w,
                                "" | "on"
                                    | "in"
                                    | "of"
                                    | "the"
                                    | "morning"
                                    | "afternoon"
                                    | "evening"
                                    | "night"
                            )
                        })
                    })
                };
                let future = || {
                    document
                        .sentences
                        .get(claim.sentence)
                        .and_then(|s| text.get(s.span.start..claim.lead))
                        .is_some_and(calendar::future_before)
                };
                if let Some(g) = &given {
                    let mut lent = *value;
                    resolve::with_year(&mut lent, g.year);
                    let weekday_fits = match (value.weekday, lent.start) {
                        (Some(w), Some(d)) => {
                            calendar::WEEKDAYS.get(calendar::weekday_index(d)) == Some(&w)
                        }
                        _ => true,
                    };
                    // A weekday that fits is proof enough that a year further
                    // back in the sentence is meant ("In 1987 markets crashed
                    // on Black Monday, Oct. 19").
                    let proven = value.weekday.is_some() && weekday_fits;
                    let near = if g.bare { adjacent(g.end) } else { !future() };
                    if weekday_fits && (near || proven) {
                        *value = lent;
                    }
                }
            }
            _ => {}
        }
    }
}

/// How many sentences back "a week later" looks for the date it counts from.
const PREVIOUS_DATE_REACH: usize = 2;

/// How many claims back "a week later" looks, however many figures those
/// sentences hold: a sentence of thousands stays linear.
const PREVIOUS_CLAIMS_REACH: usize = 64;

/// Resolves "a week later", "the following day" against the date it counts
/// from: the one earlier date in its own sentence or, with none there, the
/// one in the nearest earlier sentence at most [`PREVIOUS_DATE_REACH`] back.
/// Two candidates in that sentence make it ambiguous ("resigned on Feb. 11,
/// after protests that began on Jan. 25. Two days later…"), and it stays
/// unresolved. A date right before it ("on 10 March, a week later") is the
/// same date, not its anchor. The look-back is bounded (sentences and
/// claims), so the pass stays linear.
fn resolve_previous(text: &str, claims: &mut [Claim], pending: &[(usize, resolve::When)]) {
    for &(index, when) in pending {
        let Some((sentence, lead)) = claims.get(index).map(|c| (c.sentence, c.lead)) else {
            continue;
        };
        let apposed = |c: &Claim| {
            // The words between are read only up to the first that is not
            // "on": cheap however far back `c` is.
            c.sentence == sentence
                && text.get(c.span.end..lead).is_some_and(|between| {
                    between
                        .split(|ch: char| !ch.is_alphanumeric())
                        .all(|w| w.is_empty() || w == "on")
                        && !between.contains([';', '.'])
                })
        };
        let mut candidates = claims[..index]
            .iter()
            .rev()
            .take_while(|c| c.sentence + PREVIOUS_DATE_REACH >= sentence)
            .take(PREVIOUS_CLAIMS_REACH)
            .filter(|c| !apposed(c))
            .filter(|c| c.date().is_some_and(|d| d.start.is_some()));
        let Some(first) = candidates.next() else {
            continue;
        };
        let rival = candidates
            .next()
            .is_some_and(|c| c.sentence == first.sentence);
        let previous = first.date();
        if rival {
            continue;
        }
        if let (Some(previous), Some(Value::Date(value))) =
            (previous, claims.get_mut(index).map(|c| &mut c.value))
        {
            resolve::shift_previous(when, &previous, value);
        }
    }
}
