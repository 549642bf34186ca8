//! Round trips over generated pages: a page of blocks with hostile text (every ASCII
//! punctuation character, Unicode, emoji) is written in both dialects, and converting either
//! writing must give exactly the other — so a page read from Notion and written back, or
//! written by a caller and read back, comes out as it went in.

use super::blocks::{Block, Marker};
use super::inline::Seg;
use super::{commonmark, notion, to_commonmark, to_notion};
use proptest::prelude::*;

/// A word of hostile text: printable characters, punctuation and Unicode, no whitespace.
fn word() -> impl Strategy<Value = Vec<Seg>> {
    let ascii_punctuation: Vec<char> = (0x21u8..0x7f)
        .map(char::from)
        .filter(char::is_ascii_punctuation)
        .collect();
    let hostile = prop_oneof![
        4 => proptest::sample::select(ascii_punctuation),
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('0', '9'),
        1 => proptest::sample::select(vec!['é', 'ß', '中', '😀', '—', '«', '»', '\u{200b}']),
    ];
    proptest::collection::vec(hostile, 1..8)
        .prop_map(|chars| chars.into_iter().map(Seg::Lit).collect())
}

/// Markup both dialects write alike, around or beside words.
fn piece() -> impl Strategy<Value = Vec<Seg>> {
    let markup = |text: &str| Seg::Markup(text.to_owned());
    prop_oneof![
        6 => word(),
        1 => word().prop_map(move |w| [vec![markup("**")], w, vec![markup("**")]].concat()),
        1 => word().prop_map(move |w| [vec![markup("~~")], w, vec![markup("~~")]].concat()),
        1 => "[a-z_{}$*]{1,6}".prop_map(move |code| vec![markup(&format!("`{code}`"))]),
        1 => "[a-z^{}_]{1,6}".prop_map(move |math| vec![markup(&format!("${math}$"))]),
        1 => word().prop_map(move |w| [vec![markup("[")], w, vec![markup("](https://example.com/a_b?c=$d)")]].concat()),
        1 => word().prop_map(move |w| [vec![markup("<span color=\"red\">")], w, vec![markup("</span>")]].concat()),
    ]
}

/// A block's text: pieces apart by single spaces.
fn text() -> impl Strategy<Value = Vec<Seg>> {
    proptest::collection::vec(piece(), 1..5).prop_map(|pieces| {
        let mut segs = Vec::new();
        for (index, piece) in pieces.into_iter().enumerate() {
            if index > 0 {
                segs.push(Seg::Lit(' '));
            }
            segs.extend(piece);
        }
        segs
    })
}

fn code() -> impl Strategy<Value = Block> {
    (
        "[a-z]{0,6}",
        proptest::collection::vec("([!-~][ -~]{0,12})?", 0..4),
    )
        .prop_map(|(info, lines)| Block::Code { info, lines })
}

fn native() -> impl Strategy<Value = Block> {
    let lines =
        |lines: &[&str]| Block::Native(lines.iter().map(|line| (*line).to_owned()).collect());
    prop_oneof![
        Just(lines(&[
            "<callout icon=\"💡\" color=\"blue_bg\">",
            "\tInside **it** {",
            "</callout>"
        ])),
        Just(lines(&["<empty-block/>"])),
        Just(lines(&["$$", "E = mc^2 \\{x\\}", "$$"])),
        Just(lines(&[
            "<details>",
            "<summary>More</summary>",
            "\t- hidden",
            "</details>"
        ])),
    ]
}

fn leaf() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => text().prop_map(Block::Paragraph),
        1 => (1usize..=6, text()).prop_map(|(level, text)| Block::Heading { level, text }),
        1 => text().prop_map(Block::Quote),
        1 => Just(Block::Divider),
        1 => code(),
        1 => native(),
    ]
}

fn marker() -> impl Strategy<Value = Marker> {
    prop_oneof![
        Just(Marker::Bullet),
        (1u32..1000).prop_map(Marker::Ordered),
        any::<bool>().prop_map(Marker::Task),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        (marker(), text(), proptest::collection::vec(inner, 0..4)).prop_map(
            |(marker, text, children)| Block::Item {
                marker,
                text,
                children,
            },
        )
    })
}

fn page() -> impl Strategy<Value = Vec<Block>> {
    proptest::collection::vec(block(), 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn notions_writing_converts_to_exactly_the_commonmark_one(page in page()) {
        prop_assert_eq!(to_commonmark(&notion::write(&page)), commonmark::write(&page));
    }

    #[test]
    fn the_commonmark_writing_converts_to_exactly_notions(page in page()) {
        prop_assert_eq!(to_notion(&commonmark::write(&page)), notion::write(&page));
    }

    #[test]
    fn any_text_converts_both_ways_without_panicking(text in "[ -~\t\n]{0,200}") {
        // Whatever a caller or Notion sends, conversion ends, and what it writes stays within
        // a bound of what it read (escapes and blank lines only add a little).
        let commonmark = to_commonmark(&text);
        let notion = to_notion(&text);
        prop_assert!(commonmark.len() <= text.len() * 4 + 64);
        prop_assert!(notion.len() <= text.len() * 4 + 64);
    }
}
