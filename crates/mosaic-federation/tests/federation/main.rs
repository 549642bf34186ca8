//! The federation against real upstream processes (the fixture server of this crate): tools
//! listed and called over stdio and HTTP, a tool list that changes at run time, an upstream
//! killed with SIGKILL and restarted, and upstreams removed without a process left behind.

#[path = "../common/fixture.rs"]
mod fixture;
mod support;

use fixture::{eventually, http_fixture, text_of};
use mosaic_config::{PrefixMode, UpstreamTransport};
use mosaic_federation::{Federation, LinkState};
use serde_json::json;
use support::{fixture_processes, kill_9, spec, stdio};

#[tokio::test]
async fn a_stdio_upstream_is_listed_and_called_under_its_prefix() {
    let federation = Federation::new();
    federation
        .apply(vec![spec("tools", stdio("listed"), PrefixMode::Always)])
        .await;
    eventually(|| federation.catalog().get("tools_echo").is_some()).await;
    let catalog = federation.catalog();
    let echo = catalog.get("tools_echo").unwrap();
    assert_eq!(echo.upstream, "tools");
    assert_eq!(echo.upstream_name(), "echo");
    assert_eq!(echo.resource(), "tools/echo");
    assert!(echo.read_only, "echo is configured read-only");
    assert!(!catalog.get("tools_grow").unwrap().read_only);
    let answer = federation
        .call(
            "tools",
            "echo",
            json!({"text": "hi"}).as_object().cloned(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(text_of(&answer), "hi");
    // An argument the upstream refuses is the caller's mistake, typed as such.
    let refused = federation
        .call("tools", "add", json!({"a": "x"}).as_object().cloned(), None)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_input", "{refused}");
    federation.shutdown().await;
}

#[tokio::test]
async fn a_tool_list_change_the_upstream_announces_is_picked_up() {
    let federation = Federation::new();
    federation
        .apply(vec![spec("live", stdio("grows"), PrefixMode::Never)])
        .await;
    eventually(|| federation.catalog().get("grow").is_some()).await;
    let mut changes = federation.changes();
    changes.borrow_and_update();
    let grown = federation.call("live", "grow", None, None).await.unwrap();
    let added = text_of(&grown);
    changes.changed().await.unwrap();
    eventually(|| federation.catalog().get(&added).is_some()).await;
    federation.shutdown().await;
}

#[tokio::test]
async fn an_http_upstream_gets_its_own_credentials() {
    let (address, _server) = http_fixture().await;
    let transport = UpstreamTransport::Http {
        url: format!("http://{address}/mcp"),
        bearer: Some("upstream-token".into()),
        headers: Default::default(),
    };
    let federation = Federation::new();
    federation
        .apply(vec![spec("remote", transport, PrefixMode::Always)])
        .await;
    eventually(|| federation.catalog().get("remote_whoami").is_some()).await;
    let answer = federation
        .call("remote", "whoami", None, None)
        .await
        .unwrap();
    assert_eq!(text_of(&answer), "Bearer upstream-token");
    federation.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_upstream_is_shown_restarting_and_the_others_serve() {
    let federation = Federation::new();
    let nowhere = UpstreamTransport::Stdio {
        command: "/nonexistent/mcp-server".into(),
        args: vec![],
        env: Default::default(),
    };
    federation
        .apply(vec![
            spec("broken", nowhere, PrefixMode::Always),
            spec("fine", stdio("fail-open"), PrefixMode::Always),
        ])
        .await;
    eventually(|| federation.catalog().get("fine_echo").is_some()).await;
    eventually(|| federation.statuses()[0].state == LinkState::Restarting).await;
    let status = &federation.statuses()[0];
    assert!(
        status
            .reason
            .as_deref()
            .is_some_and(|reason| reason.contains("could not start")),
        "{status:?}"
    );
    let error = federation
        .call("broken", "echo", None, None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unavailable", "{error}");
    federation.shutdown().await;
}

#[tokio::test]
async fn a_killed_upstream_is_restarted_and_a_removed_one_leaves_no_process() {
    let mark = "killed-and-removed";
    let federation = Federation::new();
    federation
        .apply(vec![spec("worker", stdio(mark), PrefixMode::Always)])
        .await;
    eventually(|| federation.statuses()[0].state == LinkState::Ready).await;
    let first = federation.statuses()[0].pid.unwrap();
    assert_eq!(fixture_processes(mark), vec![first]);
    let answered = federation.call("worker", "pid", None, None).await.unwrap();
    assert_eq!(text_of(&answered), first.to_string());

    kill_9(first);
    eventually(|| {
        let status = &federation.statuses()[0];
        status.state == LinkState::Ready && status.pid.is_some_and(|pid| pid != first)
    })
    .await;
    let status = federation.statuses()[0].clone();
    assert_eq!(status.restarts, 1);
    let second = status.pid.unwrap();
    let answered = federation.call("worker", "pid", None, None).await.unwrap();
    assert_eq!(
        text_of(&answered),
        second.to_string(),
        "the new process serves"
    );
    eventually(|| fixture_processes(mark) == vec![second]).await;

    federation.apply(Vec::new()).await;
    assert!(federation.statuses().is_empty());
    assert!(federation.catalog().tools().is_empty());
    eventually(|| fixture_processes(mark).is_empty()).await;
}
