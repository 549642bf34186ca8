//! `GET /v1/providers` and `GET /v1/route/explain` are the meta operations
//! `mosaic.providers.status` and `mosaic.route.explain`: policy decides, every call is audited.

use crate::support::{get, send, start};
use axum::http::StatusCode;

/// Anonymous callers are allowed nothing.
const LOCKED: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: stranger } }
policies: [{ name: ops-only, effect: allow, principals: [ops] }]
providers:
  - { name: main, plugin: sim, settings: { dataset: rest-meta } }
routes:
  - { name: all, targets: [{ instance: main }] }
"#;

#[tokio::test]
async fn a_caller_no_policy_allows_is_refused_the_meta_endpoints_and_audited() {
    let gateway = start(LOCKED).await;
    let app = mosaic_rest::router(gateway.clone(), None);
    for (uri, operation) in [
        ("/v1/providers", "mosaic.providers.status"),
        (
            "/v1/route/explain?operation=git.issues.list&repo=acme/api",
            "mosaic.route.explain",
        ),
    ] {
        let answer = send(&app, get(uri)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
        assert_eq!(answer.body["error"]["code"], "denied");
        let message = answer.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(operation), "{message}");
    }
    gateway.flush_audit().await;
    let records = gateway.store().tail(10, None).await.unwrap();
    let audited: Vec<_> = records
        .iter()
        .map(|record| (record.call.operation.as_str(), record.call.outcome.as_str()))
        .collect();
    assert_eq!(
        audited,
        [
            ("mosaic.providers.status", "denied"),
            ("mosaic.route.explain", "denied")
        ]
    );
}
