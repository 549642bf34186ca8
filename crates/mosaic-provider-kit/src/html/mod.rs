//! Plane's HTML ⇄ the Markdown model.
//!
//! Plane stores descriptions and comments as HTML (`description_html`, `comment_html`, the
//! output of its tiptap editor); MosAIc's callers read and write Markdown. This module is
//! HTML ⇄ model only ([`read_document`], [`write_document`]); Markdown ⇄ model is
//! [`crate::markdown`]'s. Both directions cover what the editor writes:
//!
//! | HTML | model (Markdown) |
//! | --- | --- |
//! | `<p>` | a paragraph |
//! | `<h1>` … `<h6>` | a heading |
//! | `<strong>`/`<b>`, `<em>`/`<i>`, `<s>`/`<del>`, `<code>` | strong, emphasis, strikethrough, code |
//! | `<a href title>` | a link |
//! | `<img src alt title>` (and Plane's `<image-component src>`) | an image |
//! | `<ul>`, `<ol start>`, `<li>` | lists (nested, any start) |
//! | `<ul data-type="taskList">`, `<li data-type="taskItem" data-checked>` | task lists |
//! | `<pre><code class="language-x">` | a code block with its language |
//! | `<blockquote>` | a quote |
//! | `<table>`, `<tr>`, `<th>`, `<td>` | a table, its first row the header |
//! | `<hr>` | a thematic break |
//! | `<br>` | a hard break |
//! | `<mention-component entity_identifier label>` | a mention of a Plane user, `@[Name](plane-user:ID)` |
//! | character references (`&amp;`, `&#39;`, `&nbsp;`, …) | the characters |
//!
//! HTML → model is a small reader of its own (`dom.rs`, `entities.rs`, `read.rs`); model →
//! HTML is `write.rs`. Not kept: elements without a node (underline, highlight, colours) keep
//! only their text and blocks; table alignment; what
//! [`crate::markdown::Document::normalized`] leaves out; whitespace at the edges of a block and
//! line breaks inside text, which HTML does not show. A mention of another provider's users
//! (`@[Name](accountid:ID)`) is written as the text `@Name`. Plane's editor stores no display
//! name with a mention; the `label` attribute written here carries it where Plane keeps it.

mod dom;
mod entities;
mod read;
mod write;

pub use read::read_document;
pub use write::write_document;

use crate::markdown::{Style, parse, render};

/// Markdown as Plane HTML. Raw HTML inside the Markdown is text, never markup.
pub fn markdown_to_html(markdown: &str) -> String {
    write_document(&parse(markdown))
}

/// Plane HTML as Markdown.
pub fn html_to_markdown(html: &str) -> String {
    render(&read_document(html), Style::default())
}

#[cfg(test)]
#[path = "markup_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "model_tests.rs"]
mod model_tests;
