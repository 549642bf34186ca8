//! Generated documents full of hostile text, shared by the converters' round-trip properties
//! (this crate's, and the providers' through the `strategies` feature, which only their
//! dev-dependencies turn on).
//!
//! [`document`] generates documents of what a format carries ([`Carried`]), so that a property
//! can ask for identity there: `read(write(document)) == document.normalized()`.

use crate::markdown::{
    Alignment, Block, Directory, Document, Inline, List, ListItem, Math, Mention, Table,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Pieces of text, many of them Markdown (or HTML) syntax that must come back literally.
pub const FRAGMENTS: &[&str] = &[
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

pub const HREFS: &[&str] = &[
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

pub const TITLES: &[Option<&str>] = &[None, Some("Title"), Some("a \"quoted\" \\ | title")];

pub const IDS: &[&str] = &[
    "5b10ac8d82e05b22cc7d4ef5",
    "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
    "3f2a9c1e-0000-4000-8000-00000000abcd",
];

pub const NAMES: &[&str] = &["", "Ada Lovelace", "Zoë [ops]", "x*y_z", "a|b"];

pub const LANGUAGES: &[Option<&str>] = &[
    None,
    Some("rust"),
    Some("c++"),
    Some("objective-c"),
    Some("we`ird"),
    Some("a\\b"),
];

/// Raw inline HTML: tags as Notion and HTML write them, and (hostile) text that is none.
pub const INLINE_HTML: &[&str] = &[
    "<span color=\"red\">",
    "</span>",
    "<u>",
    "</u>",
    "<mention-user url=\"user://3f2a9c1e\"/>",
    "<a href=\"https://x.io/?a=1&b=2\" title='q'>",
    "<!-- note -->",
    "<span\nclass=\"x\">",
];

/// Text passed off as inline HTML that is none (it must become text).
pub const NOT_INLINE_HTML: &[&str] = &["<notatag", "<a|b>", "<3", "<https://x.io>"];

/// HTML blocks whose elements are closed, as Notion writes its own blocks.
pub const HTML_BLOCKS: &[&str] = &[
    "<div>*not markdown* & <b></div>",
    "<callout icon=\"💡\" color=\"blue_bg\">\n\tInside **it** {\n</callout>",
    "<details>\n<summary>More</summary>\n\t- hidden\n</details>",
    "<!-- a comment -->",
    "<empty-block/>",
    "<mention-user url=\"user://3f2a9c1e\"/>",
    "<table-of-contents/>",
];

/// Text passed off as an HTML block that CommonMark would read otherwise: with a blank line,
/// indented, more after its end marker, or no HTML at all.
pub const NOT_HTML_BLOCKS: &[&str] = &[
    "<div>\n\nafter a blank line",
    "   <table>\n<tr><td>x</td></tr>",
    "<!-- a -->\nafter its end",
    "<!-- never closed",
    "no html <b>",
    "<span>x</span>",
];

/// TeX, some of it what Markdown cannot read back as maths (and must become text).
pub const TEX: &[&str] = &[
    "x^2",
    "E = mc^2",
    "\\frac{a}{b}",
    "a\\$b",
    " x ",
    "a$b",
    "{",
    "a|b",
    "a\nb",
    "",
];

/// Where list items may have a checkbox in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tasks {
    /// Any item of any list (Markdown).
    Anywhere,
    /// Items of bullet lists (Notion's to-dos), mixed with plain ones or not.
    InBulletLists,
    /// Whole bullet lists of tasks whose items hold a paragraph and nested task lists only
    /// (Confluence's `<ac:task-list>`, ADF's `taskList`).
    WholeListsOfText,
}

/// What a format can hold, so that a property asks for identity only there.
#[derive(Clone, Copy, Debug)]
pub struct Carried {
    /// Tables, and whether their columns' alignment.
    pub tables: bool,
    pub alignments: bool,
    /// The directories whose mentions it holds.
    pub directories: &'static [Directory],
    /// Line breaks and tabs inside text (HTML shows them as spaces).
    pub line_breaks_in_text: bool,
    /// Raw HTML and maths kept as such (formats that cannot hold them write them as text).
    pub raw: bool,
    /// Also raw HTML that is none or that CommonMark would read otherwise, which
    /// normalization makes text (only Markdown reads exactly what normalization assumes).
    pub hostile_raw: bool,
    /// Images.
    pub images: bool,
    /// Where checkboxes stand.
    pub tasks: Tasks,
}

impl Carried {
    /// Everything: Markdown.
    pub const MARKDOWN: Carried = Carried {
        tables: true,
        alignments: true,
        directories: &Directory::ALL,
        line_breaks_in_text: true,
        raw: true,
        hostile_raw: true,
        images: true,
        tasks: Tasks::Anywhere,
    };
}

fn concat(pieces: Vec<&str>) -> String {
    pieces.concat()
}

/// Hostile text of any shape.
pub fn text(carried: Carried) -> impl Strategy<Value = String> {
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

fn inline_html(carried: Carried) -> BoxedStrategy<Inline> {
    let mut samples = INLINE_HTML.to_vec();
    if carried.hostile_raw {
        samples.extend(NOT_INLINE_HTML);
    }
    select(samples)
        .prop_map(|html| Inline::Html(html.to_owned()))
        .boxed()
}

fn math() -> impl Strategy<Value = Inline> {
    (any::<bool>(), select(TEX)).prop_map(|(display, tex)| {
        Inline::Math(Math {
            display,
            tex: tex.to_owned(),
        })
    })
}

/// Inline content, nested up to three levels.
pub fn inlines(carried: Carried) -> impl Strategy<Value = Vec<Inline>> {
    let mut leaves = vec![
        (6, text(carried).prop_map(Inline::Text).boxed()),
        (
            2,
            text(carried)
                .prop_map(|code| Inline::Code(code.replace('\n', " ")))
                .boxed(),
        ),
        (1, Just(Inline::HardBreak).boxed()),
    ];
    if !carried.directories.is_empty() {
        leaves.push((1, mention(carried).boxed()));
    }
    if carried.images {
        let image = (select(HREFS), text(carried), select(TITLES)).prop_map(|(src, alt, title)| {
            Inline::Image {
                src: src.into(),
                alt: alt.replace('\n', " "),
                title: title.map(str::to_owned),
            }
        });
        leaves.push((1, image.boxed()));
    }
    if carried.raw {
        leaves.push((1, inline_html(carried)));
        leaves.push((1, math().boxed()));
    }
    let leaf = prop::strategy::Union::new_weighted(leaves);
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
pub fn blocks(carried: Carried) -> impl Strategy<Value = Vec<Block>> {
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
    if carried.raw {
        let mut samples = HTML_BLOCKS.to_vec();
        if carried.hostile_raw {
            samples.extend(NOT_HTML_BLOCKS);
        }
        leaves.push((
            1,
            select(samples)
                .prop_map(|html| Block::Html(html.to_owned()))
                .boxed(),
        ));
    }
    let leaf = prop::strategy::Union::new_weighted(leaves);
    let block = leaf.prop_recursive(3, 24, 4, move |inner| {
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
            .prop_map(move |(start, mut items, all_tasks)| {
                if all_tasks {
                    for item in &mut items {
                        item.task.get_or_insert(false);
                    }
                }
                Block::List(place_checkboxes(List { start, items }, carried.tasks))
            });
        prop_oneof![
            3 => list,
            1 => prop::collection::vec(inner, 0..3).prop_map(Block::Quote),
        ]
    });
    prop::collection::vec(block, 1..6)
}

/// A list with its checkboxes where `tasks` allows them.
fn place_checkboxes(mut list: List, tasks: Tasks) -> List {
    let has_tasks = list.items.iter().any(|item| item.task.is_some());
    match tasks {
        Tasks::Anywhere => {}
        Tasks::InBulletLists => {
            if list.start.is_some() {
                for item in &mut list.items {
                    item.task = None;
                }
            }
        }
        Tasks::WholeListsOfText if has_tasks => {
            list.start = None;
            for item in &mut list.items {
                item.task.get_or_insert(false);
                let mut blocks = std::mem::take(&mut item.blocks).into_iter();
                let first = blocks.next();
                if let Some(first @ Block::Paragraph(_)) = &first {
                    item.blocks.push(first.clone());
                }
                item.blocks.extend(
                    first
                        .into_iter()
                        .chain(blocks)
                        .filter(|block| matches!(block, Block::List(list) if list.is_task_list())),
                );
            }
        }
        Tasks::WholeListsOfText => {}
    }
    list
}

/// A document of what `carried` holds.
pub fn document(carried: Carried) -> impl Strategy<Value = Document> {
    blocks(carried).prop_map(|blocks| Document { blocks })
}
