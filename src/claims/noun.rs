//! The noun phrase a figure counts: "4,500 US citizens", "two similar
//! instances". Heuristic and conservative: at most three words, stopping at
//! function words, punctuation and the first plural.

use serde::Serialize;

use super::lexicon::{Lowered, Shapes};
use crate::document::Span;

/// The words a count counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Noun {
    /// The words as written.
    pub text: String,
    /// Where they are.
    pub span: Span,
}

/// Words that end a counted noun (or are no verb after it), in byte order
/// for a binary search: [`is_stop`].
const STOP: &[&str] = &[
    "a",
    "about",
    "according",
    "across",
    "after",
    "against",
    "ago",
    "all",
    "already",
    "also",
    "among",
    "an",
    "and",
    "apiece",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "compared",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "either",
    "every",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "less",
    "may",
    "might",
    "more",
    "most",
    "must",
    "my",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "our",
    "out",
    "over",
    "per",
    "respectively",
    "said",
    "say",
    "says",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "today",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "versus",
    "very",
    "vs",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whereas",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
];

/// Nouns that are plural without a final s.
const PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "cattle",
    "sheep",
    "fish",
    "personnel",
    "data",
    "media",
    "feet",
    "teeth",
    "mice",
    "geese",
    "troops",
];

/// The noun phrase starting after `at` in `text` (which is one sentence).
pub fn noun_after(text: &str, at: usize) -> Option<Noun> {
    let rest = text.get(at..)?;
    if !rest.starts_with(' ') {
        return None; // "20-year" and "4,500." count nothing
    }
    let mut offset = at;
    // Up to three words, as (start, end).
    let mut words = [(0, 0); 3];
    let mut count = 0;
    let mut cursor = rest;
    while count < words.len() {
        let skipped = cursor.len() - cursor.trim_start_matches(' ').len();
        if skipped != 1 && count > 0 || skipped == 0 {
            break;
        }
        let body = &cursor[skipped..];
        let len = word_len(body);
        if len == 0 {
            break;
        }
        let word = &body[..len];
        let lower = Lowered::of(word);
        if is_stop(&lower) && !(word == "US" || word == "UK") {
            break;
        }
        if word.ends_with("ly") {
            break;
        }
        let start = offset + skipped;
        if let Some(slot) = words.get_mut(count) {
            *slot = (start, start + len);
            count += 1;
        }
        offset = start + len;
        cursor = &body[len..];
        if is_plural(&lower) {
            break;
        }
    }
    let mut words = words.get(..count).unwrap_or_default();
    // A trailing past participle is a verb: "4,500 evacuated".
    if let Some((&(s, e), head)) = words.split_last()
        && text[s..e].ends_with("ed")
    {
        words = head;
    }
    let (&(start, _), &(_, end)) = (words.first()?, words.last()?);
    Some(Noun {
        text: text[start..end].to_string(),
        span: Span::new(start, end),
    })
}

/// Whether `lower` (in small letters) is one of [`STOP`]: most words fail
/// on their first letter and length, before a search.
fn is_stop(lower: &str) -> bool {
    STOP_SHAPES.may_hold(lower.as_bytes()) && STOP.binary_search(&lower).is_ok()
}

/// The shapes of [`STOP`].
const STOP_SHAPES: Shapes = Shapes::of(STOP);

/// The shapes of [`PLURALS`].
const PLURAL_SHAPES: Shapes = Shapes::of(PLURALS);

/// Length of a word at the start of `s`: letters with inner hyphens or apostrophes.
fn word_len(s: &str) -> usize {
    let mut len = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            len = i + c.len_utf8();
        } else if matches!(c, '-' | '\'' | '’')
            && len == i
            && len > 0
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    len
}

/// Whether a noun phrase names many things ("countries", "US citizens"),
/// as a count above one does.
pub fn counts_many(noun: &str) -> bool {
    noun.rsplit(' ')
        .next()
        .is_some_and(|w| is_plural(&Lowered::of(w)))
}

/// Whether a lowercase word looks plural.
fn is_plural(lower: &str) -> bool {
    (lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && lower.len() > 2)
        || PLURAL_SHAPES.may_hold(lower.as_bytes()) && PLURALS.contains(&lower)
}

