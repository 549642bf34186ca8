//! CommonMark (with GFM's task lists) to and from [`Block`]s: the subset pages are written in
//! — ATX and setext headings, paragraphs, bullet, ordered and task lists nested by
//! indentation, quotes, fenced and indented code, thematic breaks — and Notion's own blocks
//! as HTML blocks (a line opening with one of its tags, up to a blank line), which is how
//! CommonMark carries markup it does not know.
//!
//! A paragraph's lines are one Notion block: its soft line breaks become spaces.

use super::blocks::{
    Block, closes_fence, divider, fence, fence_for, heading, item, native_opening,
};
use super::inline::{Dialect, Seg, read as inline, write as write_inline};

/// Reads CommonMark.
pub fn read(markdown: &str) -> Vec<Block> {
    let lines: Vec<String> = markdown
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .collect();
    blocks(&lines)
}

/// Columns of leading spaces (a tab counts to the next multiple of four).
fn indentation(line: &str) -> usize {
    let mut columns = 0;
    for c in line.chars() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => break,
        }
    }
    columns
}

/// The line without its first `width` columns of spaces (fewer if it has fewer).
fn dedent(line: &str, width: usize) -> String {
    let spaces = line.chars().take(width).take_while(|c| *c == ' ').count();
    line[spaces..].to_owned()
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Whether `line` (indented less than four) opens a block that ends a paragraph.
fn interrupts(line: &str) -> bool {
    let text = line.trim_start();
    fence(text).is_some()
        || heading(text).is_some()
        || text.starts_with('>')
        || divider(text)
        || native_opening(text).is_some()
        || item(text).is_some_and(|(marker, rest)| {
            !rest.trim().is_empty()
                && !matches!(marker, super::blocks::Marker::Ordered(number) if number != 1)
        })
}

fn blocks(lines: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let line = &lines[at];
        if blank(line) {
            at += 1;
            continue;
        }
        let indent = indentation(line);
        if indent >= 4 {
            let mut code = Vec::new();
            while at < lines.len() && (blank(&lines[at]) || indentation(&lines[at]) >= 4) {
                code.push(dedent(&lines[at], 4));
                at += 1;
            }
            while code.last().is_some_and(|line| blank(line)) {
                code.pop();
            }
            out.push(Block::Code {
                info: String::new(),
                lines: code,
            });
            continue;
        }
        let text = line.trim_start();
        if let Some((character, length, info)) = fence(text) {
            at += 1;
            let mut code = Vec::new();
            while at < lines.len() {
                let content = dedent(&lines[at], indent);
                at += 1;
                if closes_fence(content.trim_start(), character, length)
                    && indentation(&content) < 4
                {
                    break;
                }
                code.push(content);
            }
            out.push(Block::Code {
                info: info.to_owned(),
                lines: code,
            });
            continue;
        }
        if let Some(name) = native_opening(text) {
            let mut native = vec![text.to_owned()];
            at += 1;
            let equation = name == "$$";
            while at < lines.len() && (equation || !blank(&lines[at])) {
                let next = dedent(&lines[at], indent);
                at += 1;
                let closes = equation && next.trim_end() == "$$";
                native.push(next);
                if closes {
                    break;
                }
            }
            out.push(Block::Native(native));
            continue;
        }
        if divider(text) {
            out.push(Block::Divider);
            at += 1;
            continue;
        }
        if let Some((level, rest)) = heading(text) {
            out.push(Block::Heading {
                level,
                text: inline(closing_hashes(rest), Dialect::CommonMark),
            });
            at += 1;
            continue;
        }
        if text.starts_with('>') {
            let mut parts = Vec::new();
            while at < lines.len() && lines[at].trim_start().starts_with('>') {
                let content = &lines[at].trim_start()[1..];
                parts.push(
                    content
                        .strip_prefix(' ')
                        .unwrap_or(content)
                        .trim()
                        .to_owned(),
                );
                at += 1;
            }
            let joined = parts
                .split(|part| part.is_empty())
                .filter(|paragraph| !paragraph.is_empty())
                .map(|paragraph| paragraph.join(" "))
                .collect::<Vec<_>>()
                .join("<br>");
            out.push(Block::Quote(inline(&joined, Dialect::CommonMark)));
            continue;
        }
        if let Some((marker, rest)) = item(text) {
            let width = indent + marker_width(text, rest);
            let mut body = vec![rest.to_owned()];
            at += 1;
            while at < lines.len() {
                let next = &lines[at];
                if blank(next) {
                    let continues = lines[at..]
                        .iter()
                        .find(|line| !blank(line))
                        .is_some_and(|line| indentation(line) >= width);
                    if !continues {
                        break;
                    }
                    body.push(String::new());
                } else if indentation(next) >= width {
                    body.push(dedent(next, width));
                } else if body.iter().all(|line| !blank(line))
                    && !interrupts(next)
                    && item(next.trim_start()).is_none()
                {
                    // A lazy continuation of the item's first paragraph.
                    body.push(next.trim_start().to_owned());
                } else {
                    break;
                }
                at += 1;
            }
            let mut nested = blocks(&body);
            let text = match nested.first() {
                Some(Block::Paragraph(_)) if !rest.trim().is_empty() => match nested.remove(0) {
                    Block::Paragraph(text) => text,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            out.push(Block::Item {
                marker,
                text,
                children: nested,
            });
            continue;
        }
        // A paragraph, up to a blank line or a block that interrupts it; a setext underline
        // makes it a heading.
        let mut parts = vec![text.trim().to_owned()];
        at += 1;
        let mut level = None;
        while at < lines.len() && !blank(&lines[at]) {
            let next = lines[at].trim();
            if indentation(&lines[at]) < 4 && !next.is_empty() && next.chars().all(|c| c == '=') {
                level = Some(1);
                at += 1;
                break;
            }
            if indentation(&lines[at]) < 4 && !next.is_empty() && next.chars().all(|c| c == '-') {
                level = Some(2);
                at += 1;
                break;
            }
            if indentation(&lines[at]) < 4 && interrupts(&lines[at]) {
                break;
            }
            parts.push(next.to_owned());
            at += 1;
        }
        let segs = inline(&parts.join(" "), Dialect::CommonMark);
        out.push(match level {
            Some(level) => Block::Heading { level, text: segs },
            None => Block::Paragraph(segs),
        });
    }
    out
}

/// The width of an item's marker with the space after it, from its line and text.
fn marker_width(line: &str, rest: &str) -> usize {
    let consumed = line.len() - rest.len();
    // A task's box belongs to the content: nesting is by the bullet's width.
    let boxed = ["[ ] ", "[x] ", "[X] ", "[ ]", "[x]", "[X]"]
        .iter()
        .find(|boxed| line[..consumed].ends_with(**boxed))
        .map_or(0, |boxed| boxed.len());
    (consumed - boxed).max(2)
}

/// A heading's text without an optional closing sequence of `#` (`## Title ##`).
fn closing_hashes(text: &str) -> &str {
    let trimmed = text.trim_end();
    let without = trimmed.trim_end_matches('#');
    if without.len() == trimmed.len() {
        return trimmed;
    }
    if without.is_empty() {
        return "";
    }
    if without.ends_with(' ') && !without.ends_with("\\ ") {
        return without.trim_end();
    }
    trimmed
}

/// Writes blocks as CommonMark, blocks apart by a blank line, a list's items on consecutive
/// lines, ending with a newline.
pub fn write(blocks: &[Block]) -> String {
    let mut out = String::new();
    write_blocks(blocks, "", &mut out);
    out
}

fn write_blocks(blocks: &[Block], indent: &str, out: &mut String) {
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            let tight = matches!(
                (&blocks[index - 1], block),
                (Block::Item { .. }, Block::Item { .. })
            );
            if !tight {
                out.push('\n');
            }
        }
        match block {
            Block::Heading { level, text } => {
                line(
                    out,
                    indent,
                    &format!("{} {}", "#".repeat(*level), text_of(text)),
                );
            }
            Block::Paragraph(text) => line(out, indent, &text_of(text)),
            Block::Quote(text) => line(out, indent, &format!("> {}", text_of(text))),
            Block::Divider => line(out, indent, "---"),
            Block::Code { info, lines } => {
                let fence = fence_for(lines);
                line(out, indent, &format!("{fence}{info}"));
                for code in lines {
                    line(out, indent, code);
                }
                line(out, indent, &fence);
            }
            Block::Native(lines) => {
                for native in lines {
                    line(out, indent, native);
                }
            }
            Block::Item {
                marker,
                text,
                children,
            } => {
                let text = text_of(text);
                line(
                    out,
                    indent,
                    format!("{} {text}", marker.written()).trim_end(),
                );
                if !children.is_empty() {
                    // Only a list starting at 1 may follow a paragraph's line directly
                    // (CommonMark 0.31, "Lists": an ordered list can interrupt a paragraph
                    // only when it starts with 1); anything else is apart by a blank line.
                    let tight = matches!(
                        &children[0],
                        Block::Item { marker, .. } if !matches!(marker, super::blocks::Marker::Ordered(number) if *number != 1)
                    );
                    if !tight {
                        out.push('\n');
                    }
                    let nested = format!("{indent}{}", " ".repeat(marker.content_width()));
                    write_blocks(children, &nested, out);
                }
            }
        }
    }
}

/// One line at `indent` (an empty line carries no indentation).
fn line(out: &mut String, indent: &str, text: &str) {
    if !text.is_empty() {
        out.push_str(indent);
        out.push_str(text);
    }
    out.push('\n');
}

fn text_of(text: &[Seg]) -> String {
    let mut out = String::new();
    write_inline(text, Dialect::CommonMark, &mut out);
    out
}
