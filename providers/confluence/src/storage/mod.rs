//! Confluence's storage format (XHTML with `ac:` and `ri:` elements) ⇄ Markdown.
//!
//! Confluence keeps page bodies in storage format
//! (developer.atlassian.com/cloud/confluence/confluence-storage-format); MosAIc's callers read
//! and write Markdown. Both are read into one document model (`doc.rs`) and written from it, so
//! that Markdown → storage → Markdown gives back the same Markdown:
//!
//! | storage format | Markdown |
//! | --- | --- |
//! | `<p>` | a paragraph |
//! | `<h1>` … `<h6>` | `#` … `######` |
//! | `<strong>`/`<b>`, `<em>`/`<i>`, `<del>`/`<s>`, `<code>` | `**…**`, `*…*`, `~~…~~`, `` `…` `` |
//! | `<a href>` | `[text](href)` |
//! | `<ac:link><ri:user ri:account-id="ID"/></ac:link>` | `@[Name](accountid:ID)`, as in Jira |
//! | `<ul>`, `<ol start>`, `<li>` | `-` lists, `1.` lists (nested, any start) |
//! | `<ac:task-list>`, `<ac:task>` with `ac:task-status` | `- [ ]` and `- [x]`, nested |
//! | `<table>` (first row the header) | a GitHub table |
//! | `<ac:structured-macro ac:name="code">` (`language`, CDATA body), `<pre>` | a fenced code block |
//! | `<blockquote>`, `<hr />`, `<br />` | `>`, `---`, a backslash at the end of a line |
//!
//! What Markdown cannot carry is read for what it shows and named by [`Reading::unkept`]:
//! other macros (a panel's body as a quote, others as `[name macro]`), images
//! (`[image: file]`), inline-comment anchors (their text stays), links to pages, attachments
//! or spaces (their text), emoticons, dates, layouts, placeholders, merged cells, a code
//! macro's parameters other than `language`. The adapter refuses to write Markdown over a body
//! that holds any of them. Not named, because nothing a reader sees is lost: underline, colours
//! and other inline styling (the text stays), whitespace (XHTML's: runs are one space), a
//! table's header being `<td>` rather than `<th>`, a list item's `<p>`, Confluence's task ids
//! (written again from 1).
//!
//! Markdown's side: raw HTML is text, images are their alternative text, a list mixing tasks
//! and items keeps the boxes as text, the edge spaces of a bold, italic or struck run move
//! outside it, and a run starting or ending with punctuation next to a letter may not read
//! back as a run (CommonMark's flanking rules).

mod doc;
mod markdown_read;
mod markdown_write;
mod read;
mod write;
mod xml;

pub use doc::{Block, Doc, Inline, Task};
pub use read::Reading;

/// Reads a storage-format body: the document and what Markdown would lose of it.
pub fn read(storage: &str) -> Reading {
    read::read(storage)
}

/// A storage-format body as Markdown.
pub fn to_markdown(storage: &str) -> String {
    markdown_write::write(&read::read(storage).doc)
}

/// Markdown as a storage-format body.
pub fn from_markdown(markdown: &str) -> String {
    write::write(&markdown_read::read(markdown))
}

impl Reading {
    /// The document as Markdown.
    pub fn markdown(&self) -> String {
        markdown_write::write(&self.doc)
    }
}

/// Text with its character references decoded, as storage format reads it.
pub fn decode_text(text: &str) -> String {
    xml::decode(text)
}

/// Reads Markdown into the document model.
pub fn read_markdown(markdown: &str) -> Doc {
    markdown_read::read(markdown)
}

/// Writes the document model as Markdown.
pub fn write_markdown(doc: &Doc) -> String {
    markdown_write::write(doc)
}

/// Writes the document model as storage format.
pub fn write_storage(doc: &Doc) -> String {
    write::write(doc)
}

#[cfg(test)]
#[path = "conversion_tests.rs"]
mod conversion_tests;

#[cfg(test)]
#[path = "round_trip_tests.rs"]
mod round_trip_tests;
