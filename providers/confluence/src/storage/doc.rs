//! The document both formats are read into and written from: the part of a page that
//! Markdown and Confluence's storage format can both carry. Reading either format gives one of
//! these; writing one gives the other format, so the two converters cannot disagree about what
//! a heading or a task is.

/// A page body: its blocks in order.
pub type Doc = Vec<Block>;

/// A block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading of level 1 to 6.
    Heading(u8, Vec<Inline>),
    /// A bullet list (`start` none) or a numbered one starting at `start`; each item is blocks.
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A task list (`<ac:task-list>`, `- [ ]`).
    Tasks(Vec<Task>),
    /// A table: its first row is the header.
    Table(Vec<Vec<Vec<Inline>>>),
    /// A code block with its language (`<ac:structured-macro ac:name="code">`, a fence).
    Code {
        /// The language, empty when none.
        language: String,
        /// The code, without a final line break.
        text: String,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A horizontal rule.
    Rule,
}

/// One task of a task list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Whether it is done (`complete`, `[x]`).
    pub done: bool,
    /// Its text.
    pub body: Vec<Inline>,
    /// Tasks nested under it.
    pub children: Vec<Task>,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text.
    Text(String),
    /// Bold.
    Strong(Vec<Inline>),
    /// Italic.
    Emphasis(Vec<Inline>),
    /// Struck through.
    Strike(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// A link to a URL.
    Link {
        /// Where it points.
        href: String,
        /// What it shows.
        children: Vec<Inline>,
    },
    /// A user mention (`<ac:link><ri:user ri:account-id/></ac:link>`, `@[Name](accountid:ID)`).
    Mention {
        /// The Atlassian account id.
        account: String,
        /// The name shown, empty when Confluence shows the account's own.
        name: String,
    },
    /// A line break.
    Break,
}

/// `inlines` with neighbouring texts joined and empty texts dropped, so that one document has
/// one form however it was read.
pub fn joined(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (_, Inline::Text(text)) if text.is_empty() => {}
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// The text of `inlines` without their marks (a mention as its name).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Strong(children)
            | Inline::Emphasis(children)
            | Inline::Strike(children)
            | Inline::Link { children, .. } => out.push_str(&plain_text(children)),
            Inline::Mention { name, .. } => out.push_str(name),
            Inline::Break => out.push(' '),
        }
    }
    out
}
