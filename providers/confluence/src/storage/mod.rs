//! Confluence's storage format (XHTML with `ac:` and `ri:` elements) ⇄ the provider kit's
//! document model, and so ⇄ Markdown.
//!
//! Confluence keeps page bodies in storage format
//! (developer.atlassian.com/cloud/confluence/confluence-storage-format); MosAIc's callers read
//! and write Markdown. This module is storage ⇄ model only ([`read`], [`write`]); Markdown ⇄
//! model is the kit's ([`mosaic_provider_kit::markdown`]), so [`to_markdown`] is
//! `render(read(storage))` and [`from_markdown`] is `write(parse(markdown))`:
//!
//! | storage format | model (Markdown) |
//! | --- | --- |
//! | `<p>` | a paragraph |
//! | `<h1>` … `<h6>` | a heading (`#` … `######`) |
//! | `<strong>`/`<b>`, `<em>`/`<i>`, `<del>`/`<s>`, `<code>` | strong, emphasis, strikethrough, code |
//! | `<a href title>` | a link |
//! | `<ac:link><ri:user ri:account-id="ID"/></ac:link>` | a mention of an Atlassian account, `@[Name](accountid:ID)` as in Jira |
//! | `<ul>`, `<ol start>`, `<li>` | lists (nested, any start) |
//! | `<ac:task-list>`, `<ac:task>` with `ac:task-status` | task lists (`- [ ]`, `- [x]`), nested |
//! | `<table>` (first row the header) | a table |
//! | `<ac:structured-macro ac:name="code">` (`language`, CDATA body), `<pre>` | a code block |
//! | `<blockquote>`, `<hr />`, `<br />` | a quote, a thematic break, a hard break |
//!
//! A mention of another directory's user (`@[Name](plane-user:ID)`) is written as the text
//! `@Name`, never as a Confluence mention; raw HTML and maths in the Markdown are written as
//! their text, so a caller's markup never becomes storage markup.
//!
//! **Unkept.** What the model cannot carry is read for what it shows and named by
//! [`Reading::unkept`]: other macros (a panel's body as a quote, others as `[name macro]`),
//! images (`[image: file]`), inline-comment anchors (their text stays), links to pages,
//! attachments or spaces (their text), emoticons, dates, layouts, placeholders, merged cells, a
//! code macro's parameters other than `language`. The adapter refuses to write Markdown over a
//! body that holds any of them. Not named, because nothing a reader sees is lost: underline,
//! colours and other inline styling (the text stays), whitespace (XHTML's: runs are one space,
//! none at a block's edges or beside a line break), a table's header being `<td>` rather than
//! `<th>`, a list item's `<p>`, Confluence's task ids (written again from 1).
//!
//! **Lost on the way in.** Markdown that storage format cannot hold is written as what it
//! shows (see `write.rs`): table alignment, a list mixing tasks and plain items (the boxes
//! become text), tasks holding more than a line and nested tasks, a numbered task list's
//! numbers, an image (a link to its address), and whatever
//! [`Document::normalized`](mosaic_provider_kit::markdown::Document::normalized) leaves out.
//!
//! - `xml.rs`: a forgiving reader of storage format into a tree;
//! - `read.rs` (blocks), `read_inline.rs` (inline elements), `whitespace.rs`: storage → model;
//! - `write.rs`: model → storage.

mod read;
mod read_inline;
mod whitespace;
mod write;
mod xml;

pub use read::{Reading, read};
pub use write::write;

use mosaic_provider_kit::markdown::{Document, Style, parse, render};

/// A storage-format body as Markdown.
pub fn to_markdown(storage: &str) -> String {
    markdown(&read(storage).document)
}

/// Markdown as a storage-format body.
pub fn from_markdown(markdown: &str) -> String {
    write(&parse(markdown))
}

impl Reading {
    /// The document as Markdown.
    pub fn markdown(&self) -> String {
        markdown(&self.document)
    }
}

/// A page body as Markdown: a text ending with a line break when it has any text.
fn markdown(document: &Document) -> String {
    let mut markdown = render(document, Style::default());
    if !markdown.is_empty() {
        markdown.push('\n');
    }
    markdown
}

/// Text with its character references decoded, as storage format reads it.
pub fn decode_text(text: &str) -> String {
    xml::decode(text)
}

#[cfg(test)]
#[path = "conversion_tests.rs"]
mod conversion_tests;

#[cfg(test)]
#[path = "round_trip_tests.rs"]
mod round_trip_tests;
