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

/// The directives of a document grouped by the line they apply to, so that
/// asking whether a finding is silenced costs a binary search, not a scan of
/// every directive: a run of K directives above one line is one entry.
#[derive(Debug, Clone, Default)]
pub struct Silencer<'a> {
    /// One entry per distinct target, in text order.
    targets: Vec<Target<'a>>,
}

/// What every directive aimed at one line silences there, together.
#[derive(Debug, Clone)]
struct Target<'a> {
    span: Span,
    /// Some directive names no rule, so every rule is silenced.
    all: bool,
    /// The rule ids named, sorted and without repeats (empty when `all`):
    /// bounded by the distinct ids, however many lines repeat them.
    rules: Vec<&'a str>,
}

impl<'a> Silencer<'a> {
    /// Groups `suppressions` by target.
    pub fn new(suppressions: &'a [Suppression]) -> Self {
        let mut order: Vec<&Suppression> = suppressions.iter().collect();
        // Already in text order as found; sorting (linear then) keeps the
        // binary search sound whatever order a caller hands in.
        order.sort_by_key(|s| (s.target.start, s.target.end));
        let mut targets = Vec::new();
        for group in order.chunk_by(|a, b| a.target == b.target) {
            let Some(first) = group.first() else {
                continue;
            };
            let all = group.iter().any(|s| s.rules.is_empty());
            // A set, so that repeats cost no memory: bounded by the distinct
            // ids however many lines name them.
            let rules: std::collections::BTreeSet<&str> = if all {
                Default::default()
            } else {
                group
                    .iter()
                    .flat_map(|s| s.rules.iter().map(String::as_str))
                    .collect()
            };
            targets.push(Target {
                span: first.target,
                all,
                rules: rules.into_iter().collect(),
            });
        }
        Silencer { targets }
    }

    /// Whether some directive silences `rule` at a finding touching `spans`
    /// (what [`Suppression::covers`] says, asked of every directive).
    pub fn silences(&self, rule: &str, spans: &[Span]) -> bool {
        spans.iter().any(|s| {
            // Targets are disjoint lines in order, so both ends ascend.
            let from = self.targets.partition_point(|t| t.span.end <= s.start);
            self.targets
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|t| t.span.start <= s.end)
                .any(|t| {
                    s.start < t.span.end
                        && t.span.start < s.end.max(s.start + 1)
                        && (t.all || t.rules.binary_search(&rule).is_ok())
                })
        })
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

    #[test]
    fn the_silencer_merges_directives_aimed_at_one_line() {
        let text = "factcheck-disable-next-line a\nfactcheck-disable-next-line b, a\n\nalpha beta\nfactcheck-disable-next-line\ngamma\ndelta\n";
        let found = find(text);
        let silencer = Silencer::new(&found);
        assert_eq!(silencer.targets.len(), 2);
        assert_eq!(silencer.targets[0].rules, ["a", "b"]);
        let at = |word: &str| {
            let start = text.find(word).unwrap_or_default();
            Span::new(start, start + word.len())
        };
        for rule in ["a", "b", "c"] {
            for word in ["alpha", "beta", "gamma", "delta"] {
                let by_each = found.iter().any(|s| s.covers(rule, &[at(word)]));
                assert_eq!(
                    silencer.silences(rule, &[at(word)]),
                    by_each,
                    "{rule} {word}"
                );
            }
        }
        assert!(silencer.silences("a", &[at("alpha")]));
        assert!(!silencer.silences("c", &[at("beta")]));
        assert!(silencer.silences("c", &[at("gamma")]));
        assert!(!silencer.silences("a", &[at("delta")]));
    }
}
