//! Plane's HTML → Markdown, block by block: paragraphs, headings, lists, quotes, code blocks
//! and rules, separated by blank lines; inline content through [`super::inline`].
//!
//! Elements without a Markdown form keep their content: a `<div>`, `<table>` or Plane's
//! task list its blocks, a `<span>`, `<u>` or `<mark>` its text. Inline content outside any
//! block is a paragraph.

use super::dom::{self, BLOCKS, Element, Node};
use super::inline::{self, Context};
use super::spans::{self, text_of, trim_block};

/// Plane HTML as Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let nodes = dom::parse(html);
    blocks(&nodes)
        .into_iter()
        .map(|(text, _)| text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What a block was, so that two lists in a row get different markers (the same marker would
/// make them one list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A list, ordered or not, and whether it used the other marker.
    List {
        ordered: bool,
        alternate: bool,
    },
    Other,
}

/// The Markdown blocks of a container's children.
fn blocks(nodes: &[Node]) -> Vec<(String, Shape)> {
    let mut out: Vec<(String, Shape)> = Vec::new();
    let mut inline: Vec<Node> = Vec::new();
    for node in nodes {
        match node {
            Node::Element(element) if is_block(element) => {
                paragraph(&inline, &mut out);
                inline.clear();
                block(element, &mut out);
            }
            other => inline.push(other.clone()),
        }
    }
    paragraph(&inline, &mut out);
    out
}

fn is_block(element: &Element) -> bool {
    BLOCKS.contains(&element.name.as_str()) && element.name != "image-component"
}

/// Inline nodes as a paragraph, unless they show nothing.
fn paragraph(nodes: &[Node], out: &mut Vec<(String, Shape)>) {
    let spans = trim_block(spans::spans(nodes));
    if !spans.is_empty() {
        out.push((inline::render(&spans, Context::default()), Shape::Other));
    }
}

fn block(element: &Element, out: &mut Vec<(String, Shape)>) {
    let previous = out.last().map(|(_, shape)| *shape);
    match element.name.as_str() {
        "p" => paragraph(&element.children, out),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(element.name.as_bytes()[1] - b'0');
            let spans = trim_block(spans::spans(&element.children));
            let text = inline::render(&spans, Context { heading: true });
            let marks = "#".repeat(level);
            let heading = if text.is_empty() {
                marks
            } else {
                format!("{marks} {text}")
            };
            out.push((heading, Shape::Other));
        }
        "ul" | "ol" => {
            let ordered = element.name == "ol";
            let alternate = previous
                == Some(Shape::List {
                    ordered,
                    alternate: false,
                });
            let list = list(element, alternate);
            if !list.is_empty() {
                out.push((list, Shape::List { ordered, alternate }));
            }
        }
        "blockquote" => {
            let inner = join(blocks(&element.children));
            let quoted = if inner.is_empty() {
                ">".to_owned()
            } else {
                inner
                    .lines()
                    .map(|line| {
                        if line.is_empty() {
                            ">".to_owned()
                        } else {
                            format!("> {line}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.push((quoted, Shape::Other));
        }
        "pre" => out.push((code_block(element), Shape::Other)),
        "hr" => out.push(("___".to_owned(), Shape::Other)),
        // Containers without a Markdown form: their blocks, in place.
        _ => out.extend(blocks(&element.children)),
    }
}

fn join(blocks: Vec<(String, Shape)>) -> String {
    blocks
        .into_iter()
        .map(|(text, _)| text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A list; `alternate` picks the other marker (`*` rather than `-`, `)` rather than `.`) so
/// that it does not join the list before it.
fn list(element: &Element, alternate: bool) -> String {
    let ordered = element.name == "ol";
    // CommonMark list numbers have at most nine digits.
    let start: u64 = element
        .attr("start")
        .and_then(|start| start.trim().parse().ok())
        .unwrap_or(1)
        .min(999_000_000);
    let mut items = Vec::new();
    for child in &element.children {
        let content = match child {
            Node::Element(item) if item.name == "li" => blocks(&item.children),
            Node::Text(text) if text.trim().is_empty() => continue,
            // Stray content between items is an item of its own.
            other => blocks(std::slice::from_ref(other)),
        };
        // A list right after the marker could make the line a rule (`- - -`); it starts on
        // the next line instead.
        let nested_first = matches!(content.first(), Some((_, Shape::List { .. })));
        let content = join(content);
        let marker = match (ordered, alternate) {
            (false, false) => "-".to_owned(),
            (false, true) => "*".to_owned(),
            (true, false) => format!("{}.", start + items.len() as u64),
            (true, true) => format!("{})", start + items.len() as u64),
        };
        items.push(item(&marker, &content, nested_first));
    }
    items.join("\n")
}

/// One list item: the marker before the first line, the other lines indented to its content.
fn item(marker: &str, content: &str, next_line: bool) -> String {
    if content.is_empty() {
        return marker.to_owned();
    }
    let indent = " ".repeat(marker.len() + 1);
    let mut out = String::new();
    if next_line {
        out.push_str(marker);
    }
    for (index, line) in content.lines().enumerate() {
        if index == 0 && !next_line {
            out.push_str(marker);
            out.push(' ');
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indent);
            }
        }
        out.push_str(line);
    }
    out
}

/// A `<pre>` as a fenced code block, with the language of a `language-…` class.
fn code_block(element: &Element) -> String {
    let code_element = element.children.iter().find_map(|child| match child {
        Node::Element(code) if code.name == "code" => Some(code),
        _ => None,
    });
    let language = code_element
        .and_then(|code| code.attr("class"))
        .into_iter()
        .chain(element.attr("class"))
        .flat_map(str::split_whitespace)
        .find_map(|class| class.strip_prefix("language-"))
        .unwrap_or_default();
    // A backtick fence cannot have a backtick in its info string; a tilde fence can.
    let fence_char = if language.contains('`') { '~' } else { '`' };
    // Backslash escapes work in an info string, and a reader applies them.
    let language: String = language
        .chars()
        .flat_map(|c| {
            let escape = c.is_ascii_punctuation().then_some('\\');
            escape.into_iter().chain([c])
        })
        .collect();
    let mut code = text_of(&element.children);
    if !code.is_empty() && !code.ends_with('\n') {
        code.push('\n');
    }
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == fence_char { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = fence_char.to_string().repeat((longest + 1).max(3));
    format!("{fence}{language}\n{code}{fence}")
}
