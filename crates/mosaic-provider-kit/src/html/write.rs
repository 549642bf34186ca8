//! The Markdown model → the HTML Plane's editor (tiptap) stores.
//!
//! Written one way only, so that reading it back gives the same document: every list item's
//! and table cell's text is in a `<p>` (as Plane's editor writes them); a task list is
//! `<ul data-type="taskList">` of `<li data-type="taskItem" data-checked="…">` with the
//! editor's checkbox `<label>` and the content in a `<div>`; a Plane mention is
//! `<mention-component entity_identifier="ID" entity_name="user_mention" label="Name">`, and a
//! mention of another directory the text `@Name`; an empty document is `<p></p>`, Plane's empty
//! description. Text is always escaped: a caller's words cannot become tags, and raw HTML and
//! maths are written as the text Markdown spells them with (an HTML block a paragraph of its
//! lines).

use super::read::trim_line;
use crate::markdown::{Block, Directory, Document, Inline, List, html_as_text};

/// A document as Plane HTML.
pub fn write_document(document: &Document) -> String {
    let document = document.normalized();
    let mut out = String::new();
    blocks(&document.blocks, &mut out);
    if out.is_empty() {
        out.push_str("<p></p>");
    }
    out
}

fn blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(content) => paragraph(content, out),
            Block::Heading { level, content } => {
                out.push_str(&format!("<h{level}>"));
                inlines(&trim_line(content.clone()), out);
                out.push_str(&format!("</h{level}>"));
            }
            Block::List(list) => self::list(list, out),
            Block::Code { language, text } => {
                match language {
                    Some(language) => out.push_str(&format!(
                        "<pre><code class=\"language-{}\">",
                        escape(language)
                    )),
                    None => out.push_str("<pre><code>"),
                }
                out.push_str(&escape(text));
                // A code block's last line ends with a line break, as the editor writes it.
                if !text.is_empty() {
                    out.push('\n');
                }
                out.push_str("</code></pre>");
            }
            Block::Quote(inner) => {
                out.push_str("<blockquote>");
                self::blocks(inner, out);
                out.push_str("</blockquote>");
            }
            Block::Table(table) => {
                out.push_str("<table><tbody>");
                for (index, row) in std::iter::once(&table.header)
                    .chain(&table.rows)
                    .enumerate()
                {
                    let cell = if index == 0 { "th" } else { "td" };
                    out.push_str("<tr>");
                    for content in row {
                        out.push_str(&format!("<{cell}>"));
                        paragraph(content, out);
                        out.push_str(&format!("</{cell}>"));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Rule => out.push_str("<hr>"),
            // Raw HTML is text: a caller's markup never reaches Plane's editor as markup.
            Block::Html(html) => paragraph(&html_as_text(html), out),
        }
    }
}

fn paragraph(content: &[Inline], out: &mut String) {
    out.push_str("<p>");
    inlines(&trim_line(content.to_vec()), out);
    out.push_str("</p>");
}

fn list(list: &List, out: &mut String) {
    // Plane's task lists are bullet lists whose every item has a checkbox.
    let task_list = list.is_task_list();
    let (open, close) = match list.start {
        _ if task_list => ("<ul data-type=\"taskList\">".to_owned(), "</ul>"),
        Some(1) => ("<ol>".to_owned(), "</ol>"),
        Some(start) => (format!("<ol start=\"{start}\">"), "</ol>"),
        None => ("<ul>".to_owned(), "</ul>"),
    };
    out.push_str(&open);
    for item in &list.items {
        match item.task {
            Some(checked) if task_list => {
                let (data, input) = if checked {
                    ("true", " checked")
                } else {
                    ("false", "")
                };
                out.push_str(&format!(
                    "<li data-type=\"taskItem\" data-checked=\"{data}\"><label><input type=\"checkbox\"{input}><span></span></label><div>"
                ));
                blocks(&item.blocks, out);
                out.push_str("</div></li>");
            }
            _ => {
                out.push_str("<li>");
                // In a list that mixes tasks and plain items the checkbox is text.
                blocks(&item.blocks_with_checkbox_text(), out);
                out.push_str("</li>");
            }
        }
    }
    out.push_str(close);
}

fn inlines(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Emphasis(inner) => wrap("em", inner, out),
            Inline::Strong(inner) => wrap("strong", inner, out),
            Inline::Strikethrough(inner) => wrap("s", inner, out),
            Inline::Code(code) => {
                out.push_str("<code>");
                out.push_str(&escape(code));
                out.push_str("</code>");
            }
            Inline::Link {
                href,
                title,
                content,
            } => {
                out.push_str(&format!("<a href=\"{}\"", escape(href)));
                if let Some(title) = title {
                    out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                out.push('>');
                inlines(content, out);
                out.push_str("</a>");
            }
            Inline::Image { src, alt, title } => {
                out.push_str(&format!("<img src=\"{}\"", escape(src)));
                if let Some(title) = title {
                    out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                out.push_str(&format!(" alt=\"{}\">", escape(alt)));
            }
            Inline::HardBreak => out.push_str("<br>"),
            Inline::Mention(mention) if mention.directory == Directory::Plane => {
                out.push_str(&format!(
                    "<mention-component entity_identifier=\"{}\" entity_name=\"user_mention\"",
                    escape(&mention.id)
                ));
                if !mention.name.is_empty() {
                    out.push_str(&format!(" label=\"{}\"", escape(&mention.name)));
                }
                out.push_str("></mention-component>");
            }
            Inline::Mention(mention) => out.push_str(&escape(&mention.as_text())),
            Inline::Html(html) => out.push_str(&escape(html)),
            Inline::Math(math) => out.push_str(&escape(&math.as_text())),
        }
    }
}

fn wrap(tag: &str, content: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    inlines(content, out);
    out.push_str(&format!("</{tag}>"));
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
