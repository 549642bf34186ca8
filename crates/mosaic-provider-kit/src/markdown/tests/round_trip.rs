//! Model → Markdown → model is the identity on normalized documents, over generated documents
//! full of hostile text.

use crate::markdown::strategies::{
    Carried, FRAGMENTS, HTML_BLOCKS, INLINE_HTML, NOT_HTML_BLOCKS, NOT_INLINE_HTML, document,
};
use crate::markdown::{Emphasis, Style, parse, render};
use proptest::prelude::*;

/// Markdown made of pieces of syntax: raw HTML, maths delimiters, block markers, line breaks
/// and the hostile fragments, so that they meet in every order.
fn syntax_soup() -> impl Strategy<Value = String> {
    let mut pieces: Vec<&str> = FRAGMENTS.to_vec();
    pieces.extend(INLINE_HTML);
    pieces.extend(NOT_INLINE_HTML);
    pieces.extend(HTML_BLOCKS);
    pieces.extend(NOT_HTML_BLOCKS);
    pieces.extend([
        "\n",
        "\n\n",
        "\n- ",
        "\n> ",
        "\n1. ",
        "\n    ",
        "\t",
        "$",
        "$$",
        "$x$",
        "$$y$$",
        "{",
        "}",
        "<div>",
        "</div>",
        "<span>",
        "<!--",
        "-->",
        "<pre>",
        "</pre>",
        "| a | b |\n| --- | --- |\n",
        "`",
        "[",
        "](u)",
        "\\",
        "\\\n",
    ]);
    prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn markdown_reads_back_as_the_document_it_was_written_from(document in document(Carried::MARKDOWN), underscore in any::<bool>()) {
        let style = Style { emphasis: if underscore { Emphasis::Underscore } else { Emphasis::Asterisk } };
        let normalized = document.normalized();
        prop_assert_eq!(&normalized.normalized(), &normalized, "normalizing twice changes nothing");
        let markdown = render(&document, style);
        prop_assert_eq!(parse(&markdown), normalized, "Markdown was:\n{}", markdown);
    }

    #[test]
    fn any_markdown_reads_and_writes_back_as_itself(markdown in "(?s).{0,200}") {
        let document = parse(&markdown);
        let written = render(&document, Style::default());
        prop_assert_eq!(parse(&written), document, "written as:\n{}", written);
    }

    #[test]
    fn markdown_of_syntax_reads_and_writes_back_as_itself(markdown in syntax_soup()) {
        let document = parse(&markdown);
        let written = render(&document, Style::default());
        prop_assert_eq!(parse(&written), document, "written as:\n{}", written);
    }
}
