//! A small, forgiving reader of Confluence's storage format into a tree. Storage format is
//! XHTML with Confluence's own `ac:` and `ri:` elements, as its editor and the REST API write
//! it (developer.atlassian.com/cloud/confluence/confluence-storage-format): well-formed XML
//! with HTML's named character references (`&nbsp;`) and CDATA sections inside macros.
//!
//! It never fails and never panics on what a page holds: an unclosed element ends with its
//! parent, an end tag closes the open element of its name (and those inside it), a stray end
//! tag is ignored, a `<` that starts no tag is text, comments and processing instructions are
//! skipped, an unknown reference stays as written, and control characters XML cannot hold
//! are dropped.

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Text, references decoded, CDATA as it is.
    Text(String),
}

/// An element: its name as written (`p`, `ac:task`), lower case, its attributes and children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    /// Lower-case name, prefix included.
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

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name == name)
    }

    /// All the text inside, CDATA included.
    pub fn text(&self) -> String {
        let mut out = String::new();
        collect_text(&self.children, &mut out);
        out
    }
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => collect_text(&element.children, out),
        }
    }
}

/// Elements of HTML that never have content, which storage format may write without `/>`.
const VOID: [&str; 6] = ["br", "hr", "img", "col", "wbr", "input"];

/// The nodes of a storage-format body.
pub fn parse(input: &str) -> Vec<Node> {
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut rest = input;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let (data, next) = after.split_once("]]>").unwrap_or((after, ""));
            push_text(&mut stack, data.to_owned());
            rest = next;
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, next)| next);
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = rest.split_once('>').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("</") {
            match after.split_once('>') {
                Some((name, next)) if is_name(name.trim()) => {
                    close(&mut stack, &name.trim().to_ascii_lowercase());
                    rest = next;
                }
                _ => {
                    push_text(&mut stack, "<".to_owned());
                    rest = &rest[1..];
                }
            }
        } else if rest.starts_with('<') {
            match open_tag(&rest[1..]) {
                Some((element, closed, next)) => {
                    let void = VOID.contains(&element.name.as_str());
                    if closed || void {
                        push_node(&mut stack, Node::Element(element));
                    } else {
                        stack.push(element);
                    }
                    rest = next;
                }
                None => {
                    push_text(&mut stack, "<".to_owned());
                    rest = &rest[1..];
                }
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            push_text(&mut stack, decode(&rest[..end]));
            rest = &rest[end..];
        }
    }
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

fn push_node(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: String) {
    // Control characters other than tabs and line breaks are not XML: none is read.
    let text = if text.chars().any(is_not_xml) {
        text.chars().filter(|c| !is_not_xml(*c)).collect()
    } else {
        text
    };
    if text.is_empty() {
        return;
    }
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(Node::Text(last)) => last.push_str(&text),
            _ => top.children.push(Node::Text(text)),
        }
    }
}

fn is_not_xml(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Closes the innermost open element named `name` and every element opened inside it; an end
/// tag matching nothing open is ignored.
fn close(stack: &mut Vec<Element>, name: &str) {
    let Some(depth) = stack.iter().skip(1).rposition(|open| open.name == name) else {
        return;
    };
    while stack.len() > depth + 1 {
        close_top(stack);
    }
}

fn close_top(stack: &mut Vec<Element>) {
    if stack.len() > 1
        && let Some(element) = stack.pop()
    {
        push_node(stack, Node::Element(element));
    }
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
}

/// The tag after a `<`: the element, whether it closed itself (`/>`), and what follows it.
fn open_tag(text: &str) -> Option<(Element, bool, &str)> {
    let name_end = text
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    let name = &text[..name_end];
    if !is_name(name) {
        return None;
    }
    let mut element = Element {
        name: name.to_ascii_lowercase(),
        ..Element::default()
    };
    let mut rest = &text[name_end..];
    loop {
        rest = rest.trim_start();
        if let Some(next) = rest.strip_prefix("/>") {
            return Some((element, true, next));
        }
        if let Some(next) = rest.strip_prefix('>') {
            return Some((element, false, next));
        }
        if let Some(next) = rest.strip_prefix('/') {
            rest = next;
            continue;
        }
        let key_end = rest.find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))?;
        if key_end == 0 {
            return None;
        }
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let (value, next) = after[1..].split_once(quote)?;
            rest = next;
            decode(value).chars().filter(|c| !is_not_xml(*c)).collect()
        } else {
            String::new()
        };
        element.attrs.push((key, value));
    }
}

/// Text with its character references decoded; an unknown or malformed one stays as written.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after
            .find(';')
            .filter(|end| *end <= 32)
            .and_then(|end| Some((reference(&after[..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's name (`amp`, `#39`, `#x27`) stands for.
fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        return u32::from_str_radix(number, 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(number) = name.strip_prefix('#') {
        return number.parse().ok().and_then(char::from_u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "euro" => '€',
        "rarr" => '→',
        "larr" => '←',
        _ => return None,
    })
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
