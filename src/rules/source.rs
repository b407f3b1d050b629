//! Where things are in a rule file's text. The YAML parser gives positions
//! only for its own errors, so the loader finds rules and fields here: each
//! rule item's byte range, and strings inside it.

use std::ops::Range;

use super::load::{LoadError, LoadErrorKind};

/// Positions in one rule file.
pub(crate) struct Locator<'a> {
    pub(super) file: &'a str,
    source: &'a str,
    /// Byte offset of each line's start, for line numbers without rescans.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(file: &'a str, source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            file,
            source,
            line_starts,
        }
    }

    /// A load error at a byte offset.
    pub(crate) fn at(&self, offset: usize, kind: LoadErrorKind, hint: Option<String>) -> LoadError {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .source
            .get(line_start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        self.at_line(line, column, kind, hint)
    }

    /// A load error at a 1-based line and column, with that line's text.
    pub(crate) fn at_line(
        &self,
        line: usize,
        column: usize,
        kind: LoadErrorKind,
        hint: Option<String>,
    ) -> LoadError {
        LoadError {
            file: self.file.to_string(),
            line,
            column,
            kind,
            hint,
            source_line: self.line_text(line).to_string(),
        }
    }

    /// The text of a 1-based line, without its line break.
    fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line.wrapping_sub(1)).copied();
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.source.len());
        start
            .and_then(|s| self.source.get(s..end))
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The offset of the rule whose id is `id` (its `id:` key), searching
    /// from `from`.
    pub(super) fn rule(&self, id: &str, from: usize) -> usize {
        let mut at = from;
        while let Some(found) = self.source.get(at..).and_then(|s| s.find("id:")) {
            let key = at + found;
            let value = self.source.get(key + 3..).unwrap_or("").trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            if let Some(rest) = value.strip_prefix(id)
                && rest
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == '"' || c == '\'')
            {
                return key;
            }
            at = key + 3;
        }
        from
    }

    /// The offset of `value` (a field's string) after `from`, or of its key.
    pub(crate) fn value(&self, from: usize, key: &str, value: &str) -> usize {
        let rest = self.source.get(from..).unwrap_or("");
        let key_at = rest.find(&format!("{key}:")).map(|k| from + k);
        let search_from = key_at.unwrap_or(from);
        match self.source.get(search_from..).and_then(|s| s.find(value)) {
            Some(v) if !value.is_empty() => search_from + v,
            _ => key_at.unwrap_or(from),
        }
    }
}

/// The byte ranges of the items of the top-level `rules:` list, when it is
/// written in block style (`- id: …` lines); each range starts at its `-`.
pub(super) fn rule_items(source: &str) -> Option<Vec<Range<usize>>> {
    let mut lines = lines_with_offsets(source);
    lines.find(|(_, l)| {
        l.strip_prefix("rules:")
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    })?;
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut indent = None;
    let mut end = source.len();
    for (offset, line) in lines {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let this = line.len() - content.len();
        let dash = content == "-" || content.starts_with("- ");
        let d = *indent.get_or_insert(this);
        if this < d || (this == d && !dash) {
            end = offset;
            break;
        }
        if this == d {
            if let Some(last) = items.last_mut() {
                last.end = offset + this;
            }
            items.push(offset + this..source.len());
        }
    }
    if let Some(last) = items.last_mut() {
        last.end = end;
    }
    (!items.is_empty()).then_some(items)
}

/// The source with everything outside `item` blanked and the item's `-`
/// turned into a space, so that the item parses as a mapping of its own
/// while every line and column stays where it was.
pub(super) fn item_alone(source: &str, item: &Range<usize>) -> String {
    let mut out = String::with_capacity(source.len());
    for (offset, line) in lines_with_offsets(source) {
        let end = offset + line.len();
        if end <= item.start || offset >= item.end {
            out.push('\n');
            continue;
        }
        let from = item.start.max(offset);
        out.extend(std::iter::repeat_n(' ', from - offset));
        let text = source.get(from..end.min(item.end)).unwrap_or("");
        match text.strip_prefix('-').filter(|_| from == item.start) {
            Some(rest) => {
                out.push(' ');
                out.push_str(rest);
            }
            None => out.push_str(text),
        }
        out.push('\n');
    }
    out
}

/// The text with the field on 1-based `line` blanked (its key line and the
/// lines indented under it) or given the `stand_in` value for its key, and
/// the field's key; none when the line holds no key of the rule's mapping.
pub(super) fn blank_field(
    text: &str,
    line: usize,
    stand_in: impl Fn(&str) -> Option<&'static str>,
) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    // The rule's keys sit at the indent of its first non-blank line.
    let keys = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| indent(l))?;
    let mut first = line.checked_sub(1)?;
    while lines
        .get(first)
        .is_some_and(|l| l.trim().is_empty() || indent(l) > keys)
    {
        first = first.checked_sub(1)?;
    }
    let key_line = lines.get(first)?;
    let key = key_line.trim_start().split(':').next()?.trim().to_string();
    let mut last = first + 1;
    while lines
        .get(last)
        .is_some_and(|l| l.trim().is_empty() || indent(l) > keys)
    {
        last += 1;
    }
    // A required field gets a stand-in value, so that the rest of the rule
    // is still read and checked.
    let replacement = stand_in(&key).map(|v| format!("{}{key}: {v}", " ".repeat(keys)));
    let out: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| match (&replacement, i) {
            (Some(r), i) if i == first => r.as_str(),
            (_, i) if (first..last).contains(&i) => "",
            _ => l,
        })
        .collect();
    Some((key, out.join("\n")))
}

/// The 1-based line and column of the second `key:` among the rule's own
/// keys (those at the indent of its first line).
pub(super) fn repeated_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let keys = text.lines().find(|l| !l.trim().is_empty()).map(indent)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            indent(l) == keys
                && l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(i, l)| (i + 1, indent(l) + 1))
}

/// Each line (without its line break) with its byte offset.
fn lines_with_offsets(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    source.split_inclusive('\n').map(move |raw| {
        let at = offset;
        offset += raw.len();
        (at, raw.trim_end_matches(['\n', '\r']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# a pack\nrules:\n  - id: a\n    summary: x\n\n  # between\n  - id: b\n    tests:\n      - text: t\nother: 1\n";

    #[test]
    fn items_are_found_by_their_dash() {
        let items = rule_items(FILE).unwrap();
        assert_eq!(items.len(), 2);
        assert!(FILE[items[0].clone()].starts_with("- id: a"));
        assert!(FILE[items[1].clone()].starts_with("- id: b"));
        assert!(FILE[items[1].clone()].ends_with("text: t\n"));
    }

    #[test]
    fn an_item_alone_keeps_its_lines_and_columns() {
        let items = rule_items(FILE).unwrap();
        let alone = item_alone(FILE, &items[1]);
        assert_eq!(alone.lines().count(), FILE.lines().count());
        assert_eq!(alone.lines().nth(6), Some("    id: b"));
        assert_eq!(alone.lines().nth(2), Some(""));
    }

    #[test]
    fn flow_style_has_no_items() {
        assert_eq!(rule_items("rules: [{id: a}]"), None);
        assert_eq!(rule_items("nothing: here"), None);
    }
}
