//! A Notion block's text → the model's inline content.
//!
//! Notion's rich text is written as Markdown's inline syntax
//! (developers.notion.com/guides/data-apis/enhanced-markdown, "Rich text formatting"):
//! `**bold**`, `*italic*`, `~~struck~~`, `` `code` ``, `[text](url)`, `$maths$`, `<br>` for a
//! line break, and XML-like tags (`<span color="red">`, `<mention-user url="…"/>`), read as
//! raw HTML. A backslash escapes any ASCII punctuation; `_` and `&` are plain text (Notion
//! neither emphasises with `_` nor reads character references).
//!
//! Notion escapes every `*` and `~` it means literally, so an unescaped one is markup, even
//! beside punctuation: runs are matched by what they can close and open (see [`emphasis`]),
//! whitespace alone deciding whether a delimiter can open or close, rather than by
//! CommonMark's punctuation rules.

use super::lines::tags_to_model;
use mosaic_provider_kit::markdown::{Inline, Math, raw_html_len};

/// A block's text as inline content.
pub fn inlines(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let mut scanner = Scanner {
        chars: &chars,
        at: 0,
        pieces: Vec::new(),
    };
    scanner.scan();
    let mut pieces = scanner.pieces;
    for piece in &mut pieces {
        if let Piece::Open { image } = piece {
            *piece = Piece::Text(if *image { "![" } else { "[" }.into());
        }
    }
    emphasis(pieces)
}

/// Inline text read so far, before emphasis is matched.
enum Piece {
    Text(String),
    Inline(Inline),
    /// A run of `*`, or `~~`: whether it can open and close emphasis.
    Run {
        mark: char,
        length: usize,
        can_open: bool,
        can_close: bool,
    },
    /// `[` or `![`, waiting for its `](…)`.
    Open {
        image: bool,
    },
}

struct Scanner<'c> {
    chars: &'c [char],
    at: usize,
    pieces: Vec<Piece>,
}

