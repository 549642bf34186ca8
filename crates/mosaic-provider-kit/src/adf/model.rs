//! The subset of ADF both converters speak, as Rust types, and its JSON form.
//!
//! Reading ADF goes JSON → these types ([`super::parse`]) → Markdown; writing goes Markdown →
//! these types → JSON ([`document_to_value`]). Keeping one typed middle means both directions
//! agree on what a node is, and the JSON shape is written in exactly one place.

use serde_json::{Map, Value, json};

/// A block node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    /// `paragraph`.
    Paragraph(Vec<Inline>),
    /// `heading`, level 1 to 6.
    Heading { level: u8, content: Vec<Inline> },
    /// `bulletList`: each item is a `listItem`'s blocks.
    BulletList(Vec<Vec<Block>>),
    /// `orderedList` with its first number (`attrs.order`).
    OrderedList { order: u64, items: Vec<Vec<Block>> },
    /// `codeBlock`: its text and `attrs.language` when one is given.
    Code {
        language: Option<String>,
        text: String,
    },
    /// `blockquote`.
    Blockquote(Vec<Block>),
    /// `rule`.
    Rule,
}

/// An inline node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Inline {
    /// `text` with its marks.
    Text { text: String, marks: Marks },
    /// `hardBreak`.
    HardBreak,
    /// `mention` of an Atlassian account; `text` is the display text (`@Name`) when given.
    Mention { id: String, text: Option<String> },
}

/// The marks of a `text` node that survive the conversion. Other marks (underline, colours,
/// sub- and superscript) have no Markdown form and are not kept; their text is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    pub strong: bool,
    pub em: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<Link>,
}

/// The `link` mark's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub href: String,
    pub title: Option<String>,
}

/// The ADF document (`doc`, version 1) holding these blocks.
pub(crate) fn document_to_value(blocks: &[Block]) -> Value {
    json!({ "type": "doc", "version": 1, "content": blocks_to_values(blocks) })
}

fn blocks_to_values(blocks: &[Block]) -> Vec<Value> {
    blocks.iter().map(block_to_value).collect()
}

fn block_to_value(block: &Block) -> Value {
    match block {
        Block::Paragraph(content) => {
            json!({ "type": "paragraph", "content": inlines_to_values(content) })
        }
        Block::Heading { level, content } => json!({
            "type": "heading",
            "attrs": { "level": level },
            "content": inlines_to_values(content),
        }),
        Block::BulletList(items) => {
            json!({ "type": "bulletList", "content": items_to_values(items) })
        }
        Block::OrderedList { order, items } => json!({
            "type": "orderedList",
            "attrs": { "order": order },
            "content": items_to_values(items),
        }),
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
            Value::Object(node)
        }
        Block::Blockquote(content) => {
            json!({ "type": "blockquote", "content": blocks_to_values(content) })
        }
        Block::Rule => json!({ "type": "rule" }),
    }
}

fn items_to_values(items: &[Vec<Block>]) -> Vec<Value> {
    items
        .iter()
        .map(|item| json!({ "type": "listItem", "content": blocks_to_values(item) }))
        .collect()
}

fn inlines_to_values(content: &[Inline]) -> Vec<Value> {
    content.iter().map(inline_to_value).collect()
}

fn inline_to_value(inline: &Inline) -> Value {
    match inline {
        Inline::Text { text, marks } => {
            let mut node = Map::new();
            node.insert("type".into(), "text".into());
            node.insert("text".into(), text.as_str().into());
            let marks = marks_to_values(marks);
            if !marks.is_empty() {
                node.insert("marks".into(), Value::Array(marks));
            }
            Value::Object(node)
        }
        Inline::HardBreak => json!({ "type": "hardBreak" }),
        Inline::Mention { id, text } => {
            let mut attrs = Map::new();
            attrs.insert("id".into(), id.as_str().into());
            if let Some(text) = text {
                attrs.insert("text".into(), text.as_str().into());
            }
            json!({ "type": "mention", "attrs": attrs })
        }
    }
}

fn marks_to_values(marks: &Marks) -> Vec<Value> {
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

/// Joins neighbouring text nodes that carry the same marks, so that one run of formatting is
/// one node however the source split it.
pub(crate) fn merge_texts(content: Vec<Inline>) -> Vec<Inline> {
    let mut merged: Vec<Inline> = Vec::with_capacity(content.len());
    for inline in content {
        if let Inline::Text { text, marks } = &inline {
            if text.is_empty() {
                continue;
            }
            if let Some(Inline::Text {
                text: previous,
                marks: previous_marks,
            }) = merged.last_mut()
                && previous_marks == marks
            {
                previous.push_str(text);
                continue;
            }
        }
        merged.push(inline);
    }
    merged
}
