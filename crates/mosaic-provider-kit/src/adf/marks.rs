//! ADF's inline content is flat — text nodes each carrying their marks — while the model's is
//! a tree of runs. This module turns one into the other.
//!
//! Flat → tree opens and closes runs like a stack: a mark that carries on to the next node
//! stays open, one that ends closes together with everything opened inside it. Links open
//! outermost, then strong, emphasis and strikethrough, and code is innermost (ADF allows the
//! code mark only together with a link). A hard break keeps every run open, a mention every
//! run but a link.

use crate::markdown::{Directory, Inline, Mention};

/// A piece of ADF inline content.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Piece {
    /// `text` with its marks.
    Text { text: String, marks: Marks },
    /// `hardBreak`.
    HardBreak,
    /// `mention` of an Atlassian account; `name` without its `@`, empty when none.
    Mention { id: String, name: String },
}

/// The marks of a `text` node that the model keeps. Other marks (underline, colours,
/// sub- and superscript) have no Markdown form; their text stays.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Marks {
    pub strong: bool,
    pub em: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<Link>,
}

/// The `link` mark's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Link {
    pub href: String,
    pub title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Open {
    Link(Link),
    Strong,
    Em,
    Strike,
}

/// The runs a text node stands in, outermost first.
fn wanted(marks: &Marks) -> Vec<Open> {
    let mut wanted: Vec<Open> = marks.link.clone().map(Open::Link).into_iter().collect();
    if !marks.code {
        for (on, open) in [
            (marks.strong, Open::Strong),
            (marks.em, Open::Em),
            (marks.strike, Open::Strike),
        ] {
            if on {
                wanted.push(open);
            }
        }
    }
    wanted
}

/// ADF inline pieces as the model's inline tree.
pub(super) fn to_tree(pieces: Vec<Piece>) -> Vec<Inline> {
    let mut root = Vec::new();
    let mut open: Vec<(Open, Vec<Inline>)> = Vec::new();
    for piece in pieces {
        let keep = match &piece {
            Piece::Text { marks, .. } => {
                let wanted = wanted(marks);
                let keep = open
                    .iter()
                    .take_while(|(mark, _)| wanted.contains(mark))
                    .count();
                close_to(&mut open, &mut root, keep);
                for mark in wanted {
                    if !open.iter().any(|(opened, _)| *opened == mark) {
                        open.push((mark, Vec::new()));
                    }
                }
                open.len()
            }
            Piece::HardBreak => open.len(),
            Piece::Mention { .. } => open
                .iter()
                .take_while(|(mark, _)| !matches!(mark, Open::Link(_)))
                .count(),
        };
        close_to(&mut open, &mut root, keep);
        let inline = match piece {
            Piece::Text { text, marks } if marks.code => Inline::Code(text),
            Piece::Text { text, .. } => Inline::Text(text),
            Piece::HardBreak => Inline::HardBreak,
            Piece::Mention { id, name } => Inline::Mention(Mention {
                directory: Directory::Atlassian,
                id,
                name,
            }),
        };
        match open.last_mut() {
            Some((_, content)) => content.push(inline),
            None => root.push(inline),
        }
    }
    close_to(&mut open, &mut root, 0);
    root
}

/// Closes open runs until `keep` are left.
fn close_to(open: &mut Vec<(Open, Vec<Inline>)>, root: &mut Vec<Inline>, keep: usize) {
    while open.len() > keep {
        let Some((mark, content)) = open.pop() else {
            return;
        };
        let inline = match mark {
            Open::Link(link) => Inline::Link {
                href: link.href,
                title: link.title,
                content,
            },
            Open::Strong => Inline::Strong(content),
            Open::Em => Inline::Emphasis(content),
            Open::Strike => Inline::Strikethrough(content),
        };
        match open.last_mut() {
            Some((_, parent)) => parent.push(inline),
            None => root.push(inline),
        }
    }
}

/// The model's inline tree as ADF pieces. What ADF cannot hold keeps its text: an image is its
/// alt text (or address) linked to the image, a mention of another directory than
/// Atlassian's is the text `@name`, raw HTML and maths are their Markdown as text, and code
/// keeps only a link beside it.
pub(super) fn to_pieces(content: &[Inline]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    flatten(content, &Marks::default(), &mut pieces);
    pieces
}

fn flatten(content: &[Inline], marks: &Marks, out: &mut Vec<Piece>) {
    let text = |text: &str, marks: Marks| Piece::Text {
        text: text.to_owned(),
        marks,
    };
    for inline in content {
        match inline {
            Inline::Text(value) => out.push(text(value, marks.clone())),
            Inline::Code(code) => out.push(text(
                code,
                Marks {
                    code: true,
                    link: marks.link.clone(),
                    ..Marks::default()
                },
            )),
            Inline::Emphasis(inner) => flatten(
                inner,
                &Marks {
                    em: true,
                    ..marks.clone()
                },
                out,
            ),
            Inline::Strong(inner) => flatten(
                inner,
                &Marks {
                    strong: true,
                    ..marks.clone()
                },
                out,
            ),
            Inline::Strikethrough(inner) => flatten(
                inner,
                &Marks {
                    strike: true,
                    ..marks.clone()
                },
                out,
            ),
            Inline::Link {
                href,
                title,
                content,
            } => {
                let link = Link {
                    href: href.clone(),
                    title: title.clone(),
                };
                flatten(
                    content,
                    &Marks {
                        link: Some(link),
                        ..marks.clone()
                    },
                    out,
                );
            }
            Inline::Image { src, alt, title } => {
                let shown = if alt.is_empty() { src } else { alt };
                let link = marks.link.clone().unwrap_or_else(|| Link {
                    href: src.clone(),
                    title: title.clone(),
                });
                out.push(text(
                    shown,
                    Marks {
                        link: Some(link),
                        ..marks.clone()
                    },
                ));
            }
            Inline::HardBreak => out.push(Piece::HardBreak),
            Inline::Mention(mention) if mention.directory == Directory::Atlassian => {
                out.push(Piece::Mention {
                    id: mention.id.clone(),
                    name: mention.name.clone(),
                })
            }
            Inline::Mention(mention) => out.push(text(&mention.as_text(), marks.clone())),
            // ADF has no raw HTML or maths: they are the text Markdown writes them as.
            Inline::Html(html) => out.push(text(html, marks.clone())),
            Inline::Math(math) => out.push(text(&math.as_text(), marks.clone())),
        }
    }
}
