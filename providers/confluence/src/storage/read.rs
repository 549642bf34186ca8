//! Storage format to the [`Doc`]: the elements Markdown can carry become blocks and inlines;
//! everything else is read for what it shows (a panel's text, a page link's title, an image's
//! file name in brackets) and named in [`Reading::unkept`], so that an update that would write
//! Markdown over it can be refused before anything is lost.
//!
//! Whitespace is XHTML's: runs of spaces and line breaks are one space, and none is kept at the
//! edges of a block or between blocks.

use super::doc::{Block, Doc, Inline, Task, joined};
use super::xml::{Element, Node, parse};

/// A storage-format body as a document, and what Markdown cannot carry of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The document.
    pub doc: Doc,
    /// What a body written back from the document would lose, each named once, in the order
    /// first met ("the `jira` macro", "an image (`<ac:image>`)").
    pub unkept: Vec<String>,
}

/// Reads a storage-format body.
pub fn read(storage: &str) -> Reading {
    let mut reader = Reader::default();
    let doc = reader.blocks(&parse(storage));
    Reading {
        doc,
        unkept: reader.unkept,
    }
}

/// Elements read as inline content.
const INLINE: [&str; 25] = [
    "strong", "b", "em", "i", "s", "del", "strike", "code", "a", "br", "span", "u", "sup", "sub",
    "font", "small", "big", "mark", "ins", "kbd", "var", "abbr", "cite", "q", "time",
];

#[derive(Default)]
struct Reader {
    unkept: Vec<String>,
}

