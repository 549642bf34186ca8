//! Notion's enhanced Markdown (developers.notion.com/guides/data-apis/enhanced-markdown) ⇄ the
//! provider kit's document model, and so ⇄ the CommonMark MosAIc's callers read and write.
//!
//! This module is Notion ⇄ model only ([`read`], [`write`]); CommonMark ⇄ model is the kit's
//! ([`mosaic_provider_kit::markdown`]), so [`to_commonmark`] is `render(read(notion))` and
//! [`to_notion`] is `write(parse(commonmark))`.
//!
//! | enhanced Markdown | model (CommonMark) |
//! | --- | --- |
//! | a line of text, `#` … `######`, `---` | a paragraph, a heading, a thematic break |
//! | `-` / `1.` items, `- [ ]` / `- [x]` to-dos, nested by tabs | lists and task lists, nested |
//! | `> text` with nested blocks | a quote |
//! | a fence; `$$` lines | a code block; a code block in `math` (GitHub's display maths) |
//! | `**…**`, `*…*`, `~~…~~`, `` `…` ``, `[…](…)`, `$…$`, `<br>` | strong, emphasis, strikethrough, code, a link, maths, a hard break |
//! | `<table header-row="true">` of plain rows | a table |
//! | Notion's own blocks (`<callout>`, `<details>`, `<columns>`, `<page>`, `<unknown/>`, …) | raw HTML blocks |
//! | inline tags (`<span color>`, `<mention-user/>`, …) | raw inline HTML |
//!
//! **Kept**: Notion's XML-like blocks and inline tags pass through the model as raw HTML —
//! verbatim, with what is nested in them — so a page read and written back keeps them, and a
//! caller sees them as CommonMark HTML. A block's trailing attribute list (`{color="gray"}`)
//! is text that Notion gets back as written. Each dialect has its own escapes: Notion escapes
//! `\ * ~ ` $ [ ] < > { } | ^`, CommonMark (the kit) its own set.
//!
//! **Lost**, as Notion's lines cannot say it: nesting under anything but a list item or a quote
//! (flattened: the blocks stay, in order); two lists of one kind in a row (one list); a
//! numbered item's checkbox (text); table alignment, and a table in Notion's `<table>` with
//! more than plain rows (raw HTML); a line break inside text (it is a `<br>`, read back as a
//! hard break), a tab starting a block's text (it nests), and a block of nothing but spaces; a bold run whose whole content is italic and an italic run whose
//! whole content is bold (`***…***` reads as the latter); a literal attribute list ending a
//! block (it reaches Notion as the block's attributes); a code block's language beyond its
//! first word.
//!
//! - `lines.rs`: what a line opens; `read.rs` (blocks), `read_inline.rs` (text): Notion →
//!   model; `write.rs` (blocks), `write_inline.rs` (text): model → Notion; `table.rs`:
//!   Notion's table block.

mod lines;
mod read;
mod read_inline;
mod table;
mod write;
mod write_inline;

pub use read::read;
pub use write::write;

use mosaic_provider_kit::markdown::{Style, parse, render};

/// A page's enhanced Markdown as CommonMark, ending with a line break when it has any text.
pub fn to_commonmark(notion_markdown: &str) -> String {
    let mut commonmark = render(&read(notion_markdown), Style::default());
    if !commonmark.is_empty() {
        commonmark.push('\n');
    }
    commonmark
}

/// CommonMark as Notion's enhanced Markdown.
pub fn to_notion(commonmark: &str) -> String {
    write(&parse(commonmark))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "properties.rs"]
mod properties;
