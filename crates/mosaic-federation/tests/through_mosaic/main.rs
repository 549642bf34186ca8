//! Federated upstreams through the whole gateway and its MCP front, with the official Rust
//! MCP client on a real socket: federated tools in `tools/list` beside the catalog's, called
//! through policy and audit (denied when policy denies; audited with the upstream), the
//! caller's own key never sent upstream, `notifications/tools/list_changed` to a session and
//! on a 2026-07-28 subscription, the upstream's state in `mosaic_providers_status`,
//! progressive discovery with `server.mcp.tool_list: meta_only`, and what the upstream sends
//! during a call relayed to its caller (`relay`).

mod everything;
#[path = "../common/fixture.rs"]
mod fixture;
mod relay;
mod resilience;
mod support;

use fixture::{http_fixture, text_of};
use rmcp::model::{CallToolRequestParams, ServerNotification, SubscriptionFilter};
use serde_json::{Value, json};
use support::{Mosaic, call, served_by, tool_names};

#[tokio::test]
async fn federated_tools_are_listed_beside_the_catalog_and_called_through_the_gateway() {
    let mosaic = Mosaic::start(support::ALLOW_ALL, "never").await;
    let client = mosaic.client().await;
    let tools = client.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|tool| tool.name.as_ref()).collect();
    assert_eq!(names[0], "git_repos_list", "the catalog comes first");
    for federated in ["echo", "add", "pid", "grow"] {
        assert!(names.contains(&federated), "{federated} in {names:?}");
    }
    let answer = call(&client, "echo", json!({"text": "hello"})).await;
    assert_eq!(answer.is_error, Some(false));
    assert_eq!(text_of(&answer), "hello");
    assert_eq!(served_by(&answer), "fixture");

    mosaic.gateway.flush_audit().await;
    let records = mosaic.gateway.store().tail(20, None).await.unwrap();
    let record = records
        .iter()
        .find(|record| record.call.operation == "mcp.tools.call")
        .expect("the federated call is audited");
    assert_eq!(record.call.resource, "fixture/echo");
    assert_eq!(record.call.instance.as_deref(), Some("fixture"));
    assert_eq!(record.call.outcome, "ok");
    assert_eq!(record.call.principal, "agent");
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_federated_call_policy_denies_is_refused_audited_and_not_listed() {
    let mosaic = Mosaic::start(support::DENY_WHOAMI, "always").await;
    let client = mosaic.client().await;
    let names: Vec<String> = tool_names(&client).await;
    assert!(names.contains(&"fixture_echo".to_owned()), "{names:?}");
    assert!(
        !names.contains(&"fixture_whoami".to_owned()),
        "denied tools are not offered"
    );
    let denied = client
        .call_tool(CallToolRequestParams::new("fixture_whoami"))
        .await
        .unwrap();
    assert_eq!(denied.is_error, Some(true));
    let error = &denied.meta.as_ref().unwrap().0["mosaic/error"];
    assert_eq!(error["code"], "denied");
    assert_eq!(error["fault"], "caller");

    mosaic.gateway.flush_audit().await;
    let records = mosaic.gateway.store().tail(20, None).await.unwrap();
    let record = records
        .iter()
        .find(|record| record.call.resource == "fixture/whoami")
        .expect("the denied call is audited");
    assert_eq!(record.call.operation, "mcp.tools.call");
    assert_eq!(record.call.outcome, "denied");
    assert_eq!(record.call.instance.as_deref(), Some("fixture"));
    assert!(
        record
            .call
            .reasons
            .iter()
            .any(|reason| reason.contains("no-whoami")),
        "{:?}",
        record.call.reasons
    );
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn the_upstream_gets_its_own_credentials_never_the_callers_key() {
    let (address, _upstream) = http_fixture().await;
    let mosaic = Mosaic::start_http(&format!("http://{address}/mcp")).await;
    let client = mosaic.client().await;
    let answer = client
        .call_tool(CallToolRequestParams::new("remote_whoami"))
        .await
        .unwrap();
    assert_eq!(text_of(&answer), "Bearer upstream-token");
    assert!(!text_of(&answer).contains(support::KEY));
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_session_and_a_subscription_are_told_when_the_tools_change() {
    let mosaic = Mosaic::start(support::ALLOW_ALL, "never").await;
    let (session, mut heard) = mosaic.client_hearing_list_changes().await;
    let stateless = mosaic.stateless_client().await;
    let mut subscription = stateless
        .listen(SubscriptionFilter::builder().tools_list_changed().build())
        .await
        .unwrap();

    let grown = session
        .call_tool(CallToolRequestParams::new("grow"))
        .await
        .unwrap();
    let added = text_of(&grown);
    heard.recv().await.expect("the session hears list_changed");
    let notification = subscription
        .next()
        .await
        .unwrap()
        .expect("the subscription hears it");
    assert!(
        matches!(
            notification,
            ServerNotification::ToolListChangedNotification(_)
        ),
        "{notification:?}"
    );
    let tools = session.list_all_tools().await.unwrap();
    assert!(
        tools.iter().any(|tool| tool.name == added.as_str()),
        "{added}"
    );
    session.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn the_upstreams_state_is_in_the_provider_status() {
    let mosaic = Mosaic::start(support::ALLOW_ALL, "never").await;
    let client = mosaic.client().await;
    let status = client
        .call_tool(CallToolRequestParams::new("mosaic_providers_status"))
        .await
        .unwrap();
    let instances = status.structured_content.unwrap()["instances"].clone();
    let upstream = instances
        .as_array()
        .unwrap()
        .iter()
        .find(|instance| instance["name"] == "fixture")
        .expect("the upstream is listed")
        .clone();
    assert!(upstream["plugin"].as_str().unwrap().starts_with("mcp@"));
    assert_eq!(upstream["circuit"], "closed");
    assert_eq!(upstream["health"]["status"], "healthy");
    assert_eq!(upstream["upstream"]["state"], "ready");
    assert_eq!(upstream["upstream"]["transport"], "stdio");
    assert!(upstream["upstream"]["tools"].as_u64().unwrap() >= 6);
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn with_only_the_meta_tools_listed_tools_are_found_and_called_by_name() {
    let mosaic = Mosaic::start(support::META_ONLY, "never").await;
    let client = mosaic.client().await;
    let names: Vec<String> = tool_names(&client).await;
    assert_eq!(
        names,
        [
            "mosaic_providers_status",
            "mosaic_route_explain",
            "mosaic_tools_search",
            "mosaic_tools_call"
        ]
    );
    let found = call(&client, "mosaic_tools_search", json!({"query": "echo"})).await;
    let found = found.structured_content.unwrap();
    let echo = &found["tools"][0];
    assert_eq!(echo["name"], "echo");
    assert_eq!(echo["inputSchema"]["required"], json!(["text"]));
    let catalog = call(
        &client,
        "mosaic_tools_search",
        json!({"query": "issues list"}),
    )
    .await;
    assert!(
        catalog.structured_content.unwrap()["tools"]
            .as_array()
            .unwrap()
            .iter()
            .any(|tool| tool["name"] == "git_issues_list")
    );

    let echoed = call(
        &client,
        "mosaic_tools_call",
        json!({"name": "echo", "arguments": {"text": "by name"}}),
    )
    .await;
    assert_eq!(text_of(&echoed), "by name");
    assert_eq!(served_by(&echoed), "fixture");
    let listed = call(
        &client,
        "mosaic_tools_call",
        json!({"name": "git_issues_list", "arguments": {"repo": "acme/api"}}),
    )
    .await;
    assert_eq!(listed.is_error, Some(false), "{listed:?}");
    assert!(listed.structured_content.unwrap()["items"].is_array());
    let unknown = call(&client, "mosaic_tools_call", json!({"name": "teleport"})).await;
    assert_eq!(unknown.is_error, Some(true));
    assert_eq!(
        unknown.meta.unwrap().0["mosaic/error"]["code"],
        Value::from("unknown_operation")
    );
    client.cancel().await.unwrap();
    mosaic.stop().await;
}
