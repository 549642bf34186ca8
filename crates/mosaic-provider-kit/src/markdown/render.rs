//! The model → Markdown, the one writer every converter shares: CommonMark with GitHub's
//! strikethrough, tables and task lists, which [`super::parse`] reads back as the same
//! (normalized) document.
//!
//! Blocks are separated by a blank line. List items continue their lines indented to the
//! item's content, quotes prefix every line with `>`. Two lists of one kind directly after each
//! other would read as one, so the second switches its marker (`-` ↔ `*`, `1.` ↔ `1)`). A rule
//! is `___`, which no list marker can turn into a list (`- ---` is itself a rule). A list item
//! whose content starts with a list or a table, or a task item whose content starts with
//! anything but a paragraph, starts that content on the next line. Raw HTML and maths are
//! written as they are.

use super::literal::{longest_run, starts_reference};
use super::model::{Alignment, Block, Document, Inline, List, ListItem, Table};
use super::render_inline::{Emphasis, Place, render_inlines};

/// How the Markdown is spelled where CommonMark allows several spellings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// The emphasis delimiter (`*` or `_`).
    pub emphasis: Emphasis,
}

/// A document as Markdown. The document is normalized first ([`Document::normalized`]), so
/// any tree can be written.
pub fn render(document: &Document, style: Style) -> String {
    let blocks = document.normalized().blocks;
    Writer { style }.sequence(&blocks)
}

/// The marker a list is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Dash,
    Star,
    Dot,
    Paren,
}

struct Writer {
    style: Style,
}

impl Writer {
    fn place(&self) -> Place {
        Place {
            emphasis: self.style.emphasis,
            ..Place::default()
        }
    }

