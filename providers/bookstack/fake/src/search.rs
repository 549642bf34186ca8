//! `GET /api/search`: BookStack's search syntax as far as adapters use it, and its pages
//! (`page`, 1-based, and `count`, at most 100; `SearchApiController::$rules`).
//!
//! A query is words, `"exact phrases"`, `[tags]` and `{filters}`. Here every word and phrase
//! must appear in the title or the body (without regard to case); a tag matches nothing (the
//! wiki has no tags); `{type:page}` (or `page|chapter|book`, `|`-separated) keeps those
//! types, `{created_by:me}` the caller's; other filters are ignored, as BookStack ignores
//! filters it does not know. Hits come in the wiki's order: without `{type:…}`, matching
//! books, then chapters, then pages.

use super::render::{self, book_slug};
use super::{BookstackState, invalid};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// The largest page of results.
pub const MAX_COUNT: u64 = 100;

/// The default page of results.
pub const DEFAULT_COUNT: u64 = 20;

/// A query, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Words and phrases, each of which must match.
    pub terms: Vec<String>,
    /// Tags asked for.
    pub tags: Vec<String>,
    /// `{type:…}`: the types kept; empty keeps every type.
    pub types: Vec<String>,
    /// `{created_by:me}`.
    pub mine: bool,
}

/// Reads BookStack's search syntax.
pub fn parse(query: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut rest = query.trim();
    while !rest.is_empty() {
        let (closing, kind) = match rest.as_bytes()[0] {
            b'"' => ('"', 0),
            b'[' => (']', 1),
            b'{' => ('}', 2),
            _ => (' ', 3),
        };
        let body = if kind == 3 { rest } else { &rest[1..] };
        let (token, after) = body.split_once(closing).unwrap_or((body, ""));
        let token = token.trim();
        match kind {
            1 => parsed.tags.push(token.to_owned()),
            2 => match token.split_once(':') {
                Some(("type", types)) => {
                    parsed.types = types.split('|').map(str::to_owned).collect()
                }
                Some(("created_by", "me")) => parsed.mine = true,
                _ => {}
            },
            _ if !token.is_empty() => parsed.terms.push(token.to_lowercase()),
            _ => {}
        }
        rest = after.trim_start();
    }
    parsed
}

/// `page` and `count`, refused as BookStack's validator refuses them.
fn paging(params: &HashMap<String, String>) -> Result<(u64, u64), Response> {
    let mut problems = Map::new();
    let mut number = |name: &str, default: u64, max: Option<u64>| -> u64 {
        let Some(text) = params.get(name) else {
            return default;
        };
        match text.trim().parse::<u64>() {
            Ok(value) if value >= 1 && max.is_none_or(|max| value <= max) => value,
            Ok(value) if value >= 1 => {
                problems.insert(
                    name.into(),
                    json!([format!(
                        "The {name} may not be greater than {}.",
                        max.unwrap_or(0)
                    )]),
                );
                default
            }
            Ok(_) => {
                problems.insert(
                    name.into(),
                    json!([format!("The {name} must be at least 1.")]),
                );
                default
            }
            Err(_) => {
                problems.insert(
                    name.into(),
                    json!([format!("The {name} must be an integer.")]),
                );
                default
            }
        }
    };
    let page = number("page", 1, None);
    let count = number("count", DEFAULT_COUNT, Some(MAX_COUNT));
    if problems.is_empty() {
        Ok((page, count))
    } else {
        Err(invalid(problems))
    }
}

/// `GET /api/search`.
pub async fn all(
    State(state): State<Arc<BookstackState>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(query) = params.get("query").filter(|query| !query.trim().is_empty()) else {
        let mut problems = Map::new();
        problems.insert("query".into(), json!(["The query field is required."]));
        return invalid(problems);
    };
    let (page, count) = match paging(&params) {
        Ok(paging) => paging,
        Err(refused) => return refused,
    };
    let parsed = parse(query);
    let wiki = state.data();
    let wanted = |kind: &str| parsed.types.is_empty() || parsed.types.iter().any(|t| t == kind);
    let matches = |text: &str| {
        let text = text.to_lowercase();
        parsed.tags.is_empty() && parsed.terms.iter().all(|term| text.contains(term.as_str()))
    };
    let origin = state.origin.as_str();
    let first = parsed.terms.first().map_or("", String::as_str);
    let mut hits: Vec<Value> = Vec::new();
    if wanted("book") && !parsed.mine {
        for space in wiki.spaces.iter().filter(|space| matches(&space.name)) {
            let mut hit = render::book(space, &wiki);
            hit["type"] = json!("book");
            hit["url"] = json!(format!("{origin}/books/{}", book_slug(space)));
            hit["preview_html"] =
                json!({"name": render::marked(&space.name, first), "content": ""});
            hits.push(hit);
        }
    }
    if wanted("chapter") && !parsed.mine {
        for section in wiki
            .sections
            .iter()
            .filter(|section| matches(&section.name))
        {
            let mut hit = render::chapter(section, &wiki);
            hit["type"] = json!("chapter");
            hit["url"] = json!(format!(
                "{origin}/books/{}/chapter/{}",
                section.space.to_lowercase(),
                render::slug(&section.name)
            ));
            hit["preview_html"] =
                json!({"name": render::marked(&section.name, first), "content": ""});
            hits.push(hit);
        }
    }
    if wanted("page") {
        let caller = wiki.caller().login.clone();
        for page in wiki.pages.iter().filter(|page| {
            !page.trashed
                && (!parsed.mine || page.author == caller)
                && matches(&format!("{}\n{}", page.title, page.body.markdown()))
        }) {
            hits.push(render::page_hit(origin, page, &wiki, first));
        }
    }
    let total = hits.len();
    let start = (page - 1).saturating_mul(count) as usize;
    let data: Vec<Value> = hits.into_iter().skip(start).take(count as usize).collect();
    Json(json!({"data": data, "total": total})).into_response()
}
