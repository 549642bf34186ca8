//! Storage format → the kit's document model: the elements the model has nodes for become
//! blocks and inlines; everything else is read for what it shows (a panel's text, a page
//! link's title, an image's file name in brackets) and named in [`Reading::unkept`], so that
//! an update that would write Markdown over it can be refused before anything is lost.
//!
//! Whitespace is XHTML's (`whitespace.rs`). Blocks met where only a line fits (a table cell,
//! a task's body) are read as one line ([`blocks_as_line`]).

use super::whitespace;
use super::xml::{Element, Node, parse};
use mosaic_provider_kit::markdown::{
    Block, Document, Inline, List, ListItem, Table, blocks_as_line,
};

/// A storage-format body as a document, and what Markdown cannot carry of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The document (normalized).
    pub document: Document,
    /// What a body written back from the document would lose, each named once, in the order
    /// first met ("the `jira` macro", "an image (`<ac:image>`)").
    pub unkept: Vec<String>,
}

/// Reads a storage-format body.
pub fn read(storage: &str) -> Reading {
    let mut reader = Reader::default();
    let blocks = reader.blocks(&parse(storage));
    Reading {
        document: whitespace::collapse(Document { blocks }),
        unkept: reader.unkept,
    }
}

/// Elements read as inline content.
const INLINE: [&str; 25] = [
    "strong", "b", "em", "i", "s", "del", "strike", "code", "a", "br", "span", "u", "sup", "sub",
    "font", "small", "big", "mark", "ins", "kbd", "var", "abbr", "cite", "q", "time",
];

/// Reads elements, gathering what cannot be kept.
#[derive(Default)]
pub(super) struct Reader {
    unkept: Vec<String>,
}

impl Reader {
    /// Names something a body written back would lose, once.
    pub(super) fn lose(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.unkept.contains(&what) {
            self.unkept.push(what);
        }
    }

    /// Nodes as blocks: inline content between blocks is a paragraph.
    fn blocks(&mut self, nodes: &[Node]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut pending: Vec<Inline> = Vec::new();
        for node in nodes {
            match node {
                Node::Element(element) if !is_inline(element) => {
                    flush(&mut pending, &mut blocks);
                    self.block(element, &mut blocks);
                }
                node => pending.extend(self.inline(node)),
            }
        }
        flush(&mut pending, &mut blocks);
        blocks
    }

    fn block(&mut self, element: &Element, blocks: &mut Vec<Block>) {
        let name = element.name.as_str();
        match name {
            "p" => flush(&mut self.inlines(&element.children), blocks),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => blocks.push(Block::Heading {
                level: name.as_bytes()[1] - b'0',
                content: self.inlines(&element.children),
            }),
            "ul" | "ol" => {
                let start = (name == "ol").then(|| {
                    element
                        .attr("start")
                        .and_then(|start| start.trim().parse().ok())
                        .unwrap_or(1)
                });
                let items = element
                    .elements()
                    .filter(|item| item.name == "li")
                    .map(|item| ListItem {
                        task: None,
                        blocks: self.blocks(&item.children),
                    })
                    .collect();
                blocks.push(Block::List(List { start, items }));
            }
            "ac:task-list" => blocks.push(Block::List(List {
                start: None,
                items: self.tasks(element),
            })),
            "table" => blocks.push(Block::Table(self.table(element))),
            "pre" => blocks.push(Block::Code {
                language: None,
                text: element.text(),
            }),
            "blockquote" => blocks.push(Block::Quote(self.blocks(&element.children))),
            "hr" => blocks.push(Block::Rule),
            "ac:structured-macro" | "ac:macro" => self.block_macro(element, blocks),
            "ac:layout" => {
                self.lose("a page layout (`<ac:layout>`)");
                blocks.extend(self.blocks(&element.children));
            }
            name if name.starts_with("ac:") || name.starts_with("ri:") => {
                // A Confluence element with no Markdown form (`ac:adf-extension`, …): what it
                // shows is kept, the element is not.
                let blocks_inside = self.blocks(&element.children);
                self.lose(format!("`<{name}>`"));
                blocks.extend(blocks_inside);
            }
            // Containers (`div`, `section`, `thead`, …) hold blocks of their own.
            _ => blocks.extend(self.blocks(&element.children)),
        }
    }

