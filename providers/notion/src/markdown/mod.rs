//! Notion's enhanced Markdown (developers.notion.com/guides/data-apis/enhanced-markdown) and
//! the CommonMark MosAIc's callers read and write, converted both ways through one model of
//! blocks (`blocks.rs`) and inline segments (`inline.rs`).
//!
//! - Nesting: Notion nests by tabs, one block a line; CommonMark nests list items by
//!   indentation and separates blocks by blank lines (`notion.rs`, `commonmark.rs`).
//! - Escapes: each dialect escapes its own set of characters; a literal character is read
//!   from one and written with the other's escapes, markup is kept as written (`inline.rs`).
//! - Notion's own blocks — XML-like tags such as `<callout>`, `<details>`, `<columns>`,
//!   `<table>`, `<page>`, `<unknown/>`, and `$$` equations — pass through as CommonMark HTML
//!   blocks, with what is nested in them, so that reading a page and writing it back keeps
//!   them. Inline tags (`<span color>`, mentions, `<br>`), `$…$` equations and trailing
//!   attribute lists (`{color="…"}`) pass through likewise.
//! - What CommonMark cannot say is documented where it is lost: nesting under anything but a
//!   list item is flattened; a paragraph's soft line breaks become spaces; `_` emphasis
//!   reaches Notion as written (Notion emphasises with `*`); GFM tables reach Notion as text.
//!
//! Both directions are exact on each other's output: a page written in one dialect and
//! converted to the other and back comes out as it was (property-tested in `tests.rs`).

mod blocks;
mod commonmark;
mod inline;
mod notion;

/// A page's enhanced Markdown as CommonMark.
pub fn to_commonmark(notion_markdown: &str) -> String {
    commonmark::write(&notion::read(notion_markdown))
}

/// CommonMark as Notion's enhanced Markdown.
pub fn to_notion(commonmark: &str) -> String {
    notion::write(&commonmark::read(commonmark))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "properties.rs"]
mod properties;