impl Scanner<'_> {
    fn scan(&mut self) {
        while self.at < self.chars.len() {
            let c = self.chars[self.at];
            let read = match c {
                '\\' => self.escape(),
                '`' => self.code(),
                '$' => self.math(),
                '<' => self.tag(),
                '*' | '~' => self.run(c),
                '[' => {
                    self.pieces.push(Piece::Open { image: false });
                    Some(1)
                }
                '!' if self.chars.get(self.at + 1) == Some(&'[') => {
                    self.pieces.push(Piece::Open { image: true });
                    Some(2)
                }
                ']' => self.close(),
                _ => None,
            };
            match read {
                Some(length) => self.at += length,
                None => {
                    self.text(c);
                    self.at += 1;
                }
            }
        }
    }

    fn text(&mut self, c: char) {
        match self.pieces.last_mut() {
            Some(Piece::Text(text)) => text.push(c),
            _ => self.pieces.push(Piece::Text(c.to_string())),
        }
    }

    fn escape(&mut self) -> Option<usize> {
        let next = *self.chars.get(self.at + 1)?;
        next.is_ascii_punctuation().then(|| {
            self.text(next);
            2
        })
    }

    /// A code span: a backtick run up to the next run of as many (CommonMark's one space
    /// trimmed from each side when both have one).
    fn code(&mut self) -> Option<usize> {
        let run = run_length(self.chars, self.at, '`');
        let mut at = self.at + run;
        while at < self.chars.len() {
            if self.chars[at] != '`' {
                at += 1;
                continue;
            }
            let closing = run_length(self.chars, at, '`');
            if closing == run {
                let mut code: String = self.chars[self.at + run..at].iter().collect();
                if code.len() >= 2
                    && code.starts_with(' ')
                    && code.ends_with(' ')
                    && code.chars().any(|c| c != ' ')
                {
                    code = code[1..code.len() - 1].to_owned();
                }
                self.pieces.push(Piece::Inline(Inline::Code(code)));
                return Some(at + closing - self.at);
            }
            at += closing;
        }
        self.pieces.push(Piece::Text("`".repeat(run)));
        Some(run)
    }

    /// `$…$`, or `$$…$$` displayed, up to the next unescaped delimiter.
    fn math(&mut self) -> Option<usize> {
        let display = self.chars.get(self.at + 1) == Some(&'$');
        let delimiter = if display { 2 } else { 1 };
        let start = self.at + delimiter;
        let mut at = start;
        while at < self.chars.len() {
            match self.chars[at] {
                '\\' => at += 2,
                '$' if !display || self.chars.get(at + 1) == Some(&'$') => {
                    if at == start {
                        return None;
                    }
                    let tex = self.chars[start..at].iter().collect();
                    self.pieces
                        .push(Piece::Inline(Inline::Math(Math { display, tex })));
                    return Some(at + delimiter - self.at);
                }
                _ => at += 1,
            }
        }
        None
    }

    /// `<br>` (a line break), or a tag or comment read as raw HTML.
    fn tag(&mut self) -> Option<usize> {
        let rest: String = self.chars[self.at..].iter().collect();
        let html = tags_to_model(&rest);
        let length = raw_html_len(&html)?;
        let tag = &html[..length];
        let name = tag
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim_end_matches('/')
            .trim();
        self.pieces
            .push(Piece::Inline(if name.eq_ignore_ascii_case("br") {
                Inline::HardBreak
            } else {
                Inline::Html(tag.to_owned())
            }));
        Some(tag.chars().count())
    }

    /// A run of `*`, or exactly two `~`; a longer or shorter run of `~` is text.
    fn run(&mut self, mark: char) -> Option<usize> {
        let length = run_length(self.chars, self.at, mark);
        if mark == '~' && length != 2 {
            self.pieces.push(Piece::Text("~".repeat(length)));
            return Some(length);
        }
        let before = self.at.checked_sub(1).map(|at| self.chars[at]);
        let after = self.chars.get(self.at + length).copied();
        self.pieces.push(Piece::Run {
            mark,
            length,
            can_open: after.is_some_and(|c| !c.is_whitespace()),
            can_close: before.is_some_and(|c| !c.is_whitespace()),
        });
        Some(length)
    }

    /// `](destination "title")` closing the nearest `[` or `![`: a link (whose text holds no
    /// link) or an image. A `]` without either is text.
    fn close(&mut self) -> Option<usize> {
        let opener = self
            .pieces
            .iter()
            .rposition(|piece| matches!(piece, Piece::Open { .. }))?;
        let Some((href, title, length)) = target(self.chars, self.at + 1) else {
            self.pieces[opener] = Piece::Text(match self.pieces[opener] {
                Piece::Open { image: true } => "![".into(),
                _ => "[".into(),
            });
            return None;
        };
        let content = emphasis(self.pieces.split_off(opener + 1));
        let image = matches!(self.pieces.pop(), Some(Piece::Open { image: true }));
        let inline = if image {
            Inline::Image {
                src: href,
                alt: plain_text(&content),
                title,
            }
        } else {
            // Links do not nest: an earlier `[` is text.
            for piece in &mut self.pieces {
                if let Piece::Open { image: false } = piece {
                    *piece = Piece::Text("[".into());
                }
            }
            Inline::Link {
                href,
                title,
                content,
            }
        };
        self.pieces.push(Piece::Inline(inline));
        Some(1 + length)
    }
}

fn run_length(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|next| **next == c).count()
}

/// A link's target after its `]`: `(destination)` or `(destination "title")`, as CommonMark
/// writes them (a destination in `<…>` when it holds spaces), with its length.
fn target(chars: &[char], from: usize) -> Option<(String, Option<String>, usize)> {
    if chars.get(from) != Some(&'(') {
        return None;
    }
    let mut at = skip_spaces(chars, from + 1);
    let mut href = String::new();
    if chars.get(at) == Some(&'<') {
        at += 1;
        loop {
            match *chars.get(at)? {
                '>' => break,
                '<' => return None,
                '\\' if chars.get(at + 1).is_some_and(char::is_ascii_punctuation) => {
                    href.push(chars[at + 1]);
                    at += 1;
                }
                c => href.push(c),
            }
            at += 1;
        }
        at += 1;
    } else {
        let mut depth = 0usize;
        while let Some(&c) = chars.get(at) {
            match c {
                '\\' if chars.get(at + 1).is_some_and(char::is_ascii_punctuation) => {
                    href.push(chars[at + 1]);
                    at += 1;
                }
                '(' => {
                    depth += 1;
                    href.push(c);
                }
                ')' if depth == 0 => break,
                ')' => {
                    depth -= 1;
                    href.push(c);
                }
                c if c.is_whitespace() || c.is_control() => break,
                c => href.push(c),
            }
            at += 1;
        }
    }
    let after_href = at;
    at = skip_spaces(chars, at);
    let mut title = None;
    if at > after_href
        && let Some(&quote) = chars.get(at).filter(|c| matches!(c, '"' | '\'' | '('))
    {
        let close = if quote == '(' { ')' } else { quote };
        let mut text = String::new();
        at += 1;
        loop {
            match *chars.get(at)? {
                c if c == close => break,
                '\\' if chars.get(at + 1).is_some_and(char::is_ascii_punctuation) => {
                    text.push(chars[at + 1]);
                    at += 1;
                }
                c => text.push(c),
            }
            at += 1;
        }
        title = Some(text);
        at = skip_spaces(chars, at + 1);
    }
    (chars.get(at) == Some(&')')).then(|| (href, title, at + 1 - from))
}

