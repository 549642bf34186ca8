//! What a failed write answers over REST: 502 `write_outcome_unknown` with the instance and
//! the id once the provider may have applied it; 429 `rate_limited` with `Retry-After` when
//! its system of record throttles it.

use crate::support::{Answer, get, post, send, start};
use axum::http::{StatusCode, header};
use serde_json::json;

/// A forge that applies issue creations without confirming them; a tracker allowing one call
/// a minute.
const WRITES: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: rest-writes } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: forge, plugin: sim, settings: { kinds: [git], dataset: rest-writes-forge, unconfirmed_writes: [git.issues.create] } }
  - { name: tracker, plugin: sim, settings: { kinds: [pm], dataset: rest-writes-pm, rate_limit: { requests: 1, per: 1m } } }
routes:
  - { name: git, kinds: [git], targets: [{ instance: forge }] }
  - { name: pm, kinds: [pm], targets: [{ instance: tracker }] }
"#;

fn error(answer: &Answer) -> &serde_json::Value {
    &answer.body["error"]
}

#[tokio::test]
async fn a_write_the_provider_may_have_applied_is_502_with_the_instance_and_id() {
    let app = mosaic_rest::router(start(WRITES).await, None);
    let list = "/v1/git.issues.list?repo=acme/api&state=all&per_page=100";
    assert_eq!(send(&app, get(list)).await.status, StatusCode::OK);
    let created = send(
        &app,
        post(
            "/v1/git.issues.create",
            json!({"repo": "acme/api", "title": "maybe filed"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::BAD_GATEWAY, "{}", created.body);
    assert_eq!(error(&created)["code"], "write_outcome_unknown");
    assert_eq!(error(&created)["fault"], "provider");
    assert_eq!(error(&created)["instance"], "forge");
    let id = error(&created)["id"].as_str().unwrap().to_owned();
    let message = error(&created)["message"].as_str().unwrap();
    assert!(message.contains("may have been applied"), "{message}");
    assert!(!message.contains("not performed"), "{message}");
    assert!(!created.headers.contains_key(header::RETRY_AFTER));

    // The cache was invalidated: the list is fetched again and has the issue.
    let after = send(&app, get(list)).await;
    assert_eq!(after.headers["x-mosaic-cache"], "miss");
    let issues = after.body["items"].as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|issue| issue["id"] == id.as_str() && issue["title"] == "maybe filed")
    );
}

#[tokio::test]
async fn a_throttled_write_is_429_rate_limited_with_retry_after() {
    let app = mosaic_rest::router(start(WRITES).await, None);
    let create = || {
        post(
            "/v1/pm.issues.create",
            json!({"project": "PLAT", "title": "throttled"}),
        )
    };
    let first = send(&app, create()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = send(&app, create()).await;
    assert_eq!(
        second.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        second.body
    );
    assert_eq!(error(&second)["code"], "rate_limited");
    let wait: u64 = second.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
}
