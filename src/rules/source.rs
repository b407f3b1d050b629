//! Where things are in a rule file's text. The YAML parser gives positions
//! only for its own errors, so the loader finds rules and fields here: each
//! rule item's byte range, and strings inside it.

use std::ops::Range;

use super::load::{LoadError, LoadErrorKind};

/// Positions in one rule file.
pub(crate) struct Locator<'a> {
    pub(super) file: &'a str,
    /// Whether the file is the built-in pack, whose regexes a test checks.
    pub(super) trusted: bool,
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
            trusted: false,
            source,
            line_starts,
        }
    }

    /// The 1-based line of a byte offset.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// A load error at a byte offset.
    pub(crate) fn at(&self, offset: usize, kind: LoadErrorKind, hint: Option<String>) -> LoadError {
        let offset = offset.min(self.source.len());
        let line = self.line_of(offset);
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
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '}'))
            {
                return key;
            }
            at = key + 3;
        }
        from
    }

    /// The offset of `value` (a field's string) after `from`, or of its key.
    pub(crate) fn value(&self, from: usize, key: &str, value: &str) -> usize {
        self.inner(
            Field {
                from,
                key,
                value,
                skip: 0,
            },
            0,
        )
    }

    /// The offset in the source of byte `offset` of a field's parsed value
    /// (past `skip`): where the value is written verbatim, a plain sum;
    /// where YAML folded lines or undid escapes, a walk that matches the
    /// value's characters to the source's. Falls back to the key.
    pub(crate) fn inner(&self, field: Field<'_>, offset: usize) -> usize {
        let rest = self.source.get(field.from..).unwrap_or("");
        let Some(key_at) = rest
            .find(&format!("{}:", field.key))
            .map(|k| field.from + k)
        else {
            return field.from;
        };
        let after = key_at + field.key.len() + 1;
        let offset = field.skip + offset;
        if field.value.is_empty() {
            return key_at;
        }
        // Written verbatim, the value follows its key within a quote and a
        // few spaces: look no further (a value with escapes would otherwise
        // be searched for to the end of the file).
        let plain = after
            + self.source.get(after..).map_or(0, |s| {
                s.len() - s.trim_start_matches([' ', '"', '\'']).len()
            });
        if self
            .source
            .get(plain..)
            .is_some_and(|s| s.starts_with(field.value))
        {
            return plain + offset.min(field.value.len());
        }
        let mut near = after
            .saturating_add(field.value.len() * 2 + 64)
            .min(self.source.len());
        while !self.source.is_char_boundary(near) {
            near -= 1;
        }
        let window = self.source.get(after..near);
        if let Some(v) = window.and_then(|s| s.find(field.value)) {
            return after + v + offset.min(field.value.len());
        }
        let start = value_start(self.source, after);
        walk(self.source, start, field.value, offset).unwrap_or(key_at)
    }
}

/// A field of a rule: the value as parsed, found by its key after `from`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'v> {
    /// Where to look for the key.
    pub(crate) from: usize,
    /// The key.
    pub(crate) key: &'v str,
    /// The value as parsed.
    pub(crate) value: &'v str,
    /// Bytes of the value before the part offsets count from.
    pub(crate) skip: usize,
}

/// Where a value written after a key starts: past spaces, an opening quote,
/// or a block indicator (`>-`, `|`) and the line break after it.
fn value_start(source: &str, after_key: usize) -> usize {
    let rest = source.get(after_key..).unwrap_or("");
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let at = after_key + spaces;
    let rest = source.get(at..).unwrap_or("");
    if rest.starts_with(['|', '>']) {
        let line_end = rest.find('\n').map_or(source.len(), |n| at + n + 1);
        let next = source.get(line_end..).unwrap_or("");
        return line_end + (next.len() - next.trim_start_matches([' ', '\t']).len());
    }
    if rest.starts_with(['"', '\'']) {
        return at + 1;
    }
    at
}

/// The source offset of byte `offset` of `value`, walking both from
/// `start`: white space runs match white space runs (folding), an escape
/// (`\"`, `\u00e9`, `''`) matches its character. None when they part.
fn walk(source: &str, start: usize, value: &str, offset: usize) -> Option<usize> {
    let mut j = start;
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            return Some(j);
        }
        let rest = source.get(j..)?;
        if c.is_whitespace() {
            while chars
                .peek()
                .is_some_and(|(k, n)| *k < offset && n.is_whitespace())
            {
                chars.next();
            }
            j += rest.len() - rest.trim_start().len();
            continue;
        }
        let s = rest.chars().next()?;
        if s == c {
            j += s.len_utf8();
        } else if s == '\\' {
            let body = rest.get(1..)?;
            j += 1 + match body.chars().next()? {
                'x' => 3,
                'u' => 5,
                'U' => 9,
                e => e.len_utf8(),
            };
        } else if c == '\'' && rest.starts_with("''") {
            j += 2;
        } else {
            return None;
        }
    }
    Some(j)
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

/// The lines of `item` alone, with its `-` turned into a space so that it
/// parses as a mapping of its own, and the number of lines before it: line
/// `n` of the result is line `n + before` of the file, columns unchanged.
/// Only the item's own lines are copied, so reading every item is linear.
pub(super) fn item_alone(loc: &Locator<'_>, item: &Range<usize>) -> (String, usize) {
    let source = loc.source;
    let mut out = String::with_capacity(item.len() + 64);
    let before = loc.line_of(item.start) - 1;
    let line_start = loc.line_starts.get(before).copied().unwrap_or(0);
    let rest = source.get(line_start..).unwrap_or("");
    for (offset, line) in lines_with_offsets(rest) {
        let offset = offset + line_start;
        let end = offset + line.len();
        if offset >= item.end {
            break;
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
    (out, before)
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
        let (alone, before) = item_alone(&Locator::new("f", FILE), &items[1]);
        assert_eq!(before, 6);
        assert_eq!(alone.lines().next(), Some("    id: b"));
        assert_eq!(alone.lines().count(), 3);
    }

    #[test]
    fn flow_style_has_no_items() {
        assert_eq!(rule_items("rules: [{id: a}]"), None);
        assert_eq!(rule_items("nothing: here"), None);
    }
}
