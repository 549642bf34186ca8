//! Markdown → the model, reading CommonMark with GitHub's strikethrough, tables, task lists
//! and maths through `pulldown-cmark`.
//!
//! Every input has a document. Raw HTML is kept as written (an HTML block as
//! [`Block::Html`], inline HTML as [`Inline::Html`]), `$…$` and `$$…$$` are maths. What the
//! model has no node for keeps its text: an image's alt text is plain text, and a line break
//! inside a paragraph (a soft break) is the space Markdown shows.
//! `@[Name](scheme:ID)` with a mention scheme ([`Directory::scheme`]) right after an unescaped
//! `@` is a mention; the same link without the `@` stays a link. Quotes and lists nested
//! deeper than [`MAX_NESTING`] give their content to the enclosing one, and a run inside a run
//! of its own kind is only its content, so hostile input cannot build a deep tree.

use super::model::{
    Alignment, Block, Directory, Document, Inline, List, ListItem, Math, Mention, Table,
};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Quotes and lists nested deeper than this are flattened into the enclosing one.
pub const MAX_NESTING: usize = 32;

/// The Markdown extensions the model has nodes for.
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
}

/// Markdown as a (normalized) document.
pub fn parse(markdown: &str) -> Document {
    let mut reader = Reader {
        source: markdown,
        frames: vec![Frame::Container(Vec::new())],
    };
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        reader.event(event, range);
    }
    Document {
        blocks: reader.finish(),
    }
    .normalized()
}

