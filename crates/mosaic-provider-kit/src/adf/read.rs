//! Reading an ADF document (JSON) into the Markdown model.
//!
//! A malformed node of a supported type (a `text` without text, a heading without a level, a
//! link without `href`) is an [`AdfError`] naming its JSON path, such as
//! `$.content[2].content[0]`. A node of any other type is never dropped: a block that contains
//! blocks (`panel`, `table`, `expand`, …) gives up its blocks, anything else its text — its
//! `text`, its children's text, or the first of its `text`, `shortName`, `url` or `timestamp`
//! attributes (emoji, cards, dates) — and failing all of those its type in brackets. A
//! `taskList` is a list whose items have checkboxes (`state` `DONE` is checked); a `table` is a
//! table whose header is its first row, each cell's blocks joined into one line.

use super::AdfError;
use super::marks::{Link, Marks, Piece, to_tree};
use crate::markdown::{Block, Document, Inline, List, ListItem, Table, blocks_as_line};
use serde_json::{Map, Value};

/// Nesting deeper than this is refused: Jira's editor produces a handful of levels, and the
/// converters recurse once per level.
const MAX_DEPTH: usize = 100;

/// An ADF `doc` as a (normalized) document. Fails, naming the JSON path, when `document` is
/// not an ADF `doc` or a supported node in it is malformed.
pub fn read_document(document: &Value) -> Result<Document, AdfError> {
    let blocks = read_blocks(document)?;
    Ok(Document { blocks }.normalized())
}

fn read_blocks(document: &Value) -> Result<Vec<Block>, AdfError> {
    let root = JsonPath::Root;
    let kind = node_type(document, &root)?;
    if kind != "doc" {
        return Err(AdfError::new(
            "$",
            format!("expected an ADF document (type \"doc\"), got type {kind:?}"),
        ));
    }
    blocks(children(document, &root)?, &root, 0)
}

fn node_type<'v>(node: &'v Value, path: &JsonPath<'_>) -> Result<&'v str, AdfError> {
    let Some(object) = node.as_object() else {
        return Err(AdfError::new(
            path,
            format!(
                "expected an ADF node (a JSON object), got {}",
                json_kind(node)
            ),
        ));
    };
    match object.get("type") {
        Some(Value::String(kind)) => Ok(kind),
        Some(other) => Err(AdfError::new(
            path,
            format!("`type` must be a string, got {}", json_kind(other)),
        )),
        None => Err(AdfError::new(path, "the node has no `type`")),
    }
}

fn children<'v>(node: &'v Value, path: &JsonPath<'_>) -> Result<&'v [Value], AdfError> {
    match node.get("content") {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(AdfError::new(
            path,
            format!("`content` must be an array, got {}", json_kind(other)),
        )),
    }
}

fn attrs(node: &Value) -> Option<&Map<String, Value>> {
    node.get("attrs").and_then(Value::as_object)
}

fn child_path<'p>(path: &'p JsonPath<'p>, index: usize) -> JsonPath<'p> {
    JsonPath::Child(path, "content", index)
}

/// Where a node is, as a JSON path from the document's root (`$.content[1].marks[0]`), written
/// out only when an error needs it: formatting every node's path up front cost more than the
/// rest of the conversion.
#[derive(Clone, Copy, Debug)]
pub(super) enum JsonPath<'p> {
    /// The document, `$`.
    Root,
    /// Item `index` of the array `field` of a node.
    Child(&'p JsonPath<'p>, &'static str, usize),
}

impl std::fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Root => f.write_str("$"),
            Self::Child(parent, field, index) => write!(f, "{parent}.{field}[{index}]"),
        }
    }
}

