//! Model → Markdown → model is the identity on normalized documents, over generated documents
//! full of hostile text.

use super::strategies::{Carried, document};
use crate::markdown::{Emphasis, Style, parse, render};
use proptest::prelude::*;

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
}
