//! Property tests: generated documents with hostile text (`<`, `&`, `]]>`, quotes,
//! backslashes, Markdown's own punctuation) written as Markdown read back as the same
//! document, and written as storage format read back as the same document; so Markdown →
//! storage → Markdown gives back the same Markdown.

use super::doc::joined;
use super::*;
use proptest::prelude::*;

const HOSTILE: &[&str] = &[
    "<", ">", "&", "&amp;", "&lt;", "]]>", "\"", "'", "\\", "*", "_", "[", "]", "`", "#", "|", "~",
    "@", "!", "-", "+", "=", "1.", "2)", "<b>", "<!--", "{", "}", "(", ")", ":", "&#39;",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9]{1,6}",
        2 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        1 => "[a-zé€]{1,3}",
    ]
}

/// Text of tokens, each glued to the last or after one space; never blank at its edges.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), any::<bool>()), 1..6).prop_map(|tokens| {
        let mut out = String::new();
        for (index, (token, spaced)) in tokens.into_iter().enumerate() {
            if index > 0 && spaced {
                out.push(' ');
            }
            out.push_str(&token);
        }
        out
    })
}

/// Text that starts and ends with a letter or digit: the inside of a bold, italic or struck
/// run (CommonMark's flanking rules decide the rest).
fn word_bounded() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9]{1,4}",
        proptest::option::of(text()),
        "[a-zA-Z0-9]{1,4}",
    )
        .prop_map(|(first, middle, last)| match middle {
            Some(middle) => format!("{first}{middle}{last}"),
            None => format!("{first} {last}"),
        })
}

fn inline(in_cell: bool) -> impl Strategy<Value = Inline> {
    let text_of = |text: String| vec![Inline::Text(text)];
    let mut choices = vec![
        (4, text().prop_map(Inline::Text).boxed()),
        (
            1,
            word_bounded()
                .prop_map(move |t| Inline::Strong(text_of(t)))
                .boxed(),
        ),
        (
            1,
            word_bounded()
                .prop_map(move |t| Inline::Emphasis(text_of(t)))
                .boxed(),
        ),
        (
            1,
            word_bounded()
                .prop_map(move |t| Inline::Strike(text_of(t)))
                .boxed(),
        ),
        (
            1,
            ("[a-z]{1,5}", "[a-z0-9&\"'()\\\\ <>]{0,6}", word_bounded())
                .prop_map(move |(host, path, shown)| Inline::Link {
                    href: format!("https://{host}.example/{path}"),
                    children: text_of(shown),
                })
                .boxed(),
        ),
        (
            1,
            (
                "[0-9]{6}:[a-f0-9-]{1,12}",
                proptest::option::of(word_bounded()),
            )
                .prop_map(|(account, name)| Inline::Mention {
                    account,
                    name: name.unwrap_or_default(),
                })
                .boxed(),
        ),
    ];
    if !in_cell {
        let code = "[a-z<>&\"'\\\\*_`\\]\\[]{1,8}"
            .prop_filter("not blank at both edges", |code: &String| {
                !code.starts_with(' ') && !code.ends_with(' ')
            });
        choices.push((1, code.prop_map(Inline::Code).boxed()));
    }
    proptest::strategy::Union::new_weighted(choices)
}

/// Inlines separated by spaces, so no run touches a neighbour.
fn inlines(in_cell: bool) -> impl Strategy<Value = Vec<Inline>> {
    prop::collection::vec(inline(in_cell), 1..4).prop_map(|parts| {
        let mut out = Vec::new();
        for (index, part) in parts.into_iter().enumerate() {
            if index > 0 {
                out.push(Inline::Text(" ".into()));
            }
            out.push(part);
        }
        joined(out)
    })
}

fn paragraph() -> impl Strategy<Value = Block> {
    (inlines(false), proptest::option::of(inlines(false))).prop_map(|(first, after_break)| {
        let mut all = first;
        if let Some(rest) = after_break {
            all.push(Inline::Break);
            all.extend(rest);
        }
        Block::Paragraph(joined(all))
    })
}

fn task() -> impl Strategy<Value = Task> {
    let leaf = (any::<bool>(), inlines(false)).prop_map(|(done, body)| Task {
        done,
        body,
        children: Vec::new(),
    });
    (
        any::<bool>(),
        inlines(false),
        prop::collection::vec(leaf, 0..3),
    )
        .prop_map(|(done, body, children)| Task {
            done,
            body,
            children,
        })
}

fn code_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            text(),
            Just("```".to_owned()),
            Just("]]>".to_owned()),
            Just(String::new())
        ],
        1..4,
    )
    .prop_map(|lines| lines.join("\n"))
}

fn block() -> impl Strategy<Value = Block> {
    let item = (
        paragraph(),
        proptest::option::of(prop::collection::vec(inlines(false), 1..3)),
    )
        .prop_map(|(first, nested)| {
            let mut blocks = vec![first];
            if let Some(nested) = nested {
                blocks.push(Block::List {
                    start: None,
                    items: nested
                        .into_iter()
                        .map(|i| vec![Block::Paragraph(i)])
                        .collect(),
                });
            }
            blocks
        });
    prop_oneof![
        4 => paragraph(),
        1 => (1u8..=6, inlines(false)).prop_map(|(level, inlines)| Block::Heading(level, inlines)),
        2 => (proptest::option::of(1u64..5), prop::collection::vec(item, 1..4))
            .prop_map(|(start, items)| Block::List { start, items }),
        2 => prop::collection::vec(task(), 1..4).prop_map(Block::Tasks),
        1 => (1usize..4, 1usize..4).prop_flat_map(|(width, height)| {
            prop::collection::vec(prop::collection::vec(inlines(true), width), height)
        }).prop_map(Block::Table),
        1 => (prop_oneof![Just(String::new()), "[a-z]{1,6}"], code_text())
            .prop_map(|(language, text)| Block::Code { language, text }),
        1 => prop::collection::vec(paragraph(), 1..3).prop_map(Block::Quote),
        1 => Just(Block::Rule),
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    prop::collection::vec(block(), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn markdown_reads_back_as_the_document_it_was_written_from(doc in doc()) {
        let markdown = write_markdown(&doc);
        prop_assert_eq!(read_markdown(&markdown), doc, "{}", markdown);
    }

    #[test]
    fn storage_format_reads_back_as_the_document_it_was_written_from(doc in doc()) {
        let storage = write_storage(&doc);
        let reading = read(&storage);
        prop_assert_eq!(&reading.unkept, &Vec::<String>::new());
        prop_assert_eq!(reading.doc, doc, "{}", storage);
    }

    #[test]
    fn markdown_through_storage_gives_back_the_same_markdown(doc in doc()) {
        let markdown = write_markdown(&doc);
        let storage = from_markdown(&markdown);
        prop_assert_eq!(to_markdown(&storage), markdown.clone(), "{}", storage);
        prop_assert_eq!(from_markdown(&to_markdown(&storage)), storage);
    }
}
