//! The one tree among those that mean the same document ([`Document::normalized`]).
//!
//! Each rule picks the spelling Markdown can write back, so that model → Markdown → model is
//! the identity on normalized trees:
//! - neighbouring texts are one text, neighbouring code spans one span (two would need a
//!   separator between their backticks), neighbouring runs of one kind one run; empty texts,
//!   code spans, runs, paragraphs and lists are dropped;
//! - a run inside a run of its own kind is only its content, a link inside a link only its
//!   text, a mention inside a link its text `@name` (Markdown nests neither);
//! - whitespace and hard breaks at the edges of an emphasis, strong or struck run stand
//!   outside it (CommonMark does not see a delimiter next to a space), and hard breaks at the
//!   edges of a link's text outside the link;
//! - a hard break at the start or end of a paragraph is dropped, one in a heading or table
//!   cell is a space (neither has a Markdown form); line breaks in code spans and image text
//!   are spaces; code holding `]:` in a link that opens a paragraph is text (it would make the
//!   paragraph a link reference definition);
//! - a code block's language is the first word given; a heading's level is 1 to 6; an
//!   ordered list starts at 999,000,000 at most (list numbers have nine digits); table rows
//!   have the header's width;
//! - NUL in text is U+FFFD, as CommonMark reads it;
//! - raw HTML and maths are what Markdown reads back as such, and otherwise literal text
//!   (`raw.rs`); neighbouring inline HTML is one piece.

use super::model::{Block, Document, Inline, List, ListItem, Mention, Table};
use super::raw;

/// The largest first number of an ordered list, leaving its items room below nine digits.
pub(crate) const LARGEST_LIST_START: u64 = 999_000_000;

impl Document {
    /// This document in its normal form (see the module docs).
    pub fn normalized(&self) -> Document {
        Document {
            blocks: blocks(&self.blocks),
        }
    }
}

/// Normalized blocks.
pub(crate) fn blocks(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for each in blocks {
        match each {
            Block::Html(html) => out.extend(raw::html_blocks(html).iter().filter_map(block)),
            other => out.extend(block(other)),
        }
    }
    out
}

fn block(block: &Block) -> Option<Block> {
    Some(match block {
        Block::Paragraph(content) => {
            let mut content = trim_breaks(inlines(content));
            clear_of_link_definitions(&mut content);
            if content.is_empty() {
                return None;
            }
            raw::paragraph(content)
        }
        Block::Heading { level, content } => Block::Heading {
            level: (*level).clamp(1, 6),
            content: single_line(content),
        },
        Block::List(list) => {
            if list.items.is_empty() {
                return None;
            }
            Block::List(List {
                start: list.start.map(|start| start.min(LARGEST_LIST_START)),
                items: list
                    .items
                    .iter()
                    .map(|item| ListItem {
                        task: item.task,
                        blocks: blocks(&item.blocks),
                    })
                    .collect(),
            })
        }
        Block::Code { language, text } => Block::Code {
            language: language
                .as_deref()
                .and_then(|language| language.split_whitespace().next())
                .map(str::to_owned),
            // CommonMark's line endings are `\n`, `\r\n` and `\r`; the model's are `\n`.
            text: text.replace("\r\n", "\n").replace('\r', "\n"),
        },
        Block::Quote(inner) => Block::Quote(blocks(inner)),
        Block::Table(table) => {
            let width = table.header.len();
            if width == 0 {
                return None;
            }
            let row = |cells: &[Vec<Inline>]| {
                let mut row: Vec<Vec<Inline>> = cells
                    .iter()
                    .map(|cell| inlines(&raw::cell(replace_breaks(cell))))
                    .collect();
                row.resize(width, Vec::new());
                row
            };
            let mut alignments = table.alignments.clone();
            alignments.resize(width, Default::default());
            Block::Table(Table {
                alignments,
                header: row(&table.header),
                rows: table.rows.iter().map(|cells| row(cells)).collect(),
            })
        }
        Block::Rule => Block::Rule,
        Block::Html(html) => Block::Html(html.clone()),
    })
}