fn skip_spaces(chars: &[char], from: usize) -> usize {
    from + chars[from..]
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t'))
        .count()
}

/// What inline content shows as plain text (an image's alternative text).
fn plain_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) | Inline::Html(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                out.push_str(&plain_text(inner))
            }
            Inline::Link { content, .. } => out.push_str(&plain_text(content)),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Math(math) => out.push_str(&math.as_text()),
            Inline::Mention(mention) => out.push_str(&mention.as_text()),
            Inline::HardBreak => out.push(' '),
        }
    }
    out
}

/// A kind of run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    Emphasis,
    Strong,
    Strike,
}

impl Run {
    fn delimiter(self) -> &'static str {
        match self {
            Self::Emphasis => "*",
            Self::Strong => "**",
            Self::Strike => "~~",
        }
    }

    fn wrap(self, content: Vec<Inline>) -> Inline {
        match self {
            Self::Emphasis => Inline::Emphasis(content),
            Self::Strong => Inline::Strong(content),
            Self::Strike => Inline::Strikethrough(content),
        }
    }
}

/// A run being read: its kind and what it holds so far (the root has no kind).
struct Frame {
    run: Option<Run>,
    content: Vec<Inline>,
    /// Opened by the same `***` as the run around it, so that which of the two is inside
    /// is decided by the run that closes one of them first.
    paired: bool,
}

/// Pieces as inline content, their runs matched.
///
/// A run of `*` closes the runs of `*` open at the top of the stack (innermost first) and
/// opens what is left of it: one `*` emphasis, two strong, three both (emphasis outside, as
/// CommonMark reads `***…***`). Of the ways to split a run, the one taken is the one a
/// normalized document can have been written as: no run inside a run of its own kind, none
/// empty, and no run closed and opened again beside itself (neighbouring runs of one kind are
/// one run). Closing needs something other than whitespace before the run, opening something
/// other than whitespace after it. `~~` closes strikethrough when it is the innermost run and
/// opens it otherwise. Delimiters that fit no such reading are text, and so are the runs left
/// open at the end.
fn emphasis(pieces: Vec<Piece>) -> Vec<Inline> {
    let mut frames = vec![Frame {
        run: None,
        content: Vec::new(),
        paired: false,
    }];
    for piece in pieces {
        match piece {
            Piece::Text(text) => push(&mut frames, Inline::Text(text)),
            Piece::Inline(inline) => push(&mut frames, inline),
            Piece::Open { image } => push(
                &mut frames,
                Inline::Text(if image { "![" } else { "[" }.into()),
            ),
            Piece::Run {
                mark,
                length,
                can_open,
                can_close,
            } => {
                let split = if mark == '~' {
                    strike_split(&frames, can_open, can_close)
                } else {
                    star_split(&frames, length, can_open, can_close)
                };
                match split {
                    Some(split) => {
                        if split.swap {
                            swap_pair(&mut frames);
                        }
                        for _ in 0..split.closed {
                            close(&mut frames);
                        }
                        for (index, run) in split.opened.iter().enumerate() {
                            frames.push(Frame {
                                run: Some(*run),
                                content: Vec::new(),
                                paired: index > 0,
                            });
                        }
                    }
                    None => push(&mut frames, Inline::Text(mark.to_string().repeat(length))),
                }
            }
        }
    }
    while frames.len() > 1 {
        unwind(&mut frames);
    }
    frames.pop().map(|frame| frame.content).unwrap_or_default()
}

/// What a delimiter run does: how many runs it closes (after swapping the two opened by one
/// `***`, if it closes the outer kind first) and the runs it opens (outermost first).
struct Split {
    swap: bool,
    closed: usize,
    opened: &'static [Run],
}

