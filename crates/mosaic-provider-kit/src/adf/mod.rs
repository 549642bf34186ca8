//! Atlassian Document Format (ADF) ⇄ the Markdown model.
//!
//! Jira stores descriptions and comments as ADF (the JSON document format of
//! <https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/>); MosAIc's
//! callers read and write Markdown. This module is ADF ⇄ model only ([`read_document`],
//! [`write_document`]); Markdown ⇄ model is [`crate::markdown`]'s. Both directions cover:
//!
//! | ADF | model (Markdown) |
//! | --- | --- |
//! | `paragraph` | a paragraph |
//! | `heading` (`attrs.level` 1–6) | a heading (`#` … `######`) |
//! | marks `strong`, `em`, `strike`, `code` | strong, emphasis, strikethrough, code (`**…**`, `_…_`, `~~…~~`, `` `…` ``) |
//! | mark `link` (`href`, `title`) | a link (`[text](href "title")`) |
//! | `bulletList`, `orderedList` (`attrs.order`), `listItem` | lists (nested, any start) |
//! | `taskList`, `taskItem` (`attrs.state` `TODO`/`DONE`) | task lists (`- [ ] …`, `- [x] …`) |
//! | `codeBlock` (`attrs.language`) | a code block with its language |
//! | `blockquote` | a quote (`>`) |
//! | `table`, `tableRow`, `tableHeader`, `tableCell` | a table, its first row the header |
//! | `rule` | a thematic break |
//! | `hardBreak` | a hard break |
//! | `mention` (`attrs.id`, `attrs.text`) | a mention of an Atlassian account, `@[Display Name](accountid:ID)` |
//!
//! Jira's Markdown is written with `_` for emphasis ([`adf_to_markdown`]).
//!
//! **Mentions.** `attrs.text`, which Jira writes with a leading `@`, is the mention's name
//! without it. A mention of another provider's users (`@[Name](plane-user:ID)`) is written as
//! the text `@Name`, never as an Atlassian mention (see [`crate::markdown`]).
//!
//! **What is not kept.** Marks without a Markdown form (underline, colours, sub/superscript;
//! the text stays), mention `accessLevel`, task and table `localId`s, table column widths and
//! alignment, whatever [`crate::markdown::Document::normalized`] leaves out, and what ADF
//! cannot nest (see `write.rs`). Node types without a Markdown form are written as what they
//! hold, never dropped: a `panel` or `expand` its blocks, an emoji, card, date or status the
//! text of its attributes, and a node with nothing to show its type in brackets (`[media]`).

mod marks;
mod read;
mod write;

pub use read::read_document;
pub use write::write_document;

use crate::markdown::{Emphasis, Style, parse, render};
use serde_json::Value;

/// The Markdown Jira's callers read: emphasis as `_`, as Jira's own wiki markup writes it.
const JIRA_STYLE: Style = Style {
    emphasis: Emphasis::Underscore,
};

/// Markdown as an ADF document (`doc`, version 1). Every Markdown input has one.
pub fn markdown_to_adf(markdown: &str) -> Value {
    write_document(&parse(markdown))
}

/// An ADF document as Markdown. Fails, naming the JSON path, when `document` is not an ADF
/// `doc` or a supported node in it is malformed; node types without a Markdown form are
/// written as the text they hold.
pub fn adf_to_markdown(document: &Value) -> Result<String, AdfError> {
    Ok(render(&read_document(document)?, JIRA_STYLE))
}

/// An ADF document that cannot be read, with the JSON path of the offending node
/// (`$.content[1].content[0]`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid ADF at {path}: {message}")]
pub struct AdfError {
    /// Where in the document, as a JSON path from the root `$`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl AdfError {
    fn new(path: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
#[path = "to_adf_tests.rs"]
mod to_adf_tests;

#[cfg(test)]
#[path = "to_markdown_tests.rs"]
mod to_markdown_tests;

#[cfg(test)]
#[path = "round_trip_tests.rs"]
mod round_trip_tests;
