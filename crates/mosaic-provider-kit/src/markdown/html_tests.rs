//! Raw HTML as CommonMark reads it: examples, and agreement with `pulldown-cmark` on generated
//! tag-like text.

use super::*;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};

#[test]
fn constructs_are_recognised_whole() {
    for html in [
        "<span>",
        "<span color=\"red\">",
        "<a href='x' title=\"y\" data-x=1 hidden>",
        "<mention-user url=\"user://1\"/>",
        "<br />",
        "</span >",
        "<!-- a comment -->",
        "<!-->",
        "<!--->",
        "<?php echo 1 ?>",
        "<!DOCTYPE html>",
        "<![CDATA[ a < b ]]>",
    ] {
        assert_eq!(raw_html_len(html), Some(html.len()), "{html}");
    }
    assert!(is_raw_html("<span color=\"red\"></span>"));
    for text in [
        "<",
        "<3",
        "<a",
        "<a|b>",
        "<a b='x>",
        "<1a>",
        "</a b>",
        "<a=1>",
        "<_a>",
        "<a\nb>",
        "",
        "<https://x.io>",
        "<span>x",
    ] {
        assert!(!is_raw_html(text), "{text:?}");
    }
}

#[test]
fn lines_open_the_html_blocks_commonmark_lists() {
    for (line, kind) in [
        ("<pre>", Some(HtmlBlockKind::EndsWith("</pre>"))),
        ("<SCRIPT src=x>", Some(HtmlBlockKind::EndsWith("</script>"))),
        ("<!-- c", Some(HtmlBlockKind::EndsWith("-->"))),
        ("<?x", Some(HtmlBlockKind::EndsWith("?>"))),
        ("<!DOCTYPE html>", Some(HtmlBlockKind::EndsWith(">"))),
        ("<![CDATA[x", Some(HtmlBlockKind::EndsWith("]]>"))),
        ("<div>text after", Some(HtmlBlockKind::Block)),
        ("</details>", Some(HtmlBlockKind::Block)),
        ("<table", Some(HtmlBlockKind::Block)),
        ("<callout icon=\"x\">", Some(HtmlBlockKind::Tag)),
        ("<empty-block/>  ", Some(HtmlBlockKind::Tag)),
        ("<span>text after", None),
        // `pulldown-cmark` reads a closing `</pre>` alone on its line as any other tag.
        ("</pre>", Some(HtmlBlockKind::Tag)),
        ("<table_of_contents/>", None),
        ("text", None),
    ] {
        assert_eq!(html_block_kind(line), kind, "{line}");
    }
    assert!(HtmlBlockKind::EndsWith("-->").ends_at("x -->"));
    assert!(!HtmlBlockKind::EndsWith("</script>").ends_at("</SCRIPT>"));
    assert!(HtmlBlockKind::Block.ends_at("  "));
    assert!(!HtmlBlockKind::Tag.ends_at("</callout>"));
}

/// What `pulldown-cmark` reads `text` as after `x `: `Some(html)` when it is all one piece of
/// inline HTML (adjacent pieces joined).
fn read_inline(text: &str) -> Option<String> {
    let source = format!("x {text}");
    let mut html = String::new();
    for event in Parser::new_ext(&source, Options::empty()) {
        match event {
            Event::InlineHtml(piece) => html.push_str(&piece),
            Event::Text(piece) if piece.as_ref() == "x " && html.is_empty() => {}
            Event::Start(_) | Event::End(_) => {}
            _ => return None,
        }
    }
    (!html.is_empty() && html == text).then_some(html)
}

fn tag_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<", ">", "/", "!", "?", "-", "--", "a", "span", "x1", "-y", " ", "=", "\"", "'", "v", "_",
        ":", "|", "[CDATA[", "]]", "\t", "`",
    ]);
    prop::collection::vec(piece, 1..10).prop_map(|pieces| format!("<{}", pieces.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn raw_html_is_what_pulldown_cmark_reads_as_raw_html(text in tag_like()) {
        prop_assert_eq!(is_raw_html(&text), read_inline(&text).is_some(), "{:?}", text);
    }
}
