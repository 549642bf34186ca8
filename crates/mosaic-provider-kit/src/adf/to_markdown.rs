//! ADF → Markdown: the blocks of a document.
//!
//! Blocks are separated by a blank line. List items continue their lines indented to the
//! item's content; quotes prefix every line with `>`. Two lists of the same kind directly after
//! each other would read as one, so the second one switches its marker (`-` ↔ `*`,
//! `1.` ↔ `1)`), which CommonMark reads as the start of a new list.

use super::AdfError;
use super::inline::render_inlines;
use super::model::Block;
use super::parse::parse_document;
use crate::markdown::longest_run;
use serde_json::Value;

/// CommonMark allows at most nine digits in an ordered list's number.
const LARGEST_LIST_NUMBER: u64 = 999_999_999;

/// An ADF document as Markdown. Fails, naming the JSON path, when `document` is not an ADF
/// `doc` or a supported node in it is malformed; node types without a Markdown form are
/// written as the text they hold.
pub fn adf_to_markdown(document: &Value) -> Result<String, AdfError> {
    let blocks = parse_document(document)?;
    Ok(join_blocks(&render_sequence(&blocks)))
}

/// The marker a list is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListMarker {
    Dash,
    Star,
    Dot,
    Paren,
}

/// One rendered block, with what its neighbours need to know about it.
struct Rendered<'b> {
    text: String,
    block: &'b Block,
}

/// Each block rendered on its own; empty results (an empty paragraph) are left out.
fn render_sequence(blocks: &[Block]) -> Vec<Rendered<'_>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut previous_marker = None;
    for block in blocks {
        let marker = match block {
            Block::BulletList(_) if previous_marker == Some(ListMarker::Dash) => {
                Some(ListMarker::Star)
            }
            Block::BulletList(_) => Some(ListMarker::Dash),
            Block::OrderedList { .. } if previous_marker == Some(ListMarker::Dot) => {
                Some(ListMarker::Paren)
            }
            Block::OrderedList { .. } => Some(ListMarker::Dot),
            _ => None,
        };
        let text = render_block(block, marker.unwrap_or(ListMarker::Dash));
        if text.is_empty() {
            continue;
        }
        previous_marker = marker;
        out.push(Rendered { text, block });
    }
    out
}

fn join_blocks(rendered: &[Rendered<'_>]) -> String {
    rendered
        .iter()
        .map(|rendered| rendered.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn render_block(block: &Block, marker: ListMarker) -> String {
    match block {
        Block::Paragraph(content) => render_inlines(content, false),
        Block::Heading { level, content } => {
            let hashes = "#".repeat(usize::from(*level));
            let text = render_inlines(content, true);
            if text.is_empty() {
                hashes
            } else {
                format!("{hashes} {text}")
            }
        }
        Block::BulletList(items) => {
            let bullet = if marker == ListMarker::Star { "*" } else { "-" };
            render_list(items, |_| bullet.to_owned())
        }
        Block::OrderedList { order, items } => {
            let delimiter = if marker == ListMarker::Paren {
                ')'
            } else {
                '.'
            };
            let first = (*order).min(LARGEST_LIST_NUMBER);
            render_list(items, |index| {
                format!("{}{delimiter}", first + index as u64)
            })
        }
        Block::Code { language, text } => render_code_block(language.as_deref(), text),
        Block::Blockquote(content) => {
            let inner = join_blocks(&render_sequence(content));
            if inner.is_empty() {
                ">".into()
            } else {
                prefix_lines(&inner, "> ", "> ")
            }
        }
        Block::Rule => "---".into(),
    }
}

fn render_list(items: &[Vec<Block>], marker: impl Fn(usize) -> String) -> String {
    let rendered: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let marker = marker(index);
            let content = join_item(&render_sequence(item));
            if content.is_empty() {
                marker
            } else {
                let indent = " ".repeat(marker.len() + 1);
                prefix_lines(&content, &format!("{marker} "), &indent)
            }
        })
        .collect();
    // A list of one-line-ish items stays tight; one whose items hold several blocks is loose.
    let loose = rendered.iter().any(|item| item.contains("\n\n"));
    rendered.join(if loose { "\n\n" } else { "\n" })
}

/// The blocks of a list item: a nested list may follow its paragraph on the next line (a
/// tight item), everything else is separated by a blank line.
fn join_item(rendered: &[Rendered<'_>]) -> String {
    let mut out = String::new();
    for (index, current) in rendered.iter().enumerate() {
        if index > 0 {
            let previous = rendered[index - 1].block;
            let tight = matches!(
                previous,
                Block::Paragraph(_) | Block::BulletList(_) | Block::OrderedList { .. }
            ) && interrupts_paragraph(current.block);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&current.text);
    }
    out
}

/// Whether a list may start on the line right after a paragraph (CommonMark: a bullet list, or
/// an ordered list starting at 1, whose first item is not empty).
fn interrupts_paragraph(block: &Block) -> bool {
    let first_item_has_text = |items: &[Vec<Block>]| {
        items
            .first()
            .is_some_and(|item| !join_item(&render_sequence(item)).is_empty())
    };
    match block {
        Block::BulletList(items) => first_item_has_text(items),
        Block::OrderedList { order: 1, items } => first_item_has_text(items),
        _ => false,
    }
}

fn render_code_block(language: Option<&str>, text: &str) -> String {
    // A backtick fence cannot carry an info string with backticks; a tilde fence can.
    let fence_char = if language.is_some_and(|language| language.contains('`')) {
        '~'
    } else {
        '`'
    };
    let fence = fence_char
        .to_string()
        .repeat(longest_run(text, fence_char).max(2) + 1);
    let language = language.unwrap_or_default();
    if text.is_empty() {
        format!("{fence}{language}\n{fence}")
    } else {
        format!("{fence}{language}\n{text}\n{fence}")
    }
}

/// `text` with `first` before its first line and `rest` before every other; blank lines get
/// the prefix without its trailing spaces.
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let prefix = if index == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}
