//! The document model every markup converter meets in: a small tree of blocks and inlines
//! that says what a document is, not how one format spells it.
//!
//! A converter for a provider's format is written as "format ⇄ model" only; Markdown ⇄ model
//! is [`super::parse`] and [`super::render`]. The model is what CommonMark with GitHub's task
//! lists, tables, strikethrough and maths can say, plus mentions of a provider's users. Raw
//! HTML ([`Block::Html`], [`Inline::Html`]) is kept as written, for the dialects that carry
//! markup of their own through HTML (Notion's XML-like tags); a format that has no use for it
//! writes it as literal text, so that nothing is lost and nothing is injected.
//!
//! Several trees can mean the same document (two neighbouring texts or one, a space inside or
//! outside a bold run). [`Document::normalized`] picks one of them, and [`super::parse`] always
//! answers with that one, so "the same document" is plain `==` on normalized trees.

/// A document: its blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The top-level blocks.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The document with `change` applied to every run of inline content a block holds
    /// (paragraphs, headings, table cells), in lists and quotes too: for a converter that
    /// reads its format's inline content in a form of its own (whitespace as XHTML shows it).
    pub fn map_inline_content(self, change: &mut impl FnMut(Vec<Inline>) -> Vec<Inline>) -> Self {
        Document {
            blocks: map_blocks(self.blocks, change),
        }
    }
}

fn map_blocks(
    blocks: Vec<Block>,
    change: &mut impl FnMut(Vec<Inline>) -> Vec<Inline>,
) -> Vec<Block> {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(content) => Block::Paragraph(change(content)),
            Block::Heading { level, content } => Block::Heading {
                level,
                content: change(content),
            },
            Block::List(list) => Block::List(List {
                start: list.start,
                items: list
                    .items
                    .into_iter()
                    .map(|item| ListItem {
                        task: item.task,
                        blocks: map_blocks(item.blocks, change),
                    })
                    .collect(),
            }),
            Block::Quote(inner) => Block::Quote(map_blocks(inner, change)),
            Block::Table(table) => Block::Table(Table {
                alignments: table.alignments,
                header: table.header.into_iter().map(&mut *change).collect(),
                rows: table
                    .rows
                    .into_iter()
                    .map(|row| row.into_iter().map(&mut *change).collect())
                    .collect(),
            }),
            other @ (Block::Code { .. } | Block::Rule | Block::Html(_)) => other,
        })
        .collect()
}

/// A block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A heading, `level` 1 to 6.
    Heading {
        /// 1 (`#`) to 6 (`######`).
        level: u8,
        /// Its text.
        content: Vec<Inline>,
    },
    /// A bullet or ordered list.
    List(List),
    /// A code block: its text without the final line break, and its language if given.
    Code {
        /// The first word of a fenced block's info string (`rust`), if any.
        language: Option<String>,
        /// The code, lines joined by `\n`.
        text: String,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A table (GitHub's tables): one header row, then body rows of the same width.
    Table(Table),
    /// A thematic break (`<hr>`, ADF `rule`).
    Rule,
    /// An HTML block as CommonMark reads one, its lines as written (without the final line
    /// break): it starts with what opens an HTML block (`<div>`, `<callout …>` alone on its
    /// line, `<!--`, …) and, for most kinds, holds no blank line. [`Document::normalized`]
    /// makes text that could not be read back as one HTML block literal text.
    Html(String),
}

/// A list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    /// The first number of an ordered list; `None` for a bullet list.
    pub start: Option<u64>,
    /// The items, in order.
    pub items: Vec<ListItem>,
}

impl List {
    /// Whether every item has a checkbox: what ADF's `taskList` and Plane's
    /// `data-type="taskList"` hold. A list mixing tasks and plain items is not one (those
    /// formats cannot mix them); the converters then write the checkboxes as text.
    pub fn is_task_list(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|item| item.task.is_some())
    }

    /// Whether it is a task list whose every item holds a paragraph (or nothing) followed by
    /// nothing but such task lists: what a format whose tasks hold one line of text (ADF's
    /// `taskItem`, Confluence's `<ac:task>`) can write as its task list.
    pub fn is_task_list_of_lines(&self) -> bool {
        self.is_task_list()
            && self.items.iter().all(|item| {
                let nested = match item.blocks.split_first() {
                    Some((Block::Paragraph(_), rest)) => rest,
                    _ => item.blocks.as_slice(),
                };
                nested
                    .iter()
                    .all(|block| matches!(block, Block::List(list) if list.is_task_list_of_lines()))
            })
    }
}

/// A list item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListItem {
    /// `Some(checked)` for a task list item (`- [ ]`, `- [x]`), `None` for a plain one.
    pub task: Option<bool>,
    /// What the item holds.
    pub blocks: Vec<Block>,
}

impl ListItem {
    /// The item's blocks with its checkbox, if it has one, as the text `[ ] ` or `[x] ` at
    /// their start: how a format writes a checkbox where it has no task list to put it in.
    pub fn blocks_with_checkbox_text(&self) -> Vec<Block> {
        let mut blocks = self.blocks.clone();
        let Some(checked) = self.task else {
            return blocks;
        };
        let checkbox = Inline::Text(if checked { "[x] " } else { "[ ] " }.into());
        match blocks.first_mut() {
            Some(Block::Paragraph(content)) => content.insert(0, checkbox),
            _ => blocks.insert(0, Block::Paragraph(vec![checkbox])),
        }
        blocks
    }
}