/// Something being built.
enum Frame {
    /// The document, a quote, or a frame past the nesting limit: blocks.
    Container(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item(ListItem),
    /// Inline content: a paragraph, the text of a tight list item (`implicit`), a heading's
    /// (`level`) or a table cell's.
    Inlines {
        kind: InlineHolder,
        content: Vec<Inline>,
    },
    Code {
        language: Option<String>,
        text: String,
    },
    Html(String),
    Table(Table),
    Row(Vec<Vec<Inline>>),
    /// An emphasis, strong or struck run, or a link.
    Span {
        kind: SpanKind,
        content: Vec<Inline>,
    },
    /// An image or mention, whose text is gathered as plain text; `depth` counts spans opened
    /// inside it.
    Plain {
        kind: PlainKind,
        text: String,
        depth: usize,
    },
    /// A run inside a run of its kind, or a construct without a node: its content goes to the
    /// enclosing frame.
    Transparent,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum InlineHolder {
    Paragraph,
    Implicit,
    Heading(u8),
    Cell,
}

#[derive(Clone, PartialEq, Eq)]
enum SpanKind {
    Emphasis,
    Strong,
    Strike,
    Link { href: String, title: Option<String> },
}

enum PlainKind {
    Image { src: String, title: Option<String> },
    Mention { directory: Directory, id: String },
}

struct Reader<'m> {
    source: &'m str,
    frames: Vec<Frame>,
}

impl Reader<'_> {
    fn finish(mut self) -> Vec<Block> {
        while self.frames.len() > 1 {
            self.end_frame();
        }
        match self.frames.pop() {
            Some(Frame::Container(blocks)) => blocks,
            _ => Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                if !self.plain_text(&code) {
                    self.push_inline(Inline::Code(code.into_string()));
                }
            }
            Event::Html(html) => match self.frames.last_mut() {
                Some(Frame::Html(buffer)) => buffer.push_str(&html),
                _ => self.text(&html),
            },
            Event::InlineHtml(html) => {
                if !self.plain_text(&html) {
                    self.push_inline(Inline::Html(html.into_string()));
                }
            }
            Event::InlineMath(tex) => self.math(false, tex.into_string()),
            Event::DisplayMath(tex) => self.math(true, tex.into_string()),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if !self.plain_text(" ") {
                    self.push_inline(Inline::HardBreak);
                }
            }
            Event::Rule => {
                self.close_implicit();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Item(item)) = self
                    .frames
                    .iter_mut()
                    .rev()
                    .find(|frame| matches!(frame, Frame::Item(_)))
                {
                    item.task = Some(checked);
                }
            }
            // Only produced by an extension left off; its source text stands.
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        if let Some(Frame::Plain { depth, .. }) = self.frames.last_mut()
            && is_inline(&tag)
        {
            *depth += 1;
            return;
        }
        let frame = match tag {
            Tag::Emphasis => self.span(SpanKind::Emphasis),
            Tag::Strong => self.span(SpanKind::Strong),
            Tag::Strikethrough => self.span(SpanKind::Strike),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                if let Some((directory, id)) = Directory::of_destination(&dest_url)
                    && self.take_mention_at(range.start)
                {
                    Frame::Plain {
                        kind: PlainKind::Mention {
                            directory,
                            id: id.to_owned(),
                        },
                        text: String::new(),
                        depth: 0,
                    }
                } else {
                    let href = if link_type == LinkType::Email {
                        format!("mailto:{dest_url}")
                    } else {
                        dest_url.into_string()
                    };
                    let title = (!title.is_empty()).then(|| title.into_string());
                    Frame::Span {
                        kind: SpanKind::Link { href, title },
                        content: Vec::new(),
                    }
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => Frame::Plain {
                kind: PlainKind::Image {
                    src: dest_url.into_string(),
                    title: (!title.is_empty()).then(|| title.into_string()),
                },
                text: String::new(),
                depth: 0,
            },
            Tag::Superscript | Tag::Subscript => Frame::Transparent,
            block => {
                self.close_implicit();
                self.block_frame(block)
            }
        };
        self.frames.push(frame);
    }

    fn span(&self, kind: SpanKind) -> Frame {
        let open = self.frames.iter().any(|frame| match frame {
            Frame::Span { kind: open, .. } => *open == kind,
            _ => false,
        });
        if open {
            Frame::Transparent
        } else {
            Frame::Span {
                kind,
                content: Vec::new(),
            }
        }
    }

    fn block_frame(&self, tag: Tag<'_>) -> Frame {
        let inlines = |kind| Frame::Inlines {
            kind,
            content: Vec::new(),
        };
        match tag {
            Tag::Paragraph => inlines(InlineHolder::Paragraph),
            Tag::Heading { level, .. } => inlines(InlineHolder::Heading(level as u8)),
            Tag::BlockQuote(_) if self.nesting() < MAX_NESTING => Frame::Quote(Vec::new()),
            Tag::List(start) if self.nesting() < MAX_NESTING => Frame::List {
                start,
                items: Vec::new(),
            },
            Tag::Item if matches!(self.frames.last(), Some(Frame::List { .. })) => {
                Frame::Item(ListItem::default())
            }
            // An item of a list past the nesting limit: its blocks join the enclosing ones.
            Tag::Item => Frame::Container(Vec::new()),
            Tag::CodeBlock(kind) => Frame::Code {
                language: match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                },
                text: String::new(),
            },
            Tag::HtmlBlock => Frame::Html(String::new()),
            Tag::Table(alignments) => Frame::Table(Table {
                alignments: alignments.into_iter().map(alignment).collect(),
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => inlines(InlineHolder::Cell),
            // Past the nesting limit, or (with the extensions left off) without a node.
            Tag::BlockQuote(_) | Tag::List(_) => Frame::Container(Vec::new()),
            _ => Frame::Transparent,
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if let Some(Frame::Plain { depth, .. }) = self.frames.last_mut()
            && *depth > 0
        {
            *depth -= 1;
            return;
        }
        if !is_inline_end(tag) {
            self.close_implicit();
        }
        self.end_frame();
    }

    /// Closes the innermost frame and hands what it built to the enclosing one.
    fn end_frame(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Container(blocks) => {
                for block in blocks {
                    self.push_block(block);
                }
            }
            Frame::Quote(blocks) => self.push_block(Block::Quote(blocks)),
            Frame::List { start, items } => self.push_block(Block::List(List { start, items })),
            Frame::Item(item) => match self.frames.last_mut() {
                Some(Frame::List { items, .. }) => items.push(item),
                _ => {
                    for block in item.blocks {
                        self.push_block(block);
                    }
                }
            },
            Frame::Inlines { kind, content } => match kind {
                InlineHolder::Paragraph | InlineHolder::Implicit => {
                    self.push_block(Block::Paragraph(content))
                }
                InlineHolder::Heading(level) => self.push_block(Block::Heading { level, content }),
                InlineHolder::Cell => {
                    if let Some(Frame::Row(cells)) = self.frames.last_mut() {
                        cells.push(content);
                    }
                }
            },
            Frame::Code { language, mut text } => {
                if text.ends_with('\n') {
                    text.pop();
                }
                self.push_block(Block::Code { language, text });
            }
            Frame::Html(html) => self.push_block(Block::Html(html)),
            Frame::Table(table) => self.push_block(Block::Table(table)),
            Frame::Row(cells) => {
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    if table.header.is_empty() && table.rows.is_empty() {
                        table.header = cells;
                    } else {
                        table.rows.push(cells);
                    }
                }
            }
            Frame::Span { kind, content } => self.push_inline(match kind {
                SpanKind::Emphasis => Inline::Emphasis(content),
                SpanKind::Strong => Inline::Strong(content),
                SpanKind::Strike => Inline::Strikethrough(content),
                SpanKind::Link { href, title } => Inline::Link {
                    href,
                    title,
                    content,
                },
            }),
            Frame::Plain { kind, text, .. } => self.push_inline(match kind {
                PlainKind::Image { src, title } => Inline::Image {
                    src,
                    alt: text,
                    title,
                },
                PlainKind::Mention { directory, id } => Inline::Mention(Mention {
                    directory,
                    id,
                    name: text,
                }),
            }),
            Frame::Transparent => {}
        }
    }

    /// Quotes and lists open around the current position.
    fn nesting(&self) -> usize {
        self.frames
            .iter()
            .filter(|frame| matches!(frame, Frame::Quote(_) | Frame::List { .. }))
            .count()
    }

    fn push_block(&mut self, block: Block) {
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Container(blocks) | Frame::Quote(blocks) => {
                    blocks.push(block);
                    return;
                }
                Frame::Item(item) => {
                    item.blocks.push(block);
                    return;
                }
                // A list holds items only: a block reaching it forms an item of its own.
                Frame::List { items, .. } => {
                    items.push(ListItem {
                        task: None,
                        blocks: vec![block],
                    });
                    return;
                }
                _ => {}
            }
        }
    }

    /// Ends the implicit paragraph of a tight list item before a block starts or ends.
    fn close_implicit(&mut self) {
        if matches!(
            self.frames.last(),
            Some(Frame::Inlines {
                kind: InlineHolder::Implicit,
                ..
            })
        ) {
            self.end_frame();
        }
    }

    /// Maths, or its text inside an image's or a mention's text.
    fn math(&mut self, display: bool, tex: String) {
        let math = Math { display, tex };
        if !self.plain_text(&math.as_text()) {
            self.push_inline(Inline::Math(math));
        }
    }

    /// Adds text to the image or mention being read; false when none is.
    fn plain_text(&mut self, text: &str) -> bool {
        match self.frames.last_mut() {
            Some(Frame::Plain { text: plain, .. }) => {
                plain.push_str(text);
                true
            }
            _ => false,
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() || self.plain_text(text) {
            return;
        }
        if let Some(Frame::Code { text: code, .. } | Frame::Html(code)) = self.frames.last_mut() {
            code.push_str(text);
            return;
        }
        self.push_inline(Inline::Text(text.to_owned()));
    }

    /// The inline content being written to, opening a tight item's paragraph if need be.
    fn inline_target(&mut self) -> Option<&mut Vec<Inline>> {
        let holds_inlines = |frame: Option<&Frame>| {
            matches!(
                frame,
                Some(Frame::Inlines { .. } | Frame::Span { .. } | Frame::Transparent)
            )
        };
        if !holds_inlines(self.frames.last()) {
            self.frames.push(Frame::Inlines {
                kind: InlineHolder::Implicit,
                content: Vec::new(),
            });
        }
        self.frames.iter_mut().rev().find_map(|frame| match frame {
            Frame::Inlines { content, .. } | Frame::Span { content, .. } => Some(content),
            _ => None,
        })
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some(content) = self.inline_target() {
            content.push(inline);
        }
    }

    /// Whether the link starting at byte `start` follows an unescaped `@` that ends the
    /// current text; if so that `@` is removed, as it belongs to the mention.
    fn take_mention_at(&mut self, start: usize) -> bool {
        let before = &self.source.as_bytes()[..start.min(self.source.len())];
        let Some((b'@', rest)) = before.split_last() else {
            return false;
        };
        let backslashes = rest.iter().rev().take_while(|byte| **byte == b'\\').count();
        if backslashes % 2 == 1 {
            return false;
        }
        let Some(content) = self.frames.iter_mut().rev().find_map(|frame| match frame {
            Frame::Inlines { content, .. } | Frame::Span { content, .. } => Some(content),
            _ => None,
        }) else {
            return false;
        };
        let Some(Inline::Text(text)) = content.last_mut() else {
            return false;
        };
        if !text.ends_with('@') {
            return false;
        }
        text.pop();
        if text.is_empty() {
            content.pop();
        }
        true
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn alignment(alignment: pulldown_cmark::Alignment) -> Alignment {
    match alignment {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}
