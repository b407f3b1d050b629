//! rustc-style snippets: every captured figure underlined, the message with
//! the arithmetic as a note, and a one-line summary.

use annotate_snippets::{AnnotationKind, Group, Level, Snippet};

use super::Totals;
use crate::check::FileReport;
use crate::rules::{Finding, Severity};

/// Renders findings as snippets, with a summary line.
pub fn render(reports: &[FileReport], color: bool) -> String {
    let mut out = findings_only(reports, color);
    out.push_str(&skipped_note(reports));
    out.push_str(&summary_line(&Totals::of(reports)));
    out
}

/// `rendered` with the time the run took at the end of its summary line.
pub fn with_time(rendered: &str, elapsed: std::time::Duration) -> String {
    match rendered.strip_suffix('\n') {
        Some(body) => format!("{body} in {:.2}s\n", elapsed.as_secs_f64()),
        None => rendered.to_string(),
    }
}

/// The snippets alone (`--quiet`).
pub fn findings_only(reports: &[FileReport], color: bool) -> String {
    let renderer = super::renderer(color);
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            out.push_str(&snippet(&renderer, report, f, true));
            out.push_str("\n\n");
        }
    }
    out
}

/// One finding's snippet; `windowed`, from a window of a very long line
/// (see [`window`]), as it is always rendered but in a test.
fn snippet(
    renderer: &annotate_snippets::Renderer,
    report: &FileReport,
    f: &Finding,
    windowed: bool,
) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let (source, line_start, shift) = excerpt(report, f);
    let cut = window(source, shift, f).filter(|_| windowed);
    let (source, shift) = cut.unwrap_or((source, shift));
    let mut snippet = Snippet::source(source)
        .line_start(line_start)
        .path(report.path.as_str())
        .fold(true);
    for (role, span) in &f.spans {
        snippet = snippet.annotation(
            AnnotationKind::Primary
                .span(span.start - shift..span.end - shift)
                .label(role.as_str()),
        );
    }
    let title = if f.in_quote {
        format!("{} (in quoted speech)", lowercase_first(&f.summary))
    } else {
        lowercase_first(&f.summary)
    };
    let groups = [
        level
            .primary_title(title)
            .id(f.rule.as_str())
            .element(snippet),
        Group::with_title(Level::NOTE.secondary_title(f.message.as_str())),
    ];
    let rendered = renderer.render(&groups);
    match cut {
        Some((window, from)) => true_column(&rendered, report, f, window, from),
        None => rendered,
    }
}

/// The lines of `report` that `finding`'s spans touch, with the number of
/// the first and its offset: all a folded snippet shows, so the renderer
/// need not walk the whole text for every finding (thousands of findings
/// in a long document once made the output quadratic). The excerpt ends
/// with its last line's break, and the empty line after a final break is
/// never its first line (the renderer counts no such line), so the
/// rendering is that of the whole text. A finding with no span (none is
/// folded away) gets the whole text.
fn excerpt<'a>(report: &'a FileReport, finding: &Finding) -> (&'a str, usize, usize) {
    let text = report.text.as_str();
    let Some((first, last)) = extent(finding) else {
        return (text, 1, 0);
    };
    let line_of = |offset: usize| report.lines.position(text, offset).line;
    let mut top = line_of(first);
    let (mut start, _) = report.lines.line_span(text, top);
    if start == text.len() && top > 1 {
        top -= 1;
        start = report.lines.line_span(text, top).0;
    }
    let (_, end) = report.lines.line_span(text, line_of(last));
    let end = if end < text.len() { end + 1 } else { end };
    match text.get(start..end) {
        Some(lines) if first >= start && last <= end => (lines, top, start),
        _ => (text, 1, 0),
    }
}

/// Where `finding`'s spans start and end in the text, the first and the
/// last of them; `None` for a finding with none.
fn extent(finding: &Finding) -> Option<(usize, usize)> {
    let first = finding
        .spans
        .iter()
        .map(|(_, s)| s.start.min(s.end))
        .min()?;
    let last = finding
        .spans
        .iter()
        .map(|(_, s)| s.start.max(s.end))
        .max()?;
    Some((first, last))
}

