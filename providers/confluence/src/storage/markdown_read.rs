//! Markdown (CommonMark with GitHub's tables, task lists and strikethrough, as
//! `pulldown-cmark` reads it) to the [`Doc`].
//!
//! A link to `accountid:ID` right after an `@` is a mention (`@[Ana](accountid:5b10…)`), as in
//! Jira's ADF: the two products share Atlassian accounts. Raw HTML in the caller's Markdown is
//! text, never markup; an image is its alternative text, since storage format addresses images
//! as attachments Markdown cannot name.

use super::doc::{Block, Doc, Inline, Task, plain_text};
use super::read::{cell_inlines, tidy};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The URL scheme of a mention's link.
pub const MENTION_SCHEME: &str = "accountid:";

/// Reads Markdown.
pub fn read(markdown: &str) -> Doc {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder {
        stack: vec![Frame::Blocks(Vec::new())],
    };
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = &event {
            // A mention's `@` is written right before the link, unescaped.
            let before = &markdown.as_bytes()[..range.start];
            let at_sign = before.ends_with(b"@") && !before.ends_with(b"\\@");
            builder.stack.push(Frame::Span(
                Span::Link(dest_url.to_string(), at_sign),
                Vec::new(),
            ));
            continue;
        }
        builder.event(event);
    }
    while builder.stack.len() > 1 {
        builder.end();
    }
    match builder.stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    }
}

enum Span {
    Strong,
    Emphasis,
    Strike,
    /// A link and whether an unescaped `@` came right before it.
    Link(String, bool),
    Image,
}

enum Frame {
    /// The document or a block quote.
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    Item {
        blocks: Vec<Block>,
        loose: Vec<Inline>,
        task: Option<bool>,
    },
    List {
        start: Option<u64>,
        items: Vec<(Option<bool>, Vec<Block>)>,
    },
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Code {
        language: String,
        text: String,
    },
    Table(Vec<Vec<Vec<Inline>>>),
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Span(Span, Vec<Inline>),
}

