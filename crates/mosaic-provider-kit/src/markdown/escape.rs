//! Writing literal text as Markdown that reads back as exactly
//! the same characters (CommonMark 0.31 as `pulldown-cmark` reads it).
//!
//! Backslash escapes cover the ASCII punctuation Markdown reads anywhere (`|` too, which could
//! make a line a table row, and `$`, which could open maths); characters whose meaning depends on where they
//! stand (`#`, `>`, `-`, `+`, `=` and `1.` at the start of a line) are escaped only there, so
//! ordinary prose stays readable. Whitespace a Markdown reader would strip (at the start or end
//! of a line) and line breaks inside text are written as character references (`&#32;`,
//! `&#10;`), which the reader turns back into the same characters.

use super::literal::starts_reference;

/// Where a piece of text stands on its Markdown line.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Position {
    /// Nothing but markup precedes it on its line.
    pub line_start: bool,
    /// Nothing but markup follows it on its line.
    pub line_end: bool,
    /// It is a heading's text, where a `#` may close the heading.
    pub in_heading: bool,
    /// A link follows, so a final `!` would make it an image.
    pub before_link: bool,
    /// A link to a mention scheme (`accountid:…`) follows, so a final `@` would make that link
    /// a mention.
    pub before_mention_link: bool,
}

/// `text` as Markdown that reads back as `text`.
pub(super) fn escape_text(text: &str, at: Position) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Readers strip more than spaces and tabs at line edges (a vertical tab, a form feed).
    let is_blank = |c: &char| c.is_whitespace();
    let lead = if at.line_start {
        chars.iter().take_while(|c| is_blank(c)).count()
    } else {
        0
    };
    let trail = if at.line_end {
        chars[lead..]
            .iter()
            .rev()
            .take_while(|c| is_blank(c))
            .count()
    } else {
        0
    };
    // At a line start, `1.` or `1)` would begin an ordered list.
    let list_number_end = if at.line_start {
        let digits = chars[lead..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (digits > 0).then_some(lead + digits)
    } else {
        None
    };
    let mut out = String::with_capacity(text.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let first = at.line_start && index == lead;
        if index < lead || index >= chars.len() - trail {
            out.push_str(&format!("&#{};", u32::from(c)));
            continue;
        }
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' if first || at.in_heading => out.push_str("\\#"),
            '>' | '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if list_number_end == Some(index) => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            '@' if at.before_mention_link && index + 1 == chars.len() => out.push_str("\\@"),
            '!' if at.before_link && index + 1 == chars.len() => out.push_str("\\!"),
            _ => out.push(c),
        }
    }
    out
}
