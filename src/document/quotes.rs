//! Quoted speech: a finding inside it reports what someone said, so it is
//! not blamed on the writer. Block quotes, and text between “ and ” (or a
//! pair of straight quotes) within a paragraph; a quote left open runs to
//! the paragraph's end, as news copy opens a quote again in the next one.

use super::{Document, Role, Span};

impl Document {
    /// The spans of quoted speech, in text order (one linear pass, from
    /// quote mark to quote mark).
    pub fn quotes(&self) -> Vec<Span> {
        let mut out = Vec::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if self.roles.get(i) == Some(&Role::Blockquote) {
                out.push(*paragraph);
                continue;
            }
            let Some(body) = self.text.get(paragraph.start..paragraph.end) else {
                continue;
            };
            let mut open: Option<usize> = None;
            let bytes = body.as_bytes();
            // Only quote marks matter: '"' and the lead byte of “ and ”
            // (E2 80 9C, E2 80 9D) are sought many bytes a step.
            for k in memchr::memchr2_iter(b'"', 0xE2, bytes) {
                let at = paragraph.start + k;
                let mark = match bytes.get(k..k + 3) {
                    Some([0xE2, 0x80, 0x9C]) => '“',
                    Some([0xE2, 0x80, 0x9D]) => '”',
                    _ if bytes.get(k) == Some(&b'"') => '"',
                    _ => continue,
                };
                // 6'2" and a 55" screen: a straight quote after a digit is
                // inches (an ASCII byte before it is the char before it).
                let after_digit = k
                    .checked_sub(1)
                    .and_then(|p| bytes.get(p))
                    .is_some_and(u8::is_ascii_digit);
                if mark == '"' && after_digit && open.is_none() {
                    continue;
                }
                match (mark, open) {
                    ('“', _) => open = Some(at),
                    ('”', Some(start)) => {
                        out.push(Span::new(start, at + mark.len_utf8()));
                        open = None;
                    }
                    ('"', None) => open = Some(at),
                    ('"', Some(start)) => {
                        out.push(Span::new(start, at + 1));
                        open = None;
                    }
                    _ => {}
                }
            }
            if let Some(start) = open {
                out.push(Span::new(start, paragraph.end));
            }
        }
        out
    }
}

/// Whether every span lies inside one of `quotes` (sorted, disjoint).
pub fn all_quoted(quotes: &[Span], spans: impl IntoIterator<Item = Span>) -> bool {
    let mut any = false;
    for span in spans {
        any = true;
        let i = quotes.partition_point(|q| q.end < span.end);
        if !quotes.get(i).is_some_and(|q| q.contains(span)) {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_straight_and_open_quotes_are_found() {
        let d = Document::new(
            "t",
            "He said “4 of 3 went” and left. She said \"5 of 2\".\n\n“Of 10, 12 came.\n\nHe is 6'2\" tall; no quote 7.",
        );
        let q: Vec<&str> = d.quotes().iter().map(|s| s.slice(&d.text)).collect();
        assert_eq!(q, ["“4 of 3 went”", "\"5 of 2\"", "“Of 10, 12 came."]);
        let quotes = d.quotes();
        let at = |s: &str| {
            let i = d.text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        assert!(all_quoted(&quotes, [at("4 of"), at("3 went")]));
        assert!(!all_quoted(&quotes, [at("3 went"), at("7")]));
    }
}
