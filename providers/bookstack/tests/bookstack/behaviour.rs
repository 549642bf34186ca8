//! What only BookStack does on reads: offset pages of books and numbered pages of search
//! results, its 429, ids that are not BookStack's, the search kept to a book within a bounded
//! scan, and WYSIWYG pages read through the Markdown export.

use crate::shared::suite;
use mosaic_bookstack_fake as bookstack;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::{Scripted, Seen};
use mosaic_fake_kit::wiki::{Body, Wiki};
use mosaic_testkit::adapter::kb::PRICING;
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::json;
use std::time::Duration;

fn query_of(seen: &Seen) -> String {
    seen.query.clone().unwrap_or_default()
}

#[tokio::test]
async fn books_page_by_offset_and_search_results_by_number() {
    let (server, provider) = suite().subject.seeded().await;
    let (spaces, pages) = all_pages(
        provider.as_ref(),
        OpId::KbSpacesList,
        json!({"per_page": 2}),
    )
    .await;
    assert_eq!((spaces.len(), pages), (3, 2));
    let lists: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path == "/api/books")
        .map(query_of)
        .collect();
    assert_eq!(
        lists,
        ["count=2&offset=0&sort=id", "count=2&offset=2&sort=id"]
    );
    assert_eq!(spaces[0]["key"], "eng");
    assert!(
        spaces[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/books/eng")
    );

    let (hits, pages) = all_pages(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "runbook", "per_page": 20}),
    )
    .await;
    assert_eq!((hits.len(), pages), (45, 3));
    let searches: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path == "/api/search")
        .map(query_of)
        .collect();
    assert_eq!(
        searches,
        [1, 2, 3].map(|page| format!("query=runbook+%7Btype%3Apage%7D&page={page}&count=20"))
    );
    assert!(
        hits[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/books/eng/page/runbook-1")
    );
    assert_eq!(
        hits[0]["excerpt"],
        "# Runbook 1\n\nSteps for incident class 1."
    );
}

#[tokio::test]
async fn a_429_in_bookstacks_shape_is_rate_limited_with_its_wait() {
    let (server, provider) = suite().subject.seeded().await;
    server.state().knobs.fail_next(Scripted {
        status: 429,
        retry_after: Some(30),
        body: bookstack::error_body(429, "Too Many Attempts."),
    });
    let error = call(provider.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    call(provider.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap();
    let quota = provider.quota().expect("Laravel's headers are read");
    assert_eq!(quota.limit, bookstack::QUOTA);
}

#[tokio::test]
async fn ids_that_are_not_bookstacks_and_books_that_do_not_exist_are_named() {
    let (server, provider) = suite().subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": "abc"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "page_id `abc` is not a BookStack page id (a positive number)".into()
        )
    );
    let error = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "x", "space": "Nope"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("space `Nope` (no BookStack book has the slug `nope`)".into())
    );
    let error = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": "424242"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("Page Not Found".into()),
        "BookStack's message"
    );
    assert_eq!(
        server.state().requests().len(),
        2,
        "the bad id was never sent"
    );
}

#[tokio::test]
async fn a_search_inside_a_book_scans_a_bounded_number_of_pages_and_goes_on_by_cursor() {
    let mut wiki = Wiki::seeded();
    for n in 1..=1_050 {
        wiki.create_page(
            "ENG",
            &format!("Needle {n}"),
            Body::Markdown("needle".into()),
        );
    }
    let last = wiki.create_page("OPS", "Needle in OPS", Body::Markdown("needle".into()));
    let (server, provider) = suite().subject.start(wiki).await;
    let arguments = json!({"query": "needle", "space": "OPS", "per_page": 5});
    let first = call(provider.as_ref(), OpId::KbPagesSearch, arguments.clone())
        .await
        .unwrap();
    assert_eq!(
        first["items"],
        json!([]),
        "ten pages of ENG's hits, none of OPS"
    );
    assert_eq!(first["next_cursor"], "1000");
    let searches = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path == "/api/search")
        .count();
    assert_eq!(searches, 10, "the scan is bounded");
    let mut next = arguments;
    next["cursor"] = first["next_cursor"].clone();
    let second = call(provider.as_ref(), OpId::KbPagesSearch, next)
        .await
        .unwrap();
    assert_eq!(second["items"][0]["id"], last.to_string());
    assert_eq!(second["items"][0]["space"], "ops");
    assert!(second.get("next_cursor").is_none(), "{second}");
}

#[tokio::test]
async fn a_wysiwyg_page_is_read_through_the_markdown_export() {
    let (server, provider) = suite().subject.seeded().await;
    let page = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "PRODUCT", "page_id": PRICING.to_string()}),
    )
    .await
    .unwrap();
    assert_eq!(
        page["body"], "# Pricing\n\nThree **plans**.",
        "the export's title heading is dropped"
    );
    assert_eq!(
        page["web_url"],
        format!("{}/link/{PRICING}", server.state().origin)
    );
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert_eq!(
        paths,
        ["/api/pages/1061", "/api/pages/1061/export/markdown"]
    );
    // A page written in Markdown needs no export.
    call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": "1009"}),
    )
    .await
    .unwrap();
    assert_eq!(server.state().requests().len(), 3);
}

#[test]
fn the_plugin_declares_the_documented_rate_limit() {
    use mosaic_plugin::{Plugin as _, RateLimit};
    use std::time::Duration;
    // BookStack's default `API_REQUESTS_PER_MIN`: what the gateway holds an instance to unless its `rate_limit` says otherwise.
    let plugin = mosaic_bookstack::BookstackPlugin::default();
    assert_eq!(
        plugin.descriptor().default_rate_limit,
        Some(RateLimit::new(180, Duration::from_secs(60)))
    );
}
