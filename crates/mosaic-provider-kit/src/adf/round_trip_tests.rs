//! ADF → Markdown → ADF over generated documents, and Markdown → ADF → Markdown examples.

use super::{adf_to_markdown, markdown_to_adf};
// The hostile text, links and code languages every converter's properties share.
use crate::markdown::strategies::{FRAGMENTS, HREFS, LANGUAGES, TITLES};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

const ACCOUNT_IDS: &[&str] = &[
    "5b10ac8d82e05b22cc7d4ef5",
    "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
];

const NAMES: &[Option<&str>] = &[
    None,
    Some("@Ada Lovelace"),
    Some("@Zoë [ops]"),
    Some("@x*y_z"),
];

/// The shared hostile fragments without line breaks: ADF's text holds a line break only as a
/// `hardBreak` node, which is generated on its own.
fn one_line_fragments() -> Vec<&'static str> {
    FRAGMENTS
        .iter()
        .copied()
        .filter(|fragment| !fragment.contains('\n'))
        .collect()
}

fn concat(pieces: Vec<&str>) -> String {
    pieces.concat()
}

/// Hostile text of any shape.
fn plain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(one_line_fragments()), 1..6).prop_map(concat)
}

/// Text for a bold, italic or struck run: Markdown only reads a delimiter as emphasis next to
/// a word character, so the run starts and ends with one; anything may stand between.
fn run_text() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9é]{1,5}",
        prop::collection::vec(select(one_line_fragments()), 0..3),
        "[a-zA-Z0-9é]{1,5}",
    )
        .prop_map(|(first, middle, last)| format!("{first}{}{last}", middle.concat()))
}

fn link() -> impl Strategy<Value = Value> {
    (select(HREFS), select(TITLES)).prop_map(|(href, title)| {
        let mut attrs = Map::new();
        attrs.insert("href".into(), href.into());
        if let Some(title) = title {
            attrs.insert("title".into(), title.into());
        }
        json!({ "type": "link", "attrs": attrs })
    })
}

fn text_node(text: String, marks: Vec<Value>) -> Value {
    if marks.is_empty() {
        json!({ "type": "text", "text": text })
    } else {
        json!({ "type": "text", "text": text, "marks": marks })
    }
}

fn inline_node() -> impl Strategy<Value = Value> {
    let plain = plain_text().prop_map(|text| text_node(text, Vec::new()));
    let formatted = (
        run_text(),
        any::<(bool, bool, bool)>(),
        prop::option::of(link()),
    )
        .prop_map(|(text, (strong, em, strike), link)| {
            let mut marks = Vec::new();
            for (on, name) in [(strong, "strong"), (em, "em"), (strike, "strike")] {
                if on {
                    marks.push(json!({ "type": name }));
                }
            }
            marks.extend(link);
            text_node(text, marks)
        });
    // Code holding `]:` at the start of a linked paragraph loses its code mark (see
    // `keep_clear_of_link_definitions`); that case has its own test.
    let code_text = plain_text().prop_filter("no `]:`", |text| !text.contains("]:"));
    let code = (code_text, prop::option::of(link())).prop_map(|(text, link)| {
        let mut marks = vec![json!({ "type": "code" })];
        marks.extend(link);
        text_node(text, marks)
    });
    let mention = (select(ACCOUNT_IDS), select(NAMES)).prop_map(|(id, name)| {
        let mut attrs = Map::new();
        attrs.insert("id".into(), id.into());
        if let Some(name) = name {
            attrs.insert("text".into(), name.into());
        }
        json!({ "type": "mention", "attrs": attrs })
    });
    prop_oneof![
        4 => plain,
        4 => formatted,
        2 => code,
        1 => mention,
        1 => Just(json!({ "type": "hardBreak" })),
    ]
}

/// Inline content; a hard break has no Markdown form at either end of a paragraph.
fn inline_content(hard_breaks: bool) -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec(inline_node(), 1..7).prop_map(move |mut content| {
        if !hard_breaks {
            content.retain(|node| node["type"] != "hardBreak");
        }
        while content
            .first()
            .is_some_and(|node| node["type"] == "hardBreak")
        {
            content.remove(0);
        }
        while content
            .last()
            .is_some_and(|node| node["type"] == "hardBreak")
        {
            content.pop();
        }
        if content.is_empty() {
            content.push(json!({ "type": "text", "text": "x" }));
        }
        content
    })
}

