//! `mosaic route explain` of a federated tool, named by its policy resource
//! `<upstream>/<tool>`: the upstream that serves it and how its calls are made, from the
//! configuration alone (no upstream is started).

use super::{TempDir, mosaic};

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
intentionally_empty: [auth, policies, providers, routes]
upstreams:
  - name: everything
    prefix: never
    read_only: ["get-*"]
    cache: { tools: [get-sum], ttl: 30s }
    timeout: 2s
    stdio: { command: /nonexistent/never-started }
"#;

#[test]
fn a_federated_tool_is_explained_from_the_configuration() {
    let dir = TempDir::new();
    let config = dir.file("mosaic.yaml", CONFIG);
    let config = config.to_str().unwrap();
    let output = mosaic()
        .args([
            "route",
            "explain",
            "--config",
            config,
            "everything/get-sum",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        plan,
        serde_json::json!({
            "operation": "mcp.tools.call",
            "resource": "everything/get-sum",
            "upstream": "everything",
            "transport": "stdio",
            "offered_as": "get-sum",
            "read_only": true,
            "cached_for": "30s",
            "timeout": "2s"
        })
    );
    let text = mosaic()
        .args(["route", "explain", "--config", config, "everything/echo"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("upstream `everything` (stdio)"), "{text}");
    assert!(
        text.contains("not read-only: tried once; not cached"),
        "{text}"
    );

    let unknown = mosaic()
        .args(["route", "explain", "--config", config, "elsewhere/echo"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no upstream `elsewhere`"));
}
