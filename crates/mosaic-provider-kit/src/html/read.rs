//! Plane's HTML → the Markdown model, block by block and span by span.
//!
//! Elements without a node keep their content: a `<div>` its blocks, a `<span>`, `<u>` or
//! `<mark>` its text. Inline content outside any block is a paragraph. Whitespace at the edges
//! of a block shows nothing in HTML and is dropped; a line break inside text is the space HTML
//! shows.

use super::dom::{self, BLOCKS, Element, Node};
use crate::markdown::{
    Block, Directory, Document, Inline, List, ListItem, Mention, Table, blocks_as_line,
};

/// Plane HTML as a (normalized) document.
pub fn read_document(html: &str) -> Document {
    Document {
        blocks: blocks(&dom::parse(html)),
    }
    .normalized()
}

/// The blocks of a container's children.
fn blocks(nodes: &[Node]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut loose: Vec<&Node> = Vec::new();
    for node in nodes {
        match node {
            Node::Element(element) if is_block(element) => {
                paragraph(&loose, &mut out);
                loose.clear();
                block(element, &mut out);
            }
            other => loose.push(other),
        }
    }
    paragraph(&loose, &mut out);
    out
}

fn is_block(element: &Element) -> bool {
    BLOCKS.contains(&element.name.as_str()) && element.name != "image-component"
        || matches!(element.name.as_str(), "thead" | "tbody" | "tfoot")
}

fn paragraph(nodes: &[&Node], out: &mut Vec<Block>) {
    let content = block_line(nodes.iter().copied());
    if !content.is_empty() {
        out.push(Block::Paragraph(content));
    }
}

/// Inline content of a block, its edge whitespace dropped.
fn block_line<'n>(nodes: impl Iterator<Item = &'n Node>) -> Vec<Inline> {
    let mut content = Vec::new();
    for node in nodes {
        inline(node, &mut content);
    }
    trim_line(content)
}

/// A block's inline content, normalized, without the whitespace at its edges that HTML does
/// not show. The writer writes blocks so too, so that what it writes reads back unchanged.
pub(super) fn trim_line(content: Vec<Inline>) -> Vec<Inline> {
    let document = Document {
        blocks: vec![Block::Paragraph(content)],
    };
    let Some(Block::Paragraph(mut content)) = document.normalized().blocks.into_iter().next()
    else {
        return Vec::new();
    };
    if let Some(Inline::Text(text)) = content.first_mut() {
        let kept = text.trim_start().len();
        text.drain(..text.len() - kept);
    }
    if let Some(Inline::Text(text)) = content.last_mut() {
        text.truncate(text.trim_end().len());
    }
    content.retain(|inline| !matches!(inline, Inline::Text(text) if text.is_empty()));
    content
}

fn block(element: &Element, out: &mut Vec<Block>) {
    let children = || element.children.iter();
    match element.name.as_str() {
        "p" => paragraph(&children().collect::<Vec<_>>(), out),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.push(Block::Heading {
            level: element.name.as_bytes()[1] - b'0',
            content: block_line(children()),
        }),
        "ul" | "ol" => out.push(Block::List(list(element))),
        "blockquote" => out.push(Block::Quote(blocks(&element.children))),
        "pre" => out.push(code_block(element)),
        "hr" => out.push(Block::Rule),
        "table" => out.push(Block::Table(table(element))),
        // Containers without a node of their own: their blocks, in place.
        _ => out.extend(blocks(&element.children)),
    }
}

fn list(element: &Element) -> List {
    let start = (element.name == "ol").then(|| {
        element
            .attr("start")
            .and_then(|start| start.trim().parse().ok())
            .unwrap_or(1)
    });
    let task_list = element.attr("data-type") == Some("taskList");
    let mut items = Vec::new();
    for child in &element.children {
        match child {
            Node::Element(item) if item.name == "li" => {
                let checked = item.attr("data-checked");
                let task =
                    (task_list || checked.is_some() || item.attr("data-type") == Some("taskItem"))
                        .then(|| checked == Some("true"));
                // A task item's checkbox is its `<label>`; its content is the rest.
                let content: Vec<Node> = item
                    .children
                    .iter()
                    .filter(|node| {
                        task.is_none() || !matches!(node, Node::Element(e) if e.name == "label")
                    })
                    .cloned()
                    .collect();
                items.push(ListItem {
                    task,
                    blocks: blocks(&content),
                });
            }
            Node::Text(text) if text.trim().is_empty() => {}
            // Stray content between items is an item of its own.
            other => items.push(ListItem {
                task: None,
                blocks: blocks(std::slice::from_ref(other)),
            }),
        }
    }
    List { start, items }
}

