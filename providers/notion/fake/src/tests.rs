//! The fake speaks Notion: title search paged by cursor, its refusals of a missing version
//! or a bad token, long bodies truncated with their blocks served by id.

use super::*;
use mosaic_fake_kit::client::{Caller, Method};
use serde_json::json;

const TOKEN: &str = "fake-notion-token";

/// What the provider's clients send with every request.
fn caller() -> Caller {
    Caller::new()
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("notion-version", "2026-03-11")
}

#[tokio::test]
async fn search_matches_titles_only_and_pages_by_cursor() {
    let server = start(NotionData::seeded(), TOKEN).await;
    let (status, first) = caller()
        .send(
            &server,
            Method::POST,
            "/search",
            Some(json!({"query": "runbook", "page_size": 40})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(first["results"].as_array().unwrap().len(), 40);
    assert_eq!(first["has_more"], true);
    let (_, rest) = caller()
        .send(
            &server,
            Method::POST,
            "/search",
            Some(json!({"query": "runbook", "start_cursor": first["next_cursor"]})),
        )
        .await;
    assert_eq!(rest["results"].as_array().unwrap().len(), 5);
    assert_eq!(rest["next_cursor"], Value::Null);
    // "escalate" is in bodies only.
    let (_, none) = caller()
        .send(
            &server,
            Method::POST,
            "/search",
            Some(json!({"query": "escalate"})),
        )
        .await;
    assert_eq!(none["results"], json!([]));
}

#[tokio::test]
async fn requests_without_a_version_or_with_a_bad_token_are_refused_as_notion_does() {
    let server = start(NotionData::seeded(), TOKEN).await;
    let (status, body) = Caller::new()
        .header("authorization", format!("Bearer {TOKEN}"))
        .get(&server, "/users/me")
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "missing_version");
    let (status, body) = Caller::new()
        .header("authorization", "Bearer wrong")
        .header("notion-version", "2026-03-11")
        .get(&server, "/users/me")
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn a_long_body_is_truncated_and_its_blocks_served_by_id() {
    let mut data = NotionData::seeded();
    data.truncate_after = Some(1);
    let id = data.wiki.pages[0].id;
    let server = start(data, TOKEN).await;
    let (_, page) = caller()
        .send(
            &server,
            Method::GET,
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
    let (status, part) = caller()
        .send(
            &server,
            Method::GET,
            &format!("/pages/{block}/markdown"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(part["markdown"], "Steps for incident class 1.");
}
