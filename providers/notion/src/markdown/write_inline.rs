//! The model's inline content → a Notion block's text, which `read_inline.rs` reads back as
//! the same (normalized) content.
//!
//! - Literal text escapes what Notion escapes (`\ * ~ ` $ [ ] < > { } | ^`, "Escaping" in
//!   developers.notion.com/guides/data-apis/enhanced-markdown), and at the start of a block's
//!   text what would open another block (`#`, `-`, `+`, `_` of a divider, `1.`); a `!` before
//!   a link is escaped so that the link stays one. A block's trailing attribute list
//!   (` {color="gray"}`) is left as it is, so that Notion keeps the block's colour.
//! - Strong is `**`, emphasis `*` (Notion has no `_` emphasis), strikethrough `~~`; code
//!   spans, links and images as CommonMark writes them; maths as `$…$` (`$$…$$` displayed);
//!   raw HTML as it is, Notion's underscored tag names restored; a line break (a hard break,
//!   or one inside text) as `<br>`.
//! - A mention of a provider's user (no directory is Notion's: Notion's own mentions are its
//!   `<mention-user>` tags) is the text `@Name`.

use super::lines::tags_to_notion;
use mosaic_provider_kit::markdown::{Inline, code_span, link_target};

/// The characters Notion escapes when it means them literally.
const ESCAPED: &str = "\\*~`$[]<>{}|^";

/// A block's (normalized) inline content as Notion's text.
pub fn text(content: &[Inline]) -> String {
    let mut out = String::new();
    let (content, attributes) = split_attributes(content);
    write(&content, true, &mut out);
    out.push_str(&attributes);
    out
}

/// The content without the attribute list ending its last text, and that list.
fn split_attributes(content: &[Inline]) -> (Vec<Inline>, String) {
    let mut content = content.to_vec();
    if let Some(Inline::Text(last)) = content.last_mut()
        && let Some(at) = attribute_list_start(last)
    {
        let attributes = last.split_off(at);
        if last.is_empty() {
            content.pop();
        }
        return (content, attributes);
    }
    (content, String::new())
}

/// Where a block's trailing attribute list starts in `text` (at the space before its `{`):
/// ` {name="value" …}` with nothing but spaces after it.
fn attribute_list_start(text: &str) -> Option<usize> {
    let trimmed = text.trim_end_matches(' ');
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind(" {")?;
    let list = &inner[open + 2..];
    let well_formed = !list.trim().is_empty()
        && list.split(' ').filter(|part| !part.is_empty()).all(|part| {
            part.split_once("=\"").is_some_and(|(name, value)| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && value.ends_with('"')
                    && !value[..value.len() - 1].contains('"')
            })
        });
    well_formed.then_some(open)
}

fn write(content: &[Inline], block_start: bool, out: &mut String) {
    for (index, inline) in content.iter().enumerate() {
        let start = block_start && index == 0;
        match inline {
            Inline::Text(text) => {
                let before_link = matches!(
                    content.get(index + 1),
                    Some(Inline::Link { .. } | Inline::Image { .. })
                );
                escape(text, start, before_link, out);
            }
            Inline::Strong(inner) => run("**", inner, out),
            Inline::Emphasis(inner) => run("*", inner, out),
            Inline::Strikethrough(inner) => run("~~", inner, out),
            Inline::Code(code) => out.push_str(&code_span(code)),
            Inline::Link {
                href,
                title,
                content,
            } => {
                out.push('[');
                write(content, false, out);
                out.push_str(&format!("]({})", link_target(href, title.as_deref())));
            }
            Inline::Image { src, alt, title } => {
                out.push_str("![");
                escape(alt, false, false, out);
                out.push_str(&format!("]({})", link_target(src, title.as_deref())));
            }
            Inline::HardBreak => out.push_str("<br>"),
            Inline::Mention(mention) => escape(&mention.as_text(), start, false, out),
            Inline::Html(html) => out.push_str(&tags_to_notion(html)),
            Inline::Math(math) => out.push_str(&math.as_text()),
        }
    }
}

fn run(delimiter: &str, content: &[Inline], out: &mut String) {
    out.push_str(delimiter);
    write(content, false, out);
    out.push_str(delimiter);
}

/// Literal text; `block_start` when it opens a block's text, `before_link` when a link or an
/// image follows it.
fn escape(text: &str, block_start: bool, before_link: bool, out: &mut String) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let chars: Vec<char> = text.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let number_end = (block_start && (1..=9).contains(&digits)).then_some(digits);
    // The first character that shows: escaped, a `-` or `_` cannot make the line a divider.
    let shown = chars.iter().position(|c| !c.is_whitespace());
    for (index, &c) in chars.iter().enumerate() {
        let first = block_start && Some(index) == shown;
        let escaped = ESCAPED.contains(c)
            || (first && matches!(c, '#' | '-' | '+' | '_'))
            || (Some(index) == number_end && matches!(c, '.' | ')'))
            || (c == '!' && before_link && index + 1 == chars.len());
        if c == '\n' {
            // A line is a block: a line break inside text is Notion's.
            out.push_str("<br>");
            continue;
        }
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
}
