//! Markdown → ADF, reading CommonMark (with `~~strikethrough~~`) through `pulldown-cmark`.
//!
//! What has no ADF form keeps its text: an image becomes its alt text linked to the image, raw
//! HTML its literal text. ADF is stricter about nesting than Markdown, so inside a quote or a
//! list item a heading becomes a paragraph, a nested quote gives up its blocks to the outer one
//! and a rule becomes the text `---`. Inline code keeps only a link next to it (ADF's rule for
//! the code mark). Line breaks inside a paragraph (soft breaks) are spaces, as Markdown shows
//! them.

use super::inline::MENTION_SCHEME;
use super::model::{Block, Inline, Link, Marks, document_to_value};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::ops::Range;

/// Lists and quotes nested deeper than this are flattened into the enclosing one, so hostile
/// input cannot build an arbitrarily deep document.
const MAX_NESTING: usize = 32;

/// Markdown as an ADF document (`doc`, version 1). Every Markdown input has one.
pub fn markdown_to_adf(markdown: &str) -> Value {
    let mut reader = Reader::new(markdown);
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        reader.event(event, range);
    }
    document_to_value(&reader.finish())
}

/// A block being built.
enum Frame {
    Root(Vec<Block>),
    Paragraph(Vec<Inline>),
    /// Text of a tight list item, which Markdown gives without a paragraph.
    LooseText(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Quote(Vec<Block>),
    List {
        order: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Code {
        language: Option<String>,
        text: String,
    },
    Html(String),
    /// A container past the nesting limit, or a construct with no ADF form: its content goes
    /// to the enclosing block.
    Transparent,
}

/// An inline span being built.
enum Span {
    Strong,
    Em,
    Strike,
    Link(Link),
    /// An image: its alt text is linked to it; `pushed` counts inline nodes at its start, to
    /// tell whether it had alt text at all.
    Image {
        link: Link,
        pushed: usize,
    },
    /// `@[Name](accountid:ID)`: the name is gathered as plain text.
    Mention {
        id: String,
        name: String,
    },
    /// A span with no ADF form (only reachable through Markdown extensions left off).
    Other,
}

struct Reader<'m> {
    source: &'m str,
    frames: Vec<Frame>,
    spans: Vec<Span>,
    /// Inline nodes pushed so far.
    pushed: usize,
}

impl<'m> Reader<'m> {
    fn new(source: &'m str) -> Self {
        Self {
            source,
            frames: vec![Frame::Root(Vec::new())],
            spans: Vec::new(),
            pushed: 0,
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_loose_text();
        // Well-formed event streams leave only the root; anything else is folded into it.
        while self.frames.len() > 1 {
            self.end_frame();
        }
        match self.frames.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.code(&code),
            Event::Html(html) => match self.frames.last_mut() {
                Some(Frame::Html(buffer)) => buffer.push_str(&html),
                _ => self.text(&html),
            },
            Event::InlineHtml(html) => self.text(&html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if let Some(name) = self.mention_name() {
                    name.push(' ');
                } else {
                    self.push_inline(Inline::HardBreak);
                }
            }
            Event::Rule => {
                self.close_loose_text();
                self.push_block(Block::Rule);
            }
            // Only produced by extensions this reader leaves off; their source text stands.
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Emphasis => self.spans.push(Span::Em),
            Tag::Strong => self.spans.push(Span::Strong),
            Tag::Strikethrough => self.spans.push(Span::Strike),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                if let Some(id) = dest_url.strip_prefix(MENTION_SCHEME)
                    && self.take_mention_at(range.start)
                {
                    self.spans.push(Span::Mention {
                        id: id.to_owned(),
                        name: String::new(),
                    });
                    return;
                }
                let href = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                let title = (!title.is_empty()).then(|| title.into_string());
                self.spans.push(Span::Link(Link { href, title }));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let title = (!title.is_empty()).then(|| title.into_string());
                let link = Link {
                    href: dest_url.into_string(),
                    title,
                };
                self.spans.push(Span::Image {
                    link,
                    pushed: self.pushed,
                });
            }
            Tag::Superscript | Tag::Subscript => self.spans.push(Span::Other),
            block => {
                self.close_loose_text();
                let frame = match block {
                    Tag::Paragraph => Frame::Paragraph(Vec::new()),
                    Tag::Heading { level, .. } => Frame::Heading(level as u8, Vec::new()),
                    Tag::BlockQuote(_) if self.nesting() < MAX_NESTING => Frame::Quote(Vec::new()),
                    Tag::List(order) if self.nesting() < MAX_NESTING => Frame::List {
                        order,
                        items: Vec::new(),
                    },
                    Tag::Item if matches!(self.frames.last(), Some(Frame::List { .. })) => {
                        Frame::Item(Vec::new())
                    }
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
                    _ => Frame::Transparent,
                };
                self.frames.push(frame);
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => self.end_span(),
            TagEnd::Image => {
                if let Some(Span::Image { link, pushed }) = self.spans.last()
                    && *pushed == self.pushed
                {
                    // No alt text: the image's address stands for it.
                    let text = link.href.clone();
                    self.text(&text);
                }
                self.end_span();
            }
            _ => {
                self.close_loose_text();
                self.end_frame();
            }
        }
    }