fn paragraph() -> impl Strategy<Value = Value> {
    inline_content(true).prop_map(|content| json!({ "type": "paragraph", "content": content }))
}

fn heading() -> impl Strategy<Value = Value> {
    (1..=6u8, inline_content(false)).prop_map(|(level, content)| {
        json!({ "type": "heading", "attrs": { "level": level }, "content": content })
    })
}

fn code_block() -> impl Strategy<Value = Value> {
    let line = prop::collection::vec(select(one_line_fragments()), 0..4).prop_map(concat);
    (
        select(LANGUAGES),
        prop::collection::vec(line, 0..4),
        any::<bool>(),
    )
        .prop_map(|(language, lines, final_newline)| {
            let mut text = lines.join("\n");
            if final_newline && !text.is_empty() {
                text.push('\n');
            }
            let mut node = Map::new();
            node.insert("type".into(), "codeBlock".into());
            if let Some(language) = language {
                node.insert("attrs".into(), json!({ "language": language }));
            }
            let content = if text.is_empty() {
                json!([])
            } else {
                json!([{ "type": "text", "text": text }])
            };
            node.insert("content".into(), content);
            Value::Object(node)
        })
}

fn list(items: impl Strategy<Value = Vec<Vec<Value>>>) -> impl Strategy<Value = Value> {
    (items, prop::option::of(0..=30u64)).prop_map(|(items, order)| {
        let items: Vec<Value> = items
            .into_iter()
            .map(|content| json!({ "type": "listItem", "content": content }))
            .collect();
        match order {
            Some(order) => {
                json!({ "type": "orderedList", "attrs": { "order": order }, "content": items })
            }
            None => json!({ "type": "bulletList", "content": items }),
        }
    })
}

/// Blocks that may stand in a list item or a quote, nested up to three lists deep.
fn nested_block() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![3 => paragraph(), 1 => code_block()];
    leaf.prop_recursive(3, 24, 4, |inner| {
        let item = (paragraph(), prop::collection::vec(inner, 0..3)).prop_map(|(first, rest)| {
            let mut content = vec![first];
            content.extend(rest);
            content
        });
        prop_oneof![
            3 => paragraph(),
            1 => code_block(),
            3 => list(prop::collection::vec(item, 1..4)),
        ]
    })
}

fn top_block() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => paragraph(),
        2 => heading(),
        2 => code_block(),
        1 => Just(json!({ "type": "rule" })),
        4 => nested_block(),
        2 => prop::collection::vec(nested_block(), 1..4)
            .prop_map(|content| json!({ "type": "blockquote", "content": content })),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    prop::collection::vec(top_block(), 1..6)
        .prop_map(|content| json!({ "type": "doc", "version": 1, "content": content }))
}

/// The canonical form of a document: marks sorted, neighbouring text nodes with the same marks
/// joined, absent content as an empty list.
fn normalize(node: &Value) -> Value {
    let Some(object) = node.as_object() else {
        return node.clone();
    };
    let mut object = object.clone();
    if let Some(Value::Array(marks)) = object.get_mut("marks") {
        marks.sort_by_key(|mark| mark["type"].as_str().unwrap_or_default().to_owned());
    }
    if object
        .get("marks")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        object.remove("marks");
    }
    if object.get("type").and_then(Value::as_str) != Some("text") {
        let children = object
            .get("content")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut merged: Vec<Value> = Vec::new();
        for child in children.iter().map(normalize) {
            if let Some(previous) = merged.last_mut()
                && previous["type"] == "text"
                && child["type"] == "text"
                && previous.get("marks") == child.get("marks")
            {
                let joined = format!(
                    "{}{}",
                    previous["text"].as_str().unwrap_or_default(),
                    child["text"].as_str().unwrap_or_default()
                );
                previous["text"] = joined.into();
                continue;
            }
            merged.push(child);
        }
        if !matches!(
            object.get("type").and_then(Value::as_str),
            Some("rule" | "hardBreak" | "mention")
        ) {
            object.insert("content".into(), Value::Array(merged));
        }
    }
    Value::Object(object)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn adf_to_markdown_and_back_is_the_same_document(document in document()) {
        let markdown = adf_to_markdown(&document).unwrap();
        let back = markdown_to_adf(&markdown);
        prop_assert_eq!(
            normalize(&back),
            normalize(&document),
            "Markdown was:\n{}",
            markdown
        );
    }

    #[test]
    fn any_markdown_converts_and_converts_back_without_error(markdown in "(?s).{0,200}") {
        let adf = markdown_to_adf(&markdown);
        prop_assert!(adf_to_markdown(&adf).is_ok());
    }
}

