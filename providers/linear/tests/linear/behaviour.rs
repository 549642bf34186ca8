//! What only Linear does of reads, against its fake (what every tracker does is the shared
//! suite of `shared.rs`): cursor pages newest change first, teams as projects, the unified
//! search as an `IssueFilter`, cursors refused before sending, the quota the way Linear
//! answers it, API keys and OAuth tokens, and Linear's errors by code.

use crate::shared::{API_KEY, suite};
use mosaic_core::{Health, OpId, ProviderError};
use mosaic_linear::LinearPlugin;
use mosaic_linear_fake as linear;
use mosaic_testkit::adapter::tracker::{keys, search_all};
use mosaic_testkit::adapter::{all_pages, call, instance_with};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn search_pages_through_every_item_newest_change_first() {
    let (server, provider) = suite().subject.seeded().await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "per_page": 20}),
    )
    .await;
    assert_eq!(pages, 3);
    assert_eq!(items.len(), 45);
    assert_eq!(keys(&items).len(), 45, "no item twice");
    let updated: Vec<&str> = items
        .iter()
        .map(|item| item["updated_at"].as_str().unwrap())
        .collect();
    assert!(updated.windows(2).all(|pair| pair[0] >= pair[1]));
    assert_eq!(
        linear::operations(server.state()),
        ["IssueSearch", "IssueSearch", "IssueSearch"]
    );
    let first = &items.iter().find(|item| item["key"] == "PLAT-1").unwrap();
    assert_eq!(first["status"], "Todo");
    assert_eq!(first["status_category"], "todo");
    assert_eq!(first["priority"], "urgent");
    assert_eq!(first["project"], "PLAT");
    assert!(
        first["web_url"]
            .as_str()
            .unwrap()
            .starts_with("https://linear.app/acme/issue/PLAT-1/")
    );
}

#[tokio::test]
async fn projects_are_teams() {
    let (_server, provider) = suite().subject.seeded().await;
    let page = call(provider.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap();
    let projects = page["items"].as_array().unwrap();
    let plat = projects.iter().find(|p| p["key"] == "PLAT").unwrap();
    assert_eq!(plat["name"], "Platform");
    assert_eq!(plat["web_url"], "https://linear.app/acme/team/PLAT");
}

#[tokio::test]
async fn the_unified_search_narrows_by_labels_text_and_time() {
    let (_server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let two_labels = json!({"project": "PLAT", "labels": ["bug", "docs"]});
    assert_eq!(
        search_all(provider, two_labels).await.len(),
        0,
        "all labels, not any"
    );
    let text = json!({"project": "PLAT", "text": "WORK ITEM 4", "per_page": 100});
    assert_eq!(
        keys(&search_all(provider, text).await),
        [
            "PLAT-4", "PLAT-40", "PLAT-41", "PLAT-42", "PLAT-43", "PLAT-44", "PLAT-45"
        ]
        .map(String::from)
        .into()
    );
    let comments = json!({"text": "retry change"});
    assert_eq!(
        keys(&search_all(provider, comments).await),
        ["PLAT-1".to_owned()].into()
    );
    let since = json!({"project": "WEB", "updated_since": "2026-01-01"});
    assert_eq!(search_all(provider, since).await.len(), 5);
    let future = json!({"project": "WEB", "updated_since": "2027-01-01T00:00:00Z"});
    assert_eq!(search_all(provider, future).await.len(), 0);
}

#[tokio::test]
async fn cursors_that_were_not_issued_are_refused() {
    let (server, provider) = suite().subject.seeded().await;
    // (An empty cursor never reaches a provider: the catalog refuses it.)
    for cursor in ["two words", "tab\there", &"x".repeat(600)] {
        let error = call(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "cursor": cursor}),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(error, ProviderError::Invalid(_)),
            "{cursor:?}: {error:?}"
        );
    }
    assert!(
        server.state().requests().is_empty(),
        "refused before sending"
    );
    // A well-formed cursor Linear did not issue: Linear's own refusal.
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "cursor": "forged"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("after: cursor not found".into())
    );
}

#[tokio::test]
async fn the_health_check_reads_the_quota() {
    let (_server, provider) = suite().subject.seeded().await;
    assert_eq!(provider.health().await, Health::Healthy);
    let quota = provider
        .quota()
        .expect("Linear sends its quota on every answer");
    assert_eq!((quota.limit, quota.remaining), (5000, 4999));
}

#[tokio::test]
async fn a_spent_quota_is_rate_limited_until_the_reset() {
    let (server, provider) = suite().subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(1500, 0, Duration::from_secs(30));
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    // Linear answers HTTP 400 with `RATELIMITED`; the wait is the time to the reset.
    let seen = server.state().requests();
    assert_eq!(seen.last().map(|seen| seen.status), Some(400));
    let ProviderError::RateLimited {
        retry_after: Some(wait),
    } = error
    else {
        panic!("{error:?}");
    };
    assert!(
        wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
        "{wait:?}"
    );
    assert_eq!(provider.quota().unwrap().remaining, 0);
}

#[tokio::test]
async fn credentials_linear_does_not_know_are_unauthenticated() {
    let (server, _provider) = suite().subject.seeded().await;
    let wrong = suite()
        .subject
        .with_wrong_credential(&server.base_url())
        .await;
    let error = call(wrong.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unauthenticated("You need to authenticate to access this operation.".into())
    );
    assert_eq!(server.state().requests()[0].status, 401);
    let Health::Unhealthy { reason } = wrong.health().await else {
        panic!("a wrong key is unhealthy");
    };
    assert!(reason.contains("authenticat"), "{reason}");
    // An OAuth access token travels as `Bearer …`.
    let plugin = LinearPlugin::default();
    let oauth = instance_with(
        &plugin,
        &server.base_url(),
        json!({"access_token": API_KEY}),
    )
    .await;
    assert_eq!(oauth.health().await, Health::Healthy);
}

#[tokio::test]
async fn linears_errors_become_typed_errors_by_code() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let error = call(provider, OpId::PmIssuesGet, json!({"key": "PLAT-999"}))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("work item `PLAT-999`".into())
    );
    assert_eq!(
        server.state().requests()[0].status,
        200,
        "Linear's not found is HTTP 200"
    );
    let long = "x".repeat(300);
    let error = call(
        provider,
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": long}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("title must be between 1 and 255 characters".into())
    );
    let error = call(
        provider,
        OpId::PmIssuesCreate,
        json!({"project": "NOPE", "title": "x"}),
    )
    .await
    .unwrap_err();
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));
}