fn table(element: &Element) -> Table {
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    collect_rows(&element.children, &mut rows);
    Table::from_rows(rows)
}

fn collect_rows(nodes: &[Node], rows: &mut Vec<Vec<Vec<Inline>>>) {
    for node in nodes {
        let Node::Element(element) = node else {
            continue;
        };
        if element.name == "tr" {
            let cells = element
                .children
                .iter()
                .filter_map(|cell| match cell {
                    Node::Element(cell) if cell.name == "td" || cell.name == "th" => {
                        Some(blocks_as_line(blocks(&cell.children)))
                    }
                    _ => None,
                })
                .collect();
            rows.push(cells);
        } else {
            collect_rows(&element.children, rows);
        }
    }
}

/// A `<pre>` as a code block, with the language of a `language-…` class.
fn code_block(element: &Element) -> Block {
    let code_element = element.children.iter().find_map(|child| match child {
        Node::Element(code) if code.name == "code" => Some(code),
        _ => None,
    });
    let language = code_element
        .and_then(|code| code.attr("class"))
        .into_iter()
        .chain(element.attr("class"))
        .flat_map(str::split_whitespace)
        .find_map(|class| class.strip_prefix("language-"))
        .map(str::to_owned);
    let mut text = text_of(&element.children);
    // The final line break ends the last line; it is not a line of its own.
    if text.ends_with('\n') {
        text.pop();
    }
    Block::Code { language, text }
}

fn inline(node: &Node, out: &mut Vec<Inline>) {
    let element = match node {
        Node::Text(text) => {
            out.push(Inline::Text(text.replace(['\n', '\r'], " ")));
            return;
        }
        Node::Element(element) => element,
    };
    let children = || {
        let mut content = Vec::new();
        for child in &element.children {
            inline(child, &mut content);
        }
        content
    };
    match element.name.as_str() {
        "strong" | "b" => out.push(Inline::Strong(children())),
        "em" | "i" => out.push(Inline::Emphasis(children())),
        "s" | "del" | "strike" => out.push(Inline::Strikethrough(children())),
        "code" | "kbd" | "samp" | "tt" => out.push(Inline::Code(text_of(&element.children))),
        "br" => out.push(Inline::HardBreak),
        "img" | "image-component" => {
            if let Some(src) = element.attr("src").filter(|src| !src.is_empty()) {
                out.push(Inline::Image {
                    src: src.to_owned(),
                    alt: element.attr("alt").unwrap_or_default().to_owned(),
                    title: element.attr("title").map(str::to_owned),
                });
            }
        }
        "a" if element.attr("href").is_some() => out.push(Inline::Link {
            href: element.attr("href").unwrap_or_default().to_owned(),
            title: element.attr("title").map(str::to_owned),
            content: children(),
        }),
        "mention-component" => match element.attr("entity_identifier") {
            Some(id) if !id.is_empty() => out.push(Inline::Mention(Mention {
                directory: Directory::Plane,
                id: id.to_owned(),
                name: element.attr("label").unwrap_or_default().to_owned(),
            })),
            _ => out.extend(children()),
        },
        // Any other element keeps its content.
        _ => out.extend(children()),
    }
}

/// Every text inside `nodes`, as written.
fn text_of(nodes: &[Node]) -> String {
    let mut text = String::new();
    for node in nodes {
        match node {
            Node::Text(part) => text.push_str(part),
            Node::Element(element) if element.name == "br" => text.push('\n'),
            Node::Element(element) => text.push_str(&text_of(&element.children)),
        }
    }
    text
}
