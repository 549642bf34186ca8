//! What a failed write tells its caller: `write_outcome_unknown` with what is known once the
//! provider may have applied it (and the cache invalidated all the same), `rate_limited` with
//! the wait when the provider throttles it.

use super::{config, ctx, gateway, request};
use mosaic_core::{OpId, ProviderError};
use mosaic_gateway::{CallError, CallRequest, Source};
use serde_json::json;
use std::time::Duration;

fn list() -> CallRequest {
    request(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "state": "all", "per_page": 100}),
    )
}

fn create(title: &str) -> CallRequest {
    request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": title}),
    )
}

#[tokio::test]
async fn an_unconfirmed_write_is_an_unknown_outcome_with_its_id_and_invalidates_the_cache() {
    let unconfirmed = ", unconfirmed_writes: [git.issues.create]";
    let gateway = gateway(&config("writes-unconfirmed", unconfirmed)).await;
    gateway.call(&ctx(), list()).await.unwrap();
    assert_eq!(
        gateway.call(&ctx(), list()).await.unwrap().served.source,
        Source::L1
    );

    let error = gateway
        .call(&ctx(), create("applied, unconfirmed"))
        .await
        .unwrap_err();
    let CallError::WriteOutcomeUnknown {
        ref instance,
        id: Some(ref id),
        ..
    } = error
    else {
        panic!("expected an unknown outcome with the id, got {error:?}");
    };
    assert_eq!(instance, "primary");
    let message = error.to_string();
    assert!(message.contains("may have been applied"), "{message}");
    assert!(message.contains(&format!("`{id}`")), "{message}");
    assert!(!message.contains("timed out"), "{message}");
    assert!(!message.contains("not performed"), "{message}");

    // The write was applied: the cached list is gone and the new one shows it.
    let after = gateway.call(&ctx(), list()).await.unwrap();
    assert_eq!(after.served.source, Source::Provider);
    let items = after.output.to_json()["items"].clone();
    let written = items
        .as_array()
        .unwrap()
        .iter()
        .find(|issue| issue["title"] == "applied, unconfirmed")
        .expect("the unconfirmed write was applied");
    assert_eq!(written["id"].as_str(), Some(id.as_str()));

    gateway.flush_audit().await;
    let records = gateway.store().tail(10, None).await.unwrap();
    assert!(
        records
            .iter()
            .any(|record| record.call.operation == "git.issues.create"
                && record.call.outcome == "write_outcome_unknown")
    );
}

#[tokio::test]
async fn a_write_to_a_throttled_system_is_rate_limited_with_the_wait() {
    let metered = ", rate_limit: { requests: 1, per: 1m }";
    let gateway = gateway(&config("writes-throttled", metered)).await;
    gateway.call(&ctx(), create("first")).await.unwrap();
    let error = gateway.call(&ctx(), create("second")).await.unwrap_err();
    assert_eq!(error.code(), "rate_limited", "{error}");
    let CallError::Provider {
        error: ProviderError::RateLimited {
            retry_after: Some(wait),
        },
        ..
    } = error
    else {
        panic!("expected the provider's wait, got {error:?}");
    };
    assert!(
        wait > Duration::ZERO && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
    // Refused before it was sent: the mirror (same data) shows no second issue.
    let listed = gateway.call(&ctx(), list()).await.unwrap();
    let titles = listed.output.to_json()["items"].clone();
    assert!(
        titles
            .as_array()
            .unwrap()
            .iter()
            .all(|issue| issue["title"] != "second"),
        "{titles}"
    );
}