/// A paragraph opening with `[` and holding `]:` soon after reads as a link reference
/// definition. Text escapes its brackets, but code spans and raw HTML cannot: code or HTML
/// holding `]:` inside a link that opens a paragraph is text.
fn clear_of_link_definitions(content: &mut [Inline]) {
    fn code_to_text(content: &mut [Inline]) {
        for inline in content {
            match inline {
                Inline::Code(code) | Inline::Html(code) if code.contains("]:") => {
                    *inline = Inline::Text(code.clone())
                }
                Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                    code_to_text(inner)
                }
                _ => {}
            }
        }
    }
    if let Some(Inline::Link { content, .. }) = content.first_mut() {
        code_to_text(content);
        let merged = inlines(content);
        *content = merged;
    }
}

/// Inline content where a line break cannot be written: breaks are spaces.
fn single_line(content: &[Inline]) -> Vec<Inline> {
    inlines(&replace_breaks(content))
}

fn replace_breaks(content: &[Inline]) -> Vec<Inline> {
    content
        .iter()
        .map(|inline| match inline {
            Inline::HardBreak => Inline::Text(" ".into()),
            other => other.clone().map_content(|inner| replace_breaks(&inner)),
        })
        .collect()
}

/// A paragraph's content without hard breaks at its edges.
fn trim_breaks(mut content: Vec<Inline>) -> Vec<Inline> {
    while content.last() == Some(&Inline::HardBreak) {
        content.pop();
    }
    let leading = content
        .iter()
        .take_while(|inline| **inline == Inline::HardBreak)
        .count();
    content.drain(..leading);
    content
}

/// Normalized inline content.
pub(crate) fn inlines(content: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(content.len());
    normalize_into(content, Enclosing::default(), &mut out);
    out
}

/// The runs and links around a position.
#[derive(Clone, Copy, Default)]
struct Enclosing {
    emphasis: bool,
    strong: bool,
    strike: bool,
    link: bool,
}

/// The kinds of run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Emphasis,
    Strong,
    Strike,
}

impl Run {
    fn of(inline: &Inline) -> Option<(Run, &[Inline])> {
        match inline {
            Inline::Emphasis(inner) => Some((Run::Emphasis, inner)),
            Inline::Strong(inner) => Some((Run::Strong, inner)),
            Inline::Strikethrough(inner) => Some((Run::Strike, inner)),
            _ => None,
        }
    }

    fn wrap(self, inner: Vec<Inline>) -> Inline {
        match self {
            Run::Emphasis => Inline::Emphasis(inner),
            Run::Strong => Inline::Strong(inner),
            Run::Strike => Inline::Strikethrough(inner),
        }
    }

    fn inside(self, enclosing: Enclosing) -> bool {
        match self {
            Run::Emphasis => enclosing.emphasis,
            Run::Strong => enclosing.strong,
            Run::Strike => enclosing.strike,
        }
    }

    fn enter(self, mut enclosing: Enclosing) -> Enclosing {
        match self {
            Run::Emphasis => enclosing.emphasis = true,
            Run::Strong => enclosing.strong = true,
            Run::Strike => enclosing.strike = true,
        }
        enclosing
    }
}