    /// Blocks separated by blank lines.
    fn sequence(&self, blocks: &[Block]) -> String {
        self.rendered(blocks)
            .into_iter()
            .map(|(text, _)| text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Each block rendered on its own, with the block it came from.
    fn rendered<'b>(&self, blocks: &'b [Block]) -> Vec<(String, &'b Block)> {
        let mut out = Vec::with_capacity(blocks.len());
        let mut previous = None;
        for block in blocks {
            let marker = match block {
                Block::List(List { start: None, .. }) if previous == Some(Marker::Dash) => {
                    Some(Marker::Star)
                }
                Block::List(List { start: None, .. }) => Some(Marker::Dash),
                Block::List(_) if previous == Some(Marker::Dot) => Some(Marker::Paren),
                Block::List(_) => Some(Marker::Dot),
                _ => None,
            };
            previous = marker;
            out.push((self.block(block, marker.unwrap_or(Marker::Dash)), block));
        }
        out
    }

    fn block(&self, block: &Block, marker: Marker) -> String {
        match block {
            Block::Paragraph(content) => render_inlines(content, self.place()),
            Block::Heading { level, content } => {
                let hashes = "#".repeat(usize::from(*level));
                let place = Place {
                    heading: true,
                    ..self.place()
                };
                let text = render_inlines(content, place);
                if text.is_empty() {
                    hashes
                } else {
                    format!("{hashes} {text}")
                }
            }
            Block::List(list) => self.list(list, marker),
            Block::Code { language, text } => code_block(language.as_deref(), text),
            Block::Quote(content) => {
                let inner = self.sequence(content);
                if inner.is_empty() {
                    ">".into()
                } else {
                    prefix_lines(&inner, "> ", "> ")
                }
            }
            Block::Table(table) => self.table(table),
            Block::Rule => "___".into(),
            // Normalized, so CommonMark reads it back as this one HTML block.
            Block::Html(html) => html.clone(),
        }
    }

    fn list(&self, list: &List, marker: Marker) -> String {
        let items: Vec<String> = list
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let number = list.start.unwrap_or(1).saturating_add(index as u64);
                let mut marker = match marker {
                    Marker::Dash => "-".to_owned(),
                    Marker::Star => "*".to_owned(),
                    Marker::Dot => format!("{number}."),
                    Marker::Paren => format!("{number})"),
                };
                let indent = " ".repeat(marker.len() + 1);
                match item.task {
                    Some(true) => marker.push_str(" [x]"),
                    Some(false) => marker.push_str(" [ ]"),
                    None => {}
                }
                self.item(item, &marker, &indent)
            })
            .collect();
        // Items of one line or so stay tight; a list whose items hold several blocks is loose.
        let loose = items.iter().any(|item| item.contains("\n\n"));
        items.join(if loose { "\n\n" } else { "\n" })
    }

    fn item(&self, item: &ListItem, marker: &str, indent: &str) -> String {
        let content = self.item_content(&item.blocks);
        if content.is_empty() {
            // `- [ ]` ending the document is text; a space after it keeps the checkbox.
            return match item.task {
                Some(_) => format!("{marker} "),
                None => marker.to_owned(),
            };
        }
        if starts_on_next_line(item) {
            format!("{marker}\n{}", prefix_lines(&content, indent, indent))
        } else {
            prefix_lines(&content, &format!("{marker} "), indent)
        }
    }

    /// The blocks of a list item: a nested list may follow its paragraph on the next line (a
    /// tight item), everything else is separated by a blank line.
    fn item_content(&self, blocks: &[Block]) -> String {
        let rendered = self.rendered(blocks);
        let mut out = String::new();
        for (index, (text, block)) in rendered.iter().enumerate() {
            if index > 0 {
                let previous = rendered[index - 1].1;
                let tight = matches!(previous, Block::Paragraph(_) | Block::List(_))
                    && self.interrupts_paragraph(block);
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            out.push_str(text);
        }
        out
    }

    /// Whether a list may start on the line right after a paragraph (CommonMark: a bullet
    /// list, or an ordered list starting at 1, whose first item is not empty).
    fn interrupts_paragraph(&self, block: &Block) -> bool {
        match block {
            Block::List(List {
                start: None | Some(1),
                items,
            }) => items.first().is_some_and(|item| {
                !starts_on_next_line(item) && !self.item_content(&item.blocks).is_empty()
            }),
            _ => false,
        }
    }

    fn table(&self, table: &Table) -> String {
        let place = Place {
            cell: true,
            ..self.place()
        };
        let row = |cells: &[Vec<Inline>]| {
            let cells: Vec<String> = cells
                .iter()
                .map(|cell| render_inlines(cell, place))
                .collect();
            format!("| {} |", cells.join(" | "))
        };
        let delimiters: Vec<&str> = table
            .alignments
            .iter()
            .map(|alignment| match alignment {
                Alignment::None => "---",
                Alignment::Left => ":--",
                Alignment::Center => ":-:",
                Alignment::Right => "--:",
            })
            .collect();
        let mut lines = vec![
            row(&table.header),
            format!("| {} |", delimiters.join(" | ")),
        ];
        lines.extend(table.rows.iter().map(|cells| row(cells)));
        lines.join("\n")
    }
}

/// Whether an item's content starts on the line after its marker: a list or table would
/// read wrongly beside the marker (`- - -` is a rule), and a task marker is only one before a
/// paragraph's text.
fn starts_on_next_line(item: &ListItem) -> bool {
    match item.blocks.first() {
        Some(Block::List(_) | Block::Table(_)) => true,
        Some(Block::Paragraph(_)) | None => false,
        Some(_) => item.task.is_some(),
    }
}

fn code_block(language: Option<&str>, text: &str) -> String {
    // A backtick fence cannot carry an info string with backticks; a tilde fence can.
    let fence_char = if language.is_some_and(|language| language.contains('`')) {
        '~'
    } else {
        '`'
    };
    let fence = fence_char
        .to_string()
        .repeat(longest_run(text, fence_char).max(2) + 1);
    // An info string reads backslash escapes and character references.
    let chars: Vec<char> = language.unwrap_or_default().chars().collect();
    let mut info = String::with_capacity(chars.len());
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '\\' => info.push_str("\\\\"),
            // After a tilde fence, a leading `~` would lengthen the fence.
            '~' if index == 0 && fence_char == '~' => info.push_str("\\~"),
            '&' if starts_reference(&chars[index + 1..]) => info.push_str("\\&"),
            c => info.push(c),
        }
    }
    if text.is_empty() {
        format!("{fence}{info}\n{fence}")
    } else {
        format!("{fence}{info}\n{text}\n{fence}")
    }
}

/// `text` with `first` before its first line and `rest` before every other; blank lines get
/// the prefix without its trailing spaces.
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let prefix = if index == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}
