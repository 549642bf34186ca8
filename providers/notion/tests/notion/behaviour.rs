//! What only Notion does, against its fake: pages of Notion's search cursors, its rate
//! limits (429 and 529 with `Retry-After`), its refusals of a search and of a page in another
//! space, truncated bodies completed, the space of a search hit found by walking parents,
//! spaces discovered at the top of the workspace, and task lists and escapes written through
//! the Markdown endpoints. Versions from `last_edited_time` and their conflicts are the
//! shared kb suite's (`shared.rs`).

use crate::shared::{TOKEN, runbook_1, seed, spaces};
use mosaic_core::{OpId, Provider, ProviderError};
use mosaic_fake_kit::server::{FakeServer, Scripted};
use mosaic_notion::NotionPlugin;
use mosaic_notion_fake::{self as notion, NotionData, error_body, ids::page_id};
use mosaic_testkit::adapter::{all_pages, call, instance_with};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

async fn start_with(
    data: NotionData,
    settings: Value,
) -> (FakeServer<NotionData>, Arc<dyn Provider>) {
    let server = notion::start(data, TOKEN).await;
    let mut settings = settings;
    settings["token"] = json!(TOKEN);
    let provider = instance_with(&NotionPlugin::default(), &server.base_url(), settings).await;
    (server, provider)
}

async fn start() -> (FakeServer<NotionData>, Arc<dyn Provider>) {
    start_with(seed(), json!({"spaces": spaces()})).await
}

fn notion_refusal(status: u16, code: &str, message: &str) -> Scripted {
    Scripted {
        status,
        retry_after: None,
        body: error_body(status, code, message),
    }
}

#[tokio::test]
async fn a_search_pages_through_notions_cursors_to_the_end() {
    let (server, provider) = start_with(seed(), json!({})).await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "runbook", "per_page": 20}),
    )
    .await;
    assert_eq!(items.len(), 45);
    assert_eq!(pages, 3);
    let titles: Vec<&str> = items
        .iter()
        .map(|item| item["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Runbook 1");
    assert_eq!(titles[44], "Runbook 45");
    let searches: Vec<_> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.path == "/v1/search")
        .collect();
    assert!(searches.iter().any(|seen| {
        seen.body
            .as_deref()
            .is_some_and(|body| body.contains("start_cursor"))
    }));
    assert!(
        items.iter().all(|item| item["space"] == page_id(1004)),
        "each hit's space is its top-level page"
    );
}

#[tokio::test]
async fn a_search_filtered_to_a_space_walks_up_the_parents() {
    let (server, provider) = start().await;
    let found = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "request path", "space": "ENG"}),
    )
    .await
    .unwrap();
    assert_eq!(found["items"][0]["title"], "Request path");
    assert_eq!(found["items"][0]["space"], "ENG");
    let overview = page_id(1054);
    assert!(
        server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.path == format!("/v1/pages/{overview}")),
        "the parent was read"
    );
    let elsewhere = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "roadmap", "space": "ENG"}),
    )
    .await
    .unwrap();
    assert_eq!(elsewhere["items"], json!([]));
    let product = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "roadmap", "space": "product"}),
    )
    .await
    .unwrap();
    assert_eq!(product["items"].as_array().unwrap().len(), 5);
    // Notion's search matches titles only: words of the bodies find nothing.
    let bodies = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "escalate"}),
    )
    .await
    .unwrap();
    assert_eq!(bodies["items"], json!([]));
}

#[tokio::test]
async fn a_429_and_a_529_are_rate_limited_with_their_retry_after() {
    let (server, provider) = start().await;
    for status in [429, 529] {
        server.state().knobs.fail_next(Scripted {
            retry_after: Some(7),
            ..notion_refusal(status, "service_overload", "Notion is overloaded.")
        });
        let error = call(
            provider.as_ref(),
            OpId::KbPagesGet,
            json!({"space": "ENG", "page_id": runbook_1()}),
        )
        .await
        .unwrap_err();
        assert_eq!(
            error,
            ProviderError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            },
            "{status}"
        );
    }
}

