//! The kit's document model → storage format, written as Confluence's editor writes it:
//! `<p>`, `<h1>`, `<ul>`/`<ol start>` with `<li>`, `<ac:task-list>` with `<ac:task>`
//! (`ac:task-id`, `ac:task-status`, `ac:task-body`; a nested task list after its task),
//! `<table><tbody>` with a header row of `<th>`, the code macro with its `language` parameter
//! and a CDATA body, `<blockquote>`, `<hr />`, marks as `<strong>`, `<em>`, `<del>`, `<code>`,
//! links as `<a href title>`, mentions of Atlassian accounts as
//! `<ac:link><ri:user ri:account-id/></ac:link>`, and line breaks as `<br />`.
//!
//! What storage format cannot hold is written as text: a list mixing tasks and plain items,
//! or a task holding more than a line of text and nested tasks, is a `<ul>` whose checkboxes
//! are the text `[ ] ` and `[x] ` (a numbered task list is a task list, without numbers); an image is a link to its address showing its alternative
//! text (storage addresses images as attachments, which Markdown cannot name); a mention of
//! another directory is the text `@Name`; raw HTML and maths are their Markdown as text.
//! Text is escaped (`&amp;`, `&lt;`, `&gt;`, and `&quot;` in attributes), and a CDATA section
//! holding `]]>` is split there, so no text can end up as markup.

use mosaic_provider_kit::markdown::{
    Block, Directory, Document, Inline, List, ListItem, html_as_text,
};

/// A document as storage format.
pub fn write(document: &Document) -> String {
    let mut writer = Writer::default();
    writer.blocks(&document.normalized().blocks);
    writer.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Task ids are unique within a page; Confluence numbers them from 1.
    next_task: u64,
}

