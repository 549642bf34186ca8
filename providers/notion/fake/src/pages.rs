//! The page routes: read, create (with `markdown`), edit the title or trash flag, and the
//! Markdown endpoints; and the integration's bot user.

use super::ids::{Named, page_id, read};
use super::{NotionState, error, render};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::wiki::{Body, Wiki};
use serde_json::{Value, json};
use std::sync::Arc;

/// What a page id names in the wiki.
enum Target {
    Space(u64),
    Page(u64),
}

fn missing(id: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "object_not_found",
        &format!(
            "Could not find page with ID: {id}. Make sure the relevant pages and databases are shared with your integration."
        ),
    )
}

fn invalid(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "validation_error", message)
}

fn target(wiki: &Wiki, id: &str) -> Option<Target> {
    match read(id)? {
        Named::Page(number) if wiki.space_by_id(number).is_some() => Some(Target::Space(number)),
        Named::Page(number) if wiki.page(number).is_some() => Some(Target::Page(number)),
        _ => None,
    }
}

fn rendered(wiki: &Wiki, target: &Target) -> Value {
    match target {
        Target::Space(number) => wiki
            .space_by_id(*number)
            .map(render::space)
            .unwrap_or_default(),
        Target::Page(number) => wiki
            .page(*number)
            .map(|page| render::page(wiki, page))
            .unwrap_or_default(),
    }
}

/// The text of a title property's runs (`text.content`, else `plain_text`).
fn title_of(properties: &Value) -> Option<String> {
    let runs = properties
        .as_object()?
        .values()
        .find_map(|property| property.get("title").and_then(Value::as_array))?;
    Some(
        runs.iter()
            .filter_map(|run| {
                run.pointer("/text/content")
                    .or_else(|| run.get("plain_text"))
                    .and_then(Value::as_str)
            })
            .collect(),
    )
}

/// `GET /users/me`: the integration's bot.
pub(super) async fn me() -> Response {
    Json(
        json!({"object": "user", "id": page_id(1), "type": "bot", "name": "MosAIc",
        "bot": {"owner": {"type": "workspace", "workspace": true}, "workspace_name": "Acme"}}),
    )
    .into_response()
}

/// `GET /pages/{id}`.
pub(super) async fn get_one(
    State(state): State<Arc<NotionState>>,
    Path(id): Path<String>,
) -> Response {
    let data = state.data();
    match target(&data.wiki, &id) {
        Some(found) => Json(rendered(&data.wiki, &found)).into_response(),
        None => missing(&id),
    }
}

/// `POST /pages`: below a space's page or a page, titled, with a Markdown body.
pub(super) async fn create(
    State(state): State<Arc<NotionState>>,
    Json(body): Json<Value>,
) -> Response {
    let Some(parent) = body
        .pointer("/parent/page_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return invalid(
            "body.parent.page_id should be defined: the fake creates pages below pages only.",
        );
    };
    let Some(title) = body.get("properties").and_then(title_of) else {
        return invalid("body.properties.title should be defined.");
    };
    if body.get("children").is_some() && body.get("markdown").is_some() {
        return invalid("body.markdown and body.children cannot both be given.");
    }
    let markdown = match body.get("markdown") {
        None => String::new(),
        Some(Value::String(markdown)) => markdown.clone(),
        Some(_) => return invalid("body.markdown should be a string."),
    };
    let mut data = state.data();
    let wiki = &mut data.wiki;
    let (space, under) = match target(wiki, &parent) {
        Some(Target::Space(number)) => match wiki.space_by_id(number) {
            Some(space) => (space.key.clone(), None),
            None => return missing(&parent),
        },
        Some(Target::Page(number)) => match wiki.page(number) {
            Some(page) if !page.trashed => (page.space.clone(), Some(number)),
            _ => return missing(&parent),
        },
        None => return missing(&parent),
    };
    let id = wiki.create_page(&space, &title, Body::Markdown(markdown));
    if let Some(page) = wiki.page_mut(id) {
        page.parent = under;
    }
    Json(rendered(wiki, &Target::Page(id))).into_response()
}

/// `PATCH /pages/{id}`: the title, and `in_trash` (or `archived`).
pub(super) async fn edit(
    State(state): State<Arc<NotionState>>,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let mut data = state.data();
    let wiki = &mut data.wiki;
    let Some(found) = target(wiki, &id) else {
        return missing(&id);
    };
    let title = body.get("properties").and_then(title_of);
    let trash = body
        .get("in_trash")
        .or_else(|| body.get("archived"))
        .and_then(Value::as_bool);
    match found {
        Target::Space(number) => {
            if let (Some(title), Some(space)) = (
                title,
                wiki.spaces.iter_mut().find(|space| space.id == number),
            ) {
                space.name = title;
            }
        }
        Target::Page(number) => {
            if let Some(page) = wiki.page_mut(number) {
                if let Some(title) = title {
                    page.title = title;
                }
                if let Some(trash) = trash {
                    page.trashed = trash;
                }
            }
            wiki.touch(number);
        }
    }
    Json(rendered(wiki, &found)).into_response()
}

/// `GET /pages/{id}/markdown`, of a page, a space's page or a block a truncated body left out.
pub(super) async fn markdown(
    State(state): State<Arc<NotionState>>,
    Path(id): Path<String>,
) -> Response {
    let data = state.data();
    let wiki = &data.wiki;
    let answer = match read(&id) {
        Some(Named::Block(page, line)) => wiki
            .page(page)
            .and_then(|found| render::block_markdown(&data, page, line, found.body.text())),
        Some(Named::Page(number)) => match (wiki.space_by_id(number), wiki.page(number)) {
            (Some(space), _) => Some(render::answer(&page_id(number), &space.description, &[])),
            (None, Some(page)) => Some(render::markdown(&data, number, page.body.text())),
            (None, None) => None,
        },
        None => None,
    };
    match answer {
        Some(answer) => Json(answer).into_response(),
        None => missing(&id),
    }
}

/// `PATCH /pages/{id}/markdown` with `replace_content`.
pub(super) async fn replace_markdown(
    State(state): State<Arc<NotionState>>,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    if body.get("type").and_then(Value::as_str) != Some("replace_content") {
        return invalid("body.type: the fake serves `replace_content` only.");
    }
    let Some(new) = body
        .pointer("/replace_content/new_str")
        .and_then(Value::as_str)
    else {
        return invalid("body.replace_content.new_str should be a string.");
    };
    let mut data = state.data();
    let number = match target(&data.wiki, &id) {
        Some(Target::Page(number)) => number,
        _ => return missing(&id),
    };
    if let Some(page) = data.wiki.page_mut(number) {
        page.body = Body::Markdown(new.to_owned());
    }
    data.wiki.touch(number);
    Json(render::answer(&page_id(number), new, &[])).into_response()
}