    fn end_span(&mut self) {
        if let Some(Span::Mention { id, name }) = self.spans.pop() {
            let text = (!name.is_empty()).then(|| format!("@{name}"));
            self.push_inline(Inline::Mention { id, text });
        }
    }

    /// Closes the innermost frame and hands its block to the enclosing one.
    fn end_frame(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let block = match frame {
            Frame::Paragraph(content) | Frame::LooseText(content) => {
                Some(Block::Paragraph(content))
            }
            Frame::Heading(level, content) => Some(Block::Heading { level, content }),
            Frame::Quote(content) => Some(Block::Blockquote(fit_nested(content))),
            Frame::List { order, items } => Some(match order {
                Some(order) => Block::OrderedList { order, items },
                None => Block::BulletList(items),
            }),
            Frame::Item(content) => {
                if let Some(Frame::List { items, .. }) = self.frames.last_mut() {
                    items.push(fit_nested(content));
                }
                None
            }
            Frame::Code { language, mut text } => {
                if text.ends_with('\n') {
                    text.pop();
                }
                Some(Block::Code { language, text })
            }
            Frame::Html(html) => html_paragraph(&html),
            Frame::Root(blocks) => {
                // Never the innermost frame while events arrive; keep its blocks regardless.
                for block in blocks {
                    self.push_block(block);
                }
                None
            }
            Frame::Transparent => None,
        };
        if let Some(block) = block {
            self.push_block(block);
        }
    }

    /// Lists and quotes open around the current position.
    fn nesting(&self) -> usize {
        self.frames
            .iter()
            .filter(|frame| matches!(frame, Frame::Quote(_) | Frame::List { .. }))
            .count()
    }

