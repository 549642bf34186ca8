//! `POST /search`: spaces' pages first, then pages in creation order, those whose title
//! contains the query (without regard to case; bodies are never searched, as on Notion),
//! trashed ones left out, paged by `start_cursor`.

use super::render;
use super::{NotionState, error};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::sync::Arc;

/// The cursor of the result at `offset`.
fn cursor(offset: usize) -> String {
    format!("c0000000-0000-4000-8000-{offset:012}")
}

fn offset(cursor: &str) -> Option<usize> {
    cursor
        .strip_prefix("c0000000-0000-4000-8000-")?
        .parse()
        .ok()
}

/// `POST /search`.
pub(super) async fn search(
    State(state): State<Arc<NotionState>>,
    Json(body): Json<Value>,
) -> Response {
    let invalid = |message: &str| error(StatusCode::BAD_REQUEST, "validation_error", message);
    let query = body
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    let size = match body.get("page_size") {
        None => 100,
        Some(size) => match size.as_u64() {
            Some(size @ 1..=100) => size as usize,
            _ => return invalid("body.page_size should be a number between 1 and 100."),
        },
    };
    let start = match body.get("start_cursor") {
        None => 0,
        Some(start) => match start.as_str().and_then(offset) {
            Some(start) => start,
            None => return invalid("body.start_cursor should be a valid cursor."),
        },
    };
    let wanted = body
        .pointer("/filter/value")
        .and_then(Value::as_str)
        .unwrap_or("page");
    if !matches!(wanted, "page" | "data_source") {
        return invalid("body.filter.value should be `page` or `data_source`.");
    }
    let data = state.data();
    let wiki = &data.wiki;
    let mut all: Vec<Value> = Vec::new();
    if wanted == "page" {
        let matches = |title: &str| title.to_lowercase().contains(&query);
        all.extend(
            wiki.spaces
                .iter()
                .filter(|space| matches(&space.name))
                .map(render::space),
        );
        all.extend(
            wiki.pages
                .iter()
                .filter(|page| !page.trashed && matches(&page.title))
                .map(|page| render::page(wiki, page)),
        );
    }
    let end = (start + size).min(all.len());
    let results = all.get(start..end).unwrap_or_default().to_vec();
    let has_more = end < all.len();
    Json(json!({
        "object": "list",
        "results": results,
        "next_cursor": has_more.then(|| cursor(end)),
        "has_more": has_more,
        "type": "page_or_data_source",
        "page_or_data_source": {}
    }))
    .into_response()
}