/// Lines longer than this are cut to a window around a finding's spans
/// before rendering: the renderer walks all the source it is given, for
/// every finding, and shows no more of a line than a terminal's width.
const LONG_LINE: usize = 4 * 1024;

/// Bytes kept on each side of a finding's spans in such a window: more
/// than the renderer ever shows around them.
const WINDOW_MARGIN: usize = 1024;

/// Most bytes of white space a window reaches across to open or close
/// where the renderer would see the line open or close (see [`window`]).
const WHITE_REACH: usize = 64 * 1024;

/// The part of a one-line excerpt longer than [`LONG_LINE`] that lies
/// within [`WINDOW_MARGIN`] of `finding`'s spans, and its offset in the
/// text; `None` for other excerpts, rendered whole.
fn window<'a>(source: &'a str, shift: usize, finding: &Finding) -> Option<(&'a str, usize)> {
    let line = source.strip_suffix('\n').unwrap_or(source);
    if source.len() <= LONG_LINE || memchr::memchr(b'\n', line.as_bytes()).is_some() {
        return None;
    }
    let (first, last) = extent(finding)?;
    let (first, last) = (first.checked_sub(shift)?, last.checked_sub(shift)?);
    let mut from = source.floor_char_boundary(first.saturating_sub(WINDOW_MARGIN));
    // The renderer reads white space at the start of what it is given as
    // the line's indent: a window that would open inside a run of it opens
    // at the char before the run instead (looking up to [`WHITE_REACH`]
    // bytes back), or at the line's start.
    if source
        .get(from..)
        .is_some_and(|r| r.starts_with(char::is_whitespace))
    {
        let reach = source.ceil_char_boundary(from.saturating_sub(WHITE_REACH));
        let head = source.get(reach..from).unwrap_or_default();
        let kept = head.trim_end();
        match kept.chars().next_back() {
            Some(c) => from = reach + kept.len() - c.len_utf8(),
            None if reach == 0 => from = 0,
            None => {}
        }
    }
    let mut to = source.ceil_char_boundary(last.saturating_add(WINDOW_MARGIN));
    // Nor does it close inside a run of white space, which the renderer
    // trims from a line's end: it closes at the char after the run, or at
    // the line's end.
    if source
        .get(..to)
        .is_some_and(|h| h.ends_with(char::is_whitespace))
    {
        let reach = source.ceil_char_boundary(to.saturating_add(WHITE_REACH));
        let tail = source.get(to..reach).unwrap_or_default();
        let kept = tail.trim_start();
        match kept.chars().next() {
            Some(c) => to = reach - kept.len() + c.len_utf8(),
            None if reach == source.len() => to = reach,
            None => {}
        }
    }
    Some((source.get(from..to)?, shift + from))
}

/// `rendered`, a snippet of the window of text at `from`, with the column
/// of its location line counted from the start of the line, not of the
/// window (the line number is the same).
fn true_column(
    rendered: &str,
    report: &FileReport,
    finding: &Finding,
    window: &str,
    from: usize,
) -> String {
    let Some((first, _)) = extent(finding) else {
        return rendered.to_string();
    };
    let position = report.lines.position(&report.text, first);
    let shown = first
        .checked_sub(from)
        .and_then(|k| window.get(..k))
        .map_or(0, |head| head.chars().count())
        + 1;
    let wrong = format!(":{}:{shown}", position.line);
    // The location line is the first to hold "--> ".
    let Some(arrow) = rendered.find("--> ") else {
        return rendered.to_string();
    };
    let line_end = rendered[arrow..]
        .find('\n')
        .map_or(rendered.len(), |k| arrow + k);
    match rendered[arrow..line_end].rfind(&wrong) {
        Some(k) => {
            let at = arrow + k;
            format!(
                "{}:{}:{}{}",
                &rendered[..at],
                position.line,
                position.column,
                &rendered[at + wrong.len()..]
            )
        }
        None => rendered.to_string(),
    }
}

