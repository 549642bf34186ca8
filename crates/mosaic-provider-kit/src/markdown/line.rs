//! Blocks met where a format allows one line of inline content only (a table cell, a task's
//! text): what they show, on one line.

use super::model::{Block, Inline};
use super::raw::html_as_text;

/// Blocks as one line of inline content, separated by spaces: paragraphs and headings with
/// their marks, code as a code span, lists, quotes and tables as the lines inside them, raw
/// HTML as its text; a rule shows nothing. (Line breaks left inside become spaces when the
/// line is normalized where it stands.)
pub fn blocks_as_line(blocks: Vec<Block>) -> Vec<Inline> {
    let mut line = Vec::new();
    let add = |content: Vec<Inline>, line: &mut Vec<Inline>| {
        if !line.is_empty() && !content.is_empty() {
            line.push(Inline::Text(" ".into()));
        }
        line.extend(content);
    };
    for block in blocks {
        match block {
            Block::Paragraph(content) | Block::Heading { content, .. } => add(content, &mut line),
            Block::Code { text, .. } => add(vec![Inline::Code(text)], &mut line),
            Block::List(list) => {
                for item in list.items {
                    add(blocks_as_line(item.blocks), &mut line);
                }
            }
            Block::Quote(inner) => add(blocks_as_line(inner), &mut line),
            Block::Table(table) => {
                for cell in table
                    .header
                    .into_iter()
                    .chain(table.rows.into_iter().flatten())
                {
                    add(cell, &mut line);
                }
            }
            Block::Rule => {}
            Block::Html(html) => add(html_as_text(&html), &mut line),
        }
    }
    line
}
