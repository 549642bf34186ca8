//! Pages: `GET`, `POST` and `PUT` of `/api/pages`, with BookStack's validation rules
//! (`PageApiController::$rules`), and the Markdown export.

use super::render;
use super::{BookstackState, id_of, invalid, refusal};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::wiki::{Body, Wiki};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The longest page name (`'name' => […, 'max:255']`).
const MAX_NAME: usize = 255;

/// A request body as Laravel reads it: a JSON object whose empty texts are absent
/// (`ConvertEmptyStringsToNull`).
fn input(body: &[u8]) -> Result<Map<String, Value>, Response> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        refusal(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        )
    })?;
    let Value::Object(fields) = value else {
        return Err(refusal(
            StatusCode::BAD_REQUEST,
            "The request body must be a JSON object.",
        ));
    };
    Ok(fields
        .into_iter()
        .filter(|(_, value)| !matches!(value, Value::Null) && value.as_str() != Some(""))
        .collect())
}

/// Laravel's name of a field in its messages (`book_id` → `book id`).
fn spoken(field: &str) -> String {
    field.replace('_', " ")
}

/// The type rules of the fields both writes take; problems are added to `problems`.
fn check_types(fields: &Map<String, Value>, problems: &mut Map<String, Value>) {
    for (field, wanted) in [
        ("book_id", "integer"),
        ("chapter_id", "integer"),
        ("priority", "integer"),
        ("name", "string"),
        ("html", "string"),
        ("markdown", "string"),
        ("tags", "array"),
    ] {
        let Some(value) = fields.get(field) else {
            continue;
        };
        let fits = match wanted {
            "integer" => value.is_u64() || value.is_i64(),
            "string" => value.is_string(),
            _ => value.is_array(),
        };
        if !fits {
            problems.insert(
                field.into(),
                json!([format!(
                    "The {} must be {} {wanted}.",
                    spoken(field),
                    if wanted == "integer" || wanted == "array" {
                        "an"
                    } else {
                        "a"
                    }
                )]),
            );
        }
    }
    if let Some(name) = fields.get("name").and_then(Value::as_str)
        && name.chars().count() > MAX_NAME
    {
        problems.insert(
            "name".into(),
            json!([format!(
                "The name may not be greater than {MAX_NAME} characters."
            )]),
        );
    }
}

/// Adds `field`'s `required_without:other` problem when neither is given.
fn required_without(
    fields: &Map<String, Value>,
    field: &str,
    other: &str,
    problems: &mut Map<String, Value>,
) {
    if !fields.contains_key(field) && !fields.contains_key(other) {
        problems.insert(
            field.into(),
            json!([format!(
                "The {} field is required when {} is not present.",
                spoken(field),
                spoken(other)
            )]),
        );
    }
}

/// The body a write sets: `markdown` before `html`, as `PageRepo` reads them.
fn body_of(fields: &Map<String, Value>) -> Option<Body> {
    if let Some(markdown) = fields.get("markdown").and_then(Value::as_str) {
        return Some(Body::Markdown(markdown.to_owned()));
    }
    let html = fields.get("html").and_then(Value::as_str)?;
    Some(Body::Html(html.to_owned()))
}

/// Where a write puts a page: `chapter_id` before `book_id`. The space's key and the
/// section, or BookStack's 404 for the parent named.
fn parent_of(
    wiki: &Wiki,
    fields: &Map<String, Value>,
) -> Result<Option<(String, Option<u64>)>, Response> {
    if let Some(chapter) = fields.get("chapter_id").and_then(Value::as_u64) {
        let section = wiki
            .section(chapter)
            .ok_or_else(|| refusal(StatusCode::NOT_FOUND, "Chapter Not Found"))?;
        return Ok(Some((section.space.clone(), Some(section.id))));
    }
    if let Some(book) = fields.get("book_id").and_then(Value::as_u64) {
        let space = wiki
            .space_by_id(book)
            .ok_or_else(|| refusal(StatusCode::NOT_FOUND, "Book Not Found"))?;
        return Ok(Some((space.key.clone(), None)));
    }
    Ok(None)
}

