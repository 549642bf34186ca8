//! Inline content as Markdown that reads back as the same (normalized) content.
//!
//! The tree is first laid out as a flat line of tokens, so that each piece of text knows what
//! stands beside it (a line start, a line end, a link it must not turn into an image or a
//! mention); then each token becomes a [`Segment`], and [`make_delimiters_flank`] makes every
//! emphasis delimiter one CommonMark reads as a delimiter.
//!
//! Strong is `**`, strikethrough `~~`, emphasis `*` or `_` ([`Emphasis`]); an emphasis run
//! right beside a `**` is `_`, as `***` would read as one run.

use super::escape::{Position, escape_text};
use super::flanking::{Segment, make_delimiters_flank};
use super::literal::{code_span, link_target, starts_reference};
use super::model::{Directory, Inline, Mention};

/// The delimiter emphasis is written with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Emphasis {
    /// `*emphasis*` (and `_` only beside a `**`).
    #[default]
    Asterisk,
    /// `_emphasis_`.
    Underscore,
}

/// Where inline content is written.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place {
    /// A heading's text, where a `#` may close the heading.
    pub heading: bool,
    /// A table cell, where a `|` in a code span ends the cell unless escaped.
    pub cell: bool,
    /// The delimiter of emphasis.
    pub emphasis: Emphasis,
}

enum Token<'d> {
    Delimiter {
        run: &'static str,
        opening: bool,
    },
    LinkOpen {
        href: &'d str,
    },
    LinkClose {
        href: &'d str,
        title: Option<&'d str>,
    },
    Text(&'d str),
    Code(&'d str),
    Image {
        src: &'d str,
        alt: &'d str,
        title: Option<&'d str>,
    },
    Mention(&'d Mention),
    Break,
    /// Raw HTML or maths, written as it is.
    Verbatim(String),
}

/// A block's (normalized) inline content as Markdown.
pub(super) fn render_inlines(content: &[Inline], place: Place) -> String {
    let mut tokens = Vec::with_capacity(content.len() * 2);
    lay_out(content, false, place, &mut tokens);
    let mut segments = Vec::with_capacity(tokens.len());
    for (index, token) in tokens.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|at| tokens.get(at));
        let next = tokens.get(index + 1);
        segments.push(match token {
            Token::Delimiter { run, opening } => Segment::Delimiter {
                run,
                opening: *opening,
            },
            Token::LinkOpen { .. } => Segment::Markup("[".into()),
            Token::LinkClose { href, title } => {
                Segment::Markup(format!("]({})", link_target(href, *title)))
            }
            Token::Text(text) => {
                let position = Position {
                    line_start: matches!(previous, None | Some(Token::Break)),
                    line_end: matches!(next, None | Some(Token::Break)),
                    in_heading: place.heading,
                    before_link: matches!(next, Some(Token::LinkOpen { .. })),
                    before_mention_link: matches!(
                        next,
                        Some(Token::LinkOpen { href }) if Directory::of_destination(href).is_some()
                    ),
                };
                Segment::Text(escape_text(text, position))
            }
            Token::Code(code) if place.cell => {
                Segment::Markup(code_span(&code.replace('|', "\\|")))
            }
            Token::Code(code) => Segment::Markup(code_span(code)),
            Token::Image { src, alt, title } => Segment::Markup(format!(
                "![{}]({})",
                escape_plain(alt),
                link_target(src, *title)
            )),
            Token::Mention(mention) => {
                let name = escape_text(&mention.name, Position::default());
                let target = link_target(
                    &format!("{}{}", mention.directory.scheme(), mention.id),
                    None,
                );
                Segment::Markup(format!("@[{name}]({target})"))
            }
            Token::Break => Segment::Markup("\\\n".into()),
            Token::Verbatim(markup) => Segment::Markup(markup.clone()),
        });
    }
    make_delimiters_flank(&mut segments);
    segments.iter().map(Segment::as_str).collect()
}

/// The tokens of `content`; `in_strong` tells whether its parent is a strong run.
fn lay_out<'d>(content: &'d [Inline], in_strong: bool, place: Place, out: &mut Vec<Token<'d>>) {
    for (index, inline) in content.iter().enumerate() {
        match inline {
            Inline::Text(text) => out.push(Token::Text(text)),
            Inline::Code(code) => out.push(Token::Code(code)),
            Inline::HardBreak => out.push(Token::Break),
            Inline::Mention(mention) => out.push(Token::Mention(mention)),
            Inline::Html(html) => out.push(Token::Verbatim(html.clone())),
            Inline::Math(math) => out.push(Token::Verbatim(math.as_text())),
            Inline::Image { src, alt, title } => out.push(Token::Image {
                src,
                alt,
                title: title.as_deref(),
            }),
            Inline::Link {
                href,
                title,
                content,
            } => {
                out.push(Token::LinkOpen { href });
                lay_out(content, false, place, out);
                out.push(Token::LinkClose {
                    href,
                    title: title.as_deref(),
                });
            }
            Inline::Strong(inner) => run(out, "**", inner, true, place),
            Inline::Strikethrough(inner) => run(out, "~~", inner, false, place),
            Inline::Emphasis(inner) => {
                let is_strong = |at: Option<&Inline>| matches!(at, Some(Inline::Strong(_)));
                let beside_strong = is_strong(index.checked_sub(1).and_then(|at| content.get(at)))
                    || is_strong(content.get(index + 1))
                    || is_strong(inner.first())
                    || is_strong(inner.last())
                    || (in_strong && (index == 0 || index + 1 == content.len()));
                let delimiter = if place.emphasis == Emphasis::Underscore || beside_strong {
                    "_"
                } else {
                    "*"
                };
                run(out, delimiter, inner, false, place);
            }
        }
    }
}

fn run<'d>(
    out: &mut Vec<Token<'d>>,
    delimiter: &'static str,
    inner: &'d [Inline],
    strong: bool,
    place: Place,
) {
    out.push(Token::Delimiter {
        run: delimiter,
        opening: true,
    });
    lay_out(inner, strong, place, out);
    out.push(Token::Delimiter {
        run: delimiter,
        opening: false,
    });
}

/// Text where only the inline escapes matter (an image's alt text).
fn escape_plain(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}
