use super::*;
use serde_json::json;

const TOKEN: &str = "fake-notion-token";

async fn call(
    server: &FakeServer<NotionData>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("notion-version", "2026-03-11");
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer = request.send().await.unwrap();
    (
        answer.status().as_u16(),
        answer.json().await.unwrap_or_default(),
    )
}

#[tokio::test]
async fn search_matches_titles_only_and_pages_by_cursor() {
    let server = start(NotionData::seeded(), TOKEN).await;
    let (status, first) = call(
        &server,
        reqwest::Method::POST,
        "/search",
        Some(json!({"query": "runbook", "page_size": 40})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(first["results"].as_array().unwrap().len(), 40);
    assert_eq!(first["has_more"], true);
    let (_, rest) = call(
        &server,
        reqwest::Method::POST,
        "/search",
        Some(json!({"query": "runbook", "start_cursor": first["next_cursor"]})),
    )
    .await;
    assert_eq!(rest["results"].as_array().unwrap().len(), 5);
    assert_eq!(rest["next_cursor"], Value::Null);
    // "escalate" is in bodies only.
    let (_, none) = call(
        &server,
        reqwest::Method::POST,
        "/search",
        Some(json!({"query": "escalate"})),
    )
    .await;
    assert_eq!(none["results"], json!([]));
}

#[tokio::test]
async fn requests_without_a_version_or_with_a_bad_token_are_refused_as_notion_does() {
    let server = start(NotionData::seeded(), TOKEN).await;
    let answer = reqwest::Client::new()
        .get(format!("{}/users/me", server.base_url()))
        .header("authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "missing_version");
    let answer = reqwest::Client::new()
        .get(format!("{}/users/me", server.base_url()))
        .header("authorization", "Bearer wrong")
        .header("notion-version", "2026-03-11")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 401);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn a_long_body_is_truncated_and_its_blocks_served_by_id() {
    let mut data = NotionData::seeded();
    data.truncate_after = Some(1);
    let id = data.wiki.pages[0].id;
    let server = start(data, TOKEN).await;
    let (_, page) = call(
        &server,
        reqwest::Method::GET,
        &format!("/pages/{}/markdown", ids::page_id(id)),
        None,
    )
    .await;
    assert_eq!(page["truncated"], true);
    let block = page["unknown_block_ids"][0].as_str().unwrap().to_owned();
    assert!(
        page["markdown"]
            .as_str()
            .unwrap()
            .contains(&block.replace('-', ""))
    );
    let (status, part) = call(
        &server,
        reqwest::Method::GET,
        &format!("/pages/{block}/markdown"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(part["markdown"], "Steps for incident class 1.");
}
