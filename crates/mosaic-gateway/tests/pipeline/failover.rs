//! Failover provenance: an answer names every candidate given up on before the one that
//! served it, those that failed and those passed over because their circuit was open.

use super::{ctx, gateway, request};
use mosaic_core::OpId;
use mosaic_gateway::{CallRequest, Gateway};
use serde_json::json;

/// A primary and its read mirror on one dataset; `primary` and `mirror` settings extra; one
/// attempt per instance and a breaker that opens after two failures.
fn estate(dataset: &str, primary: &str, mirror: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor: {{ retry: {{ max_attempts: 1 }}, breaker: {{ failure_threshold: 2, open_for: 10m }} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: primary, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} {primary} }} }}
  - {{ name: mirror, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} {mirror} }} }}
routes:
  - {{ name: git, targets: [{{ instance: primary }}, {{ instance: mirror, read_only: true }}] }}
"#
    )
}

/// A read no earlier call has cached.
fn issue(number: u64) -> CallRequest {
    request(
        OpId::GitIssuesGet,
        json!({"repo": "acme/api", "number": number}),
    )
}

async fn given_up(gateway: &Gateway, read: CallRequest) -> (String, Vec<(String, &'static str)>) {
    let answer = gateway.call(&ctx(), read).await.unwrap();
    let given_up = answer
        .served
        .failed_over
        .iter()
        .map(|attempt| (attempt.instance.clone(), attempt.code))
        .collect();
    (answer.served.instance, given_up)
}

#[tokio::test]
async fn reads_served_past_an_open_circuit_still_name_it() {
    let gateway = gateway(&estate("failover-open", ", down: true", "")).await;
    // Two failed reads open the primary's circuit.
    for number in [1, 2] {
        assert_eq!(
            given_up(&gateway, issue(number)).await,
            ("mirror".into(), vec![("primary".into(), "unavailable")])
        );
    }
    // Now the primary is not called at all, and the answer still says it was given up on.
    assert_eq!(
        given_up(&gateway, issue(3)).await,
        ("mirror".into(), vec![("primary".into(), "circuit_open")])
    );
}

#[tokio::test]
async fn an_open_circuit_the_plan_ranked_behind_the_serving_candidate_is_not_named() {
    let gateway = gateway(&estate("failover-open-mirror", "", ", down: true")).await;
    for number in [1, 2] {
        let mut pinned = issue(number);
        pinned.provider = Some("mirror".into());
        assert!(gateway.call(&ctx(), pinned).await.is_err());
    }
    // The mirror's circuit is open, but the primary was the first choice anyway.
    assert_eq!(
        given_up(&gateway, issue(3)).await,
        ("primary".into(), vec![])
    );
}
