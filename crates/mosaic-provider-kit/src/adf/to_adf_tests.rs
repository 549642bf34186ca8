use super::markdown_to_adf;
use serde_json::{Value, json};

fn doc(content: Value) -> Value {
    json!({ "type": "doc", "version": 1, "content": content })
}

fn text(text: &str) -> Value {
    json!({ "type": "text", "text": text })
}

fn marked(text: &str, marks: Value) -> Value {
    json!({ "type": "text", "text": text, "marks": marks })
}

fn paragraph(content: Value) -> Value {
    json!({ "type": "paragraph", "content": content })
}

#[test]
fn inline_marks_and_links() {
    let adf = markdown_to_adf(
        "Plain **bold** *em* ~~gone~~ `co*de` [site](https://example.com/a?b=1&c=2 \"Title\") \
         ***both***",
    );
    assert_eq!(
        adf,
        doc(json!([paragraph(json!([
            text("Plain "),
            marked("bold", json!([{ "type": "strong" }])),
            text(" "),
            marked("em", json!([{ "type": "em" }])),
            text(" "),
            marked("gone", json!([{ "type": "strike" }])),
            text(" "),
            marked("co*de", json!([{ "type": "code" }])),
            text(" "),
            marked(
                "site",
                json!([{ "type": "link", "attrs": { "href": "https://example.com/a?b=1&c=2", "title": "Title" } }])
            ),
            text(" "),
            marked("both", json!([{ "type": "strong" }, { "type": "em" }])),
        ]))]))
    );
}

#[test]
fn headings_rules_quotes_and_breaks() {
    let adf = markdown_to_adf(
        "# One\n\n###### Six\n\n---\n\n> quoted\n> still\n\nline\\\nbreak  \nagain",
    );
    assert_eq!(
        adf,
        doc(json!([
            { "type": "heading", "attrs": { "level": 1 }, "content": [text("One")] },
            { "type": "heading", "attrs": { "level": 6 }, "content": [text("Six")] },
            { "type": "rule" },
            { "type": "blockquote", "content": [paragraph(json!([text("quoted still")]))] },
            paragraph(json!([
                text("line"),
                { "type": "hardBreak" },
                text("break"),
                { "type": "hardBreak" },
                text("again"),
            ])),
        ]))
    );
}

#[test]
fn nested_lists_keep_their_start_numbers() {
    let adf = markdown_to_adf("3. three\n4. four\n   - nested\n     1. deep\n\n- other\n");
    let item = |content: Value| json!({ "type": "listItem", "content": content });
    assert_eq!(
        adf,
        doc(json!([
            {
                "type": "orderedList",
                "attrs": { "order": 3 },
                "content": [
                    item(json!([paragraph(json!([text("three")]))])),
                    item(json!([
                        paragraph(json!([text("four")])),
                        { "type": "bulletList", "content": [item(json!([
                            paragraph(json!([text("nested")])),
                            { "type": "orderedList", "attrs": { "order": 1 }, "content": [
                                item(json!([paragraph(json!([text("deep")]))]))
                            ] },
                        ]))] },
                    ])),
                ],
            },
            { "type": "bulletList", "content": [item(json!([paragraph(json!([text("other")]))]))] },
        ]))
    );
}

#[test]
fn code_blocks_keep_language_and_text() {
    let adf =
        markdown_to_adf("```rust ignore\nfn main() {}\n\n  indented\n```\n\n    indented code\n");
    assert_eq!(
        adf,
        doc(json!([
            {
                "type": "codeBlock",
                "attrs": { "language": "rust" },
                "content": [text("fn main() {}\n\n  indented")],
            },
            { "type": "codeBlock", "content": [text("indented code")] },
        ]))
    );
    assert_eq!(
        markdown_to_adf("```\n```"),
        doc(json!([{ "type": "codeBlock", "content": [] }]))
    );
}

#[test]
fn mentions_are_an_at_sign_before_an_accountid_link() {
    let adf = markdown_to_adf(
        "Ping @[Ada Lovelace](accountid:5b10ac8d82e05b22cc7d4ef5), \
         @[](accountid:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077) and mail@@[Bob](accountid:b0b)",
    );
    assert_eq!(
        adf,
        doc(json!([paragraph(json!([
            text("Ping "),
            { "type": "mention", "attrs": { "id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Ada Lovelace" } },
            text(", "),
            { "type": "mention", "attrs": { "id": "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077" } },
            text(" and mail@"),
            { "type": "mention", "attrs": { "id": "b0b", "text": "@Bob" } },
        ]))]))
    );
}

