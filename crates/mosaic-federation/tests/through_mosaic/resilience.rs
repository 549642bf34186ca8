//! Federated calls get the executor's treatment: per-upstream timeouts, retries of read-only
//! tools only, the circuit breaker, and the cache only where the configuration allows it.

use crate::fixture::text_of;
use crate::support::{Mosaic, arguments};
use rmcp::model::CallToolRequestParams;
use serde_json::json;

fn slow() -> CallToolRequestParams {
    CallToolRequestParams::new("slow").with_arguments(arguments(json!({"ms": 5000})))
}

#[tokio::test]
async fn a_read_only_tool_is_retried_then_its_circuit_opens() {
    let mosaic = Mosaic::start_with("read_only: [slow], timeout: 50ms").await;
    let client = mosaic.client().await;
    let timed_out = client.call_tool(slow()).await.unwrap();
    assert_eq!(timed_out.is_error, Some(true));
    assert_eq!(
        timed_out.meta.as_ref().unwrap().0["mosaic/error"]["code"],
        "timeout",
        "{timed_out:?}"
    );
    let status = mosaic.status_of("fixture").await;
    assert_eq!(status["calls"], 3, "three attempts: {status}");
    assert_eq!(status["failures"], 3);
    assert_eq!(
        status["circuit"], "open",
        "three failures open it: {status}"
    );

    let held_back = client.call_tool(slow()).await.unwrap();
    let error = &held_back.meta.as_ref().unwrap().0["mosaic/error"];
    assert_eq!(error["code"], "unavailable");
    assert!(error["message"].as_str().unwrap().contains("circuit open"));
    assert_eq!(mosaic.status_of("fixture").await["calls"], 3, "not sent");
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_tool_not_configured_read_only_is_tried_once() {
    let mosaic = Mosaic::start_with("read_only: [echo], timeout: 50ms").await;
    let client = mosaic.client().await;
    let timed_out = client.call_tool(slow()).await.unwrap();
    assert_eq!(timed_out.is_error, Some(true));
    let status = mosaic.status_of("fixture").await;
    assert_eq!(status["calls"], 1, "{status}");
    assert_eq!(status["circuit"], "closed");
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn only_tools_the_configuration_names_are_cached() {
    let mosaic = Mosaic::start_with("cache: { tools: [pid], ttl: 1h }").await;
    let client = mosaic.client().await;
    let first = client
        .call_tool(CallToolRequestParams::new("pid"))
        .await
        .unwrap();
    let second = client
        .call_tool(CallToolRequestParams::new("pid"))
        .await
        .unwrap();
    assert_eq!(text_of(&first), text_of(&second));
    let source = |result: &rmcp::model::CallToolResult| {
        result.meta.as_ref().unwrap().0["mosaic/served"]["source"].clone()
    };
    assert_eq!(source(&first), "provider");
    assert_eq!(source(&second), "l1");
    for _ in 0..2 {
        let echoed = client
            .call_tool(
                CallToolRequestParams::new("echo").with_arguments(arguments(json!({"text": "x"}))),
            )
            .await
            .unwrap();
        assert_eq!(source(&echoed), "provider", "echo is not cacheable");
    }
    assert_eq!(mosaic.status_of("fixture").await["calls"], 3);
    client.cancel().await.unwrap();
    mosaic.stop().await;
}
