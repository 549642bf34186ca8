//! Writing literal text, code spans and link targets as Markdown that reads back as exactly
//! the same characters (CommonMark 0.31 as `pulldown-cmark` reads it).
//!
//! Backslash escapes cover ASCII punctuation; characters whose meaning depends on where they
//! stand (`#`, `>`, `-`, `+`, `=` and `1.` at the start of a line) are escaped only there, so
//! ordinary prose stays readable. Whitespace a Markdown reader would strip (at the start or end
//! of a line) and line breaks inside text are written as character references (`&#32;`,
//! `&#10;`), which the reader turns back into the same characters.

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
    /// A link to `accountid:…` follows, so a final `@` would make that link a mention.
    pub before_account_link: bool,
}

/// `text` as Markdown that reads back as `text`.
pub(super) fn escape_text(text: &str, at: Position) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_blank = |c: &char| *c == ' ' || *c == '\t';
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
            out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
            continue;
        }
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
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
            '@' if at.before_account_link && index + 1 == chars.len() => out.push_str("\\@"),
            '!' if at.before_link && index + 1 == chars.len() => out.push_str("\\!"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the characters after a `&` make it a character reference: `&name;`, `&#35;` or
/// `&#x23;` (CommonMark's shapes; a name that is not a known entity stays literal, but being
/// strict here costs only a backslash).
fn starts_reference(rest: &[char]) -> bool {
    let (digits, skip): (fn(&char) -> bool, usize) = match rest {
        ['#', 'x' | 'X', ..] => (char::is_ascii_hexdigit, 2),
        ['#', ..] => (char::is_ascii_digit, 1),
        [first, ..] if first.is_ascii_alphabetic() => (char::is_ascii_alphanumeric, 0),
        _ => return false,
    };
    let body = rest[skip..].iter().take_while(|c| digits(c)).count();
    body > 0 && rest.get(skip + body) == Some(&';')
}

/// `code` as a code span. A fence one backtick longer than any run inside, padded with spaces
/// where the content starts or ends with a backtick or would lose its edge spaces. Line breaks
/// become spaces, as a code span reads them anyway.
pub(super) fn code_span(code: &str) -> String {
    let code: String = code
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let fence = "`".repeat(longest_run(&code, '`') + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && code.chars().any(|c| c != ' '));
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{code}{space}{fence}")
}

/// The longest run of `wanted` in `text`.
pub(super) fn longest_run(text: &str, wanted: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in text.chars() {
        current = if c == wanted { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// A link destination: bare when it can be, in `<…>` when it holds spaces, parentheses or
/// angle brackets.
pub(super) fn link_destination(href: &str) -> String {
    let pointy = href.is_empty()
        || href
            .chars()
            .any(|c| matches!(c, ' ' | '(' | ')' | '<' | '>') || c.is_control());
    let chars: Vec<char> = href.chars().collect();
    let mut out = String::with_capacity(href.len() + 2);
    if pointy {
        out.push('<');
    }
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '<' | '>' if pointy => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            // A destination cannot hold a line break; percent-encoding keeps the URL's meaning.
            c if c.is_control() => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    if pointy {
        out.push('>');
    }
    out
}

/// A link title in double quotes.
pub(super) fn link_title(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let mut out = String::with_capacity(title.len() + 2);
    out.push('"');
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
