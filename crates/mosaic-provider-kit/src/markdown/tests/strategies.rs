//! Generated documents full of hostile text, shared by the converters' round-trip properties.

use crate::markdown::{
    Alignment, Block, Directory, Document, Inline, List, ListItem, Mention, Table,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Pieces of text, many of them Markdown (or HTML) syntax that must come back literally.
pub(crate) const FRAGMENTS: &[&str] = &[
    "word",
    "Ünïcødé",
    "日本語",
    "🦀",
    " ",
    "  ",
    "*",
    "**",
    "_",
    "__",
    "[",
    "]",
    "(",
    ")",
    "#",
    "##",
    ">",
    "`",
    "```",
    "\\",
    "\\\\",
    "1.",
    "2)",
    "10.",
    "-",
    "---",
    "+",
    "=",
    "===",
    "~",
    "~~",
    "<",
    "&amp;",
    "&#35;",
    "&",
    "!",
    "![",
    "@",
    "|",
    ":",
    "\"",
    "'",
    "\t",
    "$",
    "{",
    "}",
    "^",
    "a.b",
    "<div>",
    "https://x.io",
    "\u{a0}",
    "* * *",
    "- [ ]",
    "[x]",
    "- [x] ",
    "[x]: /url",
    "a\nb",
    ":--",
    "| --- |",
];

pub(crate) const HREFS: &[&str] = &[
    "https://example.com/a?b=1&c=2",
    "https://example.com/(paren)",
    "https://example.com/with space",
    "https://example.com/<angle>",
    "https://example.com/back\\slash",
    "https://example.com/&amp;",
    "https://example.com/a|b",
    "mailto:ada@example.com",
    "/relative/path",
];

pub(crate) const TITLES: &[Option<&str>] = &[None, Some("Title"), Some("a \"quoted\" \\ | title")];

pub(crate) const IDS: &[&str] = &[
    "5b10ac8d82e05b22cc7d4ef5",
    "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
    "3f2a9c1e-0000-4000-8000-00000000abcd",
];

pub(crate) const NAMES: &[&str] = &["", "Ada Lovelace", "Zoë [ops]", "x*y_z", "a|b"];

pub(crate) const LANGUAGES: &[Option<&str>] = &[
    None,
    Some("rust"),
    Some("c++"),
    Some("objective-c"),
    Some("we`ird"),
    Some("a\\b"),
];

/// What a format can hold, so that a property asks for identity only there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Carried {
    /// Tables, and whether their columns' alignment.
    pub tables: bool,
    pub alignments: bool,
    /// The directories whose mentions it holds.
    pub directories: &'static [Directory],
    /// Line breaks and tabs inside text (HTML shows them as spaces).
    pub line_breaks_in_text: bool,
}

impl Carried {
    /// Everything: Markdown.
    pub(crate) const MARKDOWN: Carried = Carried {
        tables: true,
        alignments: true,
        directories: &Directory::ALL,
        line_breaks_in_text: true,
    };
}

fn concat(pieces: Vec<&str>) -> String {
    pieces.concat()
}

/// Hostile text of any shape.
pub(crate) fn text(carried: Carried) -> impl Strategy<Value = String> {
    prop::collection::vec(select(FRAGMENTS), 1..6).prop_map(move |pieces| {
        let text = concat(pieces);
        if carried.line_breaks_in_text {
            text
        } else {
            text.replace(['\n', '\t'], " ")
        }
    })
}

fn mention(carried: Carried) -> impl Strategy<Value = Inline> {
    (select(carried.directories), select(IDS), select(NAMES)).prop_map(|(directory, id, name)| {
        Inline::Mention(Mention {
            directory,
            id: id.to_owned(),
            name: name.to_owned(),
        })
    })
}

