use super::{AdfError, adf_to_markdown};
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

fn markdown(content: Value) -> String {
    adf_to_markdown(&doc(content)).unwrap()
}

#[test]
fn a_jira_description_reads_as_markdown() {
    let adf = doc(json!([
        { "type": "heading", "attrs": { "level": 2 }, "content": [text("Steps")] },
        { "type": "orderedList", "attrs": { "order": 1 }, "content": [
            { "type": "listItem", "content": [paragraph(json!([text("Open "), marked("Settings", json!([{ "type": "strong" }]))]))] },
            { "type": "listItem", "content": [
                paragraph(json!([text("Run")])),
                { "type": "codeBlock", "attrs": { "language": "bash" }, "content": [text("make test\n\necho ok")] },
            ] },
        ] },
        paragraph(json!([
            text("Assigned to "),
            { "type": "mention", "attrs": { "id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Ada Lovelace", "accessLevel": "" } },
            text(", see "),
            marked("the docs", json!([{ "type": "link", "attrs": { "href": "https://example.com/docs" } }])),
            { "type": "hardBreak" },
            marked("old", json!([{ "type": "strike" }])),
            text(" and "),
            marked("x = 1", json!([{ "type": "code" }])),
        ])),
        { "type": "blockquote", "content": [paragraph(json!([marked("quoted", json!([{ "type": "em" }]))]))] },
        { "type": "rule" },
    ]));
    assert_eq!(
        adf_to_markdown(&adf).unwrap(),
        "## Steps\n\n\
         1. Open **Settings**\n\n\
         2. Run\n\n   ```bash\n   make test\n\n   echo ok\n   ```\n\n\
         Assigned to @[Ada Lovelace](accountid:5b10ac8d82e05b22cc7d4ef5), see [the docs](https://example.com/docs)\\\n\
         ~~old~~ and `x = 1`\n\n\
         > _quoted_\n\n\
         ___"
    );
}

#[test]
fn tight_lists_stay_tight_and_nest() {
    let item = |content: Value| json!({ "type": "listItem", "content": content });
    let adf = json!([{ "type": "bulletList", "content": [
        item(json!([
            paragraph(json!([text("a")])),
            { "type": "orderedList", "attrs": { "order": 1 }, "content": [item(json!([paragraph(json!([text("b")]))]))] },
        ])),
        item(json!([paragraph(json!([text("c")]))])),
    ] }]);
    assert_eq!(markdown(adf), "- a\n  1. b\n- c");
}

#[test]
fn adjacent_lists_of_one_kind_switch_markers() {
    let list = |kind: &str, word: &str| {
        json!({ "type": kind, "attrs": { "order": 7 }, "content": [
            { "type": "listItem", "content": [paragraph(json!([text(word)]))] }
        ] })
    };
    let adf = json!([
        list("bulletList", "a"),
        list("bulletList", "b"),
        list("bulletList", "c"),
        list("orderedList", "d"),
        list("orderedList", "e"),
    ]);
    assert_eq!(markdown(adf), "- a\n\n* b\n\n- c\n\n7. d\n\n7) e");
}

#[test]
fn literal_text_is_escaped() {
    let adf = json!([
        paragraph(json!([text("*not bold* _nor em_ [no](link) `tick` <b> &amp; a\\b ~~x~~")])),
        paragraph(json!([text("# not a heading")])),
        paragraph(json!([text("> not a quote")])),
        paragraph(json!([text("1. not a list")])),
        paragraph(json!([text("- nor this")])),
        paragraph(json!([text("  indented  ")])),
        paragraph(json!([text("a#b 2.5 x-y (c)")])),
        { "type": "heading", "attrs": { "level": 1 }, "content": [text("closing #")] },
    ]);
    assert_eq!(
        markdown(adf),
        "\\*not bold\\* \\_nor em\\_ \\[no\\](link) \\`tick\\` \\<b> \\&amp; a\\\\b \\~\\~x\\~\\~\n\n\
         \\# not a heading\n\n\
         \\> not a quote\n\n\
         1\\. not a list\n\n\
         \\- nor this\n\n\
         &#32;&#32;indented&#32;&#32;\n\n\
         a#b 2.5 x-y (c)\n\n\
         # closing \\#"
    );
}

#[test]
fn whitespace_at_the_edge_of_bold_moves_outside_it() {
    let adf = json!([paragraph(json!([
        text("a"),
        marked(" bold ", json!([{ "type": "strong" }])),
        text("b"),
    ]))]);
    assert_eq!(markdown(adf), "a **bold** b");
}

#[test]
fn code_spans_and_fences_outgrow_the_backticks_inside() {
    let adf = json!([
        paragraph(json!([marked("a `b` c", json!([{ "type": "code" }])), text(" "), marked("`", json!([{ "type": "code" }]))])),
        { "type": "codeBlock", "content": [text("```\ninner\n```")] },
        { "type": "codeBlock", "attrs": { "language": "we`ird" }, "content": [text("x")] },
    ]);
    assert_eq!(
        markdown(adf),
        "``a `b` c`` `` ` ``\n\n````\n```\ninner\n```\n````\n\n~~~we`ird\nx\n~~~"
    );
}

