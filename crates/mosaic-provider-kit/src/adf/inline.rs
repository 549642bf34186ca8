//! ADF inline content (text with marks, hard breaks, mentions) as Markdown.
//!
//! Marks become `**strong**`, `_em_`, `~~strike~~`, `` `code` `` and `[text](href "title")`.
//! Markdown needs delimiters to nest while ADF marks are per text node, so marks are opened
//! and closed like a stack: a mark that carries on to the next node stays open, one that ends
//! closes together with everything opened inside it. Links open outermost and code innermost
//! (ADF allows code only together with a link).
//!
//! A Markdown delimiter next to whitespace does not open or close emphasis, so whitespace at the
//! edge of a bold, italic or struck run is written outside the delimiters (`**bold** ` rather
//! than `**bold **`) — it looks the same, and reads back as plain whitespace.

use super::escape::{Position, escape_text};
use super::flanking::{Segment, make_delimiters_flank};
use super::model::{Inline, Link, Marks, merge_texts};
use crate::markdown::{code_span, link_destination, link_title};

/// The scheme that makes a Markdown link a mention: `@[Name](accountid:ID)`.
pub(crate) const MENTION_SCHEME: &str = "accountid:";

#[derive(Clone, Debug, PartialEq)]
enum Open {
    Link(Link),
    Strong,
    Em,
    Strike,
}

impl Open {
    /// The emphasis delimiter, for all but links.
    fn delimiter(&self) -> Option<&'static str> {
        match self {
            Self::Link(_) => None,
            Self::Strong => Some("**"),
            Self::Em => Some("_"),
            Self::Strike => Some("~~"),
        }
    }

    fn closing(&self) -> String {
        match self {
            Self::Link(link) => {
                let title = link
                    .title
                    .as_deref()
                    .map(|title| format!(" {}", link_title(title)))
                    .unwrap_or_default();
                format!("]({}{title})", link_destination(&link.href))
            }
            Self::Strong | Self::Em | Self::Strike => {
                self.delimiter().unwrap_or_default().to_owned()
            }
        }
    }
}