/// Inline content, nested up to three levels.
pub(crate) fn inlines(carried: Carried) -> impl Strategy<Value = Vec<Inline>> {
    let leaf = prop_oneof![
        6 => text(carried).prop_map(Inline::Text),
        2 => text(carried).prop_map(|code| Inline::Code(code.replace('\n', " "))),
        1 => Just(Inline::HardBreak),
        1 => mention(carried),
        1 => (select(HREFS), text(carried), select(TITLES)).prop_map(|(src, alt, title)| {
            Inline::Image { src: src.into(), alt: alt.replace('\n', " "), title: title.map(str::to_owned) }
        }),
    ];
    let inline = leaf.prop_recursive(3, 16, 4, move |inner| {
        let content = prop::collection::vec(inner, 1..4);
        prop_oneof![
            2 => content.clone().prop_map(Inline::Emphasis),
            2 => content.clone().prop_map(Inline::Strong),
            1 => content.clone().prop_map(Inline::Strikethrough),
            2 => (select(HREFS), select(TITLES), content).prop_map(|(href, title, content)| {
                Inline::Link { href: href.into(), title: title.map(str::to_owned), content }
            }),
        ]
    });
    prop::collection::vec(inline, 1..6)
}

fn table(carried: Carried) -> impl Strategy<Value = Block> {
    (1..4usize, 0..3usize).prop_flat_map(move |(width, height)| {
        let alignment = if carried.alignments {
            select(vec![
                Alignment::None,
                Alignment::Left,
                Alignment::Center,
                Alignment::Right,
            ])
            .boxed()
        } else {
            Just(Alignment::None).boxed()
        };
        let cell =
            || prop::collection::vec(inlines(carried), 0..2).prop_map(|cells| cells.concat());
        (
            prop::collection::vec(alignment, width),
            prop::collection::vec(cell(), width),
            prop::collection::vec(prop::collection::vec(cell(), width), height),
        )
            .prop_map(|(alignments, header, rows)| {
                Block::Table(Table {
                    alignments,
                    header,
                    rows,
                })
            })
    })
}

fn code_block() -> impl Strategy<Value = Block> {
    let line = prop::collection::vec(select(FRAGMENTS), 0..4).prop_map(concat);
    (select(LANGUAGES), prop::collection::vec(line, 0..4)).prop_map(|(language, lines)| {
        Block::Code {
            language: language.map(str::to_owned),
            text: lines.join("\n"),
        }
    })
}

/// Blocks nested up to three levels deep.
pub(crate) fn blocks(carried: Carried) -> impl Strategy<Value = Vec<Block>> {
    let mut leaves = vec![
        (4, inlines(carried).prop_map(Block::Paragraph).boxed()),
        (
            2,
            (1..=6u8, inlines(carried))
                .prop_map(|(level, content)| Block::Heading { level, content })
                .boxed(),
        ),
        (2, code_block().boxed()),
        (1, Just(Block::Rule).boxed()),
    ];
    if carried.tables {
        leaves.push((1, table(carried).boxed()));
    }
    let leaf = prop::strategy::Union::new_weighted(leaves);
    let block = leaf.prop_recursive(3, 24, 4, |inner| {
        // Empty items are tested in the examples: one ending a quote inside an item followed
        // by more of that item is read (by pulldown-cmark) as ending the outer list.
        let item = (
            prop::option::of(any::<bool>()),
            prop::collection::vec(inner.clone(), 1..3),
        )
            .prop_map(|(task, blocks)| ListItem { task, blocks });
        let list = (
            prop::option::of(prop_oneof![
                Just(0u64),
                Just(1),
                2..40u64,
                Just(999_999_990)
            ]),
            prop::collection::vec(item, 1..4),
            any::<bool>(),
        )
            .prop_map(|(start, mut items, all_tasks)| {
                if all_tasks {
                    for item in &mut items {
                        item.task.get_or_insert(false);
                    }
                }
                Block::List(List { start, items })
            });
        prop_oneof![
            3 => list,
            1 => prop::collection::vec(inner, 0..3).prop_map(Block::Quote),
        ]
    });
    prop::collection::vec(block, 1..6)
}

/// A document of what `carried` holds.
pub(crate) fn document(carried: Carried) -> impl Strategy<Value = Document> {
    blocks(carried).prop_map(|blocks| Document { blocks })
}
