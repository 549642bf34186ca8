//! Notion's enhanced Markdown → the kit's document model: one block a line, what is nested in
//! a block on the lines after it one tab deeper, blank lines meaning nothing.
//!
//! - Neighbouring list items of one kind are one list (bullets and to-dos one, numbered items
//!   another); an item's text is its first paragraph and what is nested in it its blocks.
//! - A quote's text is its first paragraph and what is nested in it the rest of the quote.
//! - What Notion nests under a paragraph or a heading is read as following it (the model
//!   nests only in lists and quotes: the nesting is lost, the blocks are not).
//! - A fence is a code block, `$$` an equation: a code block in `math`, as GitHub's Markdown
//!   writes display maths.
//! - A line opening an HTML block in CommonMark's terms (Notion's `<callout>`, `<details>`,
//!   `<columns>`, `<table>`, `<unknown/>`, `<empty-block/>`, …) is raw HTML: with the lines
//!   nested deeper and, while its element is left open, every line up to its closing tag at
//!   the same depth; a plain table block is a table (`table.rs`). Other tags stand in a
//!   paragraph as inline HTML, as CommonMark reads them.

use super::lines::{
    Marker, closes_fence, divider, equation_fence, fence, heading, item, left_open, tags_to_model,
};
use super::read_inline::{inlines, italic_outside_bold};
use mosaic_provider_kit::markdown::{Block, Document, List, ListItem, html_block_kind};

/// A line: its depth in tabs and what follows them.
struct Line<'a> {
    depth: usize,
    text: &'a str,
    raw: &'a str,
}

/// A page's enhanced Markdown as a (normalized) document.
pub fn read(markdown: &str) -> Document {
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
    Document { blocks }
        .normalized()
        .map_inline_content(&mut italic_outside_bold)
        .normalized()
}

/// The blocks from `at` on at `depth` or deeper, neighbouring list items made lists.
fn level(lines: &[Line<'_>], at: &mut usize, depth: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
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
            let code = until(lines, at, here, |line| {
                closes_fence(line, character, length)
            });
            let language = info.split_whitespace().next().map(str::to_owned);
            blocks.push(Block::Code {
                language,
                text: code,
            });
            continue;
        }
        if equation_fence(text) {
            let tex = until(lines, at, here, equation_fence);
            blocks.push(Block::Code {
                language: Some("math".into()),
                text: tex,
            });
            continue;
        }
        let tagged = tags_to_model(text);
        if html_block_kind(&tagged).is_some() {
            let html = html(lines, at, here, &tagged);
            blocks.push(super::table::read(&html).map_or(Block::Html(html), Block::Table));
            continue;
        }
        if let Some((marker, rest)) = item(text).filter(|_| !divider(text)) {
            let mut item = ListItem {
                task: match marker {
                    Marker::Task(checked) => Some(checked),
                    Marker::Bullet | Marker::Ordered(_) => None,
                },
                blocks: vec![Block::Paragraph(inlines(rest))],
            };
            item.blocks.extend(level(lines, at, here + 1));
            let start = match marker {
                Marker::Ordered(number) => Some(number),
                Marker::Bullet | Marker::Task(_) => None,
            };
            match blocks.last_mut() {
                Some(Block::List(list)) if list.start.is_some() == start.is_some() => {
                    list.items.push(item)
                }
                _ => blocks.push(Block::List(List {
                    start,
                    items: vec![item],
                })),
            }
            continue;
        }
        if divider(text) {
            blocks.push(Block::Rule);
            continue;
        }
        if let Some((level_of, rest)) = heading(text) {
            blocks.push(Block::Heading {
                level: level_of,
                content: inlines(rest),
            });
            blocks.extend(level(lines, at, here + 1));
            continue;
        }
        if let Some(rest) = text.strip_prefix("> ").or((text == ">").then_some("")) {
            let mut quote = vec![Block::Paragraph(inlines(rest))];
            quote.extend(level(lines, at, here + 1));
            blocks.push(Block::Quote(quote));
            continue;
        }
        blocks.push(Block::Paragraph(inlines(text)));
        blocks.extend(level(lines, at, here + 1));
    }
    blocks
}

/// The lines after a code fence (or `$$`) at `depth` up to the one `closes`, the block's own
/// tabs taken off and the code's kept.
fn until(
    lines: &[Line<'_>],
    at: &mut usize,
    depth: usize,
    closes: impl Fn(&str) -> bool,
) -> String {
    let mut code = Vec::new();
    while let Some(next) = lines.get(*at) {
        *at += 1;
        // Tabs are one byte each, so the first `depth` bytes of the line are the block's tabs.
        let content = &next.raw[next.depth.min(depth)..];
        if closes(content) {
            break;
        }
        code.push(content);
    }
    code.join("\n")
}

/// An HTML block opened by `opening` at `depth`: the lines nested deeper and, while its
/// element is left open and its closing tag follows at that depth, the lines up to that tag.
/// Nested lines keep their tabs relative to the block.
fn html(lines: &[Line<'_>], at: &mut usize, depth: usize, opening: &str) -> String {
    let closing = left_open(opening).map(|name| format!("</{name}>"));
    let mut open = closing
        .as_deref()
        .is_some_and(|closing| closes_later(lines, *at, depth, closing));
    let mut kept = vec![opening.to_owned()];
    while let Some(next) = lines.get(*at) {
        if next.text.trim().is_empty() {
            *at += 1;
            continue;
        }
        let deeper = next.depth > depth;
        if next.depth < depth || (!deeper && !open) {
            break;
        }
        *at += 1;
        let text = tags_to_model(next.text);
        if !deeper
            && closing
                .as_deref()
                .is_some_and(|closing| text.starts_with(closing))
        {
            open = false;
        }
        kept.push(format!("{}{text}", "\t".repeat(next.depth - depth)));
    }
    kept.join("\n")
}

/// Whether a line at `depth` from `from` on, before any shallower line, starts with `closing`.
fn closes_later(lines: &[Line<'_>], from: usize, depth: usize, closing: &str) -> bool {
    lines[from..]
        .iter()
        .filter(|line| !line.text.trim().is_empty())
        .take_while(|line| line.depth >= depth)
        .any(|line| line.depth == depth && tags_to_model(line.text).starts_with(closing))
}