/// The delimiters a node needs, outermost first.
fn wanted(inline: &Inline) -> Vec<Open> {
    let Inline::Text { marks, .. } = inline else {
        return Vec::new();
    };
    let mut wanted = Vec::new();
    if let Some(link) = &marks.link {
        wanted.push(Open::Link(link.clone()));
    }
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

/// A paragraph's or heading's inline content as one Markdown line (or several, joined by hard
/// breaks). A hard break at the very end has no Markdown form and is left out; in a heading,
/// where Markdown has no line breaks, a hard break is a space.
pub(super) fn render_inlines(content: &[Inline], in_heading: bool) -> String {
    let mut content: Vec<Inline> = content
        .iter()
        .map(|inline| match inline {
            Inline::HardBreak if in_heading => Inline::Text {
                text: " ".into(),
                marks: Marks::default(),
            },
            other => other.clone(),
        })
        .collect();
    while content.last() == Some(&Inline::HardBreak) {
        content.pop();
    }
    if !in_heading {
        keep_clear_of_link_definitions(&mut content);
    }
    let content = move_edge_whitespace_out(merge_texts(content));

    let mut out: Vec<Segment> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut line_start = true;
    for (index, inline) in content.iter().enumerate() {
        let wanted = wanted(inline);
        let keep = open.iter().take_while(|mark| wanted.contains(mark)).count();
        while open.len() > keep {
            if let Some(mark) = open.pop() {
                out.push(closing(&mark));
            }
        }
        for mark in wanted {
            if !open.contains(&mark) {
                out.push(opening(&mark));
                open.push(mark);
            }
        }
        let next = content.get(index + 1);
        match inline {
            Inline::Text { text, marks } if marks.code => {
                out.push(Segment::Markup(code_span(text)))
            }
            Inline::Text { text, marks } => {
                let position = Position {
                    line_start,
                    line_end: matches!(next, None | Some(Inline::HardBreak)),
                    in_heading,
                    before_link: next.is_some_and(|next| opens_link(marks, next)),
                    before_account_link: next.is_some_and(|next| opens_account_link(marks, next)),
                };
                out.push(Segment::Text(escape_text(text, position)));
            }
            Inline::HardBreak => out.push(Segment::Markup("\\\n".into())),
            Inline::Mention { id, text } => {
                let name = text
                    .as_deref()
                    .map(|text| text.strip_prefix('@').unwrap_or(text))
                    .unwrap_or_default();
                let name = escape_text(name, Position::default());
                let target = link_destination(&format!("{MENTION_SCHEME}{id}"));
                out.push(Segment::Markup(format!("@[{name}]({target})")));
            }
        }
        line_start = matches!(inline, Inline::HardBreak);
    }
    while let Some(mark) = open.pop() {
        out.push(closing(&mark));
    }
    make_delimiters_flank(&mut out);
    out.iter().map(Segment::as_str).collect()
}

/// The segment that opens a mark.
fn opening(mark: &Open) -> Segment {
    match mark.delimiter() {
        Some(run) => Segment::Delimiter { run, opening: true },
        None => Segment::Markup("[".into()),
    }
}

/// The segment that closes a mark.
fn closing(mark: &Open) -> Segment {
    match mark.delimiter() {
        Some(run) => Segment::Delimiter {
            run,
            opening: false,
        },
        None => Segment::Markup(mark.closing()),
    }
}

/// Whether `next` opens a link (the `[` that, after a `!`, would start an image).
fn opens_link(marks: &Marks, next: &Inline) -> bool {
    match next {
        Inline::Text {
            marks: Marks {
                link: Some(link), ..
            },
            ..
        } => marks.link.as_ref() != Some(link),
        _ => false,
    }
}

/// A paragraph that starts `[label]:` is a link reference definition, not text. A link
/// opening a paragraph cannot meet that while its text is escaped, but code inside it cannot be
/// escaped: code holding `]:` there is written as plain text (its characters kept, its code
/// mark not).
fn keep_clear_of_link_definitions(content: &mut [Inline]) {
    let Some(Inline::Text {
        marks: Marks {
            link: Some(first_link),
            ..
        },
        ..
    }) = content.first()
    else {
        return;
    };
    let first_link = first_link.clone();
    for inline in content.iter_mut() {
        let Inline::Text { text, marks } = inline else {
            break;
        };
        if marks.link.as_ref() != Some(&first_link) {
            break;
        }
        if marks.code && text.contains("]:") {
            marks.code = false;
        }
    }
}

/// Whether `next` opens a link whose target looks like a mention's.
fn opens_account_link(marks: &Marks, next: &Inline) -> bool {
    match next {
        Inline::Text {
            marks: Marks {
                link: Some(link), ..
            },
            ..
        } => link.href.starts_with(MENTION_SCHEME) && marks.link.as_ref() != Some(link),
        _ => false,
    }
}

/// Splits whitespace at the start or end of a node off into its own node, without the bold,
/// italic and strike marks that begin or end there.
fn move_edge_whitespace_out(content: Vec<Inline>) -> Vec<Inline> {
    let marks_at = |index: Option<usize>| match index.and_then(|index| content.get(index)) {
        Some(Inline::Text { marks, .. }) if !marks.code => marks.clone(),
        _ => Marks::default(),
    };
    let mut out = Vec::with_capacity(content.len());
    for (index, inline) in content.iter().enumerate() {
        let Inline::Text { text, marks } = inline else {
            out.push(inline.clone());
            continue;
        };
        if marks.code || !(marks.strong || marks.em || marks.strike) {
            out.push(inline.clone());
            continue;
        }
        let before = marks_at(index.checked_sub(1));
        let after = marks_at(Some(index + 1));
        let core = text.trim_matches(char::is_whitespace);
        if core.is_empty() {
            let shared = carried(&carried(marks, &before), &after);
            out.push(Inline::Text {
                text: text.clone(),
                marks: shared,
            });
            continue;
        }
        let start = text.len() - text.trim_start_matches(char::is_whitespace).len();
        let end = text.trim_end_matches(char::is_whitespace).len();
        for (piece, piece_marks) in [
            (&text[..start], carried(marks, &before)),
            (&text[start..end], marks.clone()),
            (&text[end..], carried(marks, &after)),
        ] {
            if !piece.is_empty() {
                out.push(Inline::Text {
                    text: piece.to_owned(),
                    marks: piece_marks,
                });
            }
        }
    }
    merge_texts(out)
}

/// `marks` keeping bold, italic and strike only where `neighbour` carries them too.
fn carried(marks: &Marks, neighbour: &Marks) -> Marks {
    Marks {
        strong: marks.strong && neighbour.strong,
        em: marks.em && neighbour.em,
        strike: marks.strike && neighbour.strike,
        code: marks.code,
        link: marks.link.clone(),
    }
}