/// What a `*` run of `length` does (see [`emphasis`]).
fn star_split(frames: &[Frame], length: usize, can_open: bool, can_close: bool) -> Option<Split> {
    let kinds: Vec<Option<Run>> = frames.iter().map(|frame| frame.run).collect();
    let stars = kinds
        .iter()
        .rev()
        .take_while(|run| matches!(run, Some(Run::Emphasis | Run::Strong)))
        .count();
    let closable = if can_close { stars } else { 0 };
    let swappable = stars >= 2 && frames.last().is_some_and(|frame| frame.paired);
    // Only the innermost can be empty: each of the others holds the one inside it.
    let innermost_empty = frames.last().is_some_and(|frame| frame.content.is_empty());
    for closed in (0..=closable).rev() {
        if closed > 0 && innermost_empty {
            continue;
        }
        for swap in [false, true] {
            if swap && !(swappable && closed == 1) {
                continue;
            }
            let mut order = kinds.clone();
            if swap {
                order.swap(kinds.len() - 2, kinds.len() - 1);
            }
            let (still_open, popped) = order.split_at(order.len() - closed);
            let width: usize = popped
                .iter()
                .flatten()
                .map(|run| run.delimiter().len())
                .sum();
            let Some(left) = length.checked_sub(width) else {
                continue;
            };
            // Three open both, emphasis outside first (as CommonMark reads `***…***`).
            let ways: &[&'static [Run]] = match left {
                0 => &[&[]],
                1 => &[&[Run::Emphasis]],
                2 => &[&[Run::Strong]],
                3 => &[&[Run::Emphasis, Run::Strong], &[Run::Strong, Run::Emphasis]],
                _ => continue,
            };
            for &opened in ways {
                let fits = opened.is_empty()
                    || (can_open
                        && opened.iter().all(|run| !still_open.contains(&Some(*run)))
                        && popped.first().copied().flatten() != opened.first().copied());
                if fits {
                    return Some(Split {
                        swap,
                        closed,
                        opened,
                    });
                }
            }
        }
    }
    None
}

/// What `~~` does: close the innermost run (strikethrough) or open one.
fn strike_split(frames: &[Frame], can_open: bool, can_close: bool) -> Option<Split> {
    let innermost = frames.last()?;
    if can_close && innermost.run == Some(Run::Strike) && !innermost.content.is_empty() {
        return Some(Split {
            swap: false,
            closed: 1,
            opened: &[],
        });
    }
    let struck = frames.iter().any(|frame| frame.run == Some(Run::Strike));
    (can_open && !struck).then_some(Split {
        swap: false,
        closed: 0,
        opened: &[Run::Strike],
    })
}

/// Swaps the kinds of the two runs one `***` opened: the outer one is closed first, so it is
/// the inner one.
fn swap_pair(frames: &mut [Frame]) {
    let length = frames.len();
    if length >= 3 {
        let outer = frames[length - 2].run;
        frames[length - 2].run = frames[length - 1].run;
        frames[length - 1].run = outer;
        frames[length - 1].paired = false;
    }
}

fn push(frames: &mut [Frame], inline: Inline) {
    if let Some(frame) = frames.last_mut() {
        frame.content.push(inline);
    }
}

/// Closes the innermost run into the one around it.
fn close(frames: &mut Vec<Frame>) {
    if frames.len() < 2 {
        return;
    }
    if let Some(Frame {
        run: Some(run),
        content,
        ..
    }) = frames.pop()
    {
        push(frames, run.wrap(content));
    }
}

/// A run left open: its delimiter is text, its content the enclosing run's.
fn unwind(frames: &mut Vec<Frame>) {
    if frames.len() < 2 {
        return;
    }
    if let Some(Frame { run, content, .. }) = frames.pop() {
        push(
            frames,
            Inline::Text(run.map_or("", Run::delimiter).to_owned()),
        );
        if let Some(parent) = frames.last_mut() {
            parent.content.extend(content);
        }
    }
}

/// Content whose bold runs holding nothing but an italic run are italic runs of bold, the one
/// form Notion's `***…***` has.
pub fn italic_outside_bold(content: Vec<Inline>) -> Vec<Inline> {
    content
        .into_iter()
        .map(|inline| match inline {
            Inline::Strong(inner) => match <[Inline; 1]>::try_from(italic_outside_bold(inner)) {
                Ok([Inline::Emphasis(innermost)]) => {
                    Inline::Emphasis(vec![Inline::Strong(innermost)])
                }
                Ok(one) => Inline::Strong(one.into()),
                Err(many) => Inline::Strong(many),
            },
            other => other.map_content(italic_outside_bold),
        })
        .collect()
}
