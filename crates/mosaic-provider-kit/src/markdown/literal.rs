//! Writing Markdown's literal pieces so that a CommonMark reader (`pulldown-cmark`) gives back
//! exactly the same characters: code spans, link destinations and titles, and the `&` that would
//! start a character reference. A `|` in a destination or title is escaped (`\|`), which reads
//! back as `|` inside a table cell and out of one.

/// Whether the characters after a `&` make it a character reference: `&name;`, `&#35;` or
/// `&#x23;` (CommonMark's shapes; a name that is not a known entity stays literal, but being
/// strict here costs only a backslash).
pub fn starts_reference(rest: &[char]) -> bool {
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
pub fn code_span(code: &str) -> String {
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
pub fn longest_run(text: &str, wanted: char) -> usize {
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
pub fn link_destination(href: &str) -> String {
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
            '|' => out.push_str("\\|"),
            '<' | '>' if pointy => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&chars[index + 1..]) => out.push_str("\\&"),
            // A destination cannot hold a line break, and a reader replaces NUL; percent-encoding
            // keeps the URL's meaning. Other control characters stand as they are inside `<…>`.
            '\n' | '\r' | '\0' => {
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
pub fn link_title(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let mut out = String::with_capacity(title.len() + 2);
    out.push('"');
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '"' | '\\' | '|' => {
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

/// A link's or image's target: its destination, and its title when there is one.
pub fn link_target(href: &str, title: Option<&str>) -> String {
    match title {
        Some(title) if !title.is_empty() => {
            format!("{} {}", link_destination(href), link_title(title))
        }
        _ => link_destination(href),
    }
}
