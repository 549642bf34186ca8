//! Making emphasis delimiters read as delimiters.
//!
//! CommonMark decides from the characters beside a delimiter whether it opens or closes
//! emphasis, so `~~_` followed by a letter does not close the `_`. Inline Markdown is rendered as
//! [`Segment`]s first; this pass then checks every delimiter against CommonMark 0.31's rules and
//! fixes the ones that would fail.

/// A piece of rendered inline Markdown.
pub(crate) enum Segment {
    /// Escaped text: its first and last characters are literal text or escapes.
    Text(String),
    /// An emphasis delimiter (`**`, `_`, `~~`).
    Delimiter { run: &'static str, opening: bool },
    /// Other markup: code spans, link brackets, mentions, hard breaks.
    Markup(String),
}

impl Segment {
    /// The Markdown it stands for.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Self::Text(text) | Self::Markup(text) => text,
            Self::Delimiter { run, .. } => run,
        }
    }
}

/// CommonMark reads a delimiter as opening emphasis only when it is *left-flanking* and as
/// closing only when *right-flanking* (for `_` also not inside a word): a closer after
/// punctuation must not be followed by a letter, an opener before punctuation must not follow
/// one (`~~_` + `a` does not close the `_`). Where a delimiter of ours would fail, the letter
/// beside it is written as a character reference (`&#97;`), which reads back as the same letter
/// but counts as punctuation. Each mark has its own delimiter character, so two delimiters never
/// merge into one run.
pub(crate) fn make_delimiters_flank(segments: &mut [Segment]) {
    for index in 0..segments.len() {
        let Segment::Delimiter { run, opening } = &segments[index] else {
            continue;
        };
        let (delimiter, opening) = (run.chars().next().unwrap_or('*'), *opening);
        let previous = index.checked_sub(1);
        let edge = |at: Option<usize>, last: bool| {
            at.and_then(|at| segments.get(at)).and_then(|segment| {
                let mut chars = segment.as_str().chars();
                if last {
                    chars.next_back()
                } else {
                    chars.next()
                }
            })
        };
        let before = edge(previous, true);
        let after = edge(Some(index + 1), false);
        if opening
            && !surely(
                |before, after| can_open(delimiter, before, after),
                before,
                after,
            )
        {
            reference_edge(previous.and_then(|at| segments.get_mut(at)), false);
        }
        if !opening
            && !surely(
                |before, after| can_close(delimiter, before, after),
                before,
                after,
            )
        {
            reference_edge(segments.get_mut(index + 1), true);
        }
    }
}

/// How CommonMark classes the character beside a delimiter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Whitespace, or the start or end of the line.
    Space,
    Punctuation,
    Word,
}

/// Whether `test` holds however the characters are classed: a non-ASCII symbol may count as
/// punctuation or not, depending on the reader's Unicode tables.
fn surely(test: impl Fn(Class, Class) -> bool, before: Option<char>, after: Option<char>) -> bool {
    let classes = |c: Option<char>| match c {
        None => vec![Class::Space],
        Some(c) if c.is_whitespace() => vec![Class::Space],
        Some(c) if c.is_ascii_punctuation() => vec![Class::Punctuation],
        Some(c) if c.is_alphanumeric() => vec![Class::Word],
        Some(_) => vec![Class::Punctuation, Class::Word],
    };
    classes(before)
        .into_iter()
        .all(|before| classes(after).into_iter().all(|after| test(before, after)))
}

fn left_flanking(before: Class, after: Class) -> bool {
    after != Class::Space && (after != Class::Punctuation || before != Class::Word)
}

fn right_flanking(before: Class, after: Class) -> bool {
    before != Class::Space && (before != Class::Punctuation || after != Class::Word)
}

fn can_open(delimiter: char, before: Class, after: Class) -> bool {
    left_flanking(before, after)
        && (delimiter != '_' || !right_flanking(before, after) || before == Class::Punctuation)
}

fn can_close(delimiter: char, before: Class, after: Class) -> bool {
    right_flanking(before, after)
        && (delimiter != '_' || !left_flanking(before, after) || after == Class::Punctuation)
}

/// Writes the first (or last) character of a text segment as a character reference.
fn reference_edge(segment: Option<&mut Segment>, first: bool) {
    let Some(Segment::Text(text)) = segment else {
        return;
    };
    let edge = if first {
        text.chars().next()
    } else {
        text.chars().next_back()
    };
    let Some(c) = edge.filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()) else {
        return;
    };
    let reference = format!("&#{};", u32::from(c));
    if first {
        text.replace_range(..c.len_utf8(), &reference);
    } else {
        let at = text.len() - c.len_utf8();
        text.replace_range(at.., &reference);
    }
}
