//! The [`Doc`] as Markdown that `pulldown-cmark` reads back as the same document: text that
//! would read as Markdown is escaped, lists that follow one another change their marker so
//! that they stay apart, code fences are longer than any run of backticks inside, and a link
//! to `accountid:` after an `@` that is not a mention gets its `@` escaped.

use super::doc::{Block, Doc, Inline, Task};
use super::markdown_read::MENTION_SCHEME;
use mosaic_provider_kit::markdown::{code_span, link_destination, longest_run, starts_reference};

/// Writes a document as Markdown, ending with a line break when it is not empty.
pub fn write(doc: &Doc) -> String {
    let text = blocks(doc);
    if text.is_empty() { text } else { text + "\n" }
}

fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    let mut alternate = false;
    for block in blocks {
        // Two lists in a row are one list unless their markers differ.
        let list_after_list = matches!(
            (previous, block),
            (
                Some(Block::List { start: None, .. } | Block::Tasks(_)),
                Block::List { start: None, .. } | Block::Tasks(_),
            ) | (
                Some(Block::List { start: Some(_), .. }),
                Block::List { start: Some(_), .. }
            )
        );
        alternate = list_after_list && !alternate;
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&block_text(block, alternate));
        previous = Some(block);
    }
    out
}

fn block_text(block: &Block, alternate: bool) -> String {
    match block {
        Block::Paragraph(inlines) => inline_text(inlines, Context::Paragraph),
        Block::Heading(level, inlines) => {
            let text = inline_text(inlines, Context::Heading);
            let hashes = "#".repeat(usize::from(*level).clamp(1, 6));
            if text.is_empty() {
                hashes
            } else {
                format!("{hashes} {text}")
            }
        }
        Block::List { start, items } => {
            let mut lines = Vec::new();
            for (index, item) in items.iter().enumerate() {
                let marker = match start {
                    None => (if alternate { "*" } else { "-" }).to_owned(),
                    Some(start) => {
                        let delimiter = if alternate { ')' } else { '.' };
                        format!("{}{delimiter}", start.saturating_add(index as u64))
                    }
                };
                lines.push(item_text(&marker, &item_blocks(item)));
            }
            lines.join("\n")
        }
        Block::Tasks(tasks) => tasks_text(tasks, if alternate { "*" } else { "-" }),
        Block::Table(rows) => table_text(rows),
        Block::Code { language, text } => {
            let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
            let language = language.split_whitespace().next().unwrap_or_default();
            let (fence, language) = if language.contains('`') {
                ("~".repeat(longest_run(text, '~').max(2) + 1), language)
            } else {
                (fence, language)
            };
            if text.is_empty() {
                format!("{fence}{language}\n{fence}")
            } else {
                format!("{fence}{language}\n{text}\n{fence}")
            }
        }
        Block::Quote(inside) => {
            let text = blocks(inside);
            if text.is_empty() {
                return ">".to_owned();
            }
            text.lines()
                .map(|line| {
                    if line.is_empty() {
                        ">".to_owned()
                    } else {
                        format!("> {line}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Rule => "---".to_owned(),
    }
}

/// An item's blocks: each after the first on its own line, a blank line before any but a
/// nested list.
fn item_blocks(item: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for (index, block) in item.iter().enumerate() {
        if index > 0 {
            let nested_list = matches!(block, Block::List { .. } | Block::Tasks(_))
                && !matches!(previous, Some(Block::List { .. } | Block::Tasks(_)));
            out.push_str(if nested_list { "\n" } else { "\n\n" });
        }
        out.push_str(&blocks(std::slice::from_ref(block)));
        previous = Some(block);
    }
    out
}

/// `marker` and the item's text, its further lines indented to the item's content.
fn item_text(marker: &str, text: &str) -> String {
    let indent = " ".repeat(marker.len() + 1);
    let mut out = String::from(marker);
    for (index, line) in text.split('\n').enumerate() {
        if index == 0 {
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
        } else if line.is_empty() {
            out.push('\n');
        } else {
            out.push('\n');
            out.push_str(&indent);
            out.push_str(line);
        }
    }
    out
}

fn tasks_text(tasks: &[Task], marker: &str) -> String {
    tasks
        .iter()
        .map(|task| {
            let box_ = if task.done { "[x]" } else { "[ ]" };
            let body = inline_text(&task.body, Context::Task);
            let mut text = if body.is_empty() {
                box_.to_owned()
            } else {
                format!("{box_} {body}")
            };
            if !task.children.is_empty() {
                text.push('\n');
                text.push_str(&tasks_text(&task.children, marker));
            }
            item_text(marker, &text)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table_text(rows: &[Vec<Vec<Inline>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let row_text = |row: &Vec<Vec<Inline>>| {
        let cells: Vec<String> = (0..width)
            .map(|index| {
                row.get(index)
                    .map(|cell| inline_text(cell, Context::Cell))
                    .unwrap_or_default()
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = Vec::new();
    let empty = Vec::new();
    lines.push(row_text(rows.first().unwrap_or(&empty)));
    lines.push(format!("|{}", " --- |".repeat(width)));
    lines.extend(rows.iter().skip(1).map(row_text));
    lines.join("\n")
}

/// Where inline content is written: what may start a line there, and whether it may break.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    Heading,
    Task,
    Cell,
}

fn inline_text(inlines: &[Inline], context: Context) -> String {
    let mut out = String::new();
    write_inlines(inlines, context, &mut out, true);
    out
}

fn write_inlines(inlines: &[Inline], context: Context, out: &mut String, mut line_start: bool) {
    for (index, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(text) => {
                let before_mention_link = matches!(
                    inlines.get(index + 1),
                    Some(Inline::Link { href, .. }) if href.starts_with(MENTION_SCHEME)
                );
                // A task's text follows its box, and a cell's sits between pipes: neither
                // starts a line.
                let at_start =
                    line_start && matches!(context, Context::Paragraph | Context::Heading);
                out.push_str(&escape(text, at_start, before_mention_link));
            }
            Inline::Strong(children) => styled("**", children, context, out),
            Inline::Emphasis(children) => styled("*", children, context, out),
            Inline::Strike(children) => styled("~~", children, context, out),
            Inline::Code(code) => out.push_str(&code_span(code)),
            Inline::Link { href, children } => {
                out.push('[');
                write_inlines(children, context, out, false);
                out.push_str("](");
                out.push_str(&link_destination(href));
                out.push(')');
            }
            Inline::Mention { account, name } => {
                out.push_str("@[");
                out.push_str(&escape(name, false, false));
                out.push_str("](");
                out.push_str(&link_destination(&format!("{MENTION_SCHEME}{account}")));
                out.push(')');
            }
            Inline::Break => match context {
                Context::Paragraph => {
                    out.push_str("\\\n");
                    line_start = true;
                    continue;
                }
                // Headings, tasks and cells are one line.
                Context::Heading | Context::Task | Context::Cell => out.push(' '),
            },
        }
        line_start = false;
    }
}

fn styled(delimiter: &str, children: &[Inline], context: Context, out: &mut String) {
    out.push_str(delimiter);
    write_inlines(children, context, out, false);
    out.push_str(delimiter);
}

/// Text with every character that would read as Markdown escaped; `line_start` when it begins
/// a line, where `#`, `-`, `+`, `=` and `1.` mean something.
fn escape(text: &str, line_start: bool, before_mention_link: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let digits = if line_start {
        chars.iter().take_while(|c| c.is_ascii_digit()).count()
    } else {
        0
    };
    for (index, &c) in chars.iter().enumerate() {
        let first = line_start && index == 0;
        let escaped = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '&' => starts_reference(&chars[index + 1..]),
            '#' => first || (index > 0 && chars[index - 1] == ' ') || (index == 0 && !line_start),
            '-' | '+' | '=' => first,
            '.' | ')' => digits > 0 && index == digits,
            '@' => before_mention_link && index + 1 == chars.len(),
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
