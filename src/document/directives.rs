//! Inline suppressions: a line of its own saying
//! `factcheck-disable-next-line [RULE-ID …]` (in Markdown or HTML inside a
//! comment, `<!-- … -->`) turns off the named rules, or every rule, on the
//! next line that holds text.

use super::Span;

/// The directive's keyword.
pub const DISABLE_NEXT_LINE: &str = "factcheck-disable-next-line";

/// One directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The directive line's bytes (without its line break).
    pub span: Span,
    /// The bytes of the line it applies to.
    pub target: Span,
    /// The rule ids it names; empty means every rule.
    pub rules: Vec<String>,
}

impl Suppression {
    /// Whether it silences `rule` at a finding touching `spans`.
    pub fn covers(&self, rule: &str, spans: &[Span]) -> bool {
        (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
            && spans
                .iter()
                .any(|s| s.start < self.target.end && self.target.start < s.end.max(s.start + 1))
    }
}

/// Every directive in `text`, one linear pass over its lines.
pub fn find(text: &str) -> Vec<Suppression> {
    // Cheap test first: most articles hold none.
    if !text.contains(DISABLE_NEXT_LINE) {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        lines.push(Span::new(offset, offset + body.len()));
        offset += raw.len();
    }
    // One backward pass: each line learns the next line that holds text
    // and is not a directive, so a run of directives costs no rescans.
    let parsed: Vec<Option<Vec<String>>> = lines.iter().map(|l| parse(l.slice(text))).collect();
    let mut next_text = Span::new(text.len(), text.len());
    let mut targets = vec![next_text; lines.len()];
    for (i, line) in lines.iter().enumerate().rev() {
        targets[i] = next_text;
        let is_text = !line.slice(text).trim().is_empty() && parsed[i].is_none();
        if is_text {
            next_text = *line;
        }
    }
    lines
        .iter()
        .zip(parsed)
        .zip(targets)
        .filter_map(|((line, rules), target)| {
            Some(Suppression {
                span: *line,
                target,
                rules: rules?,
            })
        })
        .collect()
}

/// The rule ids of a directive line, or none when the line is not one.
fn parse(line: &str) -> Option<Vec<String>> {
    let mut body = line.trim();
    if let Some(inner) = body.strip_prefix("<!--") {
        body = inner.strip_suffix("-->")?.trim();
    } else {
        body = body.trim_start_matches(['#', '/', '%', ';']).trim_start();
    }
    let rest = body.strip_prefix(DISABLE_NEXT_LINE)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':'])) {
        return None;
    }
    // Anything after ` -- ` is a reason for the reader.
    let rest = rest.split(" -- ").next().unwrap_or("");
    Some(
        rest.trim_start_matches(':')
            .split([' ', '\t', ','])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// `text` with every directive line blanked (same length, so spans stay
/// true), so that no rule reads the directive's words as prose.
pub fn blank(text: &mut String, suppressions: &[Suppression]) {
    for s in suppressions {
        if let Some(line) = text.get(s.span.start..s.span.end) {
            let spaces = " ".repeat(line.len());
            text.replace_range(s.span.start..s.span.end, &spaces);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_directive_names_its_rules_and_next_line() {
        let text =
            "One.\nfactcheck-disable-next-line remainder-sum, doubled\n\nIt rose 4,500 of 6,000.\n";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rules, ["remainder-sum", "doubled"]);
        assert_eq!(found[0].target.slice(text), "It rose 4,500 of 6,000.");
    }

    #[test]
    fn comments_wrap_directives_and_a_bare_one_covers_all() {
        let found = find(
            "<!-- factcheck-disable-next-line -->\nx\n# factcheck-disable-next-line a -- checked with the desk\ny",
        );
        assert_eq!(found[0].rules, Vec::<String>::new());
        assert_eq!(found[1].rules, ["a"]);
    }

    #[test]
    fn prose_mentioning_the_keyword_is_not_a_directive() {
        assert!(find("We add factcheck-disable-next-line to drafts.\nx").is_empty());
        assert!(find("factcheck-disable-next-lines\nx").is_empty());
    }
}
