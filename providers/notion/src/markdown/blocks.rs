//! The blocks both dialects are read into and written from, and what both agree a line
//! opens: a heading, a list item, a quote, a divider, a code fence, or a block of Notion's
//! own (an XML-like tag such as `<callout>`, `<details>`, `<columns>`, `<table>`, `<page>`,
//! `<unknown/>`, or a `$$` equation), which passes through unchanged with everything nested
//! in it.

use super::inline::Seg;

/// One block of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `#` to `######`.
    Heading {
        /// 1 to 6 (Notion turns 5 and 6 into 4).
        level: usize,
        /// Its text.
        text: Vec<Seg>,
    },
    /// A paragraph (Notion's text block).
    Paragraph(Vec<Seg>),
    /// A list item with the blocks nested in it.
    Item {
        /// Its kind.
        marker: Marker,
        /// Its text.
        text: Vec<Seg>,
        /// Nested blocks.
        children: Vec<Block>,
    },
    /// A quote.
    Quote(Vec<Seg>),
    /// A fenced code block: its info string and its lines, literal.
    Code {
        /// The language.
        info: String,
        /// The lines.
        lines: Vec<String>,
    },
    /// `---`.
    Divider,
    /// A block of Notion's own, its lines as Notion writes them (nesting by tabs, relative to
    /// the block).
    Native(Vec<String>),
}

/// What kind of list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `- item`.
    Bullet,
    /// `1. item`, with its number.
    Ordered(u32),
    /// `- [ ] item` or `- [x] item`.
    Task(bool),
}

impl Marker {
    /// The marker as both dialects write it.
    pub fn written(&self) -> String {
        match self {
            Self::Bullet => "-".to_owned(),
            Self::Ordered(number) => format!("{number}."),
            Self::Task(false) => "- [ ]".to_owned(),
            Self::Task(true) => "- [x]".to_owned(),
        }
    }

    /// The indentation of what is nested in an item in CommonMark: the marker's width and a
    /// space (a task's box is part of its content).
    pub fn content_width(&self) -> usize {
        match self {
            Self::Bullet | Self::Task(_) => 2,
            Self::Ordered(number) => number.to_string().len() + 2,
        }
    }
}

/// The tags of Notion's own blocks.
const NATIVE_TAGS: [&str; 27] = [
    "callout",
    "details",
    "summary",
    "columns",
    "column",
    "table",
    "tr",
    "td",
    "th",
    "colgroup",
    "col",
    "page",
    "database",
    "data-source",
    "unknown",
    "empty-block",
    "audio",
    "video",
    "file",
    "pdf",
    "image",
    "embed",
    "bookmark",
    "table_of_contents",
    "synced_block",
    "synced_block_reference",
    "meeting-notes",
];

/// The tag a line opens a block of Notion's own with (`callout` for `<callout icon="💡">`),
/// `$$` for an equation block; `None` for any other line.
pub fn native_opening(line: &str) -> Option<&str> {
    if line.trim_end() == "$$" {
        return Some("$$");
    }
    let rest = line.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    NATIVE_TAGS.contains(&name).then_some(name)
}

/// Whether a line opening a native block with `name` is closed on that line (self-closing,
/// or its closing tag is there too) or leaves its block open until `</name>`.
pub fn stays_open(line: &str, name: &str) -> bool {
    let line = line.trim_end();
    name != "$$"
        && !line.starts_with("</")
        && !line.ends_with("/>")
        && !line.contains(&format!("</{name}>"))
}

/// A fence opening a code block: its character, its length and its info string.
pub fn fence(line: &str) -> Option<(char, usize, &str)> {
    let first = line.chars().next()?;
    if first != '`' && first != '~' {
        return None;
    }
    let length = line.chars().take_while(|c| *c == first).count();
    let info = line[length..].trim();
    (length >= 3 && !(first == '`' && info.contains('`'))).then_some((first, length, info))
}

/// Whether `line` closes a fence of `character` × `length`.
pub fn closes_fence(line: &str, character: char, length: usize) -> bool {
    let trimmed = line.trim_end();
    trimmed.chars().all(|c| c == character) && trimmed.chars().count() >= length
}

/// A fence that no line of `lines` closes: one backtick more than the longest run in them,
/// at least three.
pub fn fence_for(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .map(|line| longest_run(line, '`'))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

fn longest_run(text: &str, of: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A heading's level and text (`## Title` → 2, `Title`).
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if rest.is_empty() {
        return Some((level, ""));
    }
    rest.strip_prefix(' ').map(|text| (level, text))
}

/// A list item's marker and text (`- [x] done` → task, `done`).
pub fn item(line: &str) -> Option<(Marker, &str)> {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            for (boxed, checked) in [("[ ] ", false), ("[x] ", true), ("[X] ", true)] {
                if let Some(text) = rest.strip_prefix(boxed) {
                    return Some((Marker::Task(checked), text));
                }
            }
            for (boxed, checked) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
                if rest == boxed {
                    return Some((Marker::Task(checked), ""));
                }
            }
            return Some((Marker::Bullet, rest));
        }
    }
    if matches!(line, "-" | "*" | "+") {
        return Some((Marker::Bullet, ""));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        let text = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))
            .or_else(|| matches!(rest, "." | ")").then_some(""))?;
        let number = line[..digits].parse().ok()?;
        return Some((Marker::Ordered(number), text));
    }
    None
}

/// Whether a line is a thematic break (`---`, `***`, `___`, spaces allowed between).
pub fn divider(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| *c != ' ' && *c != '\t').collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0])
}
