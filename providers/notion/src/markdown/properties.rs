//! Round trips over the kit's generated documents with hostile text: model → Notion → model
//! is the identity on what Notion's enhanced Markdown carries, so CommonMark → Notion →
//! CommonMark gives back the same CommonMark, and any text converts both ways.

use super::read_inline::italic_outside_bold;
use super::{read, to_commonmark, to_notion, write};
use mosaic_provider_kit::markdown::strategies::{Carried, Tasks, document};
use mosaic_provider_kit::markdown::{Block, Document, Inline, List, ListItem, Style, render};
use proptest::prelude::*;

/// What Notion's lines carry: raw HTML and maths (Notion's own tags and equations), images,
/// tables without alignment, to-dos in bullet lists. No provider's mentions (Notion's are its
/// `<mention-user>` tags, raw HTML here), and no line breaks or tabs in text (a line is a
/// block; a leading tab nests).
const NOTION: Carried = Carried {
    tables: true,
    alignments: false,
    directories: &[],
    line_breaks_in_text: false,
    raw: true,
    hostile_raw: false,
    images: true,
    tasks: Tasks::InBulletLists,
};

/// The document as Notion's lines can say it (its documented losses): two lists of one kind
/// in a row are one list, a bold run whose whole content is italic is an italic run of bold
/// (both are `***…***`), and a paragraph of nothing but spaces on a line of its own is no
/// block.
fn as_notion_says_it(document: Document) -> Document {
    Document {
        blocks: blocks(document.normalized().blocks, false),
    }
    .map_inline_content(&mut italic_outside_bold)
    .normalized()
}

/// `first_on_marker_line`: the first block is written on a list item's or a quote's line.
fn blocks(blocks: Vec<Block>, first_on_marker_line: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (index, block) in blocks.into_iter().enumerate() {
        let block = match block {
            Block::Paragraph(content)
                if !(first_on_marker_line && index == 0) && blank(&content) =>
            {
                continue;
            }
            Block::Quote(inner) => Block::Quote(self::blocks(inner, true)),
            Block::List(list) => Block::List(List {
                start: list.start,
                items: list
                    .items
                    .into_iter()
                    .map(|item| ListItem {
                        task: item.task,
                        blocks: self::blocks(item.blocks, true),
                    })
                    .collect(),
            }),
            other => other,
        };
        match (out.last_mut(), block) {
            (Some(Block::List(last)), Block::List(list))
                if last.start.is_some() == list.start.is_some() =>
            {
                last.items.extend(list.items)
            }
            (_, block) => out.push(block),
        }
    }
    out
}

fn blank(content: &[Inline]) -> bool {
    content
        .iter()
        .all(|inline| matches!(inline, Inline::Text(text) if text.trim().is_empty()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn documents_read_back_from_notion_as_written(document in document(NOTION).prop_map(as_notion_says_it)) {
        let notion = write(&document);
        prop_assert_eq!(read(&notion), document, "Notion's Markdown was:\n{}", notion);
    }

    #[test]
    fn commonmark_through_notion_gives_back_the_same_commonmark(document in document(NOTION).prop_map(as_notion_says_it)) {
        // CommonMark text ends in a newline, except the empty document's, which is empty.
        let mut commonmark = render(&document, Style::default());
        if !commonmark.is_empty() {
            commonmark.push('\n');
        }
        let notion = to_notion(&commonmark);
        prop_assert_eq!(to_commonmark(&notion), commonmark, "Notion's Markdown was:\n{}", notion);
    }

    /// Whatever Markdown holds is written as Notion's Markdown that reads back as a document
    /// which Notion then carries exactly.
    #[test]
    fn any_document_reaches_notion_and_reads_back_stable(document in document(Carried::MARKDOWN)) {
        let first = read(&write(&document));
        prop_assert_eq!(read(&write(&first)), first);
    }

    /// Whatever Notion sends reads as CommonMark that reaches Notion and comes back as itself;
    /// whatever a caller sends reaches Notion as Markdown that is stable from its first trip.
    #[test]
    fn any_text_converts_both_ways_and_stays_stable(text in "[ -~\t\n]{0,200}") {
        let commonmark = to_commonmark(&text);
        prop_assert_eq!(to_commonmark(&to_notion(&commonmark)), commonmark.clone());
        let notion = to_notion(&to_commonmark(&to_notion(&text)));
        prop_assert_eq!(to_notion(&to_commonmark(&notion)), notion);
    }
}
