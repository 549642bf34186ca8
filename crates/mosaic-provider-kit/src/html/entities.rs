//! HTML character references: numeric ones (`&#35;`, `&#x23;`) and the named ones editors and
//! sanitizers write (Plane's stores `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and `&nbsp;`;
//! typographic ones appear in pasted text). An unknown name stays as written, as browsers
//! leave it.

/// Named references and their characters.
const NAMED: [(&str, char); 28] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("larr", '←'),
    ("rarr", '→'),
    ("check", '✓'),
];

/// `text` with its character references replaced by the characters they stand for.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
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

/// The character of the reference at the start of `text` (after its `&`) and the bytes it
/// used, `;` included.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.find(';')?;
    let body = &text[..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            None => return None,
        };
        // A reference to NUL or a surrogate is the replacement character, as in HTML.
        char::from_u32(code)
            .filter(|c| *c != '\0')
            .unwrap_or('\u{fffd}')
    } else {
        NAMED
            .iter()
            .find(|(name, _)| *name == body)
            .map(|(_, c)| *c)?
    };
    Some((c, end + 1))
}
