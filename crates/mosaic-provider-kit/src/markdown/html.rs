//! Raw HTML as CommonMark 0.31 reads it (spec sections 4.6, "HTML blocks", and 6.6, "Raw
//! HTML"), as `pulldown-cmark` implements it: which text is a raw HTML construct, and which
//! line opens an HTML block and which line ends it. Normalization uses these to keep only raw
//! HTML that reads back as itself; a dialect reader (Notion's) uses them to read its tags the
//! way CommonMark will.

/// The length in bytes of the raw HTML construct `text` starts with: an open tag, a closing
/// tag, a comment, a processing instruction, a declaration or a CDATA section, on one line.
pub fn raw_html_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    match bytes.get(1)? {
        b'!' if bytes[2..].starts_with(b"--") => comment_len(bytes),
        b'!' if bytes[2..].starts_with(b"[CDATA[") => end_after(bytes, 9, b"]]>"),
        b'!' if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => end_after(bytes, 3, b">"),
        b'?' => end_after(bytes, 2, b"?>"),
        b'/' => closing_tag_len(bytes),
        _ => open_tag_len(bytes),
    }
    .filter(|length| !text[..*length].contains(['\n', '\r']))
}

/// Whether `text` is nothing but raw HTML constructs, one after another.
pub fn is_raw_html(text: &str) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        match raw_html_len(rest) {
            Some(length) => rest = &rest[length..],
            None => return false,
        }
    }
    !text.is_empty()
}

/// `<!-->`, `<!--->`, or `<!--` and text up to the first `-->`.
fn comment_len(bytes: &[u8]) -> Option<usize> {
    if bytes[4..].starts_with(b">") {
        return Some(5);
    }
    if bytes[4..].starts_with(b"->") {
        return Some(6);
    }
    end_after(bytes, 4, b"-->")
}

/// The length up to and including the first `end` at or after `from`.
fn end_after(bytes: &[u8], from: usize, end: &[u8]) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(end.len())
        .position(|window| window == end)
        .map(|at| from + at + end.len())
}

/// A tag name: an ASCII letter, then letters, digits and hyphens.
fn tag_name_len(bytes: &[u8]) -> usize {
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    1 + bytes[1..]
        .iter()
        .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'-')
        .count()
}

fn spaces_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| matches!(byte, b' ' | b'\t' | b'\x0b' | b'\x0c'))
        .count()
}

/// `</name>`, spaces allowed before the `>`.
fn closing_tag_len(bytes: &[u8]) -> Option<usize> {
    let name = tag_name_len(&bytes[2..]);
    if name == 0 {
        return None;
    }
    let at = 2 + name;
    let at = at + spaces_len(&bytes[at..]);
    (bytes.get(at) == Some(&b'>')).then_some(at + 1)
}

/// `<name attributes… />` or `<name attributes…>`.
fn open_tag_len(bytes: &[u8]) -> Option<usize> {
    let name = tag_name_len(&bytes[1..]);
    if name == 0 {
        return None;
    }
    let mut at = 1 + name;
    loop {
        let spaces = spaces_len(&bytes[at..]);
        match bytes.get(at + spaces)? {
            b'>' => return Some(at + spaces + 1),
            b'/' if bytes.get(at + spaces + 1) == Some(&b'>') => return Some(at + spaces + 2),
            // An attribute needs the whitespace before it.
            _ if spaces == 0 => return None,
            _ => at = attribute_end(bytes, at + spaces)?,
        }
    }
}

/// The end of the attribute starting at `at`: its name, and `=` with a value if it has one.
fn attribute_end(bytes: &[u8], at: usize) -> Option<usize> {
    let first = *bytes.get(at)?;
    if !(first.is_ascii_alphabetic() || first == b'_' || first == b':') {
        return None;
    }
    let name_end = at
        + 1
        + bytes[at + 1..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric() || b"_.:-".contains(byte))
            .count();
    let equals = name_end + spaces_len(&bytes[name_end..]);
    if bytes.get(equals) != Some(&b'=') {
        return Some(name_end);
    }
    let value = equals + 1 + spaces_len(&bytes[equals + 1..]);
    match *bytes.get(value)? {
        quote @ (b'"' | b'\'') => {
            let close = bytes[value + 1..].iter().position(|byte| *byte == quote)?;
            Some(value + 1 + close + 1)
        }
        _ => {
            let length = bytes[value..]
                .iter()
                .take_while(|byte| !b" \t\n\r\x0b\x0c\"'=<>`".contains(byte))
                .count();
            (length > 0).then_some(value + length)
        }
    }
}

/// What kind of HTML block a line opens (CommonMark's seven start conditions, as
/// `pulldown-cmark` reads them); each kind ends differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HtmlBlockKind {
    /// `<pre`, `<script`, `<style`, `<textarea`, `<!--`, `<?`, `<!` and a letter, or
    /// `<![CDATA[` (conditions 1 to 5): up to the line holding this end marker (`</pre>`,
    /// `-->`, …).
    EndsWith(&'static str),
    /// A block-level tag (`<div`, `<details`, `</table`, …): up to a blank line.
    Block,
    /// Any other complete tag alone on its line: up to a blank line. It cannot interrupt a
    /// paragraph.
    Tag,
}

/// Elements whose HTML block ends at their end tag (condition 1), with that tag.
const RAW: [(&str, &str); 4] = [
    ("pre", "</pre>"),
    ("style", "</style>"),
    ("script", "</script>"),
    ("textarea", "</textarea>"),
];

/// Block-level elements (start condition 6), as `pulldown-cmark` lists them.
const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The kind of HTML block `line` opens, if it opens one (indentation already taken off).
pub fn html_block_kind(line: &str) -> Option<HtmlBlockKind> {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let rest = &bytes[1..];
    for (name, end) in RAW {
        let after = rest.get(name.len()..);
        if rest.len() >= name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && after.is_some_and(|after| {
                after
                    .first()
                    .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>')
            })
        {
            return Some(HtmlBlockKind::EndsWith(end));
        }
    }
    for (start, end) in [("!--", "-->"), ("?", "?>"), ("![CDATA[", "]]>")] {
        if rest.starts_with(start.as_bytes()) {
            return Some(HtmlBlockKind::EndsWith(end));
        }
    }
    if rest.first() == Some(&b'!') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return Some(HtmlBlockKind::EndsWith(">"));
    }
    let name = &rest[usize::from(rest.first() == Some(&b'/'))..];
    let name_len = name
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let after = &name[name_len..];
    if BLOCK_TAGS
        .iter()
        .any(|known| known.as_bytes().eq_ignore_ascii_case(&name[..name_len]))
        && (after.is_empty() || matches!(after[0], b' ' | b'\t' | b'>') || after.starts_with(b"/>"))
    {
        return Some(HtmlBlockKind::Block);
    }
    let tag = raw_html_len(line)?;
    line[tag..]
        .trim_matches([' ', '\t'])
        .is_empty()
        .then_some(HtmlBlockKind::Tag)
}

impl HtmlBlockKind {
    /// Whether an HTML block of this kind ends with `line` (kinds ended by a marker), or
    /// before it (kinds ended by a blank line, when `line` is blank).
    pub fn ends_at(self, line: &str) -> bool {
        match self {
            Self::EndsWith(end) => line.contains(end),
            Self::Block | Self::Tag => line.trim().is_empty(),
        }
    }

    /// Whether the block ends before the blank line that ends it (rather than with a line
    /// holding its end marker).
    pub fn ends_at_blank_line(self) -> bool {
        matches!(self, Self::Block | Self::Tag)
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