struct Builder {
    stack: Vec<Frame>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(TagEnd::Item) => {
                // A tight item's text came without a paragraph.
                self.flush_item();
                self.end();
            }
            Event::End(_) => self.end(),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => {
                if let Some(Frame::Item { task, .. }) = self.stack.last_mut() {
                    *task = Some(done);
                }
            }
            // Footnotes and maths are not enabled; what else comes is text.
            other => {
                if let Event::FootnoteReference(text)
                | Event::InlineMath(text)
                | Event::DisplayMath(text) = other
                {
                    self.text(&text);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let frame = match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                self.flush_item();
                Frame::Paragraph(Vec::new())
            }
            Tag::Heading { level, .. } => {
                self.flush_item();
                Frame::Heading(heading_level(level), Vec::new())
            }
            Tag::BlockQuote(_) => {
                self.flush_item();
                Frame::Quote(Vec::new())
            }
            Tag::CodeBlock(kind) => {
                self.flush_item();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                Frame::Code {
                    language,
                    text: String::new(),
                }
            }
            Tag::List(start) => {
                self.flush_item();
                Frame::List {
                    start,
                    items: Vec::new(),
                }
            }
            Tag::Item => Frame::Item {
                blocks: Vec::new(),
                loose: Vec::new(),
                task: None,
            },
            Tag::Table(_) => Frame::Table(Vec::new()),
            Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => Frame::Span(Span::Emphasis, Vec::new()),
            Tag::Strong => Frame::Span(Span::Strong, Vec::new()),
            Tag::Strikethrough => Frame::Span(Span::Strike, Vec::new()),
            Tag::Link { dest_url, .. } => {
                Frame::Span(Span::Link(dest_url.into_string(), false), Vec::new())
            }
            Tag::Image { .. } => Frame::Span(Span::Image, Vec::new()),
            // Not enabled: footnote definitions, definition lists, metadata, super/subscript.
            _ => Frame::Span(Span::Image, Vec::new()),
        };
        self.stack.push(frame);
    }

    /// Closes the innermost frame and hands what it made to the one around it.
    fn end(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Blocks(blocks) => self.blocks(blocks),
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::Item { blocks, task, .. } => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push((task, blocks));
                }
            }
            Frame::List { start, items } => self.block(list(start, items)),
            Frame::Paragraph(inlines) => {
                let inlines = tidy(inlines);
                if !inlines.is_empty() {
                    self.block(Block::Paragraph(inlines));
                }
            }
            Frame::Heading(level, inlines) => self.block(Block::Heading(level, tidy(inlines))),
            Frame::Code { language, text } => self.block(Block::Code {
                language,
                text: text.strip_suffix('\n').unwrap_or(&text).to_owned(),
            }),
            Frame::Table(rows) => self.block(Block::Table(rows)),
            Frame::Row(cells) => {
                if let Some(Frame::Table(rows)) = self.stack.last_mut() {
                    rows.push(cells);
                }
            }
            Frame::Cell(inlines) => {
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(tidy(inlines));
                }
            }
            Frame::Span(span, children) => self.span(span, children),
        }
    }

    fn span(&mut self, span: Span, children: Vec<Inline>) {
        match span {
            Span::Strong => self.inline(Inline::Strong(children)),
            Span::Emphasis => self.inline(Inline::Emphasis(children)),
            Span::Strike => self.inline(Inline::Strike(children)),
            Span::Image => self.text(&plain_text(&children)),
            Span::Link(href, at_sign) => match href.strip_prefix(MENTION_SCHEME) {
                Some(account) if at_sign && !account.is_empty() && self.take_at_sign() => {
                    self.inline(Inline::Mention {
                        account: account.to_owned(),
                        name: plain_text(&children).trim().to_owned(),
                    });
                }
                _ => self.inline(Inline::Link { href, children }),
            },
        }
    }

    /// Whether the inline content being built ends with `@`, which is then dropped.
    fn take_at_sign(&mut self) -> bool {
        let Some(inlines) = self.stack.last_mut().and_then(inlines_of) else {
            return false;
        };
        match inlines.last_mut() {
            Some(Inline::Text(text)) if text.ends_with('@') => {
                text.pop();
                true
            }
            _ => false,
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(Frame::Code { text: code, .. }) = self.stack.last_mut() {
            code.push_str(text);
            return;
        }
        self.inline(Inline::Text(text.to_owned()));
    }

    fn inline(&mut self, inline: Inline) {
        if let Some(inlines) = self.stack.last_mut().and_then(inlines_of) {
            inlines.push(inline);
            return;
        }
        // Inline content where blocks are expected (raw HTML at the top level) is a paragraph.
        self.block(Block::Paragraph(vec![inline]));
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(blocks) | Frame::Quote(blocks) | Frame::Item { blocks, .. }) => {
                blocks.push(block);
            }
            Some(Frame::List { items, .. }) => items.push((None, vec![block])),
            _ => {}
        }
    }

    fn blocks(&mut self, blocks: Vec<Block>) {
        for block in blocks {
            self.block(block);
        }
    }

    /// A tight item's text so far, as its paragraph.
    fn flush_item(&mut self) {
        if let Some(Frame::Item { blocks, loose, .. }) = self.stack.last_mut() {
            let inlines = tidy(std::mem::take(loose));
            if !inlines.is_empty() {
                blocks.push(Block::Paragraph(inlines));
            }
        }
    }
}

fn inlines_of(frame: &mut Frame) -> Option<&mut Vec<Inline>> {
    match frame {
        Frame::Paragraph(inlines)
        | Frame::Heading(_, inlines)
        | Frame::Cell(inlines)
        | Frame::Span(_, inlines)
        | Frame::Item { loose: inlines, .. } => Some(inlines),
        _ => None,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A list whose every item is a task is a task list; in a list that mixes them, a task's box
/// stays as text.
fn list(start: Option<u64>, items: Vec<(Option<bool>, Vec<Block>)>) -> Block {
    if !items.is_empty() && items.iter().all(|(task, _)| task.is_some()) {
        return Block::Tasks(
            items
                .into_iter()
                .map(|(done, blocks)| task(done.unwrap_or(false), blocks))
                .collect(),
        );
    }
    let items = items
        .into_iter()
        .map(|(task, mut blocks)| {
            if let Some(done) = task {
                let marker = Inline::Text(if done { "[x] " } else { "[ ] " }.to_owned());
                match blocks.first_mut() {
                    Some(Block::Paragraph(inlines)) => inlines.insert(0, marker),
                    _ => blocks.insert(0, Block::Paragraph(vec![marker])),
                }
            }
            blocks
        })
        .collect();
    Block::List { start, items }
}

/// A task from its item's blocks: the first paragraph is its text, task lists inside are its
/// children, and anything else is added to its text.
fn task(done: bool, blocks: Vec<Block>) -> Task {
    let mut body = Vec::new();
    let mut children = Vec::new();
    let mut rest = Vec::new();
    for block in blocks {
        match block {
            Block::Tasks(tasks) => children.extend(tasks),
            Block::Paragraph(inlines) if body.is_empty() => body = inlines,
            other => rest.push(other),
        }
    }
    if !rest.is_empty() {
        body.push(Inline::Text(" ".into()));
        body.extend(cell_inlines(rest));
    }
    Task {
        done,
        body: tidy(body),
        children,
    }
}
