//! Paragraph and sentence boundaries.
//!
//! Paragraphs end at blank lines; a line indented after an unindented one
//! also starts a paragraph (wire copy indents its first lines). Sentences end
//! at `.`, `!` or `?` followed by white space and a capital, a digit or an
//! opening quote, unless the word before the stop is an abbreviation
//! ("Mr.", "U.S.", "Aug. 31", "No. 10").

use super::Span;

/// Splits `text` into paragraph spans, trimmed of surrounding white space.
pub fn paragraphs(text: &str) -> Vec<Span> {
    // About one paragraph in 300 bytes of news copy: most texts grow it
    // once or not at all.
    let mut out = Vec::with_capacity(text.len() / 300 + 1);
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    // Lines found by memchr's vectorised search (std's `split_inclusive`
    // reads a word at a time).
    let mut from = 0;
    let lines = std::iter::from_fn(|| {
        let rest = text.get(from..).filter(|r| !r.is_empty())?;
        let len = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        from += len;
        rest.get(..len)
    });
    for line in lines {
        let body = line.trim_end_matches(['\n', '\r']);
        let blank = body.trim().is_empty();
        let indented = body.starts_with([' ', '\t']);
        if (blank || (indented && start.is_some()))
            && let Some(s) = start.take()
        {
            out.push(Span::new(s, end));
        }
        if !blank {
            let lead = body.len() - body.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + body.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Splits one paragraph into sentence spans, appended to `out`.
pub fn sentences(text: &str, paragraph: Span, out: &mut Vec<Span>) {
    let body = paragraph.slice(text);
    let base = paragraph.start;
    let bytes = body.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // The stops are found by memchr's vectorised search, many bytes a step.
    while let Some(found) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
    {
        let stop = i + found;
        // Every stop in a run ("...", "?!", ".\"") ends where the run does.
        let e = end_of_closers(body, stop);
        match boundary_after(body, stop, e) {
            Ok(next_start) => {
                let sentence = body[start..].len() - body[start..].trim_start().len();
                let s = start + sentence;
                if e > s {
                    out.push(Span::new(base + s, base + e));
                }
                start = next_start;
                i = next_start;
            }
            Err(resume) => i = resume,
        }
    }
    let rest = &body[start.min(body.len())..];
    let lead = rest.len() - rest.trim_start().len();
    let s = start + lead;
    let e = start + rest.trim_end().len();
    if e > s {
        out.push(Span::new(base + s, base + e));
    }
}

/// The end of a stop and the quotes or brackets that close it.
fn end_of_closers(body: &str, stop: usize) -> usize {
    let mut end = stop + 1;
    for c in body[end..].chars() {
        if matches!(c, '.' | '!' | '?' | '"' | '\'' | '’' | '”' | ')' | ']') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Where the next sentence starts if the stop at `stop`, whose run of
/// stops and closers ends at `end`, ends a sentence; else where to look for
/// the next stop: past the run when what follows it rules out every stop in
/// it (so a run of a million stops is read once), else the next byte.
fn boundary_after(body: &str, stop: usize, end: usize) -> Result<usize, usize> {
    let rest = body.get(end..).unwrap_or_default();
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return Err(end); // "4.5", "U.S.-led": no white space after the stop
    }
    let next = end + (rest.len() - trimmed.len());
    let opens = trimmed.chars().next().is_some_and(|first| {
        first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '"' | '\'' | '“' | '‘' | '(' | '[')
    });
    if !opens {
        return Err(end);
    }
    if body.as_bytes().get(stop) == Some(&b'.') && is_abbreviation(&body[..stop], trimmed) {
        return Err(stop + 1);
    }
    Ok(next)
}

/// Whether the word ending just before a full stop is an abbreviation;
/// `after` is the text after the stop and its white space.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted forms: "U.S", "J", "a.m".
    let last = word.rsplit('.').next().unwrap_or(word);
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) {
        return true;
    }
    // The lists are in small ASCII letters: compared without a lowercase copy.
    let listed = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(last));
    const TITLES: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col", "capt",
        "sgt", "rev", "hon", "mt", "ft", "messrs", "mme", "vs", "e.g", "i.e", "cf", "al", "approx",
    ];
    // Abbreviations that stay open only before a figure: "No. 10", "Aug. 31".
    const BEFORE_FIGURES: &[&str] = &[
        "no", "nos", "p", "pp", "vol", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ];
    // Weekdays that stay open before a date: "Tue. Aug. 31", "Sun. 13 July".
    const WEEKDAYS: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let before_date = next.is_ascii_digit() || MONTHS.iter().any(|m| after.starts_with(m));
    listed(TITLES)
        || (next.is_ascii_digit() && listed(BEFORE_FIGURES))
        || (before_date && listed(WEEKDAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        paragraphs(text)
            .into_iter()
            .flat_map(|p| {
                let mut out = Vec::new();
                sentences(text, p, &mut out);
                out
            })
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_sentences() {
        let text = "Mr. Smith of the U.S. Army paid $4.5m on Aug. 31 to No. 10. It rose. \"Yes,\" he said.";
        assert_eq!(
            split(text),
            vec![
                "Mr. Smith of the U.S. Army paid $4.5m on Aug. 31 to No. 10.",
                "It rose.",
                "\"Yes,\" he said."
            ]
        );
    }

    #[test]
    fn ellipses_inside_quotes_do_not_split() {
        let text = "“They have to . . . provide safe passage,” he added.";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn blank_lines_and_indents_start_paragraphs() {
        let text = "Headline\n\nFirst para\ncontinues.\n    Wire para\nwraps here.\n";
        let paras: Vec<_> = paragraphs(text).iter().map(|p| p.slice(text)).collect();
        assert_eq!(
            paras,
            vec![
                "Headline",
                "First para\ncontinues.",
                "Wire para\nwraps here."
            ]
        );
    }
}
