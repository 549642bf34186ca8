//! What the gateway's promises look like over MCP: tools offered by policy, meta tools under
//! policy, failed writes that say what they prove, failover provenance past open circuits,
//! and routing hints only as granted.

use crate::support::*;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// Anonymous callers may use git and explain routes (but not file issues in acme/internal-*),
/// nothing else. A forge that applies issue creations without confirming them; a tracker
/// allowing one call a minute; a knowledge base whose primary is down, with a mirror.
const ESTATE: &str = r#"
store: { url: "sqlite::memory:" }
executor: { retry: { max_attempts: 1 }, breaker: { failure_threshold: 1, open_for: 10m } }
auth: { anonymous: { tenant: default, principal: agent, regions: [eu] } }
policies:
  - { name: no-internal-issues, effect: deny, operations: [git.issues.create], resources: ["acme/internal-*"] }
  - { name: git-and-explain, effect: allow, operations: ["git.*", "kb.*", mosaic.route.explain] }
  - { name: trackers-for-ops, effect: allow, principals: [ops], operations: ["pm.*"] }
providers:
  - { name: forge, plugin: sim, settings: { kinds: [git], dataset: mcp-semantics-forge, unconfirmed_writes: [git.issues.create] } }
  - { name: kb-primary, plugin: sim, settings: { kinds: [kb], dataset: mcp-semantics-kb, down: true } }
  - { name: kb-mirror, plugin: sim, settings: { kinds: [kb], dataset: mcp-semantics-kb } }
routes:
  - { name: git, kinds: [git], targets: [{ instance: forge }] }
  - { name: kb, kinds: [kb], targets: [{ instance: kb-primary }, { instance: kb-mirror, read_only: true }] }
"#;

/// Anyone may file issues on a tracker that allows one call a minute.
const METERED: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: agent } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: tracker, plugin: sim, settings: { kinds: [pm], dataset: mcp-semantics-pm, rate_limit: { requests: 1, per: 1m } } }
routes:
  - { name: pm, targets: [{ instance: tracker }] }
"#;

async fn call(app: &axum::Router, tool: &str, arguments: Value) -> Value {
    let (status, answer) = send(app, tool_call(tool, arguments)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer["result"].clone()
}

#[tokio::test]
async fn tools_list_leaves_out_what_policy_denies_the_caller_outright() {
    let app = app_of(ESTATE).await;
    let (status, answer) = send(&app, tools_list()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let names: Vec<&str> = answer["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tool| tool["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"git_issues_list"));
    // Denied only on some resources: still offered.
    assert!(names.contains(&"git_issues_create"));
    assert!(names.contains(&"mosaic_route_explain"));
    for denied in [
        "pm_issues_get",
        "ci_runs_trigger",
        "mosaic_providers_status",
    ] {
        assert!(!names.contains(&denied), "{denied} is offered: {names:?}");
    }
    // The list follows the caller: no shared cache may keep it.
    assert_eq!(
        answer["result"]["cacheScope"], "private",
        "{}",
        answer["result"]
    );
}

#[tokio::test]
async fn tools_list_is_public_when_policy_decides_every_caller_alike() {
    // Anonymous access, one rule for everyone: every caller is offered the same list.
    let app = app_of(METERED).await;
    let (status, answer) = send(&app, tools_list()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["result"]["cacheScope"], "public",
        "{}",
        answer["result"]
    );
    assert_eq!(answer["result"]["ttlMs"], 60_000);
}

#[tokio::test]
async fn meta_tools_policy_denies_are_refused_as_denials() {
    let app = app_of(ESTATE).await;
    let refused = call(&app, "mosaic_providers_status", json!({})).await;
    assert_eq!(refused["isError"], true, "{refused}");
    assert_eq!(refused["_meta"]["mosaic/error"]["code"], "denied");
    let explained = call(
        &app,
        "mosaic_route_explain",
        json!({"operation": "git.issues.list", "arguments": {"repo": "acme/api"}}),
    )
    .await;
    assert_eq!(explained["structuredContent"]["rule"], "git", "{explained}");
}

#[tokio::test]
async fn a_write_the_provider_may_have_applied_reports_an_unknown_outcome_with_its_id() {
    let app = app_of(ESTATE).await;
    let result = call(
        &app,
        "git_issues_create",
        json!({"repo": "acme/api", "title": "maybe filed"}),
    )
    .await;
    assert_eq!(result["isError"], true, "{result}");
    let error = &result["_meta"]["mosaic/error"];
    assert_eq!(error["code"], "write_outcome_unknown", "{error}");
    assert_eq!(error["instance"], "forge");
    let id = error["id"].as_str().expect("the provider's id");
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains(id) && text.contains("may have been applied"),
        "{text}"
    );
}

#[tokio::test]
async fn a_throttled_write_is_rate_limited_with_the_wait() {
    let app = app_of(METERED).await;
    let create = json!({"project": "PLAT", "title": "throttled"});
    let first = call(&app, "pm_issues_create", create.clone()).await;
    assert_ne!(first["isError"], true, "{first}");
    let second = call(&app, "pm_issues_create", create).await;
    let error = &second["_meta"]["mosaic/error"];
    assert_eq!(error["code"], "rate_limited", "{second}");
    let wait = error["retry_after_ms"].as_u64().expect("a wait");
    assert!(wait > 0 && wait <= 60_000, "{wait}");
}

#[tokio::test]
async fn reads_served_past_an_open_circuit_name_it_in_the_meta() {
    let app = app_of(ESTATE).await;
    let first = call(&app, "kb_spaces_list", json!({})).await;
    let served = &first["_meta"]["mosaic/served"];
    assert_eq!(served["failed_over"][0]["code"], "unavailable", "{served}");
    let second = call(
        &app,
        "kb_pages_get",
        json!({"space": "OPS", "page_id": "10006"}),
    )
    .await;
    let served = &second["_meta"]["mosaic/served"];
    assert_eq!(served["instance"], "kb-mirror", "{served}");
    assert_eq!(
        served["failed_over"],
        json!([{"instance": "kb-primary", "code": "circuit_open",
                "message": "not called: its circuit is open after repeated failures"}])
    );
}

#[tokio::test]
async fn routing_hints_outside_the_grants_are_refused_before_any_message_is_read() {
    let app = app_of(ESTATE).await;
    let mut granted = tools_list();
    granted
        .headers_mut()
        .insert("x-mosaic-region", "eu".parse().unwrap());
    assert_eq!(send(&app, granted).await.0, StatusCode::OK);
    for (header, value) in [("x-mosaic-region", "us"), ("x-mosaic-labels", "team=web")] {
        let mut refused = tools_list();
        refused.headers_mut().insert(header, value.parse().unwrap());
        let (status, answer) = send(&app, refused).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert!(answer.to_string().contains(value), "{answer}");
    }
}
