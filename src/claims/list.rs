//! Lists a count announces: "three countries: France, Germany and Italy",
//! "two rivals — Smith and Jones —", "four teams (A, B, C and D)". The
//! count claim records how many items follow, so a rule can compare them.
//!
//! Conservative by design. The list opens after the counted noun with a
//! colon, a dash or a parenthesis; a colon may come a few plain words later
//! ("four players have been called up: Smith, Okafor and Patel"), and a
//! comma may open a list of names ("its four subsidiaries, Alfa GmbH,
//! Brunel Ltd and Vexa SA."). It runs to the end of the sentence or its
//! closing mark and is made of short items without figures ("three people:
//! two men and a woman" counts people, not items). "Including" and "such
//! as" never open a list here, so such partial lists are never counted.

/// Most items in a list, and most words in an item.
const MAX_ITEMS: usize = 12;
const MAX_WORDS: usize = 5;
/// Most bytes after the counted noun searched for a list.
const MAX_BYTES: usize = 2_000;

/// How many items the list opening at `at` (just after a counted noun)
/// names, within the sentence ending at `end`.
pub(super) fn listed(text: &str, at: usize, end: usize) -> Option<usize> {
    // A list of at most MAX_ITEMS short items fits in far fewer bytes: the
    // search stops there, so a sentence of a megabyte costs no more per
    // figure than a short one.
    let mut end = end.min(at.saturating_add(MAX_BYTES));
    while end > at && !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = text.get(at..end)?;
    let mut names_only = false;
    let (body, close) = if let Some(r) = rest.strip_prefix(": ") {
        (r, None)
    } else if let Some(r) = delayed_colon(rest) {
        (r, None)
    } else if let Some(r) = rest.strip_prefix(", ") {
        names_only = true;
        (r, None)
    } else if let Some(r) = rest
        .strip_prefix(" — ")
        .or_else(|| rest.strip_prefix(" – "))
        .or_else(|| rest.strip_prefix(" -- "))
        .or_else(|| rest.strip_prefix(" - "))
    {
        // Closed by a second dash, or running to the end of the sentence.
        let closed = [" —", " –", " -"]
            .iter()
            .filter_map(|d| memchr::memmem::find(r.as_bytes(), d.as_bytes()))
            .min();
        let body = match closed {
            Some(end) => &r[..end],
            None => r.trim_end().trim_end_matches(['.', '!', '?', ';']),
        };
        // "one of the four banks - X or Y -" names some, not all four.
        if !body.contains(" and ") {
            return None;
        }
        return items(body);
    } else if let Some(r) = rest.strip_prefix(" (") {
        (r, Some([')', ')', ')']))
    } else if let Some(body) = delayed_dash(rest) {
        return body.contains(" and ").then(|| items(body)).flatten();
    } else {
        return None;
    };
    let body = match close {
        Some(marks) => &body[..body.find(marks)?],
        None => colon_list(body),
    };
    let count = items(body)?;
    // After a comma only names make a list ("its four subsidiaries, Alfa
    // GmbH, Brunel Ltd and Vexa SA"), not a clause ("three firms, led by X
    // and Y").
    if names_only && !body.split(", ").all(capitalised) {
        return None;
    }
    Some(count)
}

/// A list after a colon runs to the end of the sentence, or to the comma
/// after its "and" item ("…, Ben Lydiate and Josh Crane, the coach said").
fn colon_list(body: &str) -> &str {
    let body = body.trim_end().trim_end_matches(['.', '!', '?', ';']);
    match body.find(" and ") {
        Some(and) => match body[and..].find(", ") {
            Some(comma) => &body[..and + comma],
            None => body,
        },
        None => body,
    }
}

/// A list set off by two dashes a few words after the noun: "the three
/// cities bidding to host the 2030 games – Manchester, Birmingham and
/// Leeds –". Words and figures may come between, but no punctuation. A
/// spaced hyphen may join words ("the north - east"): a dash further on
/// in reach opens the list before it does.
fn delayed_dash(rest: &str) -> Option<&str> {
    let (at, dash) = after_plain_words(
        rest,
        |c| c.is_alphanumeric(),
        |tail| {
            [(" — ", true), (" – ", true), (" - ", false)]
                .into_iter()
                .find(|(d, _)| tail.starts_with(d))
        },
    )?;
    let after = rest.get(at + dash.len()..)?;
    let end = memchr::memmem::find(after.as_bytes(), dash.trim_end().as_bytes())?;
    Some(after.get(..end)?.trim_end())
}

/// A colon a few plain words after the noun: "called up for the first
/// time: …", "of fuel: …". No punctuation or figure may come between.
fn delayed_colon(rest: &str) -> Option<&str> {
    let (at, colon) = after_plain_words(rest, char::is_alphabetic, |tail| {
        tail.starts_with(": ").then_some((": ", true))
    })?;
    rest.get(at + colon.len()..)
}

