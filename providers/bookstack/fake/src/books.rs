//! Books (the wiki's spaces) and chapters (its sections): `GET /api/books`, BookStack's
//! listing with `count`, `offset`, `sort` and `filter[…]`, and `GET /api/chapters/{id}`.

use super::render::{self, book_slug};
use super::{BookstackState, id_of, invalid, refusal};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::wiki::Space;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// The page size when none is asked for (`api.default_item_count`).
pub const DEFAULT_COUNT: usize = 100;

/// The largest page (`api.max_item_count`).
pub const MAX_COUNT: usize = 500;

/// `count` and `offset` as BookStack's `ListingResponseBuilder` reads them: a count beyond
/// the largest is the largest; what is not a number is refused.
pub fn count_and_offset(params: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let number = |name: &str, default: usize| -> Result<usize, Response> {
        match params.get(name) {
            None => Ok(default),
            Some(text) => text.trim().parse::<usize>().map_err(|_| {
                let mut fields = Map::new();
                fields.insert(
                    name.into(),
                    json!([format!("The {name} must be an integer.")]),
                );
                invalid(fields)
            }),
        }
    };
    let count = number("count", DEFAULT_COUNT)?.min(MAX_COUNT);
    Ok((count, number("offset", 0)?))
}

/// Whether `space` passes every `filter[field]` asked for (`id`, `slug`, `name`, exact).
fn passes(space: &Space, params: &HashMap<String, String>) -> bool {
    params.iter().all(|(name, value)| {
        let Some(field) = name
            .strip_prefix("filter[")
            .and_then(|rest| rest.strip_suffix(']'))
        else {
            return true;
        };
        match field {
            "id" => value.parse() == Ok(space.id),
            "slug" => book_slug(space) == *value,
            "name" => space.name == *value,
            _ => true,
        }
    })
}

/// `GET /api/books`.
pub async fn list(
    State(state): State<Arc<BookstackState>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let (count, offset) = match count_and_offset(&params) {
        Ok(paging) => paging,
        Err(refused) => return refused,
    };
    let wiki = state.data();
    let mut books: Vec<&Space> = wiki
        .spaces
        .iter()
        .filter(|space| passes(space, &params))
        .collect();
    let sort = params.get("sort").map_or("", |sort| sort.trim());
    let (descending, field) = match sort.strip_prefix('-') {
        Some(field) => (true, field),
        None => (false, sort.trim_start_matches('+')),
    };
    match field {
        "name" => books.sort_by(|a, b| a.name.cmp(&b.name)),
        _ => books.sort_by_key(|space| space.id),
    }
    if descending {
        books.reverse();
    }
    let total = books.len();
    let data: Vec<Value> = books
        .into_iter()
        .skip(offset)
        .take(count)
        .map(|space| render::book(space, &wiki))
        .collect();
    Json(json!({"data": data, "total": total})).into_response()
}

/// `GET /api/chapters/{id}`.
pub async fn chapter(State(state): State<Arc<BookstackState>>, Path(id): Path<String>) -> Response {
    let id = match id_of(&id, "Chapter") {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    let wiki = state.data();
    match wiki.section(id) {
        Some(section) => Json(render::chapter(section, &wiki)).into_response(),
        None => refusal(StatusCode::NOT_FOUND, "Chapter Not Found"),
    }
}
