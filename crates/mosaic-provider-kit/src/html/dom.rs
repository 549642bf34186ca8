//! A small, forgiving HTML reader: enough to turn what Plane stores into a tree. It never
//! fails: an unclosed element ends with its parent, a stray end tag is ignored, `<script>` and
//! `<style>` are dropped with their content, comments and doctypes are skipped, and a `<` that
//! starts no tag is text. Character references are decoded in text and attribute values.

use super::entities::decode;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An element: its lower-case name, attributes and children.
    Element(Element),
    /// Text, references decoded.
    Text(String),
}

/// An element.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Lower-case tag name.
    pub name: String,
    /// Attributes in document order, names lower case, values decoded.
    pub attrs: Vec<(String, String)>,
    /// Children.
    pub children: Vec<Node>,
}

impl Element {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is not part of the document.
const DROPPED: [&str; 4] = ["script", "style", "template", "noscript"];

/// Block-level elements: a `<p>` open when one of them starts is closed, as HTML does.
pub const BLOCKS: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "image-component",
];

/// Reads `html` into the list of top-level nodes.
pub fn parse(html: &str) -> Vec<Node> {
    let mut builder = Builder {
        stack: vec![Element {
            name: String::new(),
            attrs: Vec::new(),
            children: Vec::new(),
        }],
    };
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => match read_markup(rest) {
                Some((markup, after)) => {
                    rest = after;
                    match markup {
                        Markup::Start(element, self_closing) => {
                            if DROPPED.contains(&element.name.as_str()) {
                                rest = skip_raw(rest, &element.name);
                            } else {
                                builder.start(element, self_closing);
                            }
                        }
                        Markup::End(name) => builder.end(&name),
                        Markup::Skip => {}
                    }
                }
                None => {
                    builder.text("<");
                    rest = &rest[1..];
                }
            },
            Some(at) => {
                builder.text(&decode(&rest[..at]));
                rest = &rest[at..];
            }
            None => {
                builder.text(&decode(rest));
                rest = "";
            }
        }
    }
    builder.finish()
}

enum Markup {
    Start(Element, bool),
    End(String),
    Skip,
}

/// The tag, comment or declaration at the start of `text` and what follows it; `None` when
/// the `<` starts none.
fn read_markup(text: &str) -> Option<(Markup, &str)> {
    if let Some(rest) = text.strip_prefix("<!--") {
        let end = rest.find("-->").map_or(rest.len(), |at| at + 3);
        return Some((Markup::Skip, &rest[end..]));
    }
    if text.starts_with("<!") || text.starts_with("<?") {
        let end = text.find('>').map_or(text.len(), |at| at + 1);
        return Some((Markup::Skip, &text[end..]));
    }
    if let Some(rest) = text.strip_prefix("</") {
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let end = rest.find('>').map_or(rest.len(), |at| at + 1);
        return Some((
            Markup::End(rest[..name_len].to_ascii_lowercase()),
            &rest[end..],
        ));
    }
    let rest = text.strip_prefix('<')?;
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    let (attrs, self_closing, after) = read_attributes(&rest[name_len..]);
    let element = Element {
        name,
        attrs,
        children: Vec::new(),
    };
    Some((Markup::Start(element, self_closing), after))
}

/// The attributes up to the tag's `>`, whether it ended `/>`, and what follows.
fn read_attributes(mut text: &str) -> (Vec<(String, String)>, bool, &str) {
    let mut attrs = Vec::new();
    loop {
        text = text.trim_start();
        if let Some(after) = text.strip_prefix("/>") {
            return (attrs, true, after);
        }
        if let Some(after) = text.strip_prefix('>') {
            return (attrs, false, after);
        }
        if text.is_empty() {
            return (attrs, false, text);
        }
        if let Some(after) = text.strip_prefix('/') {
            text = after;
            continue;
        }
        let name_len = text
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(text.len())
            .max(1);
        let name = text[..name_len].to_ascii_lowercase();
        text = text[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, rest) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    match inner.find(quote) {
                        Some(end) => (&inner[..end], &inner[end + 1..]),
                        None => (inner, ""),
                    }
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode(raw);
            text = rest;
        }
        attrs.push((name, value));
    }
}

/// What follows the end tag of a raw-text element (`</script>`), or nothing when unclosed.
fn skip_raw<'t>(text: &'t str, name: &str) -> &'t str {
    let closing = format!("</{name}");
    let lower = text.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => {
            let rest = &text[at..];
            rest.find('>').map_or("", |end| &rest[end + 1..])
        }
        None => "",
    }
}

struct Builder {
    /// Open elements; the first is the document itself.
    stack: Vec<Element>,
}

impl Builder {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let children = &mut self.top().children;
        if let Some(Node::Text(last)) = children.last_mut() {
            last.push_str(text);
        } else {
            children.push(Node::Text(text.to_owned()));
        }
    }

    fn top(&mut self) -> &mut Element {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn start(&mut self, element: Element, self_closing: bool) {
        let name = element.name.as_str();
        // HTML's implied end tags: a block closes an open paragraph, an item an open item.
        if BLOCKS.contains(&name) && self.is_open("p") {
            self.end("p");
        }
        if name == "li" && self.open_in_list("li") {
            self.end("li");
        }
        if VOID.contains(&name) || self_closing {
            self.top().children.push(Node::Element(element));
        } else {
            self.stack.push(element);
        }
    }

    /// Whether `name` is open below the nearest list.
    fn open_in_list(&self, name: &str) -> bool {
        for element in self.stack.iter().rev() {
            if element.name == name {
                return true;
            }
            if element.name == "ul" || element.name == "ol" {
                return false;
            }
        }
        false
    }

    fn is_open(&self, name: &str) -> bool {
        self.stack
            .iter()
            .skip(1)
            .any(|element| element.name == name)
    }

    fn end(&mut self, name: &str) {
        if !self.is_open(name) {
            return;
        }
        while self.stack.len() > 1 {
            let Some(element) = self.stack.pop() else {
                return;
            };
            let done = element.name == name;
            self.top().children.push(Node::Element(element));
            if done {
                return;
            }
        }
    }

    fn finish(mut self) -> Vec<Node> {
        while self.stack.len() > 1 {
            if let Some(element) = self.stack.pop() {
                self.top().children.push(Node::Element(element));
            }
        }
        self.stack
            .pop()
            .map(|root| root.children)
            .unwrap_or_default()
    }
}
