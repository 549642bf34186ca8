//! Whitespace as XHTML shows it: a run of spaces, tabs and line breaks in text is one space,
//! and none stands at the edges of a block or beside a line break (`<br />`). Storage format is
//! XHTML, so a body read from Confluence means what its text shows, and that is the document
//! it is read as. Code spans keep their text as written, and a no-break space is text.

use mosaic_provider_kit::markdown::{Document, Inline};

/// The document as XHTML shows its whitespace (normalized).
pub fn collapse(document: Document) -> Document {
    let mut document = document.map_inline_content(&mut line).normalized();
    // Normalizing can bring a space beside a line break it was apart from (a break at the
    // edge of a link or run moves out of it); each round only takes whitespace or breaks
    // away, so this ends.
    loop {
        let collapsed = document.clone().map_inline_content(&mut line).normalized();
        if collapsed == document {
            return document;
        }
        document = collapsed;
    }
}

/// A block's inline content with its whitespace collapsed and trimmed.
fn line(content: Vec<Inline>) -> Vec<Inline> {
    let mut after_space = true;
    let mut out = squeeze(content, &mut after_space);
    trim_end(&mut out);
    out
}

/// Whitespace runs as one space, none after a space already written (`after_space`), a block's
/// start or a line break; spaces before a line break dropped.
fn squeeze(content: Vec<Inline>, after_space: &mut bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(content.len());
    for inline in content {
        match inline {
            Inline::Text(text) => {
                let mut squeezed = String::with_capacity(text.len());
                for c in text.chars() {
                    if c.is_ascii_whitespace() {
                        if !*after_space {
                            squeezed.push(' ');
                        }
                        *after_space = true;
                    } else {
                        squeezed.push(c);
                        *after_space = false;
                    }
                }
                out.push(Inline::Text(squeezed));
            }
            Inline::HardBreak => {
                trim_end(&mut out);
                out.push(Inline::HardBreak);
                *after_space = true;
            }
            run @ (Inline::Emphasis(_)
            | Inline::Strong(_)
            | Inline::Strikethrough(_)
            | Inline::Link { .. }) => {
                out.push(run.map_content(|inner| squeeze(inner, after_space)))
            }
            other => {
                out.push(other);
                *after_space = false;
            }
        }
    }
    out
}

/// Drops the spaces that end `content`, inside its last run or link too (a run left empty
/// goes with them).
fn trim_end(content: &mut Vec<Inline>) {
    while let Some(last) = content.last_mut() {
        match last {
            Inline::Text(text) => {
                let kept = text.trim_end_matches(' ').len();
                text.truncate(kept);
                if !text.is_empty() {
                    return;
                }
                content.pop();
            }
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                trim_end(inner);
                if !inner.is_empty() {
                    return;
                }
                // A run of nothing but spaces shows nothing: what stood before it ends the line.
                content.pop();
            }
            Inline::Link { content: inner, .. } => {
                trim_end(inner);
                return;
            }
            _ => return,
        }
    }
}