/// Markdown → ADF → Markdown for Markdown written the way the converter writes it.
#[test]
fn canonical_markdown_survives_a_trip_through_adf() {
    let examples = [
        "Plain text with **bold**, _italic_, ~~struck~~ and `code`.",
        "# Title\n\n## Subtitle with [a link](https://example.com \"Example\")\n\n###### Six",
        "- one\n- two\n  - nested **bold**\n    1. deep\n- three",
        "3. three\n4. four",
        "- a\n\n* b",
        "1. a\n\n1) b",
        "```rust\nfn main() {\n    println!(\"hi\");\n}\n```",
        "~~~we`ird\nx\n~~~",
        "> quoted\n>\n> - list in quote\n>\n> ```\n> code in quote\n> ```",
        "before\n\n___\n\nafter",
        "line one\\\nline two",
        "Ping @[Ada Lovelace](accountid:5b10ac8d82e05b22cc7d4ef5) about @[](accountid:557058:f58131cb)",
        "\\*literal\\* \\_chars\\_ \\[not\\](a link) \\`tick\\` \\<b> 2 \\~\\~ a\\\\b",
        "\\# not a heading\n\n\\> not a quote\n\n1\\. not a list\n\n\\- not a bullet\n\n\\+ nor this",
        "&#32;&#32;spaces kept&#32;",
        "[link with `code`](<https://example.com/with space>)",
        "- item\n\n  second paragraph\n\n- next",
    ];
    for markdown in examples {
        let adf = markdown_to_adf(markdown);
        assert_eq!(adf_to_markdown(&adf).unwrap(), markdown, "ADF was {adf}");
    }
}

/// Markdown written another way comes back in the converter's own style, meaning the same.
#[test]
fn other_markdown_comes_back_in_canonical_form() {
    let examples = [
        ("__bold__ *em*", "**bold** _em_"),
        ("* a\n* b", "- a\n- b"),
        ("Title\n=====", "# Title"),
        ("soft\nbreak", "soft break"),
        ("hard  \nbreak", "hard\\\nbreak"),
        ("    indented code", "```\nindented code\n```"),
        ("***", "___"),
        (
            "[ref]\n\n[ref]: https://example.com",
            "[ref](https://example.com)",
        ),
        (
            "<https://example.com>",
            "[https://example.com](https://example.com)",
        ),
        ("1. a\n1. b\n1. c", "1. a\n2. b\n3. c"),
    ];
    for (markdown, canonical) in examples {
        let adf = markdown_to_adf(markdown);
        assert_eq!(
            adf_to_markdown(&adf).unwrap(),
            canonical,
            "from {markdown:?}"
        );
        assert_eq!(markdown_to_adf(canonical), adf, "{canonical:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// What ADF carries is what reading ADF gives: on those documents model → ADF → model and
    /// model → Markdown → model are the identity.
    #[test]
    fn documents_read_from_adf_survive_adf_and_markdown(document in document()) {
        use crate::adf::{read_document, write_document};
        use crate::markdown::{Emphasis, Style, parse, render};
        let model = read_document(&document).unwrap();
        prop_assert_eq!(read_document(&write_document(&model)).unwrap(), model.clone());
        let style = Style { emphasis: Emphasis::Underscore };
        prop_assert_eq!(parse(&render(&model, style)), model);
    }
}
