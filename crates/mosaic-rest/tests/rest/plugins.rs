//! `GET /v1/plugins` and a canary's promotion and rollback over REST: two versions of `sim`
//! side by side, the decisions under policy (`mosaic.plugins.manage`, by instance) and what
//! the caller's plan then is.

use crate::support::{KEY, get, post, send, with};
use axum::http::{StatusCode, header};
use mosaic_gateway::Gateway;

/// `ops` (with the key) may manage canaries; anonymous callers may read the status only.
const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
auth:
  anonymous: { tenant: acme, principal: stranger }
  api_keys:
    - { name: ops, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: ops }
policies:
  - { name: only-ops-decide, effect: deny, principals: [stranger], operations: [mosaic.plugins.manage] }
  - { name: all, effect: allow }
providers:
  - { name: tracker-v1, plugin: sim@1.0.0, settings: { kinds: [pm], dataset: rest-versions } }
  - { name: tracker-v2, plugin: sim@1.1.0, settings: { kinds: [pm], dataset: rest-versions } }
routes:
  - name: tracker
    kinds: [pm]
    targets:
      - split: [{ instance: tracker-v1, weight: 50 }, { instance: tracker-v2, weight: 50, canary: true }]
"#;

async fn gateway() -> Gateway {
    let builtin = mosaic_providers::builtin();
    let sim = builtin.find("sim", None).unwrap().clone();
    let registry: mosaic_plugin::Plugins = builtin
        .iter()
        .cloned()
        .chain([mosaic_testkit::versioned::at_version(sim, "1.1.0")])
        .collect();
    let config = mosaic_config::load(CONFIG, &|_| None, &registry).unwrap();
    let gateway = Gateway::start(config).await.unwrap();
    gateway.install_plugins(mosaic_plugin::PluginSet::new(registry));
    gateway
}

fn keyed(request: axum::http::Request<axum::body::Body>) -> axum::http::Request<axum::body::Body> {
    with(request, header::AUTHORIZATION, &format!("Bearer {KEY}"))
}

#[tokio::test]
async fn both_versions_are_listed_and_an_operator_rolls_the_canary_back_and_promotes_it() {
    let gateway = gateway().await;
    let app = mosaic_rest::router(gateway.clone(), None);
    let listed = send(&app, get("/v1/plugins")).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let sims: Vec<_> = listed.body["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|plugin| plugin["name"] == "sim")
        .map(|plugin| (plugin["version"].clone(), plugin["instances"].clone()))
        .collect();
    assert_eq!(
        sims,
        [
            ("1.0.0".into(), serde_json::json!(["tracker-v1"])),
            ("1.1.0".into(), serde_json::json!(["tracker-v2"]))
        ]
    );
    assert_eq!(listed.body["canaries"][0]["canary"], "tracker-v2");
    assert_eq!(listed.body["canaries"][0]["state"], "active");

    let refused = send(&app, post("/v1/plugins/canaries/tracker-v2/rollback", "")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    let rolled_back = send(
        &app,
        keyed(post("/v1/plugins/canaries/tracker-v2/rollback", "")),
    )
    .await;
    assert_eq!(rolled_back.status, StatusCode::OK, "{}", rolled_back.body);
    assert_eq!(rolled_back.body["canary"]["state"], "rolled_back");
    assert_eq!(rolled_back.body["canary"]["decision"]["by"], "operator");
    assert_eq!(rolled_back.body["canary"]["decision"]["principal"], "ops");
    for as_ops in [true, false] {
        let explained = explain(&app, as_ops).await;
        assert_eq!(
            explained["splits"][0]["chosen"], "tracker-v1",
            "{explained}"
        );
    }

    let promoted = send(
        &app,
        keyed(post("/v1/plugins/canaries/tracker-v2/promote", "")),
    )
    .await;
    assert_eq!(promoted.body["canary"]["state"], "promoted");
    let explained = explain(&app, true).await;
    assert_eq!(explained["splits"][0]["chosen"], "tracker-v2");
    assert_eq!(explained["splits"][0]["canary_state"], "promoted");

    let unknown = send(
        &app,
        keyed(post("/v1/plugins/canaries/tracker-v1/promote", "")),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    assert_eq!(unknown.body["error"]["code"], "not_found");
    let wrong_method = send(&app, get("/v1/plugins/canaries/tracker-v2/promote")).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);

    let status = send(&app, get("/v1/providers")).await;
    let canary = status.body["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|instance| instance["name"] == "tracker-v2")
        .unwrap()
        .clone();
    assert_eq!(canary["plugin"], "sim@1.1.0");
    assert_eq!(canary["canary"]["state"], "promoted");
}

/// The plan of a tracker read for the key's principal (`ops`) or the anonymous caller.
async fn explain(app: &axum::Router, as_ops: bool) -> serde_json::Value {
    let uri = "/v1/route/explain?operation=pm.issues.search&text=x";
    let request = if as_ops { keyed(get(uri)) } else { get(uri) };
    send(app, request).await.body
}
