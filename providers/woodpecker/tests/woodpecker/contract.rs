//! The `woodpecker` adapter's requests against Woodpecker's own API description
//! (`api/prism.json`) served by Prism, which refuses any request the description does not
//! allow.
//!
//! Every operation needs the repository's id first, from `GET /repos/lookup/{owner}/{name}`,
//! which the description declares as one path segment (`{repo_full_name}`, Woodpecker's
//! router takes the rest of the path): Prism cannot route it, so the adapter cannot be driven
//! under Prism. Instead every operation is driven against the fake, and each request the fake
//! saw (method, path, query, body) is sent again to Prism, which must accept it. The lookup is
//! checked against the fake alone. Prism's documented answers are read by the mapping, except
//! the log lines, whose `data` the description types as an array of integers where Woodpecker
//! sends base64 (Go's `[]byte`): that is checked against the fake.

use crate::shared::{TOKEN, seeded};
use mosaic_core::OpId;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::call;
use mosaic_woodpecker::mapping::{WpPipeline, WpRepo};
use serde_json::{Value, json};

/// Drives every `ci.*` operation against the fake and answers what it sent.
async fn requests_of_every_operation() -> Vec<mosaic_fake_kit::server::Seen> {
    let (server, provider) = seeded().await;
    let repo = "acme/api";
    let calls = [
        (OpId::CiPipelinesList, json!({"repo": repo})),
        (
            OpId::CiRunsList,
            json!({"repo": repo, "per_page": 5, "cursor": "2", "branch": "main", "status": "success"}),
        ),
        (OpId::CiRunsGet, json!({"repo": repo, "run_id": "3"})),
        (
            OpId::CiRunsTrigger,
            json!({"repo": repo, "pipeline": "default", "ref": "main", "inputs": {"A": "1"}}),
        ),
        (OpId::CiRunsCancel, json!({"repo": repo, "run_id": "36"})),
        (
            OpId::CiRunsLogs,
            json!({"repo": repo, "run_id": "3", "offset": 0}),
        ),
    ];
    for (op, arguments) in calls {
        call(provider.as_ref(), op, arguments.clone())
            .await
            .unwrap_or_else(|error| panic!("{} {arguments}: {error}", op.name()));
    }
    provider.health().await;
    server.state().requests()
}

#[tokio::test]
async fn every_request_the_adapter_sends_is_valid_for_the_description() {
    let seen = requests_of_every_operation().await;
    let Some(prism) = PrismMock::shared("woodpecker") else {
        return;
    };
    let client = reqwest::Client::new();
    let mut checked = Vec::new();
    let mut refused = Vec::new();
    for request in &seen {
        let path = request.path.strip_prefix("/api").unwrap();
        if path.starts_with("/repos/lookup/") {
            continue;
        }
        let query = request
            .query
            .as_deref()
            .map(|query| format!("?{query}"))
            .unwrap_or_default();
        let url = format!("{}{path}{query}", prism.base_url());
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
        let mut builder = client.request(method, url).bearer_auth(TOKEN);
        if let Some(body) = &request.body {
            builder = builder
                .header("content-type", "application/json")
                .body(body.clone());
        }
        let answer = builder.send().await.unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap_or_default();
        if status >= 400 {
            refused.push(format!("{} {path}{query}: {status} {text}", request.method));
        }
        checked.push(format!("{} {path}", request.method));
        if request.method == "GET" && path.contains("/pipelines/") {
            serde_json::from_str::<WpPipeline>(&text)
                .unwrap_or_else(|error| panic!("{path}: {error}: {text}"));
        }
        if request.method == "GET" && path.ends_with("/pipelines") {
            serde_json::from_str::<Vec<WpPipeline>>(&text)
                .unwrap_or_else(|error| panic!("{path}: {error}: {text}"));
        }
    }
    assert!(refused.is_empty(), "{refused:#?}");
    for expected in ["GET /user", "POST /repos/", "/cancel", "/logs/"] {
        assert!(
            checked.iter().any(|line| line.contains(expected)),
            "{expected} not checked: {checked:?}"
        );
    }
}

#[tokio::test]
async fn the_documented_repository_and_the_lookup_as_woodpecker_routes_it() {
    let seen = requests_of_every_operation().await;
    let lookups: Vec<&str> = seen
        .iter()
        .filter(|request| request.path.starts_with("/api/repos/lookup/"))
        .map(|request| request.path.as_str())
        .collect();
    assert_eq!(lookups, ["/api/repos/lookup/acme/api"]);
    let Some(prism) = PrismMock::shared("woodpecker") else {
        return;
    };
    // A one-segment name is what Prism can route: its documented answer reads as a repository.
    let answer: Value = reqwest::Client::new()
        .get(format!("{}/repos/lookup/acme", prism.base_url()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    serde_json::from_value::<WpRepo>(answer.clone())
        .unwrap_or_else(|error| panic!("{error}: {answer}"));
}