    fn block_macro(&mut self, element: &Element, blocks: &mut Vec<Block>) {
        let name = macro_name(element);
        if name == "code" || name == "noformat" {
            let mut language = None;
            for parameter in element.elements().filter(|e| e.name == "ac:parameter") {
                match parameter.attr("ac:name").unwrap_or_default() {
                    "language" if name == "code" => {
                        language = Some(parameter.text().trim().to_owned())
                            .filter(|language| !language.is_empty())
                    }
                    other => self.lose(format!("the `{other}` parameter of the `{name}` macro")),
                }
            }
            let text = element
                .child("ac:plain-text-body")
                .map(Element::text)
                .unwrap_or_default();
            blocks.push(Block::Code { language, text });
            return;
        }
        self.lose(format!("the `{name}` macro"));
        let body = element
            .child("ac:rich-text-body")
            .map(|body| self.blocks(&body.children))
            .unwrap_or_default();
        blocks.push(Block::Quote(body));
    }

    /// The items of an `<ac:task-list>`: each task's body is its text, and a task list nested
    /// in the body or beside the task (as Confluence's editor writes it) is its nested list.
    fn tasks(&mut self, list: &Element) -> Vec<ListItem> {
        let mut items: Vec<ListItem> = Vec::new();
        for element in list.elements() {
            match element.name.as_str() {
                "ac:task" => items.push(self.task(element)),
                "ac:task-list" => {
                    let nested = self.tasks(element);
                    match items.last_mut() {
                        Some(parent) => nest(parent, nested),
                        None => items.extend(nested),
                    }
                }
                _ => {}
            }
        }
        items
    }

    fn task(&mut self, task: &Element) -> ListItem {
        let done = task
            .child("ac:task-status")
            .is_some_and(|status| status.text().trim() == "complete");
        let mut body = Vec::new();
        let mut nested: Vec<Vec<ListItem>> = Vec::new();
        if let Some(task_body) = task.child("ac:task-body") {
            for node in &task_body.children {
                match node {
                    Node::Element(list) if list.name == "ac:task-list" => {
                        nested.push(self.tasks(list));
                    }
                    Node::Element(block) if !is_inline(block) => {
                        let inside = self.blocks(std::slice::from_ref(node));
                        if !body.is_empty() {
                            body.push(Inline::Text(" ".into()));
                        }
                        body.extend(blocks_as_line(inside));
                    }
                    node => body.extend(self.inline(node)),
                }
            }
        }
        let mut item = ListItem {
            task: Some(done),
            blocks: vec![Block::Paragraph(body)],
        };
        for list in nested {
            nest(&mut item, list);
        }
        item
    }

    fn table(&mut self, table: &Element) -> Table {
        let mut rows = Vec::new();
        self.rows(table, &mut rows);
        Table::from_rows(rows)
    }

    fn rows(&mut self, element: &Element, rows: &mut Vec<Vec<Vec<Inline>>>) {
        for child in element.elements() {
            match child.name.as_str() {
                "tr" => {
                    let cells = child
                        .elements()
                        .filter(|cell| cell.name == "th" || cell.name == "td")
                        .map(|cell| {
                            if cell.attr("colspan").is_some_and(|n| n.trim() != "1")
                                || cell.attr("rowspan").is_some_and(|n| n.trim() != "1")
                            {
                                self.lose("merged table cells");
                            }
                            let blocks = self.blocks(&cell.children);
                            blocks_as_line(blocks)
                        })
                        .collect();
                    rows.push(cells);
                }
                "thead" | "tbody" | "tfoot" => self.rows(child, rows),
                _ => {}
            }
        }
    }

    pub(super) fn inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        nodes.iter().flat_map(|node| self.inline(node)).collect()
    }
}

/// A task list nested under `item`, after what it holds.
fn nest(item: &mut ListItem, nested: Vec<ListItem>) {
    if !nested.is_empty() {
        item.blocks.push(Block::List(List {
            start: None,
            items: nested,
        }));
    }
}

fn is_inline(element: &Element) -> bool {
    let name = element.name.as_str();
    INLINE.contains(&name)
        || matches!(
            name,
            "ac:link" | "ac:inline-comment-marker" | "ac:image" | "ac:emoticon" | "ac:placeholder"
        )
        || (name == "ac:structured-macro" && !is_block_macro(element))
}

pub(super) fn macro_name(element: &Element) -> String {
    element
        .attr("ac:name")
        .unwrap_or("unnamed")
        .trim()
        .to_ascii_lowercase()
}

/// A macro that stands on its own: code, and those with a body of blocks (panels, expands).
fn is_block_macro(element: &Element) -> bool {
    matches!(macro_name(element).as_str(), "code" | "noformat")
        || element.child("ac:rich-text-body").is_some()
}

/// The inline content gathered so far as a paragraph (none when it is empty).
fn flush(pending: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    if !pending.is_empty() {
        blocks.push(Block::Paragraph(std::mem::take(pending)));
    }
}