impl Reader {
    fn lose(&mut self, what: impl Into<String>) {
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
                Node::Element(element) if !self.is_inline(element) => {
                    flush(&mut pending, &mut blocks);
                    self.block(element, &mut blocks);
                }
                node => pending.extend(self.inline(node)),
            }
        }
        flush(&mut pending, &mut blocks);
        blocks
    }

    fn is_inline(&self, element: &Element) -> bool {
        let name = element.name.as_str();
        INLINE.contains(&name)
            || matches!(
                name,
                "ac:link"
                    | "ac:inline-comment-marker"
                    | "ac:image"
                    | "ac:emoticon"
                    | "ac:placeholder"
            )
            || (name == "ac:structured-macro" && !is_block_macro(element))
    }

    fn block(&mut self, element: &Element, blocks: &mut Vec<Block>) {
        let name = element.name.as_str();
        match name {
            "p" => blocks.extend(paragraph(self.inlines(&element.children))),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                blocks.push(Block::Heading(level, tidy(self.inlines(&element.children))));
            }
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
                    .map(|item| self.blocks(&item.children))
                    .collect();
                blocks.push(Block::List { start, items });
            }
            "ac:task-list" => blocks.push(Block::Tasks(self.tasks(element))),
            "table" => blocks.push(self.table(element)),
            "pre" => blocks.push(Block::Code {
                language: String::new(),
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
            let mut language = String::new();
            for parameter in element.elements().filter(|e| e.name == "ac:parameter") {
                match parameter.attr("ac:name").unwrap_or_default() {
                    "language" if name == "code" => language = parameter.text().trim().to_owned(),
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

    fn tasks(&mut self, list: &Element) -> Vec<Task> {
        let mut tasks: Vec<Task> = Vec::new();
        for element in list.elements() {
            match element.name.as_str() {
                "ac:task" => {
                    let done = element
                        .child("ac:task-status")
                        .is_some_and(|status| status.text().trim() == "complete");
                    let mut body = Vec::new();
                    let mut children = Vec::new();
                    if let Some(task_body) = element.child("ac:task-body") {
                        for node in &task_body.children {
                            match node {
                                Node::Element(nested) if nested.name == "ac:task-list" => {
                                    children.extend(self.tasks(nested));
                                }
                                Node::Element(block) if !self.is_inline(block) => {
                                    // A paragraph inside a task is its text.
                                    let inside = self.blocks(std::slice::from_ref(node));
                                    body.extend(cell_inlines(inside));
                                }
                                node => body.extend(self.inline(node)),
                            }
                        }
                    }
                    tasks.push(Task {
                        done,
                        body: tidy(body),
                        children,
                    });
                }
                // Confluence's editor nests a task list beside the task it belongs under.
                "ac:task-list" => {
                    let nested = self.tasks(element);
                    match tasks.last_mut() {
                        Some(parent) => parent.children.extend(nested),
                        None => tasks.extend(nested),
                    }
                }
                _ => {}
            }
        }
        tasks
    }

    fn table(&mut self, table: &Element) -> Block {
        let mut rows = Vec::new();
        self.rows(table, &mut rows);
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for row in &mut rows {
            row.resize(width, Vec::new());
        }
        if rows.is_empty() {
            rows.push(vec![Vec::new(); width]);
        }
        Block::Table(rows)
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
                            cell_inlines(blocks)
                        })
                        .collect();
                    rows.push(cells);
                }
                "thead" | "tbody" | "tfoot" => self.rows(child, rows),
                _ => {}
            }
        }
    }

    fn inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        nodes.iter().flat_map(|node| self.inline(node)).collect()
    }

    fn inline(&mut self, node: &Node) -> Vec<Inline> {
        let element = match node {
            Node::Text(text) => return vec![Inline::Text(text.clone())],
            Node::Element(element) => element,
        };
        let children = |reader: &mut Self| reader.inlines(&element.children);
        match element.name.as_str() {
            "strong" | "b" => vec![Inline::Strong(children(self))],
            "em" | "i" => vec![Inline::Emphasis(children(self))],
            "s" | "del" | "strike" => vec![Inline::Strike(children(self))],
            "code" => vec![Inline::Code(element.text())],
            "br" => vec![Inline::Break],
            "a" => match element.attr("href") {
                Some(href) => vec![Inline::Link {
                    href: href.to_owned(),
                    children: children(self),
                }],
                None => children(self),
            },
            "ac:link" => self.link(element),
            "ac:inline-comment-marker" => {
                self.lose("an inline-comment anchor (`<ac:inline-comment-marker>`)");
                children(self)
            }
            "ac:image" => {
                self.lose("an image (`<ac:image>`)");
                let name = element
                    .elements()
                    .find_map(|resource| {
                        resource
                            .attr("ri:filename")
                            .or_else(|| resource.attr("ri:value"))
                    })
                    .or_else(|| element.attr("ac:alt"))
                    .unwrap_or("image");
                vec![Inline::Text(format!("[image: {name}]"))]
            }
            "ac:emoticon" => {
                self.lose("an emoticon (`<ac:emoticon>`)");
                let shown = element
                    .attr("ac:emoji-fallback")
                    .map(str::to_owned)
                    .or_else(|| element.attr("ac:name").map(|name| format!(":{name}:")))
                    .unwrap_or_default();
                vec![Inline::Text(shown)]
            }
            "ac:placeholder" => {
                self.lose("an instruction placeholder (`<ac:placeholder>`)");
                Vec::new()
            }
            "time" => {
                self.lose("a date (`<time>`)");
                vec![Inline::Text(
                    element.attr("datetime").unwrap_or_default().to_owned(),
                )]
            }
            "ac:structured-macro" | "ac:macro" => {
                let name = macro_name(element);
                self.lose(format!("the `{name}` macro"));
                vec![Inline::Text(format!("[{name} macro]"))]
            }
            // Underline, colours, sub/superscript: the text stays.
            _ => children(self),
        }
    }

    /// `<ac:link>`: a mention of a user, or a link to a page, attachment or space, which
    /// Markdown cannot address (read as the text it shows).
    fn link(&mut self, element: &Element) -> Vec<Inline> {
        let shown = element
            .child("ac:plain-text-link-body")
            .map(Element::text)
            .or_else(|| element.child("ac:link-body").map(Element::text));
        let user = element.child("ri:user");
        if let Some(account) = user.and_then(|user| {
            user.attr("ri:account-id")
                .or_else(|| user.attr("ri:userkey"))
        }) {
            return vec![Inline::Mention {
                account: account.to_owned(),
                name: shown.map(|name| name.trim().to_owned()).unwrap_or_default(),
            }];
        }
        let target = element
            .elements()
            .find(|child| child.name.starts_with("ri:"));
        let kind = target.map_or("a target", |target| match target.name.as_str() {
            "ri:page" | "ri:blog-post" => "a page",
            "ri:attachment" => "an attachment",
            "ri:space" => "a space",
            "ri:user" => "a user",
            _ => "a target",
        });
        self.lose(format!("a link to {kind} (`<ac:link>`)"));
        let title = target.and_then(|target| {
            target
                .attr("ri:content-title")
                .or_else(|| target.attr("ri:filename"))
                .or_else(|| target.attr("ri:space-key"))
        });
        let text = shown
            .or_else(|| title.map(str::to_owned))
            .or_else(|| element.attr("ac:anchor").map(str::to_owned))
            .unwrap_or_default();
        vec![Inline::Text(text)]
    }
}

