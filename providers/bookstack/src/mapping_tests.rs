//! BookStack's documented answers (vendored in `api/responses`) read into the unified model,
//! and the small readings mapping makes of addresses, exports and previews.

use super::*;

fn web() -> WebUrls {
    WebUrls::new("https://docs.example.com/")
}

#[test]
fn the_documented_book_list_reads_as_spaces() {
    let list: BookstackList<BookstackBook> =
        serde_json::from_str(include_str!("../api/responses/books-list.json")).unwrap();
    assert_eq!(list.total, 14);
    let spaces: Vec<Space> = list
        .data
        .into_iter()
        .map(|book| book.unify(&web()))
        .collect();
    assert_eq!(spaces[0].key, "bookstack-user-guide");
    assert_eq!(spaces[0].id, "1");
    assert_eq!(
        spaces[0].web_url,
        "https://docs.example.com/books/bookstack-user-guide"
    );
}

#[test]
fn the_documented_pages_read_with_their_revision_count_as_version() {
    for (example, markdown, chapter) in [
        (include_str!("../api/responses/pages-read.json"), true, None),
        (
            include_str!("../api/responses/pages-create.json"),
            false,
            None,
        ),
        (
            include_str!("../api/responses/pages-update.json"),
            false,
            Some("1"),
        ),
    ] {
        let page: BookstackPage = serde_json::from_str(example).unwrap();
        assert_eq!(page.written_markdown().is_some(), markdown, "{example}");
        let revisions = page.revision_count;
        let unified = page.unify("my-book", "body".into(), &web());
        assert_eq!(unified.version, revisions);
        assert_eq!(unified.parent_id.as_deref(), chapter);
        assert_eq!(
            unified.web_url,
            format!("https://docs.example.com/link/{}", unified.id)
        );
    }
    let chapter: BookstackChapter =
        serde_json::from_str(include_str!("../api/responses/chapters-read.json")).unwrap();
    assert_eq!((chapter.id, chapter.book_id), (1, 1));
}

#[test]
fn the_documented_search_keeps_its_pages_with_their_book_and_excerpt() {
    let list: BookstackList<BookstackHit> =
        serde_json::from_str(include_str!("../api/responses/search-all.json")).unwrap();
    let pages: Vec<PageSummary> = list
        .data
        .into_iter()
        .filter(BookstackHit::is_page)
        .map(|hit| hit.unify(None).unwrap())
        .collect();
    assert_eq!(pages.len(), 2, "the chapter is not a page");
    assert_eq!(pages[0].id, "396");
    assert_eq!(pages[0].space, "my-book");
    assert_eq!(
        pages[0].excerpt,
        "...people ask why cats? but there are...the reason that cats are fast are due to..."
    );
    assert_eq!(
        pages[0].web_url,
        "https://example.com/books/my-book/page/the-hows-and-whys-of-cats"
    );
}

#[test]
fn a_hit_whose_address_names_no_book_is_a_bad_answer_naming_it() {
    let hit: BookstackHit = serde_json::from_value(serde_json::json!({
        "id": 7, "type": "page", "name": "x", "url": "https://example.com/link/7"
    }))
    .unwrap();
    let error = hit.unify(None).unwrap_err();
    assert!(
        matches!(&error, ProviderError::Protocol(message) if message.contains("page 7") && message.contains("/link/7")),
        "{error:?}"
    );
}

#[test]
fn addresses_exports_and_previews_read_as_bookstack_writes_them() {
    assert_eq!(
        book_slug_of("https://x.org/wiki/books/eng/page/runbook-1#bkmrk-a").as_deref(),
        Some("eng")
    );
    assert_eq!(book_slug_of("https://x.org/books/eng/chapter/c"), None);
    assert_eq!(
        export_body("# Pricing\n\n# Pricing\n\nThree **plans**.", "Pricing"),
        "# Pricing\n\nThree **plans**."
    );
    assert_eq!(
        export_body("# Pricing list\n\nx", "Pricing"),
        "# Pricing list\n\nx"
    );
    assert_eq!(export_body("# Empty", "Empty"), "");
    assert_eq!(
        plain_text("a <strong>b</strong> &amp;&lt;c&gt; &#039;d&#039;"),
        "a b &<c> 'd'"
    );
}