#[tokio::test]
async fn refusals_keep_notions_message() {
    let (server, provider) = start().await;
    for (status, code, message, expected) in [
        (
            401,
            "unauthorized",
            "API token is invalid.",
            ProviderError::Unauthenticated("API token is invalid.".into()),
        ),
        (
            403,
            "restricted_resource",
            "Insufficient permissions.",
            ProviderError::Forbidden("Insufficient permissions.".into()),
        ),
        (
            404,
            "object_not_found",
            "Could not find database.",
            ProviderError::NotFound("Could not find database.".into()),
        ),
    ] {
        server
            .state()
            .knobs
            .fail_next(notion_refusal(status, code, message));
        let error = call(
            provider.as_ref(),
            OpId::KbPagesSearch,
            json!({"query": "x"}),
        )
        .await
        .unwrap_err();
        assert_eq!(error, expected);
    }
    let missing = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": page_id(99_999)}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(missing, ProviderError::NotFound(ref what) if what.starts_with("Could not find page with ID")),
        "Notion's own message: {missing:?}"
    );
    let wrong_space = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "OPS", "page_id": runbook_1()}),
    )
    .await
    .unwrap_err();
    assert!(matches!(wrong_space, ProviderError::NotFound(_)));
}

#[tokio::test]
async fn a_truncated_page_is_completed_from_the_blocks_notion_left_out() {
    let mut data = seed();
    data.truncate_after = Some(1);
    let (server, provider) = start_with(data, json!({"spaces": spaces()})).await;
    let page = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": page_id(1054)}),
    )
    .await
    .unwrap();
    assert_eq!(
        page["body"],
        "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n"
    );
    let blocks = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.path.starts_with("/v1/pages/b10c"))
        .count();
    assert_eq!(blocks, 3, "one request per block left out");
}

#[tokio::test]
async fn writes_read_back_as_written_with_their_task_lists() {
    let (server, provider) = start().await;
    let body = "# Keys\n\n- [ ] rotate the *old* one\n  - [x] tell on-call\n\nCosts \\$5 {per} key\\_id.\n";
    let created = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Rotate keys", "body": body, "parent_id": page_id(1054)}),
    )
    .await
    .unwrap();
    assert_eq!(created["body"], body);
    assert_eq!(created["parent_id"], page_id(1054));
    let id = created["id"].as_str().unwrap().to_owned();
    {
        let data = server.state().data();
        let stored = data.wiki.pages.last().unwrap();
        assert_eq!(
            stored.body.text(),
            "# Keys\n- [ ] rotate the *old* one\n\t- [x] tell on-call\nCosts \\$5 \\{per\\} key_id."
        );
    }
    let updated = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "body": "Done."}),
    )
    .await
    .unwrap();
    assert_eq!(updated["body"], "Done.\n");
    assert_eq!(updated["title"], "Rotate keys");
    let read = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": id}),
    )
    .await
    .unwrap();
    assert_eq!(read, updated);
    let marked = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.path.ends_with("/markdown") && seen.method == "PATCH")
        .count();
    assert_eq!(marked, 1, "the body is replaced with replace_content");
}

#[tokio::test]
async fn without_configured_spaces_the_top_level_pages_are_the_spaces() {
    let (_server, provider) = start_with(seed(), json!({})).await;
    let (spaces, _) = all_pages(
        provider.as_ref(),
        OpId::KbSpacesList,
        json!({"per_page": 2}),
    )
    .await;
    let names: Vec<&str> = spaces
        .iter()
        .map(|space| space["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Engineering", "Product", "Operations"]);
    assert_eq!(spaces[0]["key"], page_id(1004));
}

#[tokio::test]
async fn every_request_pins_the_api_version_and_a_bearer_token() {
    let (server, provider) = start().await;
    call(provider.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap();
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.status == 200),
        "the fake refuses requests without Notion-Version"
    );
    assert_eq!(mosaic_notion::NOTION_VERSION, "2026-03-11");
}
