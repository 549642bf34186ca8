//! The v2 routes of spaces and pages.

use super::render;
use super::{ConfluenceState, cursor_at, offset_of, v2_error};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::wiki::Body;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// v2's largest `limit`.
const MAX_LIMIT: usize = 250;

fn limit(params: &HashMap<String, String>) -> Result<usize, Response> {
    match params.get("limit") {
        None => Ok(25),
        Some(text) => match text.parse::<usize>() {
            Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            _ => Err(v2_error(
                StatusCode::BAD_REQUEST,
                "limit must be between 1 and 250",
            )),
        },
    }
}

/// One page of `items` from the request's cursor, with `_links.next` relative to the site.
pub fn paged(
    items: Vec<Value>,
    params: &HashMap<String, String>,
    path: &str,
    max: usize,
) -> Result<(Vec<Value>, Option<String>), Response> {
    let limit = limit(params).map(|limit| limit.min(max))?;
    let offset = offset_of(params.get("cursor").map(String::as_str))
        .ok_or_else(|| v2_error(StatusCode::BAD_REQUEST, "Invalid cursor"))?;
    let end = (offset + limit).min(items.len());
    let page = items
        .get(offset.min(items.len())..end)
        .unwrap_or_default()
        .to_vec();
    let next = (end < items.len()).then(|| {
        let mut query: Vec<String> = params
            .iter()
            .filter(|(key, _)| key.as_str() != "cursor")
            .map(|(key, value)| format!("{key}={}", encode(value)))
            .collect();
        query.sort();
        query.push(format!("cursor={}", cursor_at(end)));
        format!("{path}?{}", query.join("&"))
    });
    Ok((page, next))
}

/// A query value percent-encoded (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /wiki/api/v2/spaces`: `keys` (comma-separated), `sort` (`key`, `-key`, `id`).
pub async fn spaces(State(state): State<Arc<ConfluenceState>>, Query(params): Params) -> Response {
    let wiki = state.data();
    let mut spaces: Vec<_> = wiki.spaces.iter().collect();
    if let Some(keys) = params.get("keys") {
        let keys: Vec<&str> = keys.split(',').map(str::trim).collect();
        spaces.retain(|space| keys.contains(&space.key.as_str()));
    }
    match params.get("sort").map(String::as_str) {
        Some("key") => spaces.sort_by(|a, b| a.key.cmp(&b.key)),
        Some("-key") => spaces.sort_by(|a, b| b.key.cmp(&a.key)),
        None | Some("id") => {}
        Some(_) => return v2_error(StatusCode::BAD_REQUEST, "Invalid sort order"),
    }
    let items = spaces.into_iter().map(render::space).collect();
    match paged(items, &params, "/wiki/api/v2/spaces", MAX_LIMIT) {
        Ok((results, next)) => list(results, next, &state),
        Err(refusal) => refusal,
    }
}

fn list(results: Vec<Value>, next: Option<String>, state: &ConfluenceState) -> Response {
    let mut links = json!({"base": format!("{}/wiki", state.origin)});
    if let Some(next) = next {
        links["next"] = json!(next);
    }
    Json(json!({"results": results, "_links": links})).into_response()
}

/// `GET /wiki/api/v2/spaces/{id}`.
pub async fn space(State(state): State<Arc<ConfluenceState>>, Path(id): Path<String>) -> Response {
    let wiki = state.data();
    match id.parse().ok().and_then(|id| wiki.space_by_id(id)) {
        Some(space) => Json(render::space(space)).into_response(),
        None => v2_error(StatusCode::NOT_FOUND, "Space not found"),
    }
}

fn wants_body(params: &HashMap<String, String>) -> Result<bool, Response> {
    match params.get("body-format").map(String::as_str) {
        None => Ok(false),
        Some("storage") => Ok(true),
        Some(_) => Err(v2_error(
            StatusCode::BAD_REQUEST,
            "body-format must be one of storage, atlas_doc_format",
        )),
    }
}