/// `GET /api/pages/{id}`.
pub async fn read(State(state): State<Arc<BookstackState>>, Path(id): Path<String>) -> Response {
    let id = match id_of(&id, "Page") {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    let wiki = state.data();
    match wiki.page(id).filter(|page| !page.trashed) {
        Some(page) => Json(render::page(page, &wiki)).into_response(),
        None => refusal(StatusCode::NOT_FOUND, "Page Not Found"),
    }
}

/// `POST /api/pages`.
pub async fn create(State(state): State<Arc<BookstackState>>, body: Bytes) -> Response {
    let fields = match input(&body) {
        Ok(fields) => fields,
        Err(refused) => return refused,
    };
    let mut problems = Map::new();
    required_without(&fields, "book_id", "chapter_id", &mut problems);
    required_without(&fields, "chapter_id", "book_id", &mut problems);
    if !fields.contains_key("name") {
        problems.insert("name".into(), json!(["The name field is required."]));
    }
    required_without(&fields, "html", "markdown", &mut problems);
    required_without(&fields, "markdown", "html", &mut problems);
    check_types(&fields, &mut problems);
    if !problems.is_empty() {
        return invalid(problems);
    }
    let mut wiki = state.data();
    let (space, section) = match parent_of(&wiki, &fields) {
        Ok(Some(parent)) => parent,
        Ok(None) => return refusal(StatusCode::NOT_FOUND, "Book Not Found"),
        Err(refused) => return refused,
    };
    let name = fields
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(body) = body_of(&fields) else {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "The page has no content.");
    };
    let id = wiki.create_page(&space, name, body);
    if let Some(page) = wiki.page_mut(id) {
        page.section = section;
    }
    match wiki.page(id) {
        Some(page) => Json(render::page(page, &wiki)).into_response(),
        None => refusal(StatusCode::INTERNAL_SERVER_ERROR, "The page was not saved."),
    }
}

/// `PUT /api/pages/{id}`: moves, renames and rewrites what is given; every save is a
/// revision.
pub async fn update(
    State(state): State<Arc<BookstackState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match id_of(&id, "Page") {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    let fields = match input(&body) {
        Ok(fields) => fields,
        Err(refused) => return refused,
    };
    let mut wiki = state.data();
    if wiki.page(id).is_none_or(|page| page.trashed) {
        return refusal(StatusCode::NOT_FOUND, "Page Not Found");
    }
    let mut problems = Map::new();
    check_types(&fields, &mut problems);
    if !problems.is_empty() {
        return invalid(problems);
    }
    let parent = match parent_of(&wiki, &fields) {
        Ok(parent) => parent,
        Err(refused) => return refused,
    };
    let body = body_of(&fields);
    if let Some(page) = wiki.page_mut(id) {
        if let Some((space, section)) = parent {
            page.space = space;
            page.section = section;
            page.parent = None;
        }
        if let Some(name) = fields.get("name").and_then(Value::as_str) {
            page.title = name.to_owned();
        }
        if let Some(body) = body {
            page.body = body;
        }
    }
    wiki.touch(id);
    match wiki.page(id) {
        Some(page) => Json(render::page(page, &wiki)).into_response(),
        None => refusal(StatusCode::NOT_FOUND, "Page Not Found"),
    }
}

/// `GET /api/pages/{id}/export/markdown`: `# Title`, then the body as Markdown, as text.
pub async fn export_markdown(
    State(state): State<Arc<BookstackState>>,
    Path(id): Path<String>,
) -> Response {
    let id = match id_of(&id, "Page") {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    let wiki = state.data();
    match wiki.page(id).filter(|page| !page.trashed) {
        Some(page) => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            format!("# {}\n\n{}", page.title, page.body.markdown()),
        )
            .into_response(),
        None => refusal(StatusCode::NOT_FOUND, "Page Not Found"),
    }
}
