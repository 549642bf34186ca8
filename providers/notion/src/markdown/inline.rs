//! Inline text in either dialect as one sequence of [`Seg`]ments: characters meant literally
//! and markup kept as written. Converting inline text is reading it in one dialect and
//! writing the same segments in the other; only how a literal character is escaped differs.
//!
//! - Notion escapes `\ * ~ ` $ [ ] < > { } | ^` outside code (developers.notion.com/guides/
//!   data-apis/enhanced-markdown, "Escaping"); `_` and `&` are plain text there.
//! - CommonMark escapes any ASCII punctuation with a backslash (spec 0.31, "Backslash
//!   escapes"); written here it escapes `\ * _ ` [ ] < > ~ $ &` (`~` for GFM strikethrough,
//!   `$` for GFM math, `&` for entity references), and `{ } | ^` are plain text.
//! - Markup passes unchanged: code spans, `$…$` equations (GFM's inline math), XML-like tags
//!   (`<span color="red">`, `<mention-page url="…"/>`, `<br>`), a link's `](url)`, a block's
//!   trailing attribute list (`{color="blue"}`), and any unescaped character of the escaped set.
//! - At the start of a block's text, a literal `#`, `-`, `+` or a number's `.`/`)` is escaped
//!   so that it stays text rather than opening a heading or a list (and `=` in CommonMark,
//!   which would underline a heading; and a `#` ending it, which would close one).

/// Which Markdown a text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Notion's enhanced Markdown.
    Notion,
    /// CommonMark (with GFM's task lists, strikethrough and math).
    CommonMark,
}

impl Dialect {
    /// The characters this dialect escapes when they are meant literally.
    fn escaped(self) -> &'static str {
        match self {
            Self::Notion => "\\*~`$[]<>{}|^",
            Self::CommonMark => "\\*_`[]<>~$&",
        }
    }
}

/// A piece of inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A character meant literally.
    Lit(char),
    /// Markup, written the same in both dialects.
    Markup(String),
}

/// Reads inline text written in `dialect`.
pub fn read(text: &str, dialect: Dialect) -> Vec<Seg> {
    let chars: Vec<char> = text.chars().collect();
    let mut segs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let taken = match c {
            '\\' => match chars.get(i + 1) {
                Some(next) if next.is_ascii_punctuation() => {
                    segs.push(Seg::Lit(*next));
                    Some(2)
                }
                _ => {
                    segs.push(Seg::Lit('\\'));
                    Some(1)
                }
            },
            '`' => code_span(&chars, i).map(|end| push_markup(&mut segs, &chars[i..end], end - i)),
            '$' => equation(&chars, i).map(|end| push_markup(&mut segs, &chars[i..end], end - i)),
            '<' => tag(&chars, i).map(|end| push_markup(&mut segs, &chars[i..end], end - i)),
            ']' => {
                link_target(&chars, i).map(|end| push_markup(&mut segs, &chars[i..end], end - i))
            }
            '{' => attributes(&chars, i).map(|end| push_markup(&mut segs, &chars[i..end], end - i)),
            _ => None,
        };
        if let Some(taken) = taken {
            i += taken;
            continue;
        }
        if dialect.escaped().contains(c) && c != '\\' && !matches!(c, '`' | '$' | '<') {
            segs.push(Seg::Markup(c.to_string()));
        } else {
            segs.push(Seg::Lit(c));
        }
        i += 1;
    }
    segs
}

/// Writes segments as inline text of `dialect`, as the text of a block (so with the escapes
/// a block's start needs).
pub fn write(segs: &[Seg], dialect: Dialect, out: &mut String) {
    let escaped = dialect.escaped();
    let number_end = leading_number(segs);
    for (index, seg) in segs.iter().enumerate() {
        match seg {
            Seg::Markup(text) => out.push_str(text),
            Seg::Lit(c) => {
                let at_start = index == 0 && starts_a_block(*c, dialect);
                let after_number = Some(index) == number_end;
                let closes_heading =
                    dialect == Dialect::CommonMark && *c == '#' && index + 1 == segs.len();
                if escaped.contains(*c) || at_start || after_number || closes_heading {
                    out.push('\\');
                }
                out.push(*c);
            }
        }
    }
}

fn push_markup(segs: &mut Vec<Seg>, chars: &[char], taken: usize) -> usize {
    segs.push(Seg::Markup(chars.iter().collect()));
    taken
}

/// Whether a literal `c` opening a block's text would open something else.
fn starts_a_block(c: char, dialect: Dialect) -> bool {
    matches!(c, '#' | '-' | '+') || (dialect == Dialect::CommonMark && c == '=')
}

/// The index of the literal `.` or `)` after a run of digits opening the text (`1.` would open
/// an ordered list), if there is one.
fn leading_number(segs: &[Seg]) -> Option<usize> {
    let digits = segs
        .iter()
        .take_while(|seg| matches!(seg, Seg::Lit(c) if c.is_ascii_digit()))
        .count();
    let closes = matches!(segs.get(digits), Some(Seg::Lit('.' | ')')));
    (digits > 0 && digits <= 9 && closes).then_some(digits)
}

/// The end of a code span opening at `start`: the next run of exactly as many backticks.
fn code_span(chars: &[char], start: usize) -> Option<usize> {
    let run = chars[start..].iter().take_while(|c| **c == '`').count();
    let mut i = start + run;
    while i < chars.len() {
        if chars[i] == '`' {
            let closing = chars[i..].iter().take_while(|c| **c == '`').count();
            if closing == run {
                return Some(i + closing);
            }
            i += closing;
        } else {
            i += 1;
        }
    }
    None
}

/// The end of a `$…$` equation opening at `start`: the next unescaped `$`, with text between.
fn equation(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '$' if i > start + 1 => return Some(i + 1),
            '$' => return None,
            _ => i += 1,
        }
    }
    None
}

/// The end of an XML-like tag or autolink opening at `start` (`<span …>`, `</span>`,
/// `<br>`, `<https://…>`): a letter or `/` after `<`, up to the next `>`.
fn tag(chars: &[char], start: usize) -> Option<usize> {
    let next = chars.get(start + 1)?;
    if !(next.is_ascii_alphabetic() || *next == '/') {
        return None;
    }
    let close = chars[start..].iter().position(|c| *c == '>')?;
    Some(start + close + 1)
}

/// The end of a link's target opening at `start` (`](url)` or `](url "title")`).
fn link_target(chars: &[char], start: usize) -> Option<usize> {
    if chars.get(start + 1) != Some(&'(') {
        return None;
    }
    let close = chars[start + 2..].iter().position(|c| *c == ')')?;
    Some(start + 2 + close + 1)
}

/// The end of a trailing attribute list opening at `start` (` {color="blue"}` ending the
/// text): after a space, `{name="value" …}` and nothing but spaces after it.
fn attributes(chars: &[char], start: usize) -> Option<usize> {
    if start == 0 || chars[start - 1] != ' ' {
        return None;
    }
    let close = chars[start..].iter().position(|c| *c == '}')? + start;
    let rest_blank = chars[close + 1..].iter().all(|c| *c == ' ');
    let inner: String = chars[start + 1..close].iter().collect();
    let well_formed = !inner.is_empty()
        && inner
            .split(' ')
            .filter(|part| !part.is_empty())
            .all(|part| {
                part.split_once("=\"").is_some_and(|(name, value)| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        && value.ends_with('"')
                        && !value[..value.len() - 1].contains('"')
                })
            });
    (rest_blank && well_formed).then_some(chars.len())
}
