//! Raw HTTP requests: what each answer looks like on the wire.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mosaic_core::OpId;
use mosaic_testkit::schema::validate;
use serde_json::{Value, json};

async fn listed_tools(app: &axum::Router) -> Vec<Value> {
    let (status, answer) = send(app, tools_list()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer["result"]["tools"].as_array().unwrap().clone()
}

#[tokio::test]
async fn tools_are_listed_in_catalog_order_then_the_meta_tools() {
    let app = open_app().await;
    let tools = listed_tools(&app).await;
    let names: Vec<&str> = tools
        .iter()
        .map(|tool| tool["name"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = OpId::ALL.iter().map(|op| op.spec().tool_name()).collect();
    expected.extend([
        "mosaic_providers_status".into(),
        "mosaic_route_explain".into(),
        "mosaic_tools_search".into(),
        "mosaic_tools_call".into(),
    ]);
    assert_eq!(names, expected);
    for tool in &tools {
        assert_eq!(tool["inputSchema"]["type"], "object", "{}", tool["name"]);
        if tool["name"] == "mosaic_tools_call" {
            // Its answer is the called tool's: it promises no shape.
            assert!(tool.get("outputSchema").is_none());
        } else {
            assert_eq!(tool["outputSchema"]["type"], "object", "{}", tool["name"]);
        }
        assert!(tool["title"].is_string() && tool["description"].is_string());
    }
    let create = tools
        .iter()
        .find(|tool| tool["name"] == "git_issues_create")
        .unwrap();
    assert_eq!(
        create["annotations"],
        json!({"title": "Git issues: create", "readOnlyHint": false, "destructiveHint": false,
               "idempotentHint": false, "openWorldHint": true})
    );
    // A name, or null for no pin, as for every optional argument.
    assert_eq!(
        create["inputSchema"]["properties"]["provider"]["type"],
        json!(["string", "null"])
    );
}

#[tokio::test]
async fn every_read_returns_structured_content_that_fits_its_output_schema() {
    let app = open_app().await;
    let tools = listed_tools(&app).await;
    let (_, runs) = send(&app, tool_call("ci_runs_list", json!({"repo": "acme/api"}))).await;
    let run_id = runs["result"]["structuredContent"]["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{runs}"))
        .to_owned();
    for (name, arguments) in read_calls(&run_id) {
        let (status, answer) = send(&app, tool_call(name, arguments)).await;
        assert_eq!(status, StatusCode::OK, "{name}: {answer}");
        let result = &answer["result"];
        assert_eq!(result["isError"], false, "{name}: {answer}");
        let schema = &tools.iter().find(|tool| tool["name"] == name).unwrap()["outputSchema"];
        let problems = validate(schema, &result["structuredContent"]);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        // The text block carries the same JSON for clients that only read text.
        let text = result["content"][0]["text"].as_str().unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(text).unwrap(),
            result["structuredContent"]
        );
        let served = &result["_meta"]["mosaic/served"];
        assert_eq!(served["instance"], "sim", "{name}");
        assert_eq!(served["rule"], "all", "{name}");
    }
}

#[tokio::test]
async fn a_repeated_read_is_served_from_cache_and_says_so() {
    let app = open_app().await;
    let call = || tool_call("pm_issues_get", json!({"key": "PLAT-1"}));
    let (_, first) = send(&app, call()).await;
    assert_eq!(
        first["result"]["_meta"]["mosaic/served"]["source"],
        "provider"
    );
    let (_, second) = send(&app, call()).await;
    assert_eq!(second["result"]["_meta"]["mosaic/served"]["source"], "l1");
    assert_eq!(
        first["result"]["structuredContent"],
        second["result"]["structuredContent"]
    );
}

#[tokio::test]
async fn the_meta_tools_answer_what_their_schemas_promise() {
    let app = open_app().await;
    let tools = listed_tools(&app).await;
    let schema_of = |name: &str| {
        tools.iter().find(|tool| tool["name"] == name).unwrap()["outputSchema"].clone()
    };
    let (_, status) = send(&app, tool_call("mosaic_providers_status", json!({}))).await;
    let content = &status["result"]["structuredContent"];
    assert_eq!(content["instances"][0]["name"], "sim", "{status}");
    assert_eq!(
        validate(&schema_of("mosaic_providers_status"), content),
        Vec::<String>::new()
    );
    let (_, plan) = send(
        &app,
        tool_call(
            "mosaic_route_explain",
            json!({"operation": "git.issues.create", "arguments": {"repo": "acme/api", "title": "t"}}),
        ),
    )
    .await;
    let content = &plan["result"]["structuredContent"];
    assert_eq!(
        (
            content["access"].as_str(),
            content["candidates"][0]["instance"].as_str()
        ),
        (Some("write"), Some("sim")),
        "{plan}"
    );
    assert_eq!(
        validate(&schema_of("mosaic_route_explain"), content),
        Vec::<String>::new()
    );
    let (_, by_tool_name) = send(
        &app,
        tool_call(
            "mosaic_route_explain",
            json!({"operation": "kb_spaces_list"}),
        ),
    )
    .await;
    assert_eq!(
        by_tool_name["result"]["structuredContent"]["operation"],
        "kb.spaces.list"
    );
}

#[tokio::test]
async fn arguments_that_violate_the_schema_are_tool_errors_naming_the_field() {
    let app = open_app().await;
    let cases = [
        (
            "git_issues_list",
            json!({"repo": "acme/api", "per_page": "ten"}),
            "per_page",
        ),
        ("git_issues_get", json!({"repo": "acme/api"}), "number"),
        (
            "pm_issues_get",
            json!({"key": "PLAT-1", "provider": 7}),
            "provider",
        ),
        (
            "mosaic_route_explain",
            json!({"arguments": {}}),
            "operation",
        ),
        (
            "mosaic_route_explain",
            json!({"operation": "kb.spaces.list", "arguments": []}),
            "arguments",
        ),
        (
            "mosaic_providers_status",
            json!({"verbose": true}),
            "verbose",
        ),
    ];
    for (tool, arguments, field) in cases {
        let (status, answer) = send(&app, tool_call(tool, arguments)).await;
        assert_eq!(status, StatusCode::OK, "{tool}: {answer}");
        let result = &answer["result"];
        assert_eq!(result["isError"], true, "{tool}: {answer}");
        assert_eq!(
            result["_meta"]["mosaic/error"]["path"], field,
            "{tool}: {answer}"
        );
        let text = result["content"][0]["text"].as_str().unwrap();
        assert!(
            text.contains(field) && text.contains("invalid_arguments"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn gateway_failures_are_tool_errors_with_code_and_fault() {
    let app = open_app().await;
    let (_, answer) = send(
        &app,
        tool_call(
            "git_issues_get",
            json!({"repo": "acme/api", "number": 9999}),
        ),
    )
    .await;
    let error = &answer["result"]["_meta"]["mosaic/error"];
    assert_eq!(
        (error["code"].as_str(), error["fault"].as_str()),
        (Some("not_found"), Some("caller")),
        "{answer}"
    );
    let (_, answer) = send(
        &app,
        tool_call(
            "pm_issues_get",
            json!({"key": "PLAT-1", "provider": "nowhere"}),
        ),
    )
    .await;
    assert_eq!(answer["result"]["isError"], true, "{answer}");
    assert_eq!(
        answer["result"]["_meta"]["mosaic/error"]["code"], "bad_pin",
        "{answer}"
    );
    let (_, answer) = send(
        &app,
        tool_call(
            "mosaic_route_explain",
            json!({"operation": "git.issues.teleport"}),
        ),
    )
    .await;
    assert_eq!(
        answer["result"]["_meta"]["mosaic/error"]["code"], "unknown_operation",
        "{answer}"
    );
}

#[tokio::test]
async fn an_unknown_tool_is_a_protocol_error() {
    let app = open_app().await;
    let (_, answer) = send(&app, tool_call("git_issues_teleport", json!({}))).await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("git_issues_teleport"), "{message}");
    assert!(answer.get("result").is_none());
}

#[tokio::test]
async fn malformed_json_rpc_gets_a_parse_error() {
    let app = open_app().await;
    let (status, answer) = send(&app, post("{not json", "tools/call", "localhost")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    assert_eq!(answer["id"], Value::Null);
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = open_app().await;
    let big = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "kb_pages_search", "arguments": {"query": "x".repeat(10_000)}, "_meta": meta()}});
    let (status, _) = send(&app, post(big.to_string(), "tools/call", "localhost")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn hosts_and_origins_outside_the_allow_lists_are_refused() {
    let app = open_app().await;
    let with = |host: &str, origin: Option<&str>| {
        let mut request = tools_list();
        request
            .headers_mut()
            .insert(header::HOST, host.parse().unwrap());
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert(header::ORIGIN, origin.parse().unwrap());
        }
        request
    };
    let cases = [
        ("evil.example", None, StatusCode::FORBIDDEN),
        ("localhost:8080", None, StatusCode::OK),
        ("127.0.0.1:8080", None, StatusCode::OK),
        (
            "localhost",
            Some("http://evil.example"),
            StatusCode::FORBIDDEN,
        ),
        ("localhost", Some("http://localhost:3000"), StatusCode::OK),
        // The allowed origin names port 3000; the same host on another port is another origin.
        ("localhost", Some("http://localhost"), StatusCode::FORBIDDEN),
        (
            "localhost",
            Some("http://localhost:4000"),
            StatusCode::FORBIDDEN,
        ),
    ];
    for (host, origin, expected) in cases {
        let (status, answer) = send(&app, with(host, origin)).await;
        assert_eq!(status, expected, "host {host}, origin {origin:?}: {answer}");
    }
}

#[tokio::test]
async fn without_anonymous_access_every_request_needs_a_known_key() {
    let app = keyed_app().await;
    let (status, headers, _) = exchange(&app, tools_list()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let mut wrong = tools_list();
    wrong
        .headers_mut()
        .insert(header::AUTHORIZATION, "Bearer guess".parse().unwrap());
    assert_eq!(send(&app, wrong).await.0, StatusCode::UNAUTHORIZED);
    let mut right = tool_call("pm_issues_get", json!({"key": "PLAT-1"}));
    right.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {KEY}").parse().unwrap(),
    );
    let (status, answer) = send(&app, right).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        answer["result"]["structuredContent"]["key"], "PLAT-1",
        "{answer}"
    );
}

#[tokio::test]
async fn a_2025_11_25_client_gets_a_session() {
    let app = open_app().await;
    let legacy = |body: Value, session: Option<&str>| {
        let mut request = Request::post("/mcp")
            .header("host", "localhost")
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream");
        if let Some(session) = session {
            request = request
                .header("mcp-session-id", session)
                .header("mcp-protocol-version", "2025-11-25");
        }
        request.body(Body::from(body.to_string())).unwrap()
    };
    let initialize = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "legacy", "version": "1"}}});
    let (status, headers, answer) = exchange(&app, legacy(initialize, None)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["result"]["protocolVersion"], "2025-11-25",
        "{answer}"
    );
    assert_eq!(answer["result"]["serverInfo"]["name"], "mosaic");
    let session = headers["mcp-session-id"].to_str().unwrap().to_owned();
    let initialized = json!({"jsonrpc": "2.0", "method": "notifications/initialized"});
    let (status, _) = send(&app, legacy(initialized, Some(&session))).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let call = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "git_repos_get", "arguments": {"repo": "acme/api"}}});
    let (status, answer) = send(&app, legacy(call, Some(&session))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["result"]["structuredContent"]["full_name"], "acme/api",
        "{answer}"
    );
}