/// One note for the whole run on the rules that needed a publication date.
pub fn skipped_note(reports: &[FileReport]) -> String {
    let files = reports.iter().filter(|r| r.skipped > 0).count();
    let Some(rules) = reports.iter().map(|r| r.skipped).max().filter(|n| *n > 0) else {
        return String::new();
    };
    format!(
        "note: {} skipped in {}: no publication date (give --date, a front-matter `date:`, a dateline or the config's `date:`)\n",
        plural_rules(rules),
        plural(files, "file")
    )
}

fn plural_rules(n: usize) -> String {
    if n == 1 {
        "1 rule that needs the publication date was".into()
    } else {
        format!("{n} rules that need the publication date were")
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 file", "2 files".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "1 error, 0 warnings in 1 file".
pub fn summary_line(t: &Totals) -> String {
    // "(214 checked, 1 suppressed)" when only some files have findings.
    let mut notes = Vec::new();
    let any = t.errors + t.warnings + t.infos > 0;
    if any && t.files_with_findings < t.files {
        notes.push(format!("{} checked", t.files));
    }
    if t.suppressed > 0 {
        notes.push(format!("{} suppressed", t.suppressed));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join(", "))
    };
    if !any {
        return format!("no findings in {}{notes}\n", plural(t.files, "file"));
    }
    let mut parts = vec![plural(t.errors, "error"), plural(t.warnings, "warning")];
    if t.infos > 0 {
        parts.push(format!("{} info", t.infos));
    }
    format!(
        "{} in {}{notes}\n",
        parts.join(", "),
        plural(t.files_with_findings, "file")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check_document};
    use crate::document::Document;
    use crate::rules::RuleSet;

    /// A snippet from a window of a long line is the snippet of the whole
    /// line: figures near its start, middle and end, beside long runs of
    /// white space, wide characters, tabs, with and without colour.
    #[test]
    fn a_window_renders_as_the_whole_line() {
        let rules = RuleSet::builtin().unwrap();
        let figure = "The side won 14 of its 12 matches.";
        let fills = [
            "lorem ipsum dolor ",
            "日本語の文章です。",
            "🙂🎉 ",
            "word\t",
            " ",
            "\t",
        ];
        let mut texts = Vec::new();
        for (k, fill) in fills.iter().enumerate() {
            for (lead, tail) in [
                (0, 6_000),
                (1_100, 5_000),
                (3_000, 3_000),
                (9_000, 40),
                (20_000, 3_000),
            ] {
                texts.push(format!(
                    "{}{figure} {}{}",
                    fill.repeat(lead / fill.len() + 1),
                    fill.repeat(tail / fill.len() + 1),
                    if k % 2 == 0 { "\n" } else { "" }
                ));
            }
        }
        // White space the window would open or close inside.
        let (x, y, gap) = ("x".repeat(2_000), "y".repeat(3_000), " ".repeat(1_100));
        texts.push(format!("{x}{gap}5 of 4 won. {y}"));
        texts.push(format!("{x}{gap}{figure} {y}"));
        texts.push(format!("{x} 5 of 4 won.{gap}{}{y}", "\t".repeat(9_000)));
        texts.push(format!("Intro line.\n 5 of 4 won. {}", " ".repeat(9_300)));
        let mut windowed = 0;
        for (t, text) in texts.iter().enumerate() {
            let report = check_document(
                Document::new("long.txt", text.as_str()),
                &rules,
                &CheckOptions::dated(None),
            );
            assert!(!report.findings.is_empty(), "text {t}");
            for color in [false, true] {
                let renderer = super::super::renderer(color);
                for f in &report.findings {
                    let (source, _, shift) = excerpt(&report, f);
                    windowed += usize::from(window(source, shift, f).is_some());
                    assert_eq!(
                        snippet(&renderer, &report, f, true),
                        snippet(&renderer, &report, f, false),
                        "text {t}, colour {color}"
                    );
                }
            }
        }
        assert!(windowed > 40, "only {windowed} snippets were windowed");
    }
}
