//! The [`Doc`] as storage format, written as Confluence's editor writes it: `<p>`, `<h1>`,
//! `<ul>`/`<ol>` with `<li>`, `<ac:task-list>` with `<ac:task>` (`ac:task-id`,
//! `ac:task-status`, `ac:task-body`), `<table><tbody>` with a header row of `<th>`, the code
//! macro with its `language` parameter and a CDATA body, `<blockquote>`, `<hr />`, marks as
//! `<strong>`, `<em>`, `<del>`, `<code>`, links as `<a href>`, mentions as
//! `<ac:link><ri:user ri:account-id/></ac:link>`, and line breaks as `<br />`.
//!
//! Text is escaped (`&amp;`, `&lt;`, `&gt;`, and `&quot;` in attributes), and a CDATA section
//! holding `]]>` is split there, so no text can end up as markup.

use super::doc::{Block, Doc, Inline, Task};

/// Writes a document as storage format.
pub fn write(doc: &Doc) -> String {
    let mut writer = Writer::default();
    writer.blocks(doc);
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
            Block::Paragraph(inlines) => self.wrapped("p", inlines),
            Block::Heading(level, inlines) => {
                self.wrapped(&format!("h{}", level.clamp(&1, &6)), inlines)
            }
            Block::List { start, items } => {
                let tag = match start {
                    None => "ul".to_owned(),
                    Some(1) => "ol".to_owned(),
                    Some(start) => format!("ol start=\"{start}\""),
                };
                let close = if start.is_some() { "ol" } else { "ul" };
                self.out.push_str(&format!("<{tag}>"));
                for item in items {
                    self.out.push_str("<li>");
                    match item.as_slice() {
                        [Block::Paragraph(inlines)] => self.inlines(inlines),
                        blocks => self.blocks(blocks),
                    }
                    self.out.push_str("</li>");
                }
                self.out.push_str(&format!("</{close}>"));
            }
            Block::Tasks(tasks) => self.tasks(tasks),
            Block::Table(rows) => {
                self.out.push_str("<table><tbody>");
                for (index, row) in rows.iter().enumerate() {
                    let cell = if index == 0 { "th" } else { "td" };
                    self.out.push_str("<tr>");
                    for inlines in row {
                        self.wrapped(cell, inlines);
                    }
                    self.out.push_str("</tr>");
                }
                self.out.push_str("</tbody></table>");
            }
            Block::Code { language, text } => {
                self.out.push_str("<ac:structured-macro ac:name=\"code\">");
                if !language.is_empty() {
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
        }
    }

    fn tasks(&mut self, tasks: &[Task]) {
        self.out.push_str("<ac:task-list>");
        for task in tasks {
            self.next_task += 1;
            let status = if task.done { "complete" } else { "incomplete" };
            self.out.push_str(&format!(
                "<ac:task><ac:task-id>{}</ac:task-id><ac:task-status>{status}</ac:task-status><ac:task-body>",
                self.next_task
            ));
            self.inlines(&task.body);
            self.out.push_str("</ac:task-body></ac:task>");
            if !task.children.is_empty() {
                self.tasks(&task.children);
            }
        }
        self.out.push_str("</ac:task-list>");
    }

    fn wrapped(&mut self, tag: &str, inlines: &[Inline]) {
        let close = tag.split(' ').next().unwrap_or(tag);
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(inlines);
        self.out.push_str(&format!("</{close}>"));
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.out.push_str(&escape_text(text)),
                Inline::Strong(children) => self.wrapped("strong", children),
                Inline::Emphasis(children) => self.wrapped("em", children),
                Inline::Strike(children) => self.wrapped("del", children),
                Inline::Code(code) => {
                    self.out.push_str("<code>");
                    self.out.push_str(&escape_text(code));
                    self.out.push_str("</code>");
                }
                Inline::Link { href, children } => {
                    self.out
                        .push_str(&format!("<a href=\"{}\">", escape_attr(href)));
                    self.inlines(children);
                    self.out.push_str("</a>");
                }
                Inline::Mention { account, name } => {
                    self.out.push_str(&format!(
                        "<ac:link><ri:user ri:account-id=\"{}\" />",
                        escape_attr(account)
                    ));
                    if !name.is_empty() {
                        self.out.push_str("<ac:plain-text-link-body>");
                        self.out.push_str(&cdata(name));
                        self.out.push_str("</ac:plain-text-link-body>");
                    }
                    self.out.push_str("</ac:link>");
                }
                Inline::Break => self.out.push_str("<br />"),
            }
        }
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
