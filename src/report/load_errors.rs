//! Rule-file errors shown like findings: the file, line and column, the
//! YAML line with a caret under the fault, and a hint where one is likely.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Snippet};

use super::human::plural;
use crate::rules::LoadError;

/// Renders every error, then a line saying nothing was checked.
pub fn render(errors: &[LoadError], color: bool) -> String {
    let renderer = super::renderer(color);
    let mut out = String::new();
    for e in errors {
        let title = Level::ERROR.primary_title(e.kind.to_string());
        let mut group: Group<'_> = if e.source_line.is_empty() {
            title.element(
                Origin::path(e.file.as_str())
                    .line(e.line)
                    .char_column(e.column),
            )
        } else {
            let at = underline(&e.source_line, e.column);
            title.element(
                Snippet::source(e.source_line.as_str())
                    .line_start(e.line)
                    .path(e.file.as_str())
                    .annotation(AnnotationKind::Primary.span(at)),
            )
        };
        if let Some(hint) = &e.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    let files = {
        let mut f: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
        f.dedup();
        f.len()
    };
    out.push_str(&format!(
        "{} in {}; nothing was checked\n",
        plural(errors.len(), "error"),
        plural(files, "file"),
    ));
    out
}

/// The byte range to underline: the word at a 1-based character column, or
/// the one character there.
fn underline(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = line.get(start..).unwrap_or("");
    let word: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
        .map(char::len_utf8)
        .sum();
    let capture = rest
        .starts_with('{')
        .then(|| rest.find('}').map(|close| close + 1))
        .flatten();
    let len = if word > 0 {
        word
    } else if let Some(close) = capture {
        close
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    start..start + len
}

#[cfg(test)]
mod tests {
    use super::underline;

    #[test]
    fn the_word_at_the_column_is_underlined() {
        let line = r#"    pattern: "{part:cout} of {whole}""#;
        assert_eq!(&line[underline(line, 21)], "cout");
        assert_eq!(&line[underline(line, 15)], "{part:cout}");
        let open = "a {";
        assert_eq!(&open[underline(open, 3)], "{");
        assert_eq!(underline("", 3), 0..0);
    }
}
