//! What a line of Notion's enhanced Markdown opens, read the same by the reader and the
//! writer: a heading, a list item, a divider, a code fence, an equation (`$$`), or a block of
//! Notion's own (an XML-like tag read as CommonMark reads an HTML block).
//!
//! CommonMark tag names hold no `_`, so Notion's `<table_of_contents/>`, `<synced_block>` and
//! `<synced_block_reference>` are spelt with `-` on the model's side (and so in CommonMark),
//! and with `_` again when written to Notion.

/// Notion's tags whose names CommonMark cannot read, with the names they have in the model;
/// longest first, as one is the start of another.
const UNDERSCORED: [(&str, &str); 3] = [
    ("synced_block_reference", "synced-block-reference"),
    ("synced_block", "synced-block"),
    ("table_of_contents", "table-of-contents"),
];

/// `text` with Notion's underscored tag names (`<table_of_contents`, `</synced_block`) as the
/// model spells them.
pub fn tags_to_model(text: &str) -> String {
    rename_tags(text, false)
}

/// `text` with the model's spelling of Notion's underscored tag names as Notion writes them.
pub fn tags_to_notion(text: &str) -> String {
    rename_tags(text, true)
}

fn rename_tags(text: &str, to_notion: bool) -> String {
    let mut out = text.to_owned();
    for (notion, model) in UNDERSCORED {
        let (from, to) = if to_notion {
            (model, notion)
        } else {
            (notion, model)
        };
        if out.contains(from) {
            out = out
                .replace(&format!("<{from}"), &format!("<{to}"))
                .replace(&format!("</{from}"), &format!("</{to}"));
        }
    }
    out
}

/// What kind of list item a line opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `- item` (or `*`, `+`).
    Bullet,
    /// `1. item`, with its number.
    Ordered(u64),
    /// `- [ ] item` or `- [x] item`.
    Task(bool),
}

/// A list item's marker and text (`- [x] done` → a checked task, `done`).
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

/// A heading's level and text (`## Title` → 2, `Title`).
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if rest.is_empty() {
        return Some((level as u8, ""));
    }
    rest.strip_prefix(' ').map(|text| (level as u8, text))
}

/// Whether a line is a divider (`---`, `***`, `___`, spaces allowed between).
pub fn divider(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| *c != ' ' && *c != '\t').collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0])
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

/// Whether a line opens or closes an equation block.
pub fn equation_fence(line: &str) -> bool {
    line.trim_end() == "$$"
}

/// Notion's blocks written as an element whose lines at its own depth (a `<summary>`, the
/// closing tag) belong to it, as the model spells their names.
const BLOCK_ELEMENTS: [&str; 27] = [
    "audio",
    "bookmark",
    "callout",
    "col",
    "colgroup",
    "column",
    "columns",
    "data-source",
    "database",
    "details",
    "embed",
    "empty-block",
    "file",
    "image",
    "meeting-notes",
    "page",
    "pdf",
    "summary",
    "synced-block",
    "synced-block-reference",
    "table",
    "table-of-contents",
    "td",
    "th",
    "tr",
    "unknown",
    "video",
];

/// The name of the Notion block element an opening tag line leaves open until its closing
/// tag (`details` for `<details color="gray">`); none for a self-closing tag, a closing tag,
/// one whose closing tag is on the line too, or another element (raw HTML of a caller's,
/// which stands on its line).
pub fn left_open(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('<')?;
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    let line = line.trim_end();
    let closed = name.is_empty() || line.ends_with("/>") || line.contains(&format!("</{name}>"));
    (!closed && BLOCK_ELEMENTS.contains(&name)).then_some(name)
}
