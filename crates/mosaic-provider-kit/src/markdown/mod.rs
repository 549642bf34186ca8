//! Markdown, MosAIc's exchange format for text, and the document model every markup converter
//! meets in.
//!
//! Callers read and write CommonMark with GitHub's task lists, tables, strikethrough and
//! maths. Each provider's format converts to and from one model ([`Document`]), and Markdown ⇄
//! model is written once, here: [`parse`] reads Markdown, [`render`] writes it. Every converter
//! is "format ⇄ model" only: [`crate::adf`] (Jira), [`crate::html`] (Plane), and in their
//! providers' crates Confluence's storage format and Notion's enhanced Markdown.
//!
//! - `model.rs`: the tree; `normalize.rs` and `raw.rs`: the one tree among those meaning the
//!   same document.
//! - `parse.rs`: Markdown → model (`pulldown-cmark`).
//! - `render.rs` (blocks), `render_inline.rs` (inline content), `escape.rs` (literal text),
//!   `flanking.rs` (emphasis delimiters), `literal.rs` (code spans, link targets): model →
//!   Markdown, so that `parse(render(d)) == d.normalized()` for every document `d`.
//! - `html.rs`: which text CommonMark reads as raw HTML, for normalization and for dialects
//!   that write their own tags (Notion's).
//! - `strategies.rs` (tests, and the `strategies` feature): generated documents of what each
//!   format carries, for every converter's round-trip property.
//!
//! **Task lists** (`- [ ] item`) are list items with a checkbox ([`ListItem::task`]); every
//! converter carries them ([`List::is_task_list`] says when a format's own task list fits).
//!
//! **Mentions** are `@[Name](scheme:ID)`, the scheme naming the user directory
//! ([`Directory`]): `accountid:` for Atlassian accounts (Jira, Confluence), `plane-user:` for
//! Plane. A converter writes a mention of its own directory as its format's mention and one of
//! another directory as the plain text `@Name` ([`Mention::as_text`]), never as the other
//! provider's link: an id from one provider means nothing to another.
//!
//! **Raw HTML and maths** are kept as written ([`Block::Html`], [`Inline::Html`],
//! [`Inline::Math`]), so that a dialect carrying markup of its own through them (Notion's
//! XML-like blocks, its equations) keeps it from a page read to the page written back. A format
//! without them writes them as literal text ([`html_as_text`], [`Math::as_text`]): a caller's
//! markup is never injected into Jira, Plane or Confluence.
//!
//! **Literal text** that would read as Markdown (`*`, `_`, `[`, `|`, `$`, backticks, `#` or
//! `>` or `1.` or `- [ ]` at the start of a line, …) is escaped; whitespace a reader would
//! strip and line breaks inside text are character references (`&#32;`, `&#10;`). A letter
//! beside an emphasis delimiter may be written as a character reference (`&#97;`) where
//! CommonMark would otherwise not see the delimiter.

mod escape;
mod flanking;
mod html;
mod line;
mod literal;
mod model;
mod normalize;
mod parse;
mod raw;
mod render;
mod render_inline;

pub use html::{HtmlBlockKind, html_block_kind, is_raw_html, raw_html_len};
pub use line::blocks_as_line;
pub use literal::{
    code_span, link_destination, link_target, link_title, longest_run, starts_reference,
};
pub use model::{
    Alignment, Block, Cell, Directory, Document, Inline, List, ListItem, Math, Mention, Table,
};
pub use parse::{MAX_NESTING, parse};
pub use raw::html_as_text;
pub use render::{Style, render};
pub use render_inline::Emphasis;

#[cfg(any(test, feature = "strategies"))]
pub mod strategies;

#[cfg(test)]
mod tests;
