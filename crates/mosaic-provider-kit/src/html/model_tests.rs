//! Model → Plane HTML → model over generated hostile documents.

use super::{read_document, write_document};
use crate::markdown::strategies::{Carried, Tasks, document};
use crate::markdown::{Directory, Style, parse, render};
use proptest::prelude::*;

/// What Plane's HTML holds: no table alignment, Plane's own mentions, no line breaks in text.
/// Raw HTML and maths are in, to show that they become text that stays text.
const PLANE: Carried = Carried {
    tables: true,
    alignments: false,
    directories: &[Directory::Plane],
    line_breaks_in_text: false,
    raw: true,
    hostile_raw: true,
    images: true,
    tasks: Tasks::Anywhere,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Written as HTML, a document reads back as itself once HTML's own losses (whitespace at
    /// block edges, checkboxes of lists that mix tasks and plain items) are taken: reading what
    /// was written changes nothing more, and Markdown carries it exactly.
    #[test]
    fn documents_survive_plane_html_and_markdown(document in document(PLANE)) {
        let carried = read_document(&write_document(&document));
        prop_assert_eq!(read_document(&write_document(&carried)), carried.clone());
        prop_assert_eq!(parse(&render(&carried, Style::default())), carried);
    }
}