/// Where `mark` finds its mark in `rest`, and the mark, when one to eight
/// words of `letters` come before it ("time" in " time: "), with a space
/// before each and nothing but spaces, apostrophes and hyphens between
/// them. The first mark `mark` calls sure is taken; else the first it
/// found. The search ends where such words cannot: a few dozen bytes,
/// however long the sentence.
fn after_plain_words(
    rest: &str,
    letters: impl Fn(char) -> bool,
    mark: impl Fn(&str) -> Option<(&'static str, bool)>,
) -> Option<(usize, &'static str)> {
    if !rest.starts_with(' ') {
        return None;
    }
    let mut words = 0;
    let mut in_word = false;
    let mut first = None;
    for (k, c) in rest.char_indices() {
        if words > 0
            && let Some((found, sure)) = mark(rest.get(k..).unwrap_or_default())
        {
            if sure {
                return Some((k, found));
            }
            first = first.or(Some((k, found)));
        }
        let joins = matches!(c, ' ' | '\'' | '’' | '-');
        if !joins && !letters(c) {
            return first;
        }
        let letter = !c.is_whitespace();
        if letter && !in_word {
            words += 1;
            if words > 8 {
                return first;
            }
        }
        in_word = letter;
    }
    first
}

/// Whether every item of a list (and its last "and" item) opens with a
/// capital: "Alfa GmbH", "and Vexa SA".
fn capitalised(item: &str) -> bool {
    item.split(" and ")
        .chain(item.split(" or "))
        .map(|i| i.trim_start_matches("and ").trim_start_matches("or "))
        .all(|i| i.starts_with(|c: char| c.is_uppercase()))
}

fn items(body: &str) -> Option<usize> {
    // "10 Grammys - including nominations for …": a partial list. Only
    // the opening is lowercased: a body may run to the end of a long
    // sentence.
    let opening = body.trim_start();
    let opening = opening
        .get(..opening.floor_char_boundary(16))
        .unwrap_or(opening);
    let lower = opening.to_lowercase();
    if [
        "including",
        "such as",
        "among",
        "notably",
        "mainly",
        "mostly",
        "chiefly",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
    {
        return None;
    }
    // One part more than a list may hold tells it is too long: the rest
    // need not be split.
    let mut parts: Vec<&str> = body.splitn(MAX_ITEMS + 2, ", ").collect();
    let last = parts.pop()?;
    // The last item is joined with "and" or "or" ("X, Y and Z"; "X and Y").
    let (head, tail) = match last
        .strip_prefix("and ")
        .or_else(|| last.strip_prefix("or "))
    {
        Some(tail) => ("", tail),
        None => last
            .split_once(" and ")
            .or_else(|| last.split_once(" or "))?,
    };
    let head = head.strip_suffix(',').unwrap_or(head);
    if !head.is_empty() {
        parts.push(head);
    }
    parts.push(tail);
    let ok = parts.len() >= 2
        && parts.len() <= MAX_ITEMS
        && parts.iter().all(|item| {
            let words = item.split_whitespace().count();
            (1..=MAX_WORDS).contains(&words)
                && !item.contains(|c: char| {
                    c.is_ascii_digit() || matches!(c, ':' | ';' | '(' | ')' | '"' | '“' | '”')
                })
                && !item.split_whitespace().any(is_number_word)
        });
    ok.then_some(parts.len())
}

fn is_number_word(word: &str) -> bool {
    super::numeral::words(word).is_ok_and(|(rest, _)| rest.is_empty())
        && !word.eq_ignore_ascii_case("a")
        && !word.eq_ignore_ascii_case("an")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(rest: &str) -> Option<usize> {
        listed(rest, 0, rest.len())
    }

    #[test]
    fn lists_after_a_count() {
        assert_eq!(count(": France, Germany and Italy."), Some(3));
        assert_eq!(count(" — France and Germany — joined."), Some(2));
        assert_eq!(count(" (Ford, GM, Chrysler and Tesla) sold"), Some(4));
        assert_eq!(count(": France, Germany, and Italy"), Some(3));
        assert_eq!(count(": two men and a woman."), None);
        assert_eq!(count(", including France and Italy."), None);
        assert_eq!(count(": France."), None);
        assert_eq!(count(" - BMW, Mini and Rolls-Royce - in Asia"), Some(3));
        assert_eq!(count(" - Blake QC, Nicol QC and de la Mare."), Some(3));
        assert_eq!(
            count(" - Bank of Alexandria or Banque du Caire - was"),
            None
        );
        assert_eq!(
            count(" - including nominations for artist and album -"),
            None
        );
        assert_eq!(
            count(" for the first time: Smith, Okafor and Patel."),
            Some(3)
        );
        assert_eq!(count(", Alfa GmbH, Brunel Ltd and Vexa SA."), Some(3));
        assert_eq!(count(", led by Smith and Jones."), None);
        assert_eq!(count(" were hurt, he said: two men and a woman."), None);
        let games =
            " bidding to host the 2030 games – Manchester, Birmingham, Leeds and Glasgow – will";
        assert_eq!(count(games), Some(4));
        let tour = " out of the tour: Tom Harland, Sam Okafor, Ben Lydiate and Josh Crane, the coach said.";
        assert_eq!(count(tour), Some(4));
        // A spaced hyphen between words opens no list before a dash that does.
        let north = " in the north - east — Manchester, Birmingham and Leeds — will bid.";
        assert_eq!(count(north), Some(3));
        // A dash further on, of another kind, hides no list.
        let aside = " bidding to host the games – Manchester, Birmingham and Leeds – said on Monday — in a statement — that";
        assert_eq!(count(aside), Some(3));
    }
}