fn normalize_into(content: &[Inline], enclosing: Enclosing, out: &mut Vec<Inline>) {
    for inline in content {
        if let Some((run, inner)) = Run::of(inline) {
            if run.inside(enclosing) {
                normalize_into(inner, enclosing, out);
                continue;
            }
            let mut children = Vec::with_capacity(inner.len());
            normalize_into(inner, run.enter(enclosing), &mut children);
            let (before, children, after) = split_edges(children);
            for piece in before {
                push(out, piece);
            }
            if !children.is_empty() {
                push(out, run.wrap(children));
            }
            for piece in after {
                push(out, piece);
            }
            continue;
        }
        match inline {
            // CommonMark reads NUL as U+FFFD wherever it can (`&#0;` always).
            Inline::Text(text) => push(out, raw::literal(text)),
            Inline::Code(code) => push(out, Inline::Code(code.replace(['\n', '\r'], " "))),
            Inline::Link { content, .. } if enclosing.link => {
                normalize_into(content, enclosing, out)
            }
            Inline::Link {
                href,
                title,
                content,
            } => {
                let mut children = Vec::with_capacity(content.len());
                let inside = Enclosing {
                    link: true,
                    ..enclosing
                };
                normalize_into(content, inside, &mut children);
                let leading = children
                    .iter()
                    .take_while(|inline| **inline == Inline::HardBreak)
                    .count();
                children.drain(..leading);
                let mut trailing = 0;
                while children.last() == Some(&Inline::HardBreak) {
                    children.pop();
                    trailing += 1;
                }
                out.extend(std::iter::repeat_n(Inline::HardBreak, leading));
                out.push(Inline::Link {
                    href: href.clone(),
                    title: title.clone().filter(|title| !title.is_empty()),
                    content: children,
                });
                out.extend(std::iter::repeat_n(Inline::HardBreak, trailing));
            }
            Inline::Image { src, alt, title } => out.push(Inline::Image {
                src: src.clone(),
                alt: alt.replace(['\n', '\r'], " "),
                title: title.clone().filter(|title| !title.is_empty()),
            }),
            Inline::Mention(mention) if enclosing.link => {
                push(out, Inline::Text(mention.as_text()))
            }
            Inline::Mention(Mention {
                directory,
                id,
                name,
            }) => out.push(Inline::Mention(Mention {
                directory: *directory,
                id: id.clone(),
                name: name.clone(),
            })),
            Inline::HardBreak => out.push(Inline::HardBreak),
            Inline::Html(html) => push(out, raw::inline_html(html)),
            Inline::Math(math) => {
                if let Some(inline) = raw::math(math) {
                    push(out, inline);
                }
            }
            Inline::Emphasis(_) | Inline::Strong(_) | Inline::Strikethrough(_) => {}
        }
    }
}

/// Pushes an inline, joining it to the last one when both are texts or runs of one kind.
fn push(out: &mut Vec<Inline>, inline: Inline) {
    match (out.last_mut(), inline) {
        (_, Inline::Text(text)) if text.is_empty() => {}
        (_, Inline::Code(code)) if code.is_empty() => {}
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (Some(Inline::Code(last)), Inline::Code(code)) => last.push_str(&code),
        (Some(Inline::Html(last)), Inline::Html(html)) => last.push_str(&html),
        (Some(last), inline) => match (Run::of(last).map(|(run, _)| run), Run::of(&inline)) {
            (Some(last_run), Some((run, _))) if last_run == run => {
                let (Inline::Emphasis(last) | Inline::Strong(last) | Inline::Strikethrough(last)) =
                    last
                else {
                    return;
                };
                let (Inline::Emphasis(inner)
                | Inline::Strong(inner)
                | Inline::Strikethrough(inner)) = inline
                else {
                    return;
                };
                for child in inner {
                    push(last, child);
                }
            }
            _ => out.push(inline),
        },
        (None, inline) => out.push(inline),
    }
}

/// Splits whitespace and hard breaks at the edges of a run's content off it.
fn split_edges(mut inner: Vec<Inline>) -> (Vec<Inline>, Vec<Inline>, Vec<Inline>) {
    let mut before = Vec::new();
    while let Some(first) = inner.first_mut() {
        match first {
            Inline::HardBreak => before.push(inner.remove(0)),
            Inline::Text(text) => {
                let cut = text.len() - text.trim_start().len();
                if cut > 0 {
                    before.push(Inline::Text(text[..cut].to_owned()));
                    text.drain(..cut);
                }
                if text.is_empty() {
                    inner.remove(0);
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
    let mut after = Vec::new();
    while let Some(last) = inner.last_mut() {
        match last {
            Inline::HardBreak => {
                if let Some(inline) = inner.pop() {
                    after.insert(0, inline);
                }
            }
            Inline::Text(text) => {
                let kept = text.trim_end().len();
                if kept < text.len() {
                    after.insert(0, Inline::Text(text[kept..].to_owned()));
                    text.truncate(kept);
                }
                if text.is_empty() {
                    inner.pop();
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
    (before, inner, after)
}