/// Words between a counted noun and the word that says what it did.
const AUXILIARIES: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "will",
    "would",
    "also",
    "now",
    "still",
    "already",
    "reportedly",
    "all",
    "who",
    "which",
    "that",
    "so",
    "far",
];

/// A conservative key for "the same figure for the same thing": the noun
/// and the first word after it that says what happened to it ("US citizens
/// evacuated" for "4,500 US citizens were evacuated"). None when no such
/// word follows in the sentence.
pub fn key(text: &str, noun: &Noun) -> Option<String> {
    // Only plural things are counted twice ("4,500 US citizens", not "a 61
    // mln mark capital increase").
    let last = Lowered::of(noun.text.rsplit(' ').next()?);
    if !is_plural(&last) {
        return None;
    }
    let rest = text.get(noun.span.end..)?;
    let mut words = rest.split(' ').skip_while(|w| w.is_empty());
    let verb = words.find(|w| {
        let w = w.trim_end_matches([',', '.', ';', ':']);
        !AUXILIARIES.iter().any(|a| a.eq_ignore_ascii_case(w))
    })?;
    // Punctuation before the word means it belongs to another clause.
    if rest
        .get(..rest.find(verb)?)?
        .contains([',', '.', ';', ':', '(', '—'])
    {
        return None;
    }
    let verb = verb.trim_end_matches([',', '.', ';', ':']);
    if verb.is_empty() || !verb.chars().all(char::is_alphabetic) {
        return None;
    }
    // "new PCs by 2010", "tons of zinc": a preposition says nothing of
    // what happened.
    if is_stop(&Lowered::of(verb)) {
        return None;
    }
    Some(format!("{} {}", noun.text, verb).to_lowercase())
}

/// Heads too general to tell one group from another ("15 people were
/// killed … the 20 people injured").
const GENERIC_HEADS: &[&str] = &[
    "people", "persons", "men", "women", "children", "others", "times", "years", "months", "weeks",
    "days", "hours", "minutes", "points", "votes", "cases", "ones", "shares", "units", "items",
    "counts", "charges",
];

/// Links each count that refers back with "the", "all", "those" or "these"
/// to the last earlier count of the same noun in an earlier sentence:
/// "2,300 British nationals … the 2,800 British nationals". A one-word noun
/// must come from the sentence just before ("148 passengers … All 184
/// passengers"): further back, "the 16 films" is as often a new group. One
/// pass, one map entry per noun.
pub(super) fn link_antecedents(text: &str, claims: &mut [super::Claim]) {
    let mut last: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    for (i, claim) in claims.iter_mut().enumerate() {
        let Some(noun) = &claim.noun else {
            continue;
        };
        let Some(last_word) = noun.text.rsplit(' ').next().map(Lowered::of) else {
            continue;
        };
        if !is_plural(&last_word) || GENERIC_HEADS.contains(&&*last_word) {
            continue;
        }
        let one_word = !noun.text.contains(' ');
        let key = noun.text.to_lowercase();
        let sentence = claim.sentence;
        let before = text.get(..claim.lead).unwrap_or("").trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let refers_back = ["the", "all", "those", "these"].contains(&&*Lowered::of(word));
        if refers_back
            && let Some(&(earlier, earlier_sentence)) = last.get(&key)
            && earlier_sentence < sentence
            && (!one_word || earlier_sentence + 1 == sentence)
        {
            claim.antecedent = Some(earlier);
        }
        last.insert(key, (i, sentence));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_in_byte_order() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop("said") && is_stop("each") && !is_stop("people"));
    }

    fn noun(text: &str) -> Option<String> {
        let at = text.find(' ').unwrap();
        noun_after(text, at).map(|n| n.text)
    }

    #[test]
    fn finds_what_is_counted() {
        assert_eq!(
            noun("4,500 US citizens out of").as_deref(),
            Some("US citizens")
        );
        assert_eq!(
            noun("6,000 Americans in Afghanistan").as_deref(),
            Some("Americans")
        );
        assert_eq!(
            noun("two similar instances of").as_deref(),
            Some("similar instances")
        );
        assert_eq!(noun("1,500 people had gone").as_deref(), Some("people"));
        assert_eq!(noun("1,500 were evacuated"), None);
        assert_eq!(noun("1,500 evacuated"), None);
        assert_eq!(noun("12 matches."), Some("matches".into()));
    }
}
