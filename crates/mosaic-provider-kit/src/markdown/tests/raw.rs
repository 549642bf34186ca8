//! Raw HTML and maths: kept as written in Markdown, literal text in the formats that take
//! neither, and normalized to what CommonMark reads back.

use crate::adf::{adf_to_markdown, markdown_to_adf};
use crate::html::{html_to_markdown, markdown_to_html};
use crate::markdown::{Block, Document, Inline, Math, Style, parse, render};
use serde_json::json;

fn paragraph(content: Vec<Inline>) -> Document {
    Document {
        blocks: vec![Block::Paragraph(content)],
    }
}

#[test]
fn raw_html_is_kept_as_written_in_markdown() {
    let markdown = "<callout icon=\"💡\">\n\tInside **it**\n</callout>\n\nText <span color=\"red\">red</span> and <!-- a note -->";
    let document = parse(markdown);
    assert_eq!(
        document.blocks,
        vec![
            Block::Html("<callout icon=\"💡\">\n\tInside **it**\n</callout>".into()),
            Block::Paragraph(vec![
                Inline::Text("Text ".into()),
                Inline::Html("<span color=\"red\">".into()),
                Inline::Text("red".into()),
                Inline::Html("</span>".into()),
                Inline::Text(" and ".into()),
                Inline::Html("<!-- a note -->".into()),
            ]),
        ]
    );
    assert_eq!(render(&document, Style::default()), markdown);
}

#[test]
fn raw_html_is_text_in_adf_and_plane_html() {
    let markdown = "<div>\n<script>x</script>\n</div>\n\nsee <b>this</b>";
    let adf = markdown_to_adf(markdown);
    assert_eq!(
        adf["content"][0]["content"],
        json!([
            { "type": "text", "text": "<div>" },
            { "type": "hardBreak" },
            { "type": "text", "text": "<script>x</script>" },
            { "type": "hardBreak" },
            { "type": "text", "text": "</div>" },
        ])
    );
    assert_eq!(
        adf["content"][1]["content"],
        json!([{ "type": "text", "text": "see <b>this</b>" }])
    );
    assert_eq!(
        adf_to_markdown(&adf).unwrap(),
        "\\<div>\\\n\\<script>x\\</script>\\\n\\</div>\n\nsee \\<b>this\\</b>"
    );
    let html = markdown_to_html(markdown);
    assert_eq!(
        html,
        "<p>&lt;div&gt;<br>&lt;script&gt;x&lt;/script&gt;<br>&lt;/div&gt;</p><p>see &lt;b&gt;this&lt;/b&gt;</p>"
    );
    assert_eq!(
        html_to_markdown(&html),
        "\\<div>\\\n\\<script>x\\</script>\\\n\\</div>\n\nsee \\<b>this\\</b>"
    );
}

#[test]
fn what_commonmark_would_read_otherwise_is_normalized() {
    let document = Document {
        blocks: vec![
            Block::Html("  <div>\n\nafter a blank line".into()),
            Block::Html("no html <b>".into()),
            Block::Paragraph(vec![Inline::Html("<empty-block/>".into())]),
            Block::Paragraph(vec![
                Inline::Html("<div>".into()),
                Inline::Text("x ".into()),
                Inline::Html("<notatag".into()),
                Inline::Html("<a\nhref=\"u\">".into()),
            ]),
        ],
    };
    assert_eq!(
        document.normalized().blocks,
        vec![
            Block::Html("<div>".into()),
            Block::Paragraph(vec![Inline::Text("after a blank line".into())]),
            Block::Paragraph(vec![Inline::Text("no html <b>".into())]),
            Block::Html("<empty-block/>".into()),
            Block::Paragraph(vec![
                Inline::Text("<div>x <notatag".into()),
                Inline::Html("<a href=\"u\">".into()),
            ]),
        ]
    );
    let markdown = render(&document, Style::default());
    assert_eq!(parse(&markdown), document.normalized(), "{markdown}");
}

fn math(display: bool, tex: &str) -> Inline {
    Inline::Math(Math {
        display,
        tex: tex.into(),
    })
}

#[test]
fn maths_is_read_and_written_and_a_literal_dollar_is_escaped() {
    let markdown = "Area $\\pi r^2$, or $$\\int f$$; costs \\$5";
    let document = parse(markdown);
    assert_eq!(
        document,
        paragraph(vec![
            Inline::Text("Area ".into()),
            math(false, "\\pi r^2"),
            Inline::Text(", or ".into()),
            math(true, "\\int f"),
            Inline::Text("; costs $5".into()),
        ])
    );
    assert_eq!(render(&document, Style::default()), markdown);
    assert_eq!(
        markdown_to_adf(markdown)["content"][0]["content"],
        json!([{ "type": "text", "text": "Area $\\pi r^2$, or $$\\int f$$; costs $5" }])
    );
    // Maths Markdown would not read back as maths is its text.
    assert_eq!(
        paragraph(vec![math(false, " x "), math(false, "a$b"), math(true, "")]).normalized(),
        paragraph(vec![Inline::Text("$ x $$a$b$".into())])
    );
}