/// `GET /wiki/api/v2/pages/{id}`.
pub async fn get_one(
    State(state): State<Arc<ConfluenceState>>,
    Path(id): Path<String>,
    Query(params): Params,
) -> Response {
    let with_body = match wants_body(&params) {
        Ok(with_body) => with_body,
        Err(refusal) => return refusal,
    };
    let wiki = state.data();
    match id
        .parse()
        .ok()
        .and_then(|id| wiki.page(id))
        .filter(|page| !page.trashed)
    {
        Some(page) => Json(render::page(&wiki, page, with_body)).into_response(),
        None => v2_error(StatusCode::NOT_FOUND, "Page not found"),
    }
}

/// The storage body of a write: `{"representation": "storage", "value": …}`.
fn written_body(body: &Value) -> Result<String, Response> {
    let body = &body["body"];
    if body["representation"] != "storage" {
        return Err(v2_error(
            StatusCode::BAD_REQUEST,
            "body.representation must be storage",
        ));
    }
    body["value"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| v2_error(StatusCode::BAD_REQUEST, "body.value is required"))
}

fn title_of(body: &Value) -> Result<String, Response> {
    match body["title"].as_str().map(str::trim) {
        Some(title) if !title.is_empty() => Ok(title.to_owned()),
        _ => Err(v2_error(StatusCode::BAD_REQUEST, "title is required")),
    }
}

/// `POST /wiki/api/v2/pages`.
pub async fn create(
    State(state): State<Arc<ConfluenceState>>,
    Json(body): Json<Value>,
) -> Response {
    let (title, storage) = match (title_of(&body), written_body(&body)) {
        (Ok(title), Ok(storage)) => (title, storage),
        (Err(refusal), _) | (_, Err(refusal)) => return refusal,
    };
    let mut wiki = state.data();
    let space_id = body["spaceId"].as_str().and_then(|id| id.parse().ok());
    let Some(space) = space_id
        .and_then(|id| wiki.space_by_id(id))
        .map(|space| space.key.clone())
    else {
        return v2_error(StatusCode::NOT_FOUND, "Space not found");
    };
    if wiki.pages_in(&space).any(|page| page.title == title) {
        return v2_error(
            StatusCode::BAD_REQUEST,
            "A page with this title already exists: A page already exists with the same TITLE in this space",
        );
    }
    let parent = match body["parentId"].as_str() {
        None => None,
        Some(parent) => match parent.parse().ok().and_then(|id| wiki.page(id)) {
            Some(page) if page.space == space => Some(page.id),
            _ => {
                return v2_error(
                    StatusCode::BAD_REQUEST,
                    "parentId names no page of this space",
                );
            }
        },
    };
    let id = wiki.create_page(&space, &title, Body::Html(storage));
    if let Some(page) = wiki.page_mut(id) {
        page.parent = parent;
    }
    let page = wiki.page(id).map(|page| render::page(&wiki, page, false));
    Json(page).into_response()
}

/// `PUT /wiki/api/v2/pages/{id}`: the whole page, `version.number` one above the current.
pub async fn update(
    State(state): State<Arc<ConfluenceState>>,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let (title, storage) = match (title_of(&body), written_body(&body)) {
        (Ok(title), Ok(storage)) => (title, storage),
        (Err(refusal), _) | (_, Err(refusal)) => return refusal,
    };
    if body["id"].as_str() != Some(id.as_str()) {
        return v2_error(
            StatusCode::BAD_REQUEST,
            "id in the body must be the page's id",
        );
    }
    let mut wiki = state.data();
    let Some(page_id) = id.parse().ok().filter(|id| wiki.page(*id).is_some()) else {
        return v2_error(StatusCode::NOT_FOUND, "Page not found");
    };
    let current = wiki.page(page_id).map_or(0, |page| page.version);
    let Some(number) = body["version"]["number"].as_u64() else {
        return v2_error(StatusCode::BAD_REQUEST, "version.number is required");
    };
    if number != current + 1 {
        return v2_error(
            StatusCode::CONFLICT,
            &format!("Version must be incremented on update. Current Version is: {current}"),
        );
    }
    if let Some(page) = wiki.page_mut(page_id) {
        page.title = title;
        page.body = Body::Html(storage);
    }
    wiki.touch(page_id);
    let page = wiki
        .page(page_id)
        .map(|page| render::page(&wiki, page, true));
    Json(page).into_response()
}
