//! The Markdown model → an ADF document (JSON), the shape of
//! <https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/>.
//!
//! ADF is stricter about nesting than Markdown. Inside a list item or a quote a heading is a
//! paragraph, a nested quote gives up its blocks, a rule is the text `---`, a table is one
//! paragraph a row (cells joined by ` | `) and a task list a bullet list. A list is a
//! `taskList` when every item has a checkbox and holds one paragraph followed by nothing but
//! task lists (a `taskItem` holds inline content only); any other checkbox is the text `[ ] ` or
//! `[x] ` at the start of its item. Raw HTML is text: an HTML block a paragraph of its lines
//! joined by hard breaks. Inline content follows [`super::marks::to_pieces`].

use super::marks::{Marks, Piece, to_pieces};
use crate::markdown::{Block, Document, Inline, List, Table, html_as_text};
use serde_json::{Map, Value, json};

/// A document as ADF (`doc`, version 1).
pub fn write_document(document: &Document) -> Value {
    let document = document.normalized();
    let mut writer = Writer { task_ids: 0 };
    let content = writer.blocks(&document.blocks, Place::Top);
    with_content(json!({ "type": "doc", "version": 1 }), content)
}

/// Where blocks stand: ADF allows more at the top than inside list items and quotes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Top,
    Nested,
}

struct Writer {
    /// Task lists and items need a `localId` unique in the document.
    task_ids: u64,
}

impl Writer {
    fn local_id(&mut self) -> String {
        self.task_ids += 1;
        format!("task-{}", self.task_ids)
    }

    fn blocks(&mut self, blocks: &[Block], place: Place) -> Vec<Value> {
        let mut out = Vec::with_capacity(blocks.len());
        for block in blocks {
            self.block(block, place, &mut out);
        }
        out
    }

    fn block(&mut self, block: &Block, place: Place, out: &mut Vec<Value>) {
        match block {
            Block::Paragraph(content) => out.push(paragraph(content)),
            Block::Heading { content, .. } if place == Place::Nested => {
                out.push(paragraph(content))
            }
            Block::Heading { level, content } => out.push(with_content(
                json!({ "type": "heading", "attrs": { "level": level } }),
                inline_values(content),
            )),
            Block::List(list) if place == Place::Top && list.is_task_list_of_lines() => {
                out.push(self.task_list(list))
            }
            Block::List(list) => out.push(self.list(list)),
            Block::Code { language, text } => {
                let mut node = Map::new();
                node.insert("type".into(), "codeBlock".into());
                if let Some(language) = language {
                    node.insert("attrs".into(), json!({ "language": language }));
                }
                let content = if text.is_empty() {
                    Vec::new()
                } else {
                    vec![json!({ "type": "text", "text": text })]
                };
                node.insert("content".into(), Value::Array(content));
                out.push(Value::Object(node));
            }
            Block::Quote(inner) if place == Place::Nested => {
                out.extend(self.blocks(inner, Place::Nested))
            }
            Block::Quote(inner) => {
                let content = non_empty(self.blocks(inner, Place::Nested));
                out.push(with_content(json!({ "type": "blockquote" }), content));
            }
            Block::Table(table) if place == Place::Nested => {
                for row in std::iter::once(&table.header).chain(&table.rows) {
                    out.push(paragraph(&row_line(row)));
                }
            }
            Block::Table(table) => out.push(self.table(table)),
            Block::Rule if place == Place::Nested => {
                out.push(paragraph(&[Inline::Text("---".into())]))
            }
            Block::Rule => out.push(json!({ "type": "rule" })),
            Block::Html(html) => out.push(paragraph(&html_as_text(html))),
        }
    }

    fn list(&mut self, list: &List) -> Value {
        let items: Vec<Value> = list
            .items
            .iter()
            .map(|item| {
                let content =
                    non_empty(self.blocks(&item.blocks_with_checkbox_text(), Place::Nested));
                with_content(json!({ "type": "listItem" }), content)
            })
            .collect();
        match list.start {
            Some(order) => with_content(
                json!({ "type": "orderedList", "attrs": { "order": order } }),
                items,
            ),
            None => with_content(json!({ "type": "bulletList" }), items),
        }
    }

