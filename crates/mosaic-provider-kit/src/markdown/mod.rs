//! Markdown, MosAIc's exchange format for text, and the document model every markup converter
//! meets in.
//!
//! Callers read and write CommonMark with GitHub's task lists, tables and strikethrough.
//! Each provider's format converts to and from one model ([`Document`]), and Markdown ⇄ model
//! is written once, here: [`parse`] reads Markdown, [`render`] writes it. A converter for a new
//! format (Confluence's storage XHTML, Notion's blocks) is "format ⇄ model" only, as
//! [`crate::adf`] and [`crate::html`] are.
//!
//! - `model.rs`: the tree; `normalize.rs`: the one tree among those meaning the same document.
//! - `parse.rs`: Markdown → model (`pulldown-cmark`).
//! - `render.rs` (blocks), `render_inline.rs` (inline content), `escape.rs` (literal text),
//!   `flanking.rs` (emphasis delimiters), `literal.rs` (code spans, link targets): model →
//!   Markdown, so that `parse(render(d)) == d.normalized()` for every document `d`.
//!
//! **Mentions** are `@[Name](scheme:ID)`, the scheme naming the user directory
//! ([`Directory`]): `accountid:` for Atlassian accounts (Jira, Confluence), `plane-user:` for
//! Plane. A converter writes a mention of its own directory as its format's mention and one of
//! another directory as the plain text `@Name` ([`Mention::as_text`]), never as the other
//! provider's link: an id from one provider means nothing to another.
//!
//! **Literal text** that would read as Markdown (`*`, `_`, `[`, `|`, backticks, `#` or `>` or
//! `1.` or `- [ ]` at the start of a line, …) is escaped; whitespace a reader would strip and
//! line breaks inside text are character references (`&#32;`, `&#10;`). A letter beside an
//! emphasis delimiter may be written as a character reference (`&#97;`) where CommonMark would
//! otherwise not see the delimiter.

mod escape;
mod flanking;
mod literal;
mod model;
mod normalize;
mod parse;
mod render;
mod render_inline;

pub use literal::{
    code_span, link_destination, link_target, link_title, longest_run, starts_reference,
};
pub use model::{
    Alignment, Block, Cell, Directory, Document, Inline, List, ListItem, Mention, Table,
};
pub use parse::{MAX_NESTING, parse};
pub use render::{Style, render};
pub use render_inline::Emphasis;

#[cfg(test)]
pub(crate) mod tests;