fn check_depth(depth: usize, path: &JsonPath<'_>) -> Result<(), AdfError> {
    if depth > MAX_DEPTH {
        return Err(AdfError::new(
            path,
            format!("nodes are nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    Ok(())
}

fn blocks(nodes: &[Value], parent: &JsonPath<'_>, depth: usize) -> Result<Vec<Block>, AdfError> {
    blocks_at(nodes.iter().enumerate(), parent, depth)
}

/// The blocks of `(index in parent, node)` pairs.
fn blocks_at<'v>(
    nodes: impl Iterator<Item = (usize, &'v Value)>,
    parent: &JsonPath<'_>,
    depth: usize,
) -> Result<Vec<Block>, AdfError> {
    check_depth(depth, parent)?;
    let mut out = Vec::new();
    // Inline nodes met where blocks belong are gathered into one paragraph.
    let mut loose_inline = Vec::new();
    for (index, node) in nodes {
        let path = child_path(parent, index);
        let kind = node_type(node, &path)?;
        if matches!(kind, "text" | "hardBreak" | "mention") {
            loose_inline.push(inline(node, kind, &path, depth + 1)?);
            continue;
        }
        if !loose_inline.is_empty() {
            out.push(Block::Paragraph(to_tree(std::mem::take(&mut loose_inline))));
        }
        let inner = children(node, &path)?;
        match kind {
            "paragraph" => out.push(Block::Paragraph(to_tree(inlines(inner, &path, depth + 1)?))),
            "heading" => out.push(Block::Heading {
                level: heading_level(node, &path)?,
                content: to_tree(inlines(inner, &path, depth + 1)?),
            }),
            "bulletList" => out.push(Block::List(List {
                start: None,
                items: list_items(inner, &path, depth + 1)?,
            })),
            "orderedList" => out.push(Block::List(List {
                start: Some(list_order(node, &path)?),
                items: list_items(inner, &path, depth + 1)?,
            })),
            "taskList" => out.push(Block::List(List {
                start: None,
                items: task_items(inner, &path, depth + 1)?,
            })),
            "table" => out.push(Block::Table(table(inner, &path, depth + 1)?)),
            "codeBlock" => out.push(Block::Code {
                language: code_language(node, &path)?,
                text: code_text(inner, &path, depth + 1)?,
            }),
            "blockquote" => out.push(Block::Quote(blocks(inner, &path, depth + 1)?)),
            "rule" => out.push(Block::Rule),
            // A stray `listItem` and any block type without a Markdown form.
            _ if !inner.is_empty() => out.extend(blocks(inner, &path, depth + 1)?),
            _ => out.push(Block::Paragraph(vec![Inline::Text(fallback_text(
                node, kind,
            ))])),
        }
    }
    if !loose_inline.is_empty() {
        out.push(Block::Paragraph(to_tree(loose_inline)));
    }
    Ok(out)
}

fn list_items(
    nodes: &[Value],
    parent: &JsonPath<'_>,
    depth: usize,
) -> Result<Vec<ListItem>, AdfError> {
    check_depth(depth, parent)?;
    nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let path = child_path(parent, index);
            let blocks = if node_type(node, &path)? == "listItem" {
                blocks(children(node, &path)?, &path, depth + 1)?
            } else {
                // Something other than an item in a list still shows, as an item of its own.
                blocks_at(std::iter::once((index, node)), parent, depth + 1)?
            };
            Ok(ListItem { task: None, blocks })
        })
        .collect()
}

/// The items of a `taskList`: `taskItem`s (or `blockTaskItem`s) with their `state`; a nested
/// `taskList` belongs to the item before it.
fn task_items(
    nodes: &[Value],
    parent: &JsonPath<'_>,
    depth: usize,
) -> Result<Vec<ListItem>, AdfError> {
    check_depth(depth, parent)?;
    let mut items: Vec<ListItem> = Vec::with_capacity(nodes.len());
    for (index, node) in nodes.iter().enumerate() {
        let path = child_path(parent, index);
        match node_type(node, &path)? {
            "taskItem" | "blockTaskItem" => {
                let done = attrs(node)
                    .and_then(|attrs| attrs.get("state"))
                    .and_then(Value::as_str)
                    == Some("DONE");
                items.push(ListItem {
                    task: Some(done),
                    blocks: blocks(children(node, &path)?, &path, depth + 1)?,
                });
            }
            _ => {
                let blocks = blocks_at(std::iter::once((index, node)), parent, depth + 1)?;
                match items.last_mut() {
                    Some(item) => item.blocks.extend(blocks),
                    None => items.push(ListItem {
                        task: Some(false),
                        blocks,
                    }),
                }
            }
        }
    }
    Ok(items)
}

/// A `table`: its first row is the header (Markdown has no table without one), and each cell's
/// blocks are one line of inline content.
fn table(nodes: &[Value], parent: &JsonPath<'_>, depth: usize) -> Result<Table, AdfError> {
    check_depth(depth, parent)?;
    let mut rows = Vec::with_capacity(nodes.len());
    for (index, node) in nodes.iter().enumerate() {
        let path = child_path(parent, index);
        let cells = if node_type(node, &path)? == "tableRow" {
            let mut cells = Vec::new();
            for (cell_index, cell) in children(node, &path)?.iter().enumerate() {
                let cell_path = child_path(&path, cell_index);
                node_type(cell, &cell_path)?;
                let blocks = blocks(children(cell, &cell_path)?, &cell_path, depth + 2)?;
                cells.push(blocks_as_line(blocks));
            }
            cells
        } else {
            vec![blocks_as_line(blocks_at(
                std::iter::once((index, node)),
                parent,
                depth + 1,
            )?)]
        };
        rows.push(cells);
    }
    Ok(Table::from_rows(rows))
}

fn inlines(nodes: &[Value], parent: &JsonPath<'_>, depth: usize) -> Result<Vec<Piece>, AdfError> {
    check_depth(depth, parent)?;
    let mut out = Vec::with_capacity(nodes.len());
    for (index, node) in nodes.iter().enumerate() {
        let path = child_path(parent, index);
        let kind = node_type(node, &path)?;
        out.push(inline(node, kind, &path, depth + 1)?);
    }
    Ok(out)
}

fn inline(node: &Value, kind: &str, path: &JsonPath<'_>, depth: usize) -> Result<Piece, AdfError> {
    check_depth(depth, path)?;
    Ok(match kind {
        "text" => Piece::Text {
            text: text_of(node, path)?.to_owned(),
            marks: marks(node, path)?,
        },
        "hardBreak" => Piece::HardBreak,
        "mention" => {
            let attrs = attrs(node);
            let id = match attrs.and_then(|attrs| attrs.get("id")) {
                Some(Value::String(id)) => id.clone(),
                _ => {
                    return Err(AdfError::new(
                        path,
                        "a mention needs `attrs.id`, the account id, as a string",
                    ));
                }
            };
            // Jira writes the display text with its `@`; the model keeps the name alone.
            let text = optional_string(attrs, "text", path)?.unwrap_or_default();
            let name = text.strip_prefix('@').unwrap_or(&text).to_owned();
            Piece::Mention { id, name }
        }
        _ => Piece::Text {
            text: plain_text(node, kind, path, depth)?,
            marks: Marks::default(),
        },
    })
}

fn text_of<'v>(node: &'v Value, path: &JsonPath<'_>) -> Result<&'v str, AdfError> {
    match node.get("text") {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(AdfError::new(
            path,
            format!("`text` must be a string, got {}", json_kind(other)),
        )),
        None => Err(AdfError::new(path, "a text node needs `text`")),
    }
}

fn marks(node: &Value, path: &JsonPath<'_>) -> Result<Marks, AdfError> {
    let mut marks = Marks::default();
    let list = match node.get("marks") {
        None | Some(Value::Null) => return Ok(marks),
        Some(Value::Array(list)) => list,
        Some(other) => {
            return Err(AdfError::new(
                path,
                format!("`marks` must be an array, got {}", json_kind(other)),
            ));
        }
    };
    for (index, mark) in list.iter().enumerate() {
        let mark_path = JsonPath::Child(path, "marks", index);
        match node_type(mark, &mark_path)? {
            "strong" => marks.strong = true,
            "em" => marks.em = true,
            "strike" => marks.strike = true,
            "code" => marks.code = true,
            "link" => {
                let attrs = attrs(mark);
                let href = match attrs.and_then(|attrs| attrs.get("href")) {
                    Some(Value::String(href)) => href.clone(),
                    _ => {
                        return Err(AdfError::new(
                            mark_path,
                            "a link mark needs `attrs.href` as a string",
                        ));
                    }
                };
                let title = optional_string(attrs, "title", &mark_path)?;
                marks.link = Some(Link { href, title });
            }
            // Underline, colours, sub/superscript, annotations: no Markdown form.
            _ => {}
        }
    }
    Ok(marks)
}

fn optional_string(
    attrs: Option<&Map<String, Value>>,
    name: &str,
    path: &JsonPath<'_>,
) -> Result<Option<String>, AdfError> {
    match attrs.and_then(|attrs| attrs.get(name)) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(other) => Err(AdfError::new(
            path,
            format!("`attrs.{name}` must be a string, got {}", json_kind(other)),
        )),
    }
}

fn heading_level(node: &Value, path: &JsonPath<'_>) -> Result<u8, AdfError> {
    let level = attrs(node).and_then(|attrs| attrs.get("level"));
    match level.and_then(Value::as_u64) {
        Some(level @ 1..=6) => Ok(level as u8),
        _ => Err(AdfError::new(
            path,
            format!(
                "a heading needs `attrs.level` from 1 to 6, got {}",
                level.map_or_else(|| "none".to_owned(), Value::to_string)
            ),
        )),
    }
}

fn list_order(node: &Value, path: &JsonPath<'_>) -> Result<u64, AdfError> {
    match attrs(node).and_then(|attrs| attrs.get("order")) {
        None | Some(Value::Null) => Ok(1),
        Some(order) => order.as_u64().ok_or_else(|| {
            AdfError::new(
                path,
                format!("`attrs.order` must be a whole number of 0 or more, got {order}"),
            )
        }),
    }
}

fn code_language(node: &Value, path: &JsonPath<'_>) -> Result<Option<String>, AdfError> {
    Ok(optional_string(attrs(node), "language", path)?.filter(|language| !language.is_empty()))
}

fn code_text(nodes: &[Value], parent: &JsonPath<'_>, depth: usize) -> Result<String, AdfError> {
    let mut text = String::new();
    for (index, node) in nodes.iter().enumerate() {
        let path = child_path(parent, index);
        match node_type(node, &path)? {
            "text" => text.push_str(text_of(node, &path)?),
            "hardBreak" => text.push('\n'),
            kind => text.push_str(&plain_text(node, kind, &path, depth + 1)?),
        }
    }
    Ok(text)
}

/// The text a node shows, for node types without a Markdown form of their own.
fn plain_text(
    node: &Value,
    kind: &str,
    path: &JsonPath<'_>,
    depth: usize,
) -> Result<String, AdfError> {
    check_depth(depth, path)?;
    if let Some(Value::String(text)) = node.get("text") {
        return Ok(text.clone());
    }
    let mut text = String::new();
    for (index, child) in children(node, path)?.iter().enumerate() {
        let child_path = child_path(path, index);
        let child_kind = node_type(child, &child_path)?;
        if child_kind == "hardBreak" {
            text.push(' ');
        } else {
            text.push_str(&plain_text(child, child_kind, &child_path, depth + 1)?);
        }
    }
    if text.is_empty() {
        text = fallback_text(node, kind);
    }
    Ok(text)
}

/// What a node without text content shows: a telling attribute, or else its type.
fn fallback_text(node: &Value, kind: &str) -> String {
    let attrs = attrs(node);
    ["text", "shortName", "url", "timestamp"]
        .iter()
        .find_map(|name| match attrs?.get(*name)? {
            Value::String(text) if !text.is_empty() => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| format!("[{kind}]"))
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
