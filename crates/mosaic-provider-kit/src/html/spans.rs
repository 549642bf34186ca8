//! The inline content of a block as spans, normalised so that each has exactly one Markdown
//! spelling: runs of the same emphasis merged, the same emphasis inside itself flattened,
//! empty runs dropped, and whitespace and line breaks at a run's edges moved outside it
//! (`<em> a</em>` would otherwise need a delimiter CommonMark does not see).

use super::dom::{Element, Node};

/// One piece of inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    /// Text, line breaks as spaces.
    Text(String),
    /// An emphasis-like run.
    Run(Kind, Vec<Span>),
    /// A code span's text.
    Code(String),
    /// A link.
    Link {
        /// Destination.
        href: String,
        /// Title, possibly empty.
        title: String,
        /// Link text.
        children: Vec<Span>,
    },
    /// An image.
    Image {
        /// Source.
        src: String,
        /// Alternative text.
        alt: String,
        /// Title, possibly empty.
        title: String,
    },
    /// A hard line break.
    Break,
}

/// The runs Markdown has delimiters for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `<strong>`, `<b>`.
    Strong,
    /// `<em>`, `<i>`.
    Emphasis,
    /// `<s>`, `<del>`, `<strike>`.
    Strike,
}

/// The spans of `nodes`, normalised.
pub fn spans(nodes: &[Node]) -> Vec<Span> {
    let mut out = Vec::new();
    convert(nodes, false, &mut out);
    normalise(out, &[])
}

fn convert(nodes: &[Node], in_link: bool, out: &mut Vec<Span>) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push(Span::Text(text.replace(['\n', '\r'], " "))),
            Node::Element(element) => convert_element(element, in_link, out),
        }
    }
}

fn convert_element(element: &Element, in_link: bool, out: &mut Vec<Span>) {
    let run = |kind, out: &mut Vec<Span>| {
        let mut children = Vec::new();
        convert(&element.children, in_link, &mut children);
        out.push(Span::Run(kind, children));
    };
    match element.name.as_str() {
        "strong" | "b" => run(Kind::Strong, out),
        "em" | "i" => run(Kind::Emphasis, out),
        "s" | "del" | "strike" => run(Kind::Strike, out),
        "code" | "kbd" | "samp" | "tt" => out.push(Span::Code(text_of(&element.children))),
        "br" => out.push(Span::Break),
        "img" | "image-component" => {
            if let Some(src) = element.attr("src").filter(|src| !src.is_empty()) {
                out.push(Span::Image {
                    src: src.to_owned(),
                    alt: element.attr("alt").unwrap_or_default().to_owned(),
                    title: element.attr("title").unwrap_or_default().to_owned(),
                });
            }
        }
        "a" if !in_link && element.attr("href").is_some() => {
            let mut children = Vec::new();
            convert(&element.children, true, &mut children);
            out.push(Span::Link {
                href: element.attr("href").unwrap_or_default().to_owned(),
                title: element.attr("title").unwrap_or_default().to_owned(),
                children,
            });
        }
        // Any other element keeps its content.
        _ => convert(&element.children, in_link, out),
    }
}

/// Every text inside `nodes`, as written.
pub fn text_of(nodes: &[Node]) -> String {
    let mut text = String::new();
    for node in nodes {
        match node {
            Node::Text(part) => text.push_str(part),
            Node::Element(element) if element.name == "br" => text.push('\n'),
            Node::Element(element) => text.push_str(&text_of(&element.children)),
        }
    }
    text
}

/// Normalises a list of sibling spans inside runs of the `enclosing` kinds (see the module
/// docs): a run of a kind already enclosing it is only its content.
pub fn normalise(spans: Vec<Span>, enclosing: &[Kind]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        match span {
            Span::Run(kind, children) if enclosing.contains(&kind) => {
                for child in normalise(children, enclosing) {
                    push(&mut out, child);
                }
            }
            Span::Run(kind, children) => {
                let mut inner_kinds = enclosing.to_vec();
                inner_kinds.push(kind);
                let children = normalise(children, &inner_kinds);
                let (before, inner, after) = split_edges(children);
                for span in before {
                    push(&mut out, span);
                }
                if !inner.is_empty() {
                    push(&mut out, Span::Run(kind, inner));
                }
                for span in after {
                    push(&mut out, span);
                }
            }
            Span::Link {
                href,
                title,
                children,
            } => out.push(Span::Link {
                href,
                title,
                children: normalise(children, enclosing),
            }),
            Span::Text(text) if text.is_empty() => {}
            Span::Code(code) if code.is_empty() => {}
            other => push(&mut out, other),
        }
    }
    out
}

/// Splits leading and trailing whitespace and line breaks off a run's content.
fn split_edges(mut inner: Vec<Span>) -> (Vec<Span>, Vec<Span>, Vec<Span>) {
    let mut before = Vec::new();
    let mut after = Vec::new();
    loop {
        match inner.first_mut() {
            Some(Span::Break) => before.push(inner.remove(0)),
            Some(Span::Text(text)) => {
                let kept = text.trim_start().len();
                let cut = text.len() - kept;
                if cut > 0 {
                    before.push(Span::Text(text[..cut].to_owned()));
                    *text = text[cut..].to_owned();
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
    loop {
        match inner.last_mut() {
            Some(Span::Break) => {
                if let Some(span) = inner.pop() {
                    after.insert(0, span);
                }
            }
            Some(Span::Text(text)) => {
                let kept = text.trim_end().len();
                if kept < text.len() {
                    after.insert(0, Span::Text(text[kept..].to_owned()));
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

/// Pushes a span, merging it into the last one when both are text or runs of one kind.
fn push(out: &mut Vec<Span>, span: Span) {
    match (out.last_mut(), span) {
        (Some(Span::Text(last)), Span::Text(text)) => last.push_str(&text),
        (Some(Span::Run(last_kind, last)), Span::Run(kind, children)) if *last_kind == kind => {
            // Both are normalised; only where they meet may two spans now join.
            for child in children {
                push(last, child);
            }
        }
        (_, span) => out.push(span),
    }
}

/// Trims whitespace and line breaks at the edges of a block's content: HTML shows none there.
pub fn trim_block(spans: Vec<Span>) -> Vec<Span> {
    let (_, inner, _) = split_edges(spans);
    inner
}