fn macro_name(element: &Element) -> String {
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

fn flush(pending: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    blocks.extend(paragraph(std::mem::take(pending)));
}

/// A paragraph of `inlines`, none when they show nothing.
fn paragraph(inlines: Vec<Inline>) -> Option<Block> {
    let inlines = tidy(inlines);
    (!inlines.is_empty()).then_some(Block::Paragraph(inlines))
}

/// The inline content of blocks met where only inline content fits (a task's body, a table
/// cell): paragraphs and headings joined by a space, other blocks as their text.
pub(super) fn cell_inlines(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => out.extend(inlines),
            Block::Code { text, .. } => out.push(Inline::Code(text)),
            other => out.push(Inline::Text(super::doc::plain_text(&blocks_text(&other)))),
        }
    }
    tidy(out)
}

/// The inlines of every paragraph, heading, task and cell inside a block.
fn blocks_text(block: &Block) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut push = |inlines: &[Inline]| {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        out.extend(inlines.iter().cloned());
    };
    match block {
        Block::Paragraph(inlines) | Block::Heading(_, inlines) => push(inlines),
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .for_each(|block| push(&blocks_text(block))),
        Block::Quote(blocks) => blocks.iter().for_each(|block| push(&blocks_text(block))),
        Block::Tasks(tasks) => tasks.iter().for_each(|task| push(&task.body)),
        Block::Table(rows) => rows.iter().flatten().for_each(|cell| push(cell)),
        Block::Code { text, .. } => push(&[Inline::Text(text.clone())]),
        Block::Rule => {}
    }
    out
}

/// Inlines in their one form: whitespace runs as one space, none at the edges, the edge
/// spaces of a bold, italic or struck run moved outside it, empty runs dropped, neighbouring
/// texts joined.
pub fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut flat = Vec::new();
    for inline in inlines {
        collapse(inline, &mut flat);
    }
    let mut out = joined(flat);
    squeeze_spaces(&mut out);
    trim_edges(&mut out);
    out
}

fn collapse(inline: Inline, out: &mut Vec<Inline>) {
    let styled = |children: Vec<Inline>, make: fn(Vec<Inline>) -> Inline, out: &mut Vec<Inline>| {
        let mut children = joined(
            children
                .into_iter()
                .flat_map(|child| {
                    let mut inner = Vec::new();
                    collapse(child, &mut inner);
                    inner
                })
                .collect(),
        );
        squeeze_spaces(&mut children);
        let (lead, trail) = trim_edges(&mut children);
        if lead {
            out.push(Inline::Text(" ".into()));
        }
        if !children.is_empty() {
            out.push(make(children));
        }
        if trail {
            out.push(Inline::Text(" ".into()));
        }
    };
    match inline {
        Inline::Text(text) => out.push(Inline::Text(squeezed(&text))),
        Inline::Strong(children) => styled(children, Inline::Strong, out),
        Inline::Emphasis(children) => styled(children, Inline::Emphasis, out),
        Inline::Strike(children) => styled(children, Inline::Strike, out),
        Inline::Link { href, children } => {
            let mut children = tidy(children);
            if children.is_empty() {
                children.push(Inline::Text(href.clone()));
            }
            out.push(Inline::Link { href, children });
        }
        Inline::Code(code) if code.is_empty() => {}
        other => out.push(other),
    }
}

/// Runs of ASCII whitespace as one space (a no-break space is text).
fn squeezed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\n' | '\r' | '\t' | '\u{c}') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// One space where two texts met with a space each, and none next to a line break.
fn squeeze_spaces(inlines: &mut Vec<Inline>) {
    let mut previous_space = false;
    for index in 0..inlines.len() {
        let next_is_break = matches!(inlines.get(index + 1), Some(Inline::Break));
        let after_break = index > 0 && matches!(inlines[index - 1], Inline::Break);
        if let Inline::Text(text) = &mut inlines[index] {
            if (previous_space || after_break) && text.starts_with(' ') {
                text.remove(0);
            }
            if next_is_break && text.ends_with(' ') {
                text.pop();
            }
            previous_space = text.ends_with(' ');
        } else {
            previous_space = false;
        }
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text(text) if text.is_empty()));
}

/// Drops the spaces and line breaks at both edges; says whether there were spaces.
fn trim_edges(inlines: &mut Vec<Inline>) -> (bool, bool) {
    let mut lead = false;
    let mut trail = false;
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::Break => {
                inlines.remove(0);
            }
            Inline::Text(text) if text.trim_start_matches(' ').len() < text.len() => {
                lead = true;
                *text = text.trim_start_matches(' ').to_owned();
                if text.is_empty() {
                    inlines.remove(0);
                }
            }
            _ => break,
        }
    }
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::Break => {
                inlines.pop();
            }
            Inline::Text(text) if text.trim_end_matches(' ').len() < text.len() => {
                trail = true;
                *text = text.trim_end_matches(' ').to_owned();
                if text.is_empty() {
                    inlines.pop();
                }
            }
            _ => break,
        }
    }
    (lead, trail)
}