    fn task_list(&mut self, list: &List) -> Value {
        let mut content = Vec::new();
        for item in &list.items {
            let (text, nested) = match item.blocks.split_first() {
                Some((Block::Paragraph(text), nested)) => (text.as_slice(), nested),
                _ => (&[][..], item.blocks.as_slice()),
            };
            let state = if item.task == Some(true) {
                "DONE"
            } else {
                "TODO"
            };
            content.push(with_content(
                json!({ "type": "taskItem", "attrs": { "localId": self.local_id(), "state": state } }),
                inline_values(text),
            ));
            for block in nested {
                if let Block::List(list) = block {
                    content.push(self.task_list(list));
                }
            }
        }
        with_content(
            json!({ "type": "taskList", "attrs": { "localId": self.local_id() } }),
            content,
        )
    }

    fn table(&mut self, table: &Table) -> Value {
        let row = |cells: &[Vec<Inline>], kind: &str| {
            let cells: Vec<Value> = cells
                .iter()
                .map(|cell| with_content(json!({ "type": kind }), vec![paragraph(cell)]))
                .collect();
            with_content(json!({ "type": "tableRow" }), cells)
        };
        let mut rows = vec![row(&table.header, "tableHeader")];
        rows.extend(table.rows.iter().map(|cells| row(cells, "tableCell")));
        with_content(json!({ "type": "table" }), rows)
    }
}

/// A table row as one line: its cells joined by ` | `.
fn row_line(cells: &[Vec<Inline>]) -> Vec<Inline> {
    let mut line = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            line.push(Inline::Text(" | ".into()));
        }
        line.extend(cell.iter().cloned());
    }
    line
}

/// ADF requires content in list items and quotes; an empty paragraph is what its editor writes.
fn non_empty(mut blocks: Vec<Value>) -> Vec<Value> {
    if blocks.is_empty() {
        blocks.push(json!({ "type": "paragraph", "content": [] }));
    }
    blocks
}

fn paragraph(content: &[Inline]) -> Value {
    with_content(json!({ "type": "paragraph" }), inline_values(content))
}

/// `node` with `content`. The children are moved in: `json!` would serialize (copy) them
/// again at every level, which cost more than the rest of the conversion.
fn with_content(mut node: Value, content: Vec<Value>) -> Value {
    if let Value::Object(object) = &mut node {
        object.insert("content".into(), Value::Array(content));
    }
    node
}

fn inline_values(content: &[Inline]) -> Vec<Value> {
    let mut pieces: Vec<Piece> = Vec::new();
    // Neighbouring text with the same marks is one node, as Jira's editor writes it.
    for piece in to_pieces(content) {
        if let (
            Some(Piece::Text { text, marks }),
            Piece::Text {
                text: next,
                marks: next_marks,
            },
        ) = (pieces.last_mut(), &piece)
            && marks == next_marks
        {
            text.push_str(next);
            continue;
        }
        pieces.push(piece);
    }
    pieces.iter().map(piece_value).collect()
}

fn piece_value(piece: &Piece) -> Value {
    match piece {
        Piece::Text { text, marks } => {
            let mut node = Map::new();
            node.insert("type".into(), "text".into());
            node.insert("text".into(), text.as_str().into());
            let marks = mark_values(marks);
            if !marks.is_empty() {
                node.insert("marks".into(), Value::Array(marks));
            }
            Value::Object(node)
        }
        Piece::HardBreak => json!({ "type": "hardBreak" }),
        Piece::Mention { id, name } => {
            let mut attrs = Map::new();
            attrs.insert("id".into(), id.as_str().into());
            if !name.is_empty() {
                attrs.insert("text".into(), format!("@{name}").into());
            }
            json!({ "type": "mention", "attrs": attrs })
        }
    }
}

fn mark_values(marks: &Marks) -> Vec<Value> {
    let mut values = Vec::new();
    for (on, name) in [
        (marks.strong, "strong"),
        (marks.em, "em"),
        (marks.strike, "strike"),
        (marks.code, "code"),
    ] {
        if on {
            values.push(json!({ "type": name }));
        }
    }
    if let Some(link) = &marks.link {
        let mut attrs = Map::new();
        attrs.insert("href".into(), link.href.as_str().into());
        if let Some(title) = &link.title {
            attrs.insert("title".into(), title.as_str().into());
        }
        values.push(json!({ "type": "link", "attrs": attrs }));
    }
    values
}
