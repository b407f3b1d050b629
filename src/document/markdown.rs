//! Markdown drafts: only prose is checked. Code blocks, inline code, HTML,
//! link targets and front matter are blanked; headings, list items, block
//! quotes and paragraphs are blocks of their own; front matter's `title:`
//! is the headline.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Span;
use super::markup::{Canvas, Prose, Role, in_prose, push_block};

/// A leaf block being read: its text's extent, its role, and whether it
/// holds text inside an image and outside one.
type OpenBlock = (Option<(usize, usize)>, Role, bool, bool);

/// Reads the prose of a Markdown file.
pub fn prose(source: &str) -> Prose {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut canvas = Canvas::blank(source);
    let mut blocks: Vec<(Span, Role)> = Vec::new();
    // Open leaf blocks: where their text starts and ends, their role, and
    // whether they hold text inside an image and outside one.
    let mut open: Vec<OpenBlock> = Vec::new();
    let mut quotes = 0usize;
    let mut items = 0usize;
    let mut headline_seen = false;
    let mut autolink = 0usize;
    let mut image = 0usize;
    let mut title: Option<Span> = None;
    // Inside code blocks and front matter, text is not prose; nor inside
    // inline <script>, <style> or <noscript>.
    let mut verbatim = 0usize;
    let mut script = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(_) => {
                    verbatim += 1;
                    title = front_matter_title(source, range.start, range.end);
                    if let Some(t) = title {
                        canvas.put(t, None);
                    }
                }
                Tag::CodeBlock(_) => verbatim += 1,
                Tag::Paragraph | Tag::TableCell => {
                    let role = if quotes > 0 {
                        Role::Blockquote
                    } else if items > 0 {
                        Role::Item
                    } else {
                        Role::Body
                    };
                    open.push((None, role, false, false));
                }
                Tag::Heading { level, .. } => {
                    let role = if quotes > 0 {
                        Role::Blockquote
                    } else if level == pulldown_cmark::HeadingLevel::H1 && !headline_seen {
                        headline_seen = true;
                        Role::Headline
                    } else {
                        Role::Heading
                    };
                    open.push((None, role, false, false));
                }
                Tag::Item => {
                    items += 1;
                    let role = if quotes > 0 {
                        Role::Blockquote
                    } else {
                        Role::Item
                    };
                    open.push((None, role, false, false));
                }
                Tag::BlockQuote(_) => quotes += 1,
                Tag::Image { .. } => image += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => autolink += 1,
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Heading(_) | TagEnd::Item => {
                    if end == TagEnd::Item {
                        items = items.saturating_sub(1);
                    }
                    if let Some((Some((s, e)), role, in_image, outside)) = open.pop() {
                        // A paragraph that is only an image's alt text is a caption.
                        let role = if role == Role::Body && in_image && !outside {
                            Role::Caption
                        } else {
                            role
                        };
                        push_block(source, &mut blocks, s, e, role);
                    }
                }
                TagEnd::BlockQuote(_) => quotes = quotes.saturating_sub(1),
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    verbatim = verbatim.saturating_sub(1)
                }
                TagEnd::Image => image = image.saturating_sub(1),
                TagEnd::Link if autolink > 0 => autolink -= 1,
                _ => {}
            },
            Event::InlineHtml(html) => {
                let tag = html.trim_start_matches('<').to_ascii_lowercase();
                let hides = ["script", "style", "noscript"]
                    .iter()
                    .any(|t| tag.starts_with(t));
                let closes = ["/script", "/style", "/noscript"]
                    .iter()
                    .any(|t| tag.starts_with(t));
                if hides && !html.trim_end().ends_with("/>") {
                    script += 1;
                } else if closes {
                    script = script.saturating_sub(1);
                }
            }
            Event::Text(text) if autolink == 0 && verbatim == 0 && script == 0 => {
                let span = Span::new(range.start, range.end);
                canvas.put(span, Some(&text));
                if let Some((extent, _, in_image, outside)) = open.last_mut() {
                    if image > 0 {
                        *in_image = true;
                    } else if !text.trim().is_empty() {
                        *outside = true;
                    }
                    *extent = Some(match *extent {
                        Some((s, _)) => (s, span.end),
                        None => (span.start, span.end),
                    });
                }
            }
            // Code, HTML, rules and breaks stay blank.
            _ => {}
        }
    }
    if let Some(t) = title {
        blocks.insert(0, (t, Role::Headline));
        // The first `# ` heading is then a heading, not a second headline.
        if let Some(b) = blocks
            .iter_mut()
            .skip(1)
            .find(|(_, r)| *r == Role::Headline)
        {
            b.1 = Role::Heading;
        }
    }
    // Blocks close inside out ("- a\n  - b" ends b first): text order.
    blocks.sort_by_key(|(span, _)| span.start);
    mark_standfirst(source, &mut blocks);
    let (text, shifts) = canvas.finish();
    Prose {
        blocks: in_prose(&shifts, blocks),
        text,
        shifts,
        meta_date: None,
    }
}