impl Writer {
    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(content) => self.wrapped("p", content),
            Block::Heading { level, content } => self.wrapped(&format!("h{level}"), content),
            Block::List(list) if list.is_task_list_of_lines() => self.tasks(&list.items),
            Block::List(list) => self.list(list),
            Block::Table(table) => {
                self.out.push_str("<table><tbody>");
                for (index, row) in std::iter::once(&table.header)
                    .chain(&table.rows)
                    .enumerate()
                {
                    let cell = if index == 0 { "th" } else { "td" };
                    self.out.push_str("<tr>");
                    for content in row {
                        self.wrapped(cell, content);
                    }
                    self.out.push_str("</tr>");
                }
                self.out.push_str("</tbody></table>");
            }
            Block::Code { language, text } => {
                self.out.push_str("<ac:structured-macro ac:name=\"code\">");
                if let Some(language) = language {
                    self.out.push_str("<ac:parameter ac:name=\"language\">");
                    self.out.push_str(&escape_text(language));
                    self.out.push_str("</ac:parameter>");
                }
                self.out.push_str("<ac:plain-text-body>");
                self.out.push_str(&cdata(text));
                self.out
                    .push_str("</ac:plain-text-body></ac:structured-macro>");
            }
            Block::Quote(blocks) => {
                self.out.push_str("<blockquote>");
                self.blocks(blocks);
                self.out.push_str("</blockquote>");
            }
            Block::Rule => self.out.push_str("<hr />"),
            Block::Html(html) => self.wrapped("p", &html_as_text(html)),
        }
    }

    fn list(&mut self, list: &List) {
        let (open, close) = match list.start {
            None => ("<ul>".to_owned(), "</ul>"),
            Some(1) => ("<ol>".to_owned(), "</ol>"),
            Some(start) => (format!("<ol start=\"{start}\">"), "</ol>"),
        };
        self.out.push_str(&open);
        for item in list.items.iter().map(ListItem::blocks_with_checkbox_text) {
            self.out.push_str("<li>");
            match item.as_slice() {
                [Block::Paragraph(content)] => self.inlines(content),
                blocks => self.blocks(blocks),
            }
            self.out.push_str("</li>");
        }
        self.out.push_str(close);
    }

    /// A task list whose items hold a line of text and nested task lists
    /// ([`List::is_task_list_of_lines`]); a numbered one loses its numbers.
    fn tasks(&mut self, items: &[ListItem]) {
        self.out.push_str("<ac:task-list>");
        for item in items {
            self.next_task += 1;
            let status = if item.task == Some(true) {
                "complete"
            } else {
                "incomplete"
            };
            self.out.push_str(&format!(
                "<ac:task><ac:task-id>{}</ac:task-id><ac:task-status>{status}</ac:task-status><ac:task-body>",
                self.next_task
            ));
            let nested = match item.blocks.split_first() {
                Some((Block::Paragraph(content), nested)) => {
                    self.inlines(content);
                    nested
                }
                _ => item.blocks.as_slice(),
            };
            self.out.push_str("</ac:task-body></ac:task>");
            for block in nested {
                if let Block::List(list) = block {
                    self.tasks(&list.items);
                }
            }
        }
        self.out.push_str("</ac:task-list>");
    }

    fn wrapped(&mut self, tag: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }

    fn inlines(&mut self, content: &[Inline]) {
        for inline in content {
            self.inline(inline, false);
        }
    }

    /// An inline; `in_link` inside a link, where an image cannot be a link of its own.
    fn inline(&mut self, inline: &Inline, in_link: bool) {
        match inline {
            Inline::Text(text) => self.out.push_str(&escape_text(text)),
            Inline::Strong(inner) => self.run("strong", inner, in_link),
            Inline::Emphasis(inner) => self.run("em", inner, in_link),
            Inline::Strikethrough(inner) => self.run("del", inner, in_link),
            Inline::Code(code) => {
                self.out.push_str("<code>");
                self.out.push_str(&escape_text(code));
                self.out.push_str("</code>");
            }
            Inline::Link {
                href,
                title,
                content,
            } => self.link(href, title.as_deref(), |writer| {
                for inline in content {
                    writer.inline(inline, true);
                }
            }),
            Inline::Image { src, alt, .. } if in_link => self
                .out
                .push_str(&escape_text(if alt.is_empty() { src } else { alt })),
            Inline::Image { src, alt, title } => self.link(src, title.as_deref(), |writer| {
                let shown = if alt.is_empty() { src } else { alt };
                writer.out.push_str(&escape_text(shown));
            }),
            Inline::HardBreak => self.out.push_str("<br />"),
            Inline::Mention(mention) if mention.directory == Directory::Atlassian => {
                self.out.push_str(&format!(
                    "<ac:link><ri:user ri:account-id=\"{}\" />",
                    escape_attr(&mention.id)
                ));
                if !mention.name.is_empty() {
                    self.out.push_str("<ac:plain-text-link-body>");
                    self.out.push_str(&cdata(&mention.name));
                    self.out.push_str("</ac:plain-text-link-body>");
                }
                self.out.push_str("</ac:link>");
            }
            Inline::Mention(mention) => self.out.push_str(&escape_text(&mention.as_text())),
            Inline::Html(html) => self.out.push_str(&escape_text(html)),
            Inline::Math(math) => self.out.push_str(&escape_text(&math.as_text())),
        }
    }

    fn run(&mut self, tag: &str, content: &[Inline], in_link: bool) {
        self.out.push_str(&format!("<{tag}>"));
        for inline in content {
            self.inline(inline, in_link);
        }
        self.out.push_str(&format!("</{tag}>"));
    }

    fn link(&mut self, href: &str, title: Option<&str>, content: impl FnOnce(&mut Self)) {
        self.out
            .push_str(&format!("<a href=\"{}\"", escape_attr(href)));
        if let Some(title) = title {
            self.out
                .push_str(&format!(" title=\"{}\"", escape_attr(title)));
        }
        self.out.push('>');
        content(self);
        self.out.push_str("</a>");
    }
}

/// Text as XML character data.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Control characters other than tab and line breaks are not XML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a double-quoted attribute value.
fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// Text as CDATA, split where it holds `]]>` so that the section cannot end early.
fn cdata(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}
