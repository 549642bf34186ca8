//! Notion's enhanced Markdown to and from [`Block`]s: one block a line, what is nested in a
//! block on the lines after it one tab deeper, blank lines meaning nothing.
//!
//! Only list items hold nested blocks in CommonMark; what Notion nests under a paragraph,
//! heading or quote is read as following it (the nesting is lost, the blocks are not).

use super::blocks::{
    Block, closes_fence, divider, fence, fence_for, heading, item, native_opening, stays_open,
};
use super::inline::{Dialect, read as inline, write as write_inline};

/// A line: its depth in tabs and what follows them.
struct Line<'a> {
    depth: usize,
    text: &'a str,
    raw: &'a str,
}

/// Reads a page's enhanced Markdown.
pub fn read(markdown: &str) -> Vec<Block> {
    let lines: Vec<Line<'_>> = markdown
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .map(|line| {
            let depth = line.chars().take_while(|c| *c == '\t').count();
            Line {
                depth,
                text: &line[depth..],
                raw: line,
            }
        })
        .collect();
    let mut at = 0;
    let mut blocks = Vec::new();
    // No line is shallower than the top, so `level` stops only at the end.
    while at < lines.len() {
        blocks.extend(level(&lines, &mut at, 0));
    }
    blocks
}

/// The blocks from `at` on at `depth` or deeper.
fn level(lines: &[Line<'_>], at: &mut usize, depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.text.trim().is_empty() {
            *at += 1;
            continue;
        }
        if line.depth < depth {
            break;
        }
        // A line deeper than its place (under a block that holds none) is read where it is.
        let here = line.depth;
        *at += 1;
        let text = line.text;
        if let Some((character, length, info)) = fence(text) {
            let mut code = Vec::new();
            while let Some(next) = lines.get(*at) {
                *at += 1;
                let content = strip_tabs(next, here);
                if closes_fence(content, character, length) {
                    break;
                }
                code.push(content.to_owned());
            }
            blocks.push(Block::Code {
                info: info.to_owned(),
                lines: code,
            });
            continue;
        }
        if let Some(name) = native_opening(text) {
            blocks.push(Block::Native(native(lines, at, here, text, name)));
            continue;
        }
        if let Some((marker, rest)) = item(text).filter(|_| !divider(text)) {
            let children = level(lines, at, here + 1);
            blocks.push(Block::Item {
                marker,
                text: inline(rest, Dialect::Notion),
                children,
            });
            continue;
        }
        blocks.push(simple(text));
        blocks.extend(level(lines, at, here + 1));
    }
    blocks
}

/// A code line inside a block at `depth`: the block's own tabs removed, the code's kept.
fn strip_tabs<'a>(line: &Line<'a>, depth: usize) -> &'a str {
    // Tabs are one byte each, so the first `depth` bytes of the line are the block's tabs.
    &line.raw[line.depth.min(depth)..]
}

/// A block of Notion's own: its opening line, what is nested deeper, and, when the opening
/// tag stays open, every line up to its closing tag at the same depth.
fn native(
    lines: &[Line<'_>],
    at: &mut usize,
    depth: usize,
    opening: &str,
    name: &str,
) -> Vec<String> {
    let mut kept = vec![opening.to_owned()];
    let mut open = name == "$$" || stays_open(opening, name);
    let closing = if name == "$$" {
        "$$".to_owned()
    } else {
        format!("</{name}>")
    };
    while let Some(next) = lines.get(*at) {
        if next.text.trim().is_empty() {
            *at += 1;
            continue;
        }
        let deeper = next.depth > depth;
        if !deeper && !open {
            break;
        }
        *at += 1;
        kept.push(format!(
            "{}{}",
            "\t".repeat(next.depth.saturating_sub(depth)),
            next.text
        ));
        if !deeper && next.text.trim_end().starts_with(&closing) {
            open = false;
        }
    }
    kept
}

/// A one-line block: heading, quote, divider or paragraph.
fn simple(text: &str) -> Block {
    if let Some((level, rest)) = heading(text) {
        return Block::Heading {
            level,
            text: inline(rest, Dialect::Notion),
        };
    }
    if text.trim_end() == "---" {
        return Block::Divider;
    }
    if let Some(rest) = text
        .strip_prefix("> ")
        .or_else(|| (text == ">").then_some(""))
    {
        return Block::Quote(inline(rest, Dialect::Notion));
    }
    Block::Paragraph(inline(text, Dialect::Notion))
}

/// Writes blocks as enhanced Markdown, one line each, without a final newline.
pub fn write(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    write_level(blocks, 0, &mut lines);
    lines.join("\n")
}

fn write_level(blocks: &[Block], depth: usize, lines: &mut Vec<String>) {
    let tabs = "\t".repeat(depth);
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                lines.push(format!("{tabs}{} {}", "#".repeat(*level), text_of(text)));
            }
            Block::Paragraph(text) => lines.push(format!("{tabs}{}", text_of(text))),
            Block::Quote(text) => lines.push(format!("{tabs}> {}", text_of(text))),
            Block::Divider => lines.push(format!("{tabs}---")),
            Block::Item {
                marker,
                text,
                children,
            } => {
                let text = text_of(text);
                let line = format!("{tabs}{} {text}", marker.written());
                lines.push(line.trim_end().to_owned());
                write_level(children, depth + 1, lines);
            }
            Block::Code { info, lines: code } => {
                let fence = fence_for(code);
                lines.push(format!("{tabs}{fence}{info}"));
                lines.extend(code.iter().map(|line| format!("{tabs}{line}")));
                lines.push(format!("{tabs}{fence}"));
            }
            Block::Native(native) => {
                lines.extend(native.iter().map(|line| format!("{tabs}{line}")));
            }
        }
    }
}

fn text_of(text: &[super::inline::Seg]) -> String {
    let mut out = String::new();
    write_inline(text, Dialect::Notion, &mut out);
    out
}
