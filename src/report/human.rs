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
            let level = match f.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Info => Level::INFO,
            };
            let (source, line_start, shift) = excerpt(report, f);
            let cut = window(source, shift, f);
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
                Some((window, from)) => {
                    out.push_str(&true_column(&rendered, report, f, window, from))
                }
                None => out.push_str(&rendered),
            }
            out.push_str("\n\n");
        }
    }
    out
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
    let (Some(first), Some(last)) = (
        finding.spans.iter().map(|(_, s)| s.start.min(s.end)).min(),
        finding.spans.iter().map(|(_, s)| s.start.max(s.end)).max(),
    ) else {
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

/// Lines longer than this are cut to a window around a finding's spans
/// before rendering: the renderer walks all the source it is given, for
/// every finding, and shows no more of a line than a terminal's width.
const LONG_LINE: usize = 4 * 1024;

/// Bytes kept on each side of a finding's spans in such a window: more
/// than the renderer ever shows around them.
const WINDOW_MARGIN: usize = 1024;

/// The part of a one-line excerpt longer than [`LONG_LINE`] that lies
/// within [`WINDOW_MARGIN`] of `finding`'s spans, and its offset in the
/// text; `None` for other excerpts, rendered whole.
fn window<'a>(source: &'a str, shift: usize, finding: &Finding) -> Option<(&'a str, usize)> {
    let line = source.strip_suffix('\n').unwrap_or(source);
    if source.len() <= LONG_LINE || memchr::memchr(b'\n', line.as_bytes()).is_some() {
        return None;
    }
    let first = finding
        .spans
        .iter()
        .map(|(_, s)| s.start)
        .min()?
        .checked_sub(shift)?;
    let last = finding
        .spans
        .iter()
        .map(|(_, s)| s.end)
        .max()?
        .checked_sub(shift)?;
    let mut from = first.saturating_sub(WINDOW_MARGIN);
    while !source.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = last.saturating_add(WINDOW_MARGIN).min(source.len());
    while !source.is_char_boundary(to) {
        to += 1;
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
    let Some(first) = finding.spans.iter().map(|(_, s)| s.start).min() else {
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
