//! The kit's document model → Notion's enhanced Markdown, one block a line, what a block holds
//! on the lines after it one tab deeper, which `read.rs` reads back as the same document.
//!
//! - A list item's first paragraph is its text and its other blocks are nested in it; an item
//!   that starts with another block has no text (Notion: "other block types render as children
//!   of an empty list item"). Bullets are `-`, to-dos `- [ ]` and `- [x]`, numbered items
//!   `1.` on; a numbered item's checkbox is the text `[ ] ` (Notion's to-dos are bullets).
//! - A quote's first paragraph is its `> ` line and its other blocks are nested in it.
//! - A code block is fenced (with `~` when its language holds a backtick); one in `math` is an
//!   equation between `$$` lines.
//! - A table is Notion's `<table>` block, its first row the header (`header-row`); its
//!   alignment is not kept.
//! - Raw HTML is written as it is, each line at the block's depth, Notion's underscored tag
//!   names restored.

use super::lines::{equation_fence, tags_to_notion};
use super::write_inline::text;
use mosaic_provider_kit::markdown::{Block, Document, List, longest_run};

/// A document as enhanced Markdown, one line a block, without a final line break.
pub fn write(document: &Document) -> String {
    let mut lines = Vec::new();
    blocks(&document.normalized().blocks, 0, &mut lines);
    lines.join("\n")
}

fn blocks(blocks: &[Block], depth: usize, lines: &mut Vec<String>) {
    let tabs = "\t".repeat(depth);
    for block in blocks {
        match block {
            Block::Paragraph(content) => lines.push(format!("{tabs}{}", text(content))),
            Block::Heading { level, content } => {
                let hashes = "#".repeat(usize::from(*level));
                match text(content) {
                    heading if heading.is_empty() => lines.push(format!("{tabs}{hashes}")),
                    heading => lines.push(format!("{tabs}{hashes} {heading}")),
                }
            }
            Block::List(list) => self::list(list, depth, lines),
            Block::Code { language, text } => code(language.as_deref(), text, &tabs, lines),
            Block::Quote(inner) => nested(&tabs, ">", inner, depth, lines),
            Block::Rule => lines.push(format!("{tabs}---")),
            Block::Table(table) => lines.extend(
                super::table::write(table)
                    .iter()
                    .map(|line| format!("{tabs}{line}")),
            ),
            Block::Html(html) => {
                lines.extend(
                    tags_to_notion(html)
                        .split('\n')
                        .map(|line| format!("{tabs}{line}")),
                );
            }
        }
    }
}

/// A line opened by `marker`, with the first block's text when it is a paragraph, and the
/// other blocks nested under it.
fn nested(tabs: &str, marker: &str, inner: &[Block], depth: usize, lines: &mut Vec<String>) {
    let (line, rest) = match inner.split_first() {
        Some((Block::Paragraph(content), rest)) => (format!("{marker} {}", text(content)), rest),
        _ => (marker.to_owned(), inner),
    };
    lines.push(format!("{tabs}{line}"));
    blocks(rest, depth + 1, lines);
}

fn list(list: &List, depth: usize, lines: &mut Vec<String>) {
    let tabs = "\t".repeat(depth);
    for (index, item) in list.items.iter().enumerate() {
        match list.start {
            Some(start) => {
                let marker = format!("{}.", start.saturating_add(index as u64));
                nested(
                    &tabs,
                    &marker,
                    &item.blocks_with_checkbox_text(),
                    depth,
                    lines,
                );
            }
            None => {
                let marker = match item.task {
                    Some(true) => "- [x]",
                    Some(false) => "- [ ]",
                    None => "-",
                };
                nested(&tabs, marker, &item.blocks, depth, lines);
            }
        }
    }
}

fn code(language: Option<&str>, code: &str, tabs: &str, lines: &mut Vec<String>) {
    let code_lines: Vec<&str> = code.split('\n').collect();
    let body = |lines: &mut Vec<String>| {
        if !code.is_empty() {
            lines.extend(code_lines.iter().map(|line| format!("{tabs}{line}")));
        }
    };
    if language == Some("math") && !code_lines.iter().any(|line| equation_fence(line)) {
        lines.push(format!("{tabs}$$"));
        body(lines);
        lines.push(format!("{tabs}$$"));
        return;
    }
    let language = language.unwrap_or_default();
    let fence_char = if language.contains('`') { '~' } else { '`' };
    let fence = fence_char
        .to_string()
        .repeat(longest_run(code, fence_char).max(2) + 1);
    lines.push(format!("{tabs}{fence}{language}"));
    body(lines);
    lines.push(format!("{tabs}{fence}"));
}
