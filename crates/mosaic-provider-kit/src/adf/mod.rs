//! Atlassian Document Format (ADF) ⇄ Markdown.
//!
//! Jira stores descriptions and comments as ADF (the JSON document format of
//! <https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/>); MosAIc's
//! callers read and write Markdown. Both directions cover:
//!
//! | ADF | Markdown |
//! | --- | --- |
//! | `paragraph` | a paragraph |
//! | `heading` (`attrs.level` 1–6) | `#` … `######` |
//! | marks `strong`, `em`, `strike`, `code` | `**…**`, `_…_`, `~~…~~`, `` `…` `` |
//! | mark `link` (`href`, `title`) | `[text](href "title")` |
//! | `bulletList`, `orderedList` (`attrs.order`), `listItem` | `-` lists, `1.` lists (nested, any start) |
//! | `codeBlock` (`attrs.language`) | a fenced code block with its language |
//! | `blockquote` | `>` |
//! | `rule` | `---` |
//! | `hardBreak` | a backslash at the end of a line |
//! | `mention` (`attrs.id`, `attrs.text`) | `@[Display Name](accountid:ID)` |
//!
//! **Mentions.** A mention is written as a link to the `accountid:` scheme directly after an
//! `@`: `@[Ada Lovelace](accountid:5b10ac8d82e05b22cc7d4ef5)`. The link text is the display name
//! (ADF's `attrs.text`, which Jira writes with a leading `@`, without it); an empty one stands
//! for a mention without display text. The same link without the `@` in front stays an
//! ordinary link.
//!
//! **Literal text.** Text that would read as Markdown (`*`, `_`, `[`, backticks, `#` or `>`
//! or `1.` at the start of a line, …) is escaped, so ADF → Markdown → ADF gives the same
//! document. What is not kept: marks without a Markdown form (underline, colours,
//! sub/superscript; the text stays), mention `accessLevel`, whitespace at the edges of a bold,
//! italic or struck run (it moves outside the run), a hard break at the very end of a
//! paragraph, the code mark of linked code holding `]:` at the very start of a paragraph (where
//! Markdown would read a link definition), and the difference between one text node and two
//! with the same marks. A letter beside an emphasis delimiter may be written as a character
//! reference (`&#97;`) where CommonMark would otherwise not see the delimiter. Node types
//! without a Markdown form are written as what they hold, never dropped: a `panel`, `table` or
//! `expand` its blocks, an emoji, card, date or status the text of its attributes, and a node
//! with nothing to show its type in brackets (`[media]`).

mod escape;
mod flanking;
mod inline;
mod model;
mod parse;
mod to_adf;
mod to_markdown;

pub use to_adf::markdown_to_adf;
pub use to_markdown::adf_to_markdown;

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