/// The span of the value of `title:` in front matter between `start` and `end`.
fn front_matter_title(source: &str, start: usize, end: usize) -> Option<Span> {
    let block = source.get(start..end)?;
    let mut offset = start;
    for line in block.split_inclusive('\n') {
        if let Some(value) = line.strip_prefix("title:") {
            let value_start = offset + "title:".len() + (value.len() - value.trim_start().len());
            let trimmed = value.trim().trim_matches(['"', '\'']);
            let lead = source.get(value_start..)?.len()
                - source
                    .get(value_start..)?
                    .trim_start_matches(['"', '\''])
                    .len();
            let s = value_start + lead;
            return (!trimmed.is_empty()).then(|| Span::new(s, s + trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// The paragraph right after the headline is the standfirst when it is
/// wholly emphasised (`*Ministers …*`), as news Markdown writes one.
fn mark_standfirst(source: &str, blocks: &mut [(Span, Role)]) {
    let Some(h) = blocks.iter().position(|(_, r)| *r == Role::Headline) else {
        return;
    };
    if let Some((span, role)) = blocks.get_mut(h + 1)
        && *role == Role::Body
    {
        let before = source
            .get(..span.start)
            .and_then(|s| s.trim_end_matches(' ').chars().next_back());
        let after = source.get(span.end..).and_then(|s| s.chars().next());
        if matches!(before, Some('*' | '_')) && matches!(after, Some('*' | '_')) {
            *role = Role::Standfirst;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_links_and_comments_are_not_prose() {
        let source = "# Budget 2021\n\nSee [the report](https://x.org/2021/3) and `4 + 5`.\n\n```\n4,500 of 6,000\n```\n\n<!-- 17 of 3 -->\n- one item\n- two items\n";
        let p = prose(source);
        assert_eq!(p.text.len(), source.len());
        assert!(!p.text.contains("x.org"));
        assert!(!p.text.contains("4 + 5"));
        assert!(!p.text.contains("4,500"));
        assert!(!p.text.contains("17 of 3"));
        let roles: Vec<(&str, Role)> = p
            .blocks
            .iter()
            .map(|(s, r)| (s.slice(&p.text), *r))
            .collect();
        assert_eq!(roles[0], ("Budget 2021", Role::Headline));
        assert_eq!(roles[2], ("one item", Role::Item));
        assert_eq!(roles[3], ("two items", Role::Item));
    }

    #[test]
    fn front_matter_gives_the_headline() {
        let source = "---\ntitle: \"Cuts of 12%\"\ndate: 2021-08-25\n---\n\n*A summary of 3 points.*\n\nBody.\n";
        let p = prose(source);
        let roles: Vec<(&str, Role)> = p
            .blocks
            .iter()
            .map(|(s, r)| (s.slice(&p.text), *r))
            .collect();
        assert_eq!(roles[0], ("Cuts of 12%", Role::Headline));
        assert_eq!(roles[1], ("A summary of 3 points.", Role::Standfirst));
        assert!(!p.text.contains("2021-08-25"));
    }
}