#[test]
fn unknown_nodes_show_their_text() {
    let adf = json!([
        { "type": "panel", "attrs": { "panelType": "info" }, "content": [paragraph(json!([text("Heads up")]))] },
        { "type": "table", "content": [{ "type": "tableRow", "content": [
            { "type": "tableHeader", "content": [paragraph(json!([text("Key")]))] },
            { "type": "tableCell", "content": [paragraph(json!([text("Value")]))] },
        ] }] },
        paragraph(json!([
            { "type": "emoji", "attrs": { "shortName": ":smile:", "text": "😄" } },
            text(" "),
            { "type": "inlineCard", "attrs": { "url": "https://example.com/card" } },
            text(" "),
            { "type": "date", "attrs": { "timestamp": "1767225600000" } },
            text(" "),
            { "type": "status", "attrs": { "text": "IN REVIEW", "color": "blue" } },
            text(" "),
            marked("underlined", json!([{ "type": "underline" }, { "type": "textColor", "attrs": { "color": "#ff0000" } }])),
        ])),
        { "type": "mediaSingle", "content": [{ "type": "media", "attrs": { "id": "abc", "type": "file" } }] },
        { "type": "extension", "attrs": { "extensionKey": "x" } },
    ]);
    assert_eq!(
        markdown(adf),
        "Heads up\n\n| Key | Value |\n| --- | --- |\n\n😄 https://example.com/card 1767225600000 IN REVIEW underlined\n\n\\[media\\]\n\n\\[extension\\]"
    );
}

#[test]
fn a_hard_break_at_the_end_of_a_paragraph_is_left_out() {
    let adf = json!([
        paragraph(json!([text("a"), { "type": "hardBreak" }])),
        paragraph(json!([]))
    ]);
    assert_eq!(markdown(adf), "a");
}

#[test]
fn a_mention_without_text_has_an_empty_name() {
    let adf = json!([paragraph(
        json!([{ "type": "mention", "attrs": { "id": "abc" } }])
    )]);
    assert_eq!(markdown(adf), "@[](accountid:abc)");
}

fn error(document: Value) -> AdfError {
    adf_to_markdown(&document).unwrap_err()
}

#[test]
fn malformed_documents_are_errors_naming_the_path() {
    let table = [
        (paragraph(json!([])), "$", "expected an ADF document"),
        (json!("text"), "$", "got a string"),
        (json!({ "content": [] }), "$", "no `type`"),
        (
            json!({ "type": "doc", "content": {} }),
            "$",
            "`content` must be an array",
        ),
        (doc(json!([42])), "$.content[0]", "got a number"),
        (
            doc(json!([paragraph(json!([{ "type": "text" }]))])),
            "$.content[0].content[0]",
            "needs `text`",
        ),
        (
            doc(json!([paragraph(json!([{ "type": "text", "text": 5 }]))])),
            "$.content[0].content[0]",
            "must be a string",
        ),
        (
            doc(json!([{ "type": "heading", "attrs": { "level": 7 } }])),
            "$.content[0]",
            "from 1 to 6, got 7",
        ),
        (
            doc(json!([{ "type": "heading" }])),
            "$.content[0]",
            "got none",
        ),
        (
            doc(json!([{ "type": "orderedList", "attrs": { "order": -1 } }])),
            "$.content[0]",
            "order",
        ),
        (
            doc(json!([paragraph(
                json!([text("ok"), { "type": "text", "text": "x", "marks": [{ "type": "link" }] }])
            )])),
            "$.content[0].content[1].marks[0]",
            "href",
        ),
        (
            doc(json!([paragraph(
                json!([{ "type": "mention", "attrs": {} }])
            )])),
            "$.content[0].content[0]",
            "attrs.id",
        ),
        (
            doc(
                json!([{ "type": "bulletList", "content": [{ "type": "listItem", "content": [{ "type": "codeBlock", "attrs": { "language": 1 } }] }] }]),
            ),
            "$.content[0].content[0].content[0]",
            "attrs.language",
        ),
        (
            doc(json!([{ "type": "panel", "content": [{ "text": "no type" }] }])),
            "$.content[0].content[0]",
            "no `type`",
        ),
    ];
    for (document, path, message) in table {
        let error = error(document.clone());
        assert_eq!(error.path, path, "{document}");
        assert!(error.message.contains(message), "{document}: {error}");
    }
}

#[test]
fn nesting_is_bounded() {
    let mut node = paragraph(json!([text("deep")]));
    for _ in 0..150 {
        node = json!({ "type": "blockquote", "content": [node] });
    }
    let error = error(doc(json!([node])));
    assert!(
        error.message.contains("nested more than 100 levels"),
        "{error}"
    );
    assert!(error.path.starts_with("$.content[0].content[0]"), "{error}");
}

#[test]
fn a_paragraph_opening_with_linked_code_never_reads_as_a_link_definition() {
    let link = json!({ "type": "link", "attrs": { "href": "https://x.io" } });
    let adf = json!([paragraph(json!([
        marked("[x]: /url", json!([{ "type": "code" }, link])),
        text(" after"),
    ]))]);
    let markdown = markdown(adf);
    assert_eq!(markdown, "[\\[x\\]: /url](https://x.io) after");
    let back = super::markdown_to_adf(&markdown);
    assert_eq!(
        back["content"][0]["content"][0],
        marked("[x]: /url", json!([link]))
    );
}

#[test]
fn ampersands_are_escaped_only_where_they_would_start_a_character_reference() {
    let adf = json!([paragraph(json!([
        text("&amp; &#35; &#x23; & &x &1; AT&T "),
        marked(
            "q",
            json!([{ "type": "link", "attrs": { "href": "https://e.io/?a=1&b=2&amp;" } }])
        ),
    ]))]);
    assert_eq!(
        markdown(adf),
        "\\&amp; \\&#35; \\&#x23; & &x &1; AT&T [q](https://e.io/?a=1&b=2\\&amp;)"
    );
}