#[test]
fn an_accountid_link_without_an_unescaped_at_sign_is_a_link() {
    let link = |text_: &str| {
        marked(
            text_,
            json!([{ "type": "link", "attrs": { "href": "accountid:1" } }]),
        )
    };
    assert_eq!(
        markdown_to_adf("[Ada](accountid:1) \\@[Bob](accountid:1) **@**[Cy](accountid:1)"),
        doc(json!([paragraph(json!([
            link("Ada"),
            text(" @"),
            link("Bob"),
            text(" "),
            marked("@", json!([{ "type": "strong" }])),
            link("Cy"),
        ]))]))
    );
}

#[test]
fn formatting_inside_a_mention_is_its_plain_name() {
    assert_eq!(
        markdown_to_adf("@[**Ada** `L`](accountid:1)"),
        doc(json!([paragraph(json!([
            { "type": "mention", "attrs": { "id": "1", "text": "@Ada L" } },
        ]))]))
    );
}

#[test]
fn what_adf_cannot_hold_keeps_its_text() {
    let adf = markdown_to_adf(
        "![diagram](https://example.com/d.png) ![](https://example.com/e.png) \
         <kbd>x</kbd> <https://example.com> <ada@example.com>\n\n<div>\nraw\n</div>\n",
    );
    let link = |text_: &str, href: &str| {
        marked(
            text_,
            json!([{ "type": "link", "attrs": { "href": href } }]),
        )
    };
    assert_eq!(
        adf,
        doc(json!([
            paragraph(json!([
                link("diagram", "https://example.com/d.png"),
                text(" "),
                link("https://example.com/e.png", "https://example.com/e.png"),
                text(" <kbd>x</kbd> "),
                link("https://example.com", "https://example.com"),
                text(" "),
                link("ada@example.com", "mailto:ada@example.com"),
            ])),
            paragraph(json!([
                text("<div>"),
                { "type": "hardBreak" },
                text("raw"),
                { "type": "hardBreak" },
                text("</div>"),
            ])),
        ]))
    );
}

#[test]
fn nesting_adf_forbids_is_flattened() {
    let adf = markdown_to_adf("> # Title\n> > inner\n> ***\n\n- ## item\n-\n");
    assert_eq!(
        adf,
        doc(json!([
            {
                "type": "blockquote",
                "content": [
                    paragraph(json!([text("Title")])),
                    paragraph(json!([text("inner")])),
                    paragraph(json!([text("---")])),
                ],
            },
            {
                "type": "bulletList",
                "content": [
                    { "type": "listItem", "content": [paragraph(json!([text("item")]))] },
                    { "type": "listItem", "content": [paragraph(json!([]))] },
                ],
            },
        ]))
    );
}

#[test]
fn code_inside_bold_keeps_only_the_code_and_link_marks() {
    assert_eq!(
        markdown_to_adf("**a `b` c** [`d`](https://x.io)"),
        doc(json!([paragraph(json!([
            marked("a ", json!([{ "type": "strong" }])),
            marked("b", json!([{ "type": "code" }])),
            marked(" c", json!([{ "type": "strong" }])),
            text(" "),
            marked(
                "d",
                json!([{ "type": "code" }, { "type": "link", "attrs": { "href": "https://x.io" } }])
            ),
        ]))]))
    );
}

#[test]
fn empty_input_is_an_empty_document() {
    assert_eq!(markdown_to_adf(""), doc(json!([])));
    assert_eq!(markdown_to_adf("\n\n  \n"), doc(json!([])));
}

/// The depth of the deepest node.
fn depth(value: &Value) -> usize {
    value
        .get("content")
        .and_then(Value::as_array)
        .map_or(0, |children| {
            1 + children.iter().map(depth).max().unwrap_or(0)
        })
}

#[test]
fn hostile_nesting_is_flattened_not_followed() {
    let quotes = format!("{}deep", "> ".repeat(5_000));
    let adf = markdown_to_adf(&quotes);
    assert!(depth(&adf) < 10, "quotes nest {} deep", depth(&adf));
    assert!(adf.to_string().contains("deep"));

    let lists: String = (0..200)
        .map(|level| format!("{}- l{level}\n", "  ".repeat(level)))
        .collect();
    let adf = markdown_to_adf(&lists);
    assert!(depth(&adf) <= 2 * 32 + 4, "lists nest {} deep", depth(&adf));
    assert!(adf.to_string().contains("l199"));
}
