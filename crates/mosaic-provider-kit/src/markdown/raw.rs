//! The normal form of what the model keeps as written — raw HTML and maths — so that Markdown
//! reads it back as the same nodes (see [`super::normalize`]):
//! - an HTML block starts with what opens one, without indentation, and ends where CommonMark
//!   ends it (at a blank line, or at the line with its end marker); what follows is another
//!   block, and text that opens no HTML block, or one that would never end (a `<!--` without
//!   its `-->`), is a paragraph of literal text, its lines joined by hard breaks;
//! - inline HTML is one or more complete constructs on one line (a line break in it is a
//!   space); anything else is literal text, as is HTML that would open an HTML block at the
//!   start of a paragraph's line (`<div>` and text after it) or would split a table cell
//!   (`|`); a paragraph of one construct that opens an HTML block is that block;
//! - maths is on one line (a line break in it is a space) and is dropped when empty; maths
//!   that CommonMark would not read back as maths (inline maths with spaces at its edges, a
//!   `$` inside, unbalanced braces, a final backslash) is its literal text `$…$`.

use super::html::{HtmlBlockKind, html_block_kind, is_raw_html};
use super::model::{Block, Inline, Math};

/// An HTML block's text as the blocks CommonMark reads from it.
pub(super) fn html_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    while let Some(first) = lines.iter().position(|line| !line.trim().is_empty()) {
        lines.drain(..first);
        lines[0] = lines[0].trim_start();
        let Some(kind) = html_block_kind(lines[0]) else {
            let end = lines
                .iter()
                .position(|line| line.trim().is_empty())
                .unwrap_or(lines.len());
            out.push(literal_lines(&lines[..end]));
            lines.drain(..end);
            continue;
        };
        let ends_at = lines.iter().position(|line| kind.ends_at(line));
        let end = match ends_at {
            Some(at) if kind.ends_at_blank_line() => at,
            Some(at) => at + 1,
            None if kind.ends_at_blank_line() => lines.len(),
            // Without its end marker it would take in every block after it.
            None => {
                out.push(literal_lines(&lines));
                break;
            }
        };
        let block = lines[..end].join("\n");
        out.push(Block::Html(block.trim_end().to_owned()));
        lines.drain(..end);
    }
    out
}

/// Lines as a paragraph of literal text joined by hard breaks.
fn literal_lines(lines: &[&str]) -> Block {
    Block::Paragraph(html_as_text(&lines.join("\n")))
}

/// Raw HTML as literal text, for a format that takes no raw HTML: its lines joined by hard
/// breaks, so that nothing is lost and no markup gets in.
pub fn html_as_text(html: &str) -> Vec<Inline> {
    let mut content = Vec::new();
    for (index, line) in html.split('\n').enumerate() {
        if index > 0 {
            content.push(Inline::HardBreak);
        }
        content.push(Inline::Text(line.to_owned()));
    }
    content
}

/// Inline HTML on one line, or its literal text when it is no raw HTML.
pub(super) fn inline_html(html: &str) -> Inline {
    let html = one_line(html);
    if is_raw_html(&html) {
        Inline::Html(html)
    } else {
        literal(&html)
    }
}

/// Maths on one line, its literal text when Markdown would not read it back as maths, and
/// nothing when it is empty.
pub(super) fn math(math: &Math) -> Option<Inline> {
    let tex = one_line(&math.tex);
    if tex.is_empty() {
        return None;
    }
    let math = Math {
        display: math.display,
        tex,
    };
    Some(if reads_back(&math) {
        Inline::Math(math)
    } else {
        literal(&math.as_text())
    })
}

/// Literal text, NUL being U+FFFD as CommonMark reads it.
pub(super) fn literal(text: &str) -> Inline {
    Inline::Text(text.replace('\0', "\u{fffd}"))
}

fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// Whether `$tex$` (or `$$tex$$`) reads back as this maths (`pulldown-cmark`'s rules: an
/// opening `$` is not followed by whitespace, a closing one not preceded by it, maths holds no
/// `$` of its own and its braces match, a backslash escapes the character after it).
fn reads_back(math: &Math) -> bool {
    let bytes = math.tex.as_bytes();
    if !math.display
        && (bytes.first().is_some_and(u8::is_ascii_whitespace)
            || bytes.last().is_some_and(u8::is_ascii_whitespace))
    {
        return false;
    }
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if at + 1 == bytes.len() => return false,
            b'\\' if bytes[at + 1].is_ascii_punctuation() => at += 1,
            b'$' => return false,
            b'{' => depth += 1,
            b'}' if depth == 0 => return false,
            b'}' => depth -= 1,
            _ => {}
        }
        at += 1;
    }
    depth == 0
}

/// A paragraph's (normalized) content as CommonMark reads it back: raw HTML that would open an
/// HTML block at the start of one of its lines is text, and a paragraph that is one HTML
/// construct opening an HTML block is that block.
pub(super) fn paragraph(content: Vec<Inline>) -> Block {
    if let [Inline::Html(html)] = content.as_slice()
        && html_block_kind(html).is_some()
    {
        return Block::Html(html.clone());
    }
    let mut line_start = true;
    let content = clear_of_block_openings(content, &mut line_start);
    Block::Paragraph(super::normalize::inlines(&content))
}

/// `content` with raw HTML that would stand first on a line and open an HTML block there (a
/// kind that can interrupt a paragraph) as text. `line_start` says whether nothing has been
/// written on the current line yet; markup (a run's delimiter, a link's bracket) counts.
fn clear_of_block_openings(content: Vec<Inline>, line_start: &mut bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(content.len());
    for inline in content {
        let cleared = match inline {
            Inline::HardBreak => {
                out.push(Inline::HardBreak);
                *line_start = true;
                continue;
            }
            Inline::Html(html)
                if *line_start
                    && html_block_kind(&html).is_some_and(|kind| kind != HtmlBlockKind::Tag) =>
            {
                literal(&html)
            }
            // A run's or a link's content starts after its opening markup.
            other => other.map_content(|inner| {
                *line_start = false;
                clear_of_block_openings(inner, line_start)
            }),
        };
        *line_start = false;
        out.push(cleared);
    }
    out
}

/// A table cell's content: raw HTML and maths holding a `|`, which would end the cell, are
/// text.
pub(super) fn cell(content: Vec<Inline>) -> Vec<Inline> {
    content
        .into_iter()
        .map(|inline| match inline {
            Inline::Html(html) if html.contains('|') => literal(&html),
            Inline::Math(math) if math.tex.contains('|') => literal(&math.as_text()),
            other => other.map_content(cell),
        })
        .collect()
}