    fn push_block(&mut self, block: Block) {
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Root(blocks) | Frame::Quote(blocks) | Frame::Item(blocks) => {
                    blocks.push(block);
                    return;
                }
                // A list holds items only: a block reaching it forms an item of its own.
                Frame::List { items, .. } => {
                    items.push(vec![block]);
                    return;
                }
                _ => {}
            }
        }
    }

    fn close_loose_text(&mut self) {
        if matches!(self.frames.last(), Some(Frame::LooseText(_))) {
            self.end_frame();
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Frame::Code { text: code, .. } | Frame::Html(code)) = self.frames.last_mut() {
            code.push_str(text);
            return;
        }
        if let Some(name) = self.mention_name() {
            name.push_str(text);
            return;
        }
        let marks = self.marks();
        self.push_inline(Inline::Text {
            text: text.to_owned(),
            marks,
        });
    }

    fn code(&mut self, code: &str) {
        if let Some(name) = self.mention_name() {
            name.push_str(code);
            return;
        }
        let marks = Marks {
            code: true,
            link: self.marks().link,
            ..Marks::default()
        };
        self.push_inline(Inline::Text {
            text: code.to_owned(),
            marks,
        });
    }

    /// The name of the mention being read, if text is inside one.
    fn mention_name(&mut self) -> Option<&mut String> {
        self.spans.iter_mut().rev().find_map(|span| match span {
            Span::Mention { name, .. } => Some(name),
            _ => None,
        })
    }

    /// The marks of text written now. Of nested links (an image inside a link) the outer wins.
    fn marks(&self) -> Marks {
        let mut marks = Marks::default();
        for span in &self.spans {
            match span {
                Span::Strong => marks.strong = true,
                Span::Em => marks.em = true,
                Span::Strike => marks.strike = true,
                Span::Link(link) | Span::Image { link, .. } => {
                    marks.link.get_or_insert_with(|| link.clone());
                }
                Span::Mention { .. } | Span::Other => {}
            }
        }
        marks
    }

    fn push_inline(&mut self, inline: Inline) {
        self.pushed += 1;
        let content = match self.frames.last_mut() {
            Some(
                Frame::Paragraph(content) | Frame::LooseText(content) | Frame::Heading(_, content),
            ) => content,
            _ => {
                self.frames.push(Frame::LooseText(Vec::new()));
                match self.frames.last_mut() {
                    Some(Frame::LooseText(content)) => content,
                    _ => return,
                }
            }
        };
        if let (
            Inline::Text { text, marks },
            Some(Inline::Text {
                text: previous,
                marks: previous_marks,
            }),
        ) = (&inline, content.last_mut())
            && marks == previous_marks
        {
            previous.push_str(text);
            return;
        }
        content.push(inline);
    }

    /// Whether the link starting at byte `start` is preceded by an unescaped `@` that is the
    /// last character of the current text; if so that `@` is removed, as it belongs to the
    /// mention.
    fn take_mention_at(&mut self, start: usize) -> bool {
        let before = &self.source.as_bytes()[..start];
        let Some((b'@', rest)) = before.split_last() else {
            return false;
        };
        let backslashes = rest.iter().rev().take_while(|byte| **byte == b'\\').count();
        if backslashes % 2 == 1 {
            return false;
        }
        let Some(
            Frame::Paragraph(content) | Frame::LooseText(content) | Frame::Heading(_, content),
        ) = self.frames.last_mut()
        else {
            return false;
        };
        let Some(Inline::Text { text, .. }) = content.last_mut() else {
            return false;
        };
        if text.pop() != Some('@') {
            return false;
        }
        if text.is_empty() {
            content.pop();
        }
        true
    }
}

/// The blocks of a quote or list item as ADF allows them there.
fn fit_nested(blocks: Vec<Block>) -> Vec<Block> {
    let mut fitted = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Heading { content, .. } => fitted.push(Block::Paragraph(content)),
            Block::Blockquote(inner) => fitted.extend(inner),
            Block::Rule => fitted.push(Block::Paragraph(vec![Inline::Text {
                text: "---".into(),
                marks: Marks::default(),
            }])),
            other => fitted.push(other),
        }
    }
    if fitted.is_empty() {
        // ADF requires content in both; an empty paragraph is what its editor writes.
        fitted.push(Block::Paragraph(Vec::new()));
    }
    fitted
}

/// Raw HTML as literal text, its lines joined by hard breaks.
fn html_paragraph(html: &str) -> Option<Block> {
    let html = html.trim_end_matches('\n');
    if html.is_empty() {
        return None;
    }
    let mut content = Vec::new();
    for (index, line) in html.split('\n').enumerate() {
        if index > 0 {
            content.push(Inline::HardBreak);
        }
        if !line.is_empty() {
            content.push(Inline::Text {
                text: line.to_owned(),
                marks: Marks::default(),
            });
        }
    }
    Some(Block::Paragraph(content))
}
