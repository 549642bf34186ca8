//! Markdown → the HTML Plane's editor stores, from `pulldown-cmark`'s events (CommonMark with
//! strikethrough).
//!
//! The HTML is Plane's shape, written one way only, so that reading it back gives the same
//! Markdown: every list item's text is in a `<p>` (Plane's editor writes them so, and then
//! tight and loose lists read alike); a line break inside a paragraph is a space, as HTML
//! shows it; an empty document is `<p></p>`, Plane's empty description. Raw HTML in the
//! Markdown is text, never markup: the caller's words cannot become tags.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Markdown as Plane HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut writer = Writer::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        writer.event(event);
    }
    if writer.out.is_empty() {
        return "<p></p>".into();
    }
    writer.out
}

/// What encloses the current position, for the implicit paragraph of a list item.
enum Block {
    /// A list item, and whether the `<p>` around its text is open.
    Item { paragraph: bool },
    /// Any other block.
    Other,
}

#[derive(Default)]
struct Writer {
    out: String,
    blocks: Vec<Block>,
    /// Inside an image: its alt text so far, and how many images deep.
    alt: Option<(String, usize)>,
    /// Inside a raw HTML block: its text so far.
    html_block: Option<String>,
    /// Inside a code block: whether its text so far ends a line (or is empty).
    code_block: Option<bool>,
    /// Nothing shown yet in the current block, where a line break would show nothing.
    fresh: bool,
    /// Inside a heading, where Markdown has no line breaks (a setext heading's is a space).
    heading: bool,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        if self.in_image(&event) || self.in_html_block(&event) {
            return;
        }
        self.fresh = match &event {
            Event::Start(tag) => {
                !matches!(
                    tag,
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
                ) && self.fresh_start(tag)
            }
            Event::HardBreak => self.fresh,
            _ => false,
        };
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(line_ended) = &mut self.code_block {
                    *line_ended = text.ends_with('\n');
                } else {
                    self.inline();
                }
                self.out.push_str(&escape(&text));
            }
            Event::Code(code) => {
                self.inline();
                self.out.push_str("<code>");
                self.out.push_str(&escape(&code));
                self.out.push_str("</code>");
            }
            // Raw HTML is the caller's text, shown as written.
            Event::InlineHtml(html) | Event::Html(html) => {
                self.inline();
                self.out.push_str(&escape(&html.replace(['\n', '\r'], " ")));
            }
            Event::SoftBreak => {
                self.inline();
                self.out.push(' ');
            }
            // A break before any content of its block shows nothing (and reads back as none).
            Event::HardBreak if self.fresh => {}
            Event::HardBreak if self.heading => self.out.push(' '),
            Event::HardBreak => {
                self.inline();
                self.out.push_str("<br>");
            }
            Event::Rule => {
                self.block();
                self.out.push_str("<hr>");
            }
            Event::InlineMath(text) | Event::DisplayMath(text) | Event::FootnoteReference(text) => {
                self.inline();
                self.out.push_str(&escape(&text));
            }
            Event::TaskListMarker(done) => {
                self.inline();
                self.out.push_str(if done { "[x] " } else { "[ ] " });
            }
        }
    }

    /// Collects an image's alt text; true while the event belonged to an image.
    fn in_image(&mut self, event: &Event<'_>) -> bool {
        let Some((alt, depth)) = &mut self.alt else {
            return false;
        };
        match event {
            Event::Start(Tag::Image { .. }) => *depth += 1,
            Event::End(TagEnd::Image) if *depth > 0 => *depth -= 1,
            Event::End(TagEnd::Image) => {
                let alt = std::mem::take(alt);
                self.alt = None;
                self.out.push_str(&format!(" alt=\"{}\">", escape(&alt)));
            }
            Event::Text(text) | Event::Code(text) => alt.push_str(text),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
        true
    }

    /// Collects a raw HTML block, written as one paragraph of text with its line breaks as
    /// spaces; true while the event belonged to one.
    fn in_html_block(&mut self, event: &Event<'_>) -> bool {
        let Some(text) = &mut self.html_block else {
            return false;
        };
        match event {
            Event::End(TagEnd::HtmlBlock) => {
                let words: Vec<&str> = text.split_whitespace().collect();
                let shown = escape(&words.join(" "));
                self.html_block = None;
                self.out.push_str(&format!("<p>{shown}</p>"));
            }
            Event::Html(html) | Event::Text(html) => text.push_str(html),
            _ => {}
        }
        true
    }

    /// Whether a tag starts a block that has shown nothing yet.
    fn fresh_start(&self, tag: &Tag<'_>) -> bool {
        matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::Item)
    }

    /// Opens the `<p>` of a list item's text before inline content.
    fn inline(&mut self) {
        if let Some(Block::Item { paragraph }) = self.blocks.last_mut()
            && !*paragraph
        {
            *paragraph = true;
            self.out.push_str("<p>");
        }
    }

    /// Closes a list item's open `<p>` before a block.
    fn block(&mut self) {
        if let Some(Block::Item { paragraph }) = self.blocks.last_mut()
            && *paragraph
        {
            *paragraph = false;
            self.out.push_str("</p>");
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Emphasis => self.open_inline("<em>"),
            Tag::Strong => self.open_inline("<strong>"),
            Tag::Strikethrough => self.open_inline("<s>"),
            Tag::Superscript | Tag::Subscript => self.inline(),
            Tag::Link {
                dest_url, title, ..
            } => {
                self.inline();
                self.out
                    .push_str(&format!("<a href=\"{}\"", escape(&dest_url)));
                if !title.is_empty() {
                    self.out.push_str(&format!(" title=\"{}\"", escape(&title)));
                }
                self.out.push('>');
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.inline();
                self.out
                    .push_str(&format!("<img src=\"{}\"", escape(&dest_url)));
                if !title.is_empty() {
                    self.out.push_str(&format!(" title=\"{}\"", escape(&title)));
                }
                self.alt = Some((String::new(), 0));
            }
            Tag::HtmlBlock => {
                self.block();
                self.html_block = Some(String::new());
            }

            block => {
                self.block();
                if let Tag::CodeBlock(_) = &block {
                    self.code_block = Some(true);
                }
                let html = match block {
                    Tag::Paragraph => "<p>".to_owned(),
                    Tag::Heading { level, .. } => {
                        self.heading = true;
                        format!("<{level}>")
                    }
                    Tag::BlockQuote(_) => "<blockquote>".to_owned(),
                    Tag::CodeBlock(kind) => match language(&kind) {
                        Some(language) => {
                            format!("<pre><code class=\"language-{}\">", escape(language))
                        }
                        None => "<pre><code>".to_owned(),
                    },
                    Tag::List(Some(1)) => "<ol>".to_owned(),
                    Tag::List(Some(start)) => format!("<ol start=\"{start}\">"),
                    Tag::List(None) => "<ul>".to_owned(),
                    Tag::Item => "<li>".to_owned(),
                    // Not enabled in the parser; their content is kept as blocks.
                    _ => String::new(),
                };
                self.out.push_str(&html);
                self.blocks.push(match html.as_str() {
                    "<li>" => Block::Item { paragraph: false },
                    _ => Block::Other,
                });
            }
        }
    }

    fn open_inline(&mut self, html: &str) {
        self.inline();
        self.out.push_str(html);
    }

    fn end(&mut self, tag: TagEnd) {
        let html = match tag {
            TagEnd::Emphasis => "</em>".to_owned(),
            TagEnd::Strong => "</strong>".to_owned(),
            TagEnd::Strikethrough => "</s>".to_owned(),
            TagEnd::Link => "</a>".to_owned(),
            TagEnd::Superscript | TagEnd::Subscript | TagEnd::Image | TagEnd::HtmlBlock => {
                String::new()
            }
            block => {
                if let Some(Block::Item { paragraph: true }) = self.blocks.pop() {
                    self.out.push_str("</p>");
                }
                match block {
                    TagEnd::Paragraph => "</p>".to_owned(),
                    TagEnd::Heading(level) => {
                        self.heading = false;
                        // A heading's trailing blanks (a tab Markdown keeps) show nothing.
                        let kept = self.out.trim_end_matches([' ', '\t']).len();
                        self.out.truncate(kept);
                        format!("</{level}>")
                    }
                    TagEnd::BlockQuote(_) => "</blockquote>".to_owned(),
                    // Code ends with a line break, as a fenced block reads back.
                    TagEnd::CodeBlock => match self.code_block.take() {
                        Some(false) => "\n</code></pre>".to_owned(),
                        _ => "</code></pre>".to_owned(),
                    },
                    TagEnd::List(true) => "</ol>".to_owned(),
                    TagEnd::List(false) => "</ul>".to_owned(),
                    TagEnd::Item => "</li>".to_owned(),
                    _ => String::new(),
                }
            }
        };
        self.out.push_str(&html);
    }
}

/// The language of a fenced code block: the first word of its info string.
fn language<'k>(kind: &'k CodeBlockKind<'_>) -> Option<&'k str> {
    match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
        CodeBlockKind::Indented => None,
    }
}

/// Text or an attribute value as HTML.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
