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

/// A sim whose every call takes 200 ms, so a caller can give up while a write is under way.
const SLOW: &str = ", latency: { distribution: constant, mean: 200ms }";

/// The outcomes of the audited creates, once the write still under way has been recorded
/// (the store's pool needs the real clock, so this waits for it, for at most ten seconds).
async fn audited_creates(gateway: &mosaic_gateway::Gateway) -> Vec<String> {
    for _ in 0..500 {
        gateway.flush_audit().await;
        let records = gateway.store().tail(10, None).await.unwrap();
        let creates: Vec<String> = records
            .iter()
            .filter(|record| record.call.operation == "git.issues.create")
            .map(|record| record.call.outcome.clone())
            .collect();
        if !creates.is_empty() {
            return creates;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Vec::new()
}

#[tokio::test]
async fn a_write_whose_caller_hangs_up_is_still_applied_and_audited() {
    let gateway = gateway(&config("writes-hang-up", SLOW)).await;
    let caller = ctx();
    let call = gateway.call(&caller, create("caller gone"));
    // The front end drops the call when its client hangs up mid-write.
    assert!(
        tokio::time::timeout(Duration::from_millis(50), call)
            .await
            .is_err()
    );
    assert_eq!(audited_creates(&gateway).await, ["ok"]);
    let listed = gateway.call(&ctx(), list()).await.unwrap();
    assert!(
        listed.output.to_json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|issue| issue["title"] == "caller gone"),
        "the write ran to its end"
    );
}

#[tokio::test]
async fn a_write_past_the_callers_deadline_is_an_unknown_outcome_and_runs_to_its_end() {
    let gateway = gateway(&config("writes-deadline", SLOW)).await;
    let mut hurried = ctx();
    hurried.deadline = Some(Duration::from_millis(50));
    let error = gateway
        .call(&hurried, create("past the deadline"))
        .await
        .unwrap_err();
    let CallError::WriteOutcomeUnknown {
        ref instance,
        ref reason,
        ..
    } = error
    else {
        panic!("a write cut off by the deadline may yet be applied, got {error:?}");
    };
    assert_eq!(instance, "primary");
    assert!(reason.contains("deadline"), "{reason}");

    assert_eq!(
        audited_creates(&gateway).await,
        ["ok"],
        "audited with its real outcome"
    );
}
