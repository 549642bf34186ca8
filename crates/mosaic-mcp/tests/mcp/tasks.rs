//! `ci_runs_wait` as an MCP task (the `io.modelcontextprotocol/tasks` extension) with the
//! official Rust client on a real socket: the handle comes at once, `tasks/get` shows the run's
//! progress and then the wait's result, `tasks/cancel` stops the waiting but not the run, a
//! task is invisible to every other caller, and one caller's unfinished tasks are bounded.

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, CancelTaskParams, ClientCapabilities,
    ClientConfig, DetailedTask, GetTaskParams, Implementation, ProtocolVersion, TaskPayload,
    TaskStatus,
};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ClientLifecycleMode, ClientServiceExt, RoleClient, ServiceExt};
use serde_json::{Value, json};
use std::time::Duration;

/// Two callers of one tenant, and a sim whose runs are read again every 20 ms.
const TWO_CALLERS: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [] }
auth:
  api_keys:
    - { name: first, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: agent }
    - { name: second, key_sha256: d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa, tenant: acme, principal: other-agent }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-tasks, run_poll_interval: 20ms } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

const FIRST: &str = "s3cret";
const SECOND: &str = "other";

type Client = RunningService<RoleClient, ClientConfig>;

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = crate::support::app_of(TWO_CALLERS).await;
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/mcp")
}

/// A client that declares the tasks extension, with a session (2025-11-25) or stateless.
async fn tasks_client(url: &str, key: &str, stateless: bool) -> Client {
    let config = ClientConfig::new(
        ClientCapabilities::builder().enable_tasks().build(),
        Implementation::new("tasks-test", "1"),
    );
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(url).auth_header(key),
    );
    if stateless {
        let lifecycle = ClientLifecycleMode::Discover {
            preferred_versions: vec![ProtocolVersion::V_2026_07_28],
        };
        config
            .serve_with_lifecycle(transport, lifecycle)
            .await
            .unwrap()
    } else {
        config.serve(transport).await.unwrap()
    }
}

fn call(name: &str, arguments: Value) -> CallToolRequestParams {
    CallToolRequestParams::new(name.to_owned())
        .with_arguments(arguments.as_object().unwrap().clone())
}

/// A plain tool result's structured content.
async fn structured(client: &Client, name: &str, arguments: Value) -> Value {
    let result = client.call_tool(call(name, arguments)).await.unwrap();
    assert_eq!(result.is_error, Some(false), "{name}: {result:?}");
    result.structured_content.unwrap()
}

/// Starts a wait as a task; its id.
async fn wait_as_task(client: &Client, repo: &str, run_id: &str) -> String {
    let arguments = json!({"repo": repo, "run_id": run_id, "timeout_seconds": 60});
    match client
        .call_tool_once(call("ci_runs_wait", arguments))
        .await
        .unwrap()
    {
        CallToolResponse::Task(created) => {
            assert_eq!(created.task.status, TaskStatus::Working);
            assert!(created.task.poll_interval_ms.is_some_and(|ms| ms > 0));
            assert!(created.task.ttl_ms.is_some_and(|ms| ms >= 3_600_000));
            created.task.task_id
        }
        other => panic!("expected a task handle, got {other:?}"),
    }
}

