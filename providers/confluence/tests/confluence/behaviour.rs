//! What only Confluence does on reads, against its fake: cursors taken out of `_links.next`
//! (which are site-relative, and wrong below the OAuth gateway), its refusals in v2's and v1's
//! shapes, its quota, CQL with every caller value quoted, and excerpts without highlights.

use crate::shared::{page_id, started, started_through_the_gateway};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::{all_pages, call};
use reqwest::Url;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

fn ids(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The value of `name` in a logged query string.
fn param(query: Option<&str>, name: &str) -> Option<String> {
    let url = Url::parse(&format!("http://x/?{}", query.unwrap_or_default())).ok()?;
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[tokio::test]
async fn search_and_spaces_page_through_by_cursor_against_the_site_and_through_the_gateway() {
    for through_the_gateway in [false, true] {
        let (server, provider) = if through_the_gateway {
            started_through_the_gateway().await
        } else {
            started(json!({})).await
        };
        let search = json!({"query": "Runbook", "space": "ENG", "per_page": 20});
        let (items, pages) = all_pages(provider.as_ref(), OpId::KbPagesSearch, search).await;
        assert_eq!(pages, 3, "gateway: {through_the_gateway}");
        assert_eq!(ids(&items).len(), 45, "no page twice");
        assert!(items.iter().all(|item| item["space"] == "ENG"));
        let (spaces, pages) = all_pages(
            provider.as_ref(),
            OpId::KbSpacesList,
            json!({"per_page": 1}),
        )
        .await;
        assert_eq!(pages, 3);
        let keys: Vec<&str> = spaces.iter().map(|s| s["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["ENG", "OPS", "PRODUCT"]);
        assert_eq!(
            spaces[0]["web_url"].as_str().unwrap(),
            if through_the_gateway {
                "https://acme.atlassian.net/wiki/spaces/ENG".to_owned()
            } else {
                format!("{}/wiki/spaces/ENG", server.base_url())
            }
        );
        // Every page after the first asked for its cursor below the instance's own root.
        let requests = server.state().requests();
        let with_cursor = requests
            .iter()
            .filter(|seen| param(seen.query.as_deref(), "cursor").is_some())
            .count();
        assert_eq!(with_cursor, 4, "{requests:?}");
        let prefix = if through_the_gateway {
            "/ex/confluence/c0ffee-1/wiki/"
        } else {
            "/wiki/"
        };
        assert!(
            requests
                .iter()
                .all(|seen| seen.path.starts_with(prefix) && seen.status == 200)
        );
    }
}

#[tokio::test]
async fn a_cursor_that_was_not_issued_is_refused_before_asking() {
    let (server, provider) = started(json!({})).await;
    let error = call(
        provider.as_ref(),
        OpId::KbSpacesList,
        json!({"cursor": "not a cursor"}),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ProviderError::Invalid(m) if m.contains("printable ASCII")));
    assert!(server.state().requests().is_empty());
}

#[tokio::test]
async fn a_429_is_rate_limited_with_the_wait_of_retry_after() {
    let (server, provider) = started(json!({})).await;
    server
        .state()
        .knobs
        .fail_next(Scripted::too_many_requests(17));
    let error = call(provider.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(17))
        }
    );
}

#[tokio::test]
async fn refusals_carry_confluences_own_message() {
    let (server, provider) = started(json!({})).await;
    let unauthorized = crate::shared::started(json!({"api_token": "wrong"})).await;
    let error = call(unauthorized.1.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unauthenticated("Bad credentials".into())
    );

    server.state().knobs.fail_next(Scripted {
        status: 403,
        retry_after: None,
        body: json!({"errors": [{"status": 403, "code": "FORBIDDEN", "title": "Forbidden", "detail": "You do not have permission to view this space"}]}),
    });
    let error = call(provider.as_ref(), OpId::KbSpacesList, json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Forbidden("Forbidden: You do not have permission to view this space".into())
    );

    let missing = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": "999999"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        missing,
        ProviderError::NotFound("no page `999999` in space `ENG` (Page not found)".into())
    );
    let no_space = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "NOPE", "page_id": "1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(no_space, ProviderError::NotFound("no space `NOPE`".into()));
    // A page of another space is not found in this one.
    let elsewhere = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "OPS", "page_id": page_id("Runbook 1")}),
    )
    .await
    .unwrap_err();
    assert!(matches!(elsewhere, ProviderError::NotFound(m) if m.contains("another space")));
    // v1's refusal (search).
    server.state().knobs.fail_next(Scripted {
        status: 400,
        retry_after: None,
        body: json!({"statusCode": 400, "message": "Could not parse cql : type = page", "data": {}}),
    });
    let error = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "x"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("Could not parse cql : type = page".into())
    );
}

#[tokio::test]
async fn hostile_search_text_stays_one_quoted_value() {
    let (server, provider) = started(json!({})).await;
    let hostile = r#"on-call" OR space = "OPS\"#;
    let page = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": hostile, "space": "ENG"}),
    )
    .await
    .unwrap();
    assert_eq!(page["items"], json!([]));
    let requests = server.state().requests();
    let search = requests.last().unwrap();
    assert_eq!(search.path, "/wiki/rest/api/search");
    assert_eq!(
        param(search.query.as_deref(), "cql").as_deref(),
        Some(r#"type = page AND space = "ENG" AND text ~ "on-call\" OR space = \"OPS\\""#)
    );
    assert_eq!(search.status, 200);
}

#[tokio::test]
async fn excerpts_come_without_highlight_markers() {
    let (_server, provider) = started(json!({})).await;
    let page = call(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "escalate", "space": "ENG", "per_page": 3}),
    )
    .await
    .unwrap();
    let hit = &page["items"][0];
    assert_eq!(hit["title"], "Runbook 3");
    assert_eq!(
        hit["excerpt"],
        "Runbook 3 Steps for incident class 3, escalate to on-call."
    );
    let path = format!("/wiki/spaces/ENG/pages/{}/Runbook+3", page_id("Runbook 3"));
    assert!(hit["web_url"].as_str().unwrap().ends_with(&path));
}

#[tokio::test]
async fn a_page_reads_as_markdown_with_its_tasks_and_version() {
    let (server, provider) = started(json!({})).await;
    let page = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": page_id("Architecture overview")}),
    )
    .await
    .unwrap();
    assert_eq!(
        page["body"],
        "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n"
    );
    assert_eq!(page["version"], 1);
    let child = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": page_id("Request path")}),
    )
    .await
    .unwrap();
    assert_eq!(child["parent_id"], json!(page_id("Architecture overview")));
    let on_call = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "OPS", "page_id": page_id("On-call")}),
    )
    .await
    .unwrap();
    assert_eq!(on_call["version"], 3);
    // v1's retired content API is never called.
    assert!(
        !server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.path.contains("/rest/api/content"))
    );
}