/// A table. Every row has as many cells as the header; [`Document::normalized`] pads or cuts
/// rows to that width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// One alignment a column.
    pub alignments: Vec<Alignment>,
    /// The header row's cells.
    pub header: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table of rows as a format without a header row of its own holds them: the first row
    /// is the header, and every row is as wide as the widest, without alignment.
    pub fn from_rows(rows: Vec<Vec<Cell>>) -> Table {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut rows = rows.into_iter();
        let mut header = rows.next().unwrap_or_default();
        header.resize(width, Vec::new());
        Table {
            alignments: vec![Alignment::None; width],
            header,
            rows: rows.collect(),
        }
    }
}

/// A table cell: one line of inline content (a cell has no line breaks).
pub type Cell = Vec<Inline>;

/// How a table column is aligned (`---`, `:--`, `:-:`, `--:`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Alignment {
    /// No alignment given.
    #[default]
    None,
    /// `:--`.
    Left,
    /// `:-:`.
    Center,
    /// `--:`.
    Right,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Literal text: any characters, line breaks included.
    Text(String),
    /// Emphasis (`*…*`, `<em>`, ADF `em`).
    Emphasis(Vec<Inline>),
    /// Strong emphasis (`**…**`, `<strong>`, ADF `strong`).
    Strong(Vec<Inline>),
    /// Strikethrough (`~~…~~`, `<s>`, ADF `strike`).
    Strikethrough(Vec<Inline>),
    /// A code span's text (line breaks read as spaces).
    Code(String),
    /// A link around inline content.
    Link {
        /// Its destination.
        href: String,
        /// Its title, if it has one.
        title: Option<String>,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image.
    Image {
        /// Its address.
        src: String,
        /// Its alternative text.
        alt: String,
        /// Its title, if it has one.
        title: Option<String>,
    },
    /// A line break inside a paragraph (a backslash at the end of a line).
    HardBreak,
    /// A mention of a provider's user.
    Mention(Mention),
    /// Raw inline HTML as written: one or more tags, comments or other constructs CommonMark
    /// reads as raw HTML (`<span color="red">`, `</span>`, `<mention-user url="…"/>`).
    Html(String),
    /// Maths in TeX (GitHub's `$…$` and `$$…$$`).
    Math(Math),
}

impl Inline {
    /// The inline with `change` made to what a run or a link holds; any other inline as it is.
    pub fn map_content(self, change: impl FnOnce(Vec<Inline>) -> Vec<Inline>) -> Inline {
        match self {
            Self::Emphasis(inner) => Self::Emphasis(change(inner)),
            Self::Strong(inner) => Self::Strong(change(inner)),
            Self::Strikethrough(inner) => Self::Strikethrough(change(inner)),
            Self::Link {
                href,
                title,
                content,
            } => Self::Link {
                href,
                title,
                content: change(content),
            },
            other => other,
        }
    }
}

/// Maths in TeX, as GitHub's Markdown writes it between dollar signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Math {
    /// Displayed (`$$…$$`) rather than inline (`$…$`).
    pub display: bool,
    /// The TeX between the delimiters.
    pub tex: String,
}

impl Math {
    /// The maths as Markdown writes it, `$tex$` or `$$tex$$`: the text a format without maths
    /// shows.
    pub fn as_text(&self) -> String {
        let delimiter = if self.display { "$$" } else { "$" };
        format!("{delimiter}{}{delimiter}", self.tex)
    }
}

/// A mention of a user of one provider's user directory.
///
/// Its Markdown is `@[name](scheme:id)`, with the directory's scheme ([`Directory::scheme`]),
/// so the caller sees whose user it is and writes it back unchanged. A converter writes a
/// mention of its own directory as the format's mention, and one of any other directory as the
/// plain text `@name` ([`Mention::as_text`]): an id means nothing to another provider, and a
/// mention must never turn into a link to a stranger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Whose users the id belongs to.
    pub directory: Directory,
    /// The user's id in that directory.
    pub id: String,
    /// The display name without its `@`; empty when the source gave none.
    pub name: String,
}

impl Mention {
    /// The mention as plain text, for a format that cannot point at this directory's users:
    /// `@name`, or `@id` when there is no name.
    pub fn as_text(&self) -> String {
        let shown = if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        };
        format!("@{shown}")
    }
}

/// The user directories mentions point into. Jira and Confluence share Atlassian accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Directory {
    /// Atlassian accounts (Jira, Confluence): `@[Name](accountid:ID)`.
    Atlassian,
    /// Plane workspace members: `@[Name](plane-user:ID)`.
    Plane,
}

impl Directory {
    /// Every directory, for readers looking a scheme up.
    pub const ALL: [Directory; 2] = [Directory::Atlassian, Directory::Plane];

    /// The link scheme its mentions are written with, colon included.
    pub fn scheme(self) -> &'static str {
        match self {
            Self::Atlassian => "accountid:",
            Self::Plane => "plane-user:",
        }
    }

    /// The directory and id of a link destination written with one of the schemes.
    pub fn of_destination(destination: &str) -> Option<(Directory, &str)> {
        Self::ALL.into_iter().find_map(|directory| {
            destination
                .strip_prefix(directory.scheme())
                .map(|id| (directory, id))
        })
    }
}
