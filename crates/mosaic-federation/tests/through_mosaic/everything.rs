//! The MCP reference server `@modelcontextprotocol/server-everything` (npm, installed by
//! `scripts/test-deps` into `tests/federation`) behind MosAIc with prefix mode `never`: its
//! tools are offered under their own names and answer through the gateway as they answer
//! directly. Without the install the test says loudly that it did not run; under CI (`CI`
//! set) that is a failure.

use crate::fixture::text_of;
use crate::support::{Mosaic, call, served_by, tool_names};
use rmcp::model::CallToolRequestParams;
use serde_json::json;
use std::path::PathBuf;

/// The server's entry point, when installed.
fn server_everything() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let entry = root.join(
        "tests/federation/node_modules/@modelcontextprotocol/server-everything/dist/index.js",
    );
    if entry.is_file() {
        return Some(entry);
    }
    let help = "run `scripts/test-deps` to install it into tests/federation";
    assert!(
        std::env::var_os("CI").is_none(),
        "server-everything is required under CI but {} is missing: {help}",
        entry.display()
    );
    eprintln!(
        "\n!!! the federation test against server-everything did NOT run: {} is missing; {help} !!!\n",
        entry.display()
    );
    None
}

#[tokio::test]
async fn server_everything_is_federated_under_its_own_names() {
    let Some(entry) = server_everything() else {
        return;
    };
    let mosaic = Mosaic::start_upstream(&format!(
        "{{ name: everything, prefix: never, read_only: [echo, get-sum], stdio: {{ command: node, args: [\"{}\", stdio] }} }}",
        entry.display()
    ))
    .await;
    let client = mosaic.client().await;
    let names: Vec<String> = tool_names(&client).await;
    for tool in [
        "echo",
        "get-sum",
        "get-tiny-image",
        "get-structured-content",
    ] {
        assert!(names.contains(&tool.to_owned()), "{tool} in {names:?}");
    }
    let echoed = call(&client, "echo", json!({"message": "federated"})).await;
    assert_ne!(echoed.is_error, Some(true), "{echoed:?}");
    assert!(text_of(&echoed).contains("federated"), "{echoed:?}");
    assert_eq!(served_by(&echoed), "everything");
    let sum = call(&client, "get-sum", json!({"a": 2, "b": 3})).await;
    assert!(text_of(&sum).contains('5'), "{sum:?}");
    // Content other than text passes through as the upstream gave it.
    let image = client
        .call_tool(CallToolRequestParams::new("get-tiny-image"))
        .await
        .unwrap();
    assert!(
        image.content.iter().any(|block| block.as_image().is_some()),
        "{image:?}"
    );
    // Structured content too.
    let structured = call(
        &client,
        "get-structured-content",
        json!({"location": "New York"}),
    )
    .await;
    assert!(structured.structured_content.is_some(), "{structured:?}");

    mosaic.gateway.flush_audit().await;
    let records = mosaic.gateway.store().tail(20, None).await.unwrap();
    assert!(
        records
            .iter()
            .any(|record| record.call.resource == "everything/get-sum"
                && record.call.instance.as_deref() == Some("everything")
                && record.call.outcome == "ok")
    );
    client.cancel().await.unwrap();
    mosaic.stop().await;
}
