//! Spans as Markdown that reads back as the same spans (CommonMark 0.31 as `pulldown-cmark`
//! reads it).
//!
//! Literal text is escaped: `\ ` * _ [ ] < ~` everywhere, `#` in headings, and what would
//! start a block at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`, leading spaces).
//! Emphasis is `*`, strong `**`, strikethrough `~~`; emphasis that is a strong run's whole
//! content is `_` (`***a***` would read as emphasis around strong), and a run right after
//! another's closing `*` is `_` or `__` (the two `*` runs would be one). A delimiter CommonMark
//! would not see as one — `*` between a letter and punctuation, as in `a*(b)*c` — gets its
//! letter neighbour written as a character reference (`&#97;`), which reads back as the same
//! letter but lets the delimiter count.

use super::spans::{Kind, Span};
use crate::markdown::{code_span, link_target, starts_reference};

/// Where the spans are written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// In a heading, where `#` may close it and a line break cannot be written.
    pub heading: bool,
}

/// The spans of one block as Markdown.
pub fn render(spans: &[Span], context: Context) -> String {
    let mut writer = Writer {
        out: String::new(),
        line_start: true,
        pending_reference: false,
        closed_at: None,
        context,
    };
    writer.spans(spans, None);
    writer.out
}

struct Writer {
    out: String,
    /// Nothing but markup precedes on this line.
    line_start: bool,
    /// A closing delimiter was just written that needs a non-letter after it.
    pending_reference: bool,
    /// Where the last closing delimiter ended: an opening one right there would join its run.
    closed_at: Option<usize>,
    context: Context,
}

/// A character CommonMark counts as neither whitespace nor (ASCII) punctuation: beside a
/// delimiter it decides flanking, so it may need writing as a reference.
fn word_like(c: char) -> bool {
    !c.is_whitespace() && !c.is_ascii_punctuation()
}

impl Writer {
    fn markup(&mut self, text: &str) {
        self.out.push_str(text);
        self.line_start = false;
        self.pending_reference = false;
    }

    fn spans(&mut self, spans: &[Span], parent: Option<Kind>) {
        for (index, span) in spans.iter().enumerate() {
            let last = index + 1 == spans.len();
            match span {
                Span::Text(text) => self.text(text, last && parent.is_none()),
                Span::Run(kind, children) => {
                    let only_child = spans.len() == 1;
                    // Right after another run's closing `*`, a `*` would join that run.
                    let joins = self.closed_at == Some(self.out.len()) && self.out.ends_with('*');
                    let delimiter = match kind {
                        Kind::Strong if joins => "__",
                        Kind::Strong => "**",
                        Kind::Emphasis if only_child && parent == Some(Kind::Strong) => "_",
                        Kind::Emphasis if joins => "_",
                        Kind::Emphasis => "*",
                        Kind::Strike => "~~",
                    };
                    self.run(delimiter, *kind, children);
                }
                Span::Code(code) => self.markup(&code_span(code)),
                Span::Link {
                    href,
                    title,
                    children,
                } => {
                    self.unbang();
                    self.markup("[");
                    self.spans(children, None);
                    self.markup(&format!("]({})", link_target(href, Some(title))));
                }
                Span::Image { src, alt, title } => {
                    self.unbang();
                    self.markup("![");
                    let alt = escape_plain(alt);
                    self.markup(&alt);
                    self.markup(&format!("]({})", link_target(src, Some(title))));
                }
                Span::Break if self.context.heading => self.text(" ", false),
                // A break at the very end of a block shows nothing.
                Span::Break if last && parent.is_none() => {}
                Span::Break => {
                    self.protect_trailing_spaces();
                    self.markup("\\\n");
                    self.line_start = true;
                }
            }
        }
    }

    fn run(&mut self, delimiter: &str, kind: Kind, children: &[Span]) {
        let before = self.out.len();
        let previous = self.out.chars().next_back();
        self.markup(delimiter);
        let opened = self.out.len();
        self.spans(children, Some(kind));
        let first = self.out[opened..].chars().next();
        let last = self.out.chars().next_back();
        self.markup(delimiter);
        // An opening delimiter after a letter needs a non-letter after it, or (for `_`) any.
        let needs = |inner: Option<char>| {
            delimiter.starts_with('_') || inner.is_some_and(|c| !c.is_alphanumeric())
        };
        if let Some(previous) = previous.filter(|c| word_like(*c))
            && needs(first)
        {
            let at = before - previous.len_utf8();
            self.out
                .replace_range(at..before, &format!("&#{};", u32::from(previous)));
        }
        self.pending_reference = needs(last);
        self.closed_at = Some(self.out.len());
    }

    /// A `!` right before a link would make it an image.
    fn unbang(&mut self) {
        if self.out.ends_with('!') && !self.out.ends_with("\\!") {
            self.out.pop();
            self.out.push_str("\\!");
        }
    }

    /// Spaces before a line break would be lost (or make a break of their own).
    fn protect_trailing_spaces(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        let trailing: String = self.out[kept..].to_owned();
        self.out.truncate(kept);
        for c in trailing.chars() {
            self.out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
        }
    }

    fn text(&mut self, text: &str, block_end: bool) {
        let chars: Vec<char> = text.chars().collect();
        let mut index = 0;
        while index < chars.len() {
            let c = chars[index];
            if self.pending_reference {
                self.pending_reference = false;
                if word_like(c) {
                    self.out.push_str(&format!("&#{};", u32::from(c)));
                    self.line_start = false;
                    index += 1;
                    continue;
                }
            }
            let blank = c == ' ' || c == '\t';
            let trailing = block_end && chars[index..].iter().all(|c| *c == ' ' || *c == '\t');
            if blank && (self.line_start || trailing) {
                // A Markdown reader strips spaces at the start and end of a line.
                self.out.push_str(if c == ' ' { "&#32;" } else { "&#9;" });
                index += 1;
                continue;
            }
            if std::mem::take(&mut self.line_start) {
                // What would start a block at the start of a line.
                let digits = chars[index..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if digits > 0 && matches!(chars.get(index + digits), Some('.' | ')')) {
                    self.out.extend(&chars[index..index + digits]);
                    self.out.push('\\');
                    self.out.push(chars[index + digits]);
                    index += digits + 1;
                    continue;
                }
                if matches!(c, '#' | '>' | '-' | '+' | '=') {
                    self.out.push('\\');
                    self.out.push(c);
                    index += 1;
                    continue;
                }
            }
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '#' if self.context.heading => self.out.push_str("\\#"),
                '&' if starts_reference(&chars[index + 1..]) => self.out.push_str("\\&"),
                c => self.out.push(c),
            }
            index += 1;
        }
    }
}

/// Text in a position where only the inline escapes matter (an image's alt text).
fn escape_plain(text: &str) -> String {
    let chars: Vec<char> = text.replace(['\n', '\r'], " ").chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}
