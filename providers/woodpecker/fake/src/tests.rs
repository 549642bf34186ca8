//! The fake as a client sees it: the lookup, paging capped at 50, a pipeline moving on with
//! each read, base64 log lines, trigger, the filtered trigger and cancel.

use super::*;
use base64::Engine;
use mosaic_fake_kit::builds::Builds;
use serde_json::json;

const TOKEN: &str = "t0ken";

async fn get(server: &FakeServer<Builds>, path: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", server.base_url()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn post(server: &FakeServer<Builds>, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .bearer_auth(TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn repositories_are_looked_up_by_name_and_pipelines_page_by_at_most_fifty() {
    let server = start(Builds::seeded(), TOKEN).await;
    let (status, repo) = get(&server, "/repos/lookup/acme/api").await;
    assert_eq!(
        (status, repo["full_name"].as_str()),
        (200, Some("acme/api"))
    );
    let id = repo["id"].as_u64().unwrap();
    assert_eq!(get(&server, "/repos/lookup/acme/nope").await.0, 404);
    let (_, page) = get(&server, &format!("/repos/{id}/pipelines?perPage=100")).await;
    assert_eq!(page.as_array().unwrap().len(), 35);
    let (_, page) = get(&server, &format!("/repos/{id}/pipelines?perPage=20&page=2")).await;
    let numbers: Vec<u64> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=15).rev().collect::<Vec<_>>());
    let (_, failed) = get(&server, &format!("/repos/{id}/pipelines?status=failure")).await;
    assert_eq!(failed.as_array().unwrap().len(), 7);
    let unauthorized = reqwest::get(format!("{}/user", server.base_url()))
        .await
        .unwrap();
    assert_eq!(unauthorized.status().as_u16(), 401);
}

#[tokio::test]
async fn a_pipeline_moves_on_with_each_read_and_logs_its_started_steps() {
    let server = start(Builds::seeded(), TOKEN).await;
    let (_, repo) = get(&server, "/repos/lookup/acme/infra").await;
    let id = repo["id"].as_u64().unwrap();
    let (_, first) = get(&server, &format!("/repos/{id}/pipelines/1")).await;
    assert_eq!(first["status"], "running");
    let steps = &first["workflows"][0]["children"];
    assert_eq!(first["workflows"][0]["name"], "deploy");
    assert_eq!(steps[0]["state"], "running");
    assert_eq!(first["variables"], json!({"environment": "staging"}));
    let step = steps[0]["id"].as_u64().unwrap();
    let (_, lines) = get(&server, &format!("/repos/{id}/logs/1/{step}")).await;
    let data = lines[0]["data"].as_str().unwrap();
    let text = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    assert_eq!(
        String::from_utf8(text).unwrap(),
        "[infra#1 checkout] line 1 of 3"
    );
    let later = steps[2]["id"].as_u64().unwrap();
    assert_eq!(
        get(&server, &format!("/repos/{id}/logs/1/{later}")).await.1,
        json!([])
    );
    for _ in 0..3 {
        get(&server, &format!("/repos/{id}/pipelines/1")).await;
    }
    assert_eq!(
        get(&server, &format!("/repos/{id}/pipelines/1")).await.1["status"],
        "success"
    );
}

#[tokio::test]
async fn a_trigger_starts_a_manual_pipeline_and_cancel_refuses_a_finished_one() {
    let server = start(Builds::seeded(), TOKEN).await;
    let (_, repo) = get(&server, "/repos/lookup/acme/api").await;
    let id = repo["id"].as_u64().unwrap();
    let started = post(
        &server,
        &format!("/repos/{id}/pipelines"),
        json!({"branch": "dev", "variables": {"A": "1"}}),
    )
    .await;
    assert_eq!(started.status().as_u16(), 200);
    let started: Value = started.json().await.unwrap();
    assert_eq!(
        (started["number"].as_u64(), started["event"].as_str()),
        (Some(36), Some("manual"))
    );
    let cancelled = post(
        &server,
        &format!("/repos/{id}/pipelines/36/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(cancelled.status().as_u16(), 204);
    let again = post(
        &server,
        &format!("/repos/{id}/pipelines/36/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(again.status().as_u16(), 400);
    assert!(again.text().await.unwrap().starts_with("Cannot cancel"));

    let docs = server.state().data().add_repository("acme/docs", true);
    let filtered = post(
        &server,
        &format!("/repos/{docs}/pipelines"),
        json!({"branch": "main"}),
    )
    .await;
    assert_eq!(filtered.status().as_u16(), 204);
    assert_eq!(filtered.headers()["pipeline-filtered"], "true");
}