/// Polls the task until it settles; every status message seen on the way, and the end.
async fn settle(client: &Client, task_id: &str) -> (Vec<String>, DetailedTask) {
    let mut messages = Vec::new();
    for _ in 0..2_000 {
        let task = client
            .peer()
            .get_task(GetTaskParams::new(task_id.to_owned()))
            .await
            .unwrap()
            .task;
        if let Some(message) = &task.task.status_message
            && messages.last() != Some(message)
        {
            messages.push(message.clone());
        }
        if task.status().is_terminal() {
            return (messages, task);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("task {task_id} did not settle; heard {messages:?}");
}

fn completed(task: DetailedTask) -> CallToolResult {
    match task.payload {
        TaskPayload::Completed { result } => serde_json::from_value(Value::Object(result)).unwrap(),
        other => panic!("expected a completed task, got {other:?}"),
    }
}

async fn a_wait_runs_as_a_task_to_the_runs_end(stateless: bool) {
    let url = serve().await;
    let client = tasks_client(&url, FIRST, stateless).await;
    let triggered = structured(
        &client,
        "ci_runs_trigger",
        json!({"repo": "acme/api", "pipeline": "ci", "ref": "main"}),
    )
    .await;
    let run_id = triggered["id"].as_str().unwrap();
    let task_id = wait_as_task(&client, "acme/api", run_id).await;
    let (messages, task) = settle(&client, &task_id).await;
    assert_eq!(task.status(), TaskStatus::Completed);
    let result = completed(task);
    assert_eq!(result.is_error, Some(false), "{result:?}");
    let waited = result.structured_content.unwrap();
    assert_eq!(waited["finished"], true, "{waited}");
    assert_eq!(waited["run"]["status"], "success", "{waited}");
    assert_eq!(waited["run"]["id"], run_id);
    assert_eq!(result.meta.unwrap().0["mosaic/served"]["instance"], "sim");
    assert!(
        messages
            .last()
            .is_some_and(|last| last.starts_with("succeeded")),
        "the last status message is the run's end: {messages:?}"
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_wait_runs_as_a_task_in_a_session() {
    a_wait_runs_as_a_task_to_the_runs_end(false).await;
}

#[tokio::test]
async fn a_wait_runs_as_a_task_stateless() {
    a_wait_runs_as_a_task_to_the_runs_end(true).await;
}

/// The seed's run of `acme/web` that stays running, as the gateway names it.
async fn running_run(client: &Client) -> String {
    let running = structured(
        client,
        "ci_runs_list",
        json!({"repo": "acme/web", "status": "running"}),
    )
    .await;
    running["items"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_cancelled_task_stops_waiting_and_leaves_the_run_running() {
    let url = serve().await;
    let client = tasks_client(&url, FIRST, false).await;
    let run_id = running_run(&client).await;
    let task_id = wait_as_task(&client, "acme/web", &run_id).await;
    client
        .peer()
        .cancel_task(CancelTaskParams::new(task_id.clone()))
        .await
        .unwrap();
    let (_, task) = settle(&client, &task_id).await;
    assert_eq!(task.status(), TaskStatus::Cancelled);
    let run = structured(
        &client,
        "ci_runs_get",
        json!({"repo": "acme/web", "run_id": run_id}),
    )
    .await;
    assert_eq!(run["status"], "running", "only the waiting stopped: {run}");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_task_is_unknown_to_every_other_caller() {
    let url = serve().await;
    let owner = tasks_client(&url, FIRST, false).await;
    let other = tasks_client(&url, SECOND, true).await;
    let run_id = running_run(&owner).await;
    let task_id = wait_as_task(&owner, "acme/web", &run_id).await;
    let seen = other
        .peer()
        .get_task(GetTaskParams::new(task_id.clone()))
        .await;
    let never_existed = other
        .peer()
        .get_task(GetTaskParams::new("no-such-task".to_owned()))
        .await;
    let (seen, never_existed) = (
        format!("{:?}", seen.unwrap_err()),
        format!("{:?}", never_existed.unwrap_err()),
    );
    assert!(seen.contains("unknown task"), "{seen}");
    assert_eq!(
        seen.replace(&task_id, "ID"),
        never_existed.replace("no-such-task", "ID"),
        "someone else's task looks exactly like one that never existed"
    );
    assert!(
        other
            .peer()
            .cancel_task(CancelTaskParams::new(task_id.clone()))
            .await
            .is_err()
    );
    let still = owner
        .peer()
        .get_task(GetTaskParams::new(task_id.clone()))
        .await
        .unwrap()
        .task;
    assert_eq!(
        still.status(),
        TaskStatus::Working,
        "the other caller's cancel did nothing"
    );
    owner
        .peer()
        .cancel_task(CancelTaskParams::new(task_id))
        .await
        .unwrap();
    owner.cancel().await.unwrap();
    other.cancel().await.unwrap();
}

#[tokio::test]
async fn other_tools_and_clients_without_the_extension_answer_as_before() {
    let url = serve().await;
    let client = tasks_client(&url, FIRST, false).await;
    let listed = client
        .call_tool_once(call("git_issues_list", json!({"repo": "acme/api"})))
        .await
        .unwrap();
    assert!(
        matches!(listed, CallToolResponse::Complete(_)),
        "{listed:?}"
    );
    let plain = ()
        .serve(StreamableHttpClientTransport::from_config(
            StreamableHttpClientTransportConfig::with_uri(url.as_str()).auth_header(FIRST),
        ))
        .await
        .unwrap();
    let run_id = running_run(&client).await;
    let waited = plain
        .call_tool(call(
            "ci_runs_wait",
            json!({"repo": "acme/web", "run_id": run_id, "timeout_seconds": 1}),
        ))
        .await
        .unwrap();
    assert_eq!(waited.structured_content.unwrap()["finished"], false);
    client.cancel().await.unwrap();
    plain.cancel().await.unwrap();
}

#[tokio::test]
async fn one_callers_unfinished_tasks_are_bounded() {
    let url = serve().await;
    let client = tasks_client(&url, FIRST, true).await;
    let other = tasks_client(&url, SECOND, true).await;
    let run_id = running_run(&client).await;
    let mut held = Vec::new();
    for _ in 0..16 {
        held.push(wait_as_task(&client, "acme/web", &run_id).await);
    }
    let refused = client
        .call_tool_once(call(
            "ci_runs_wait",
            json!({"repo": "acme/web", "run_id": run_id}),
        ))
        .await;
    let refused = format!("{:?}", refused.unwrap_err());
    assert!(
        refused.contains("16 waits of this caller are already running"),
        "{refused}"
    );
    // Another caller is not held back by the first one's tasks.
    let theirs = wait_as_task(&other, "acme/web", &run_id).await;
    other
        .peer()
        .cancel_task(CancelTaskParams::new(theirs))
        .await
        .unwrap();
    // A cancelled task frees its place.
    let first = held.remove(0);
    client
        .peer()
        .cancel_task(CancelTaskParams::new(first.clone()))
        .await
        .unwrap();
    settle(&client, &first).await;
    held.push(wait_as_task(&client, "acme/web", &run_id).await);
    for task_id in held {
        client
            .peer()
            .cancel_task(CancelTaskParams::new(task_id))
            .await
            .unwrap();
    }
    client.cancel().await.unwrap();
    other.cancel().await.unwrap();
}
