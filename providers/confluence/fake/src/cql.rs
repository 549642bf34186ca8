//! v1's `GET /wiki/rest/api/search` over the CQL the adapter writes:
//! `type = page [AND space = "KEY"] AND text ~ "QUERY"` — clauses joined by `AND`, values
//! double-quoted with `\"` and `\\` escapes. Anything else is Confluence's 400, "Could not
//! parse cql".

use super::pages::paged;
use super::render;
use super::{ConfluenceState, v1_error};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// What a query asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cql {
    /// `space = "KEY"`.
    pub space: Option<String>,
    /// `text ~ "QUERY"`.
    pub text: Option<String>,
}

/// Reads the CQL subset of the module docs.
pub fn parse(cql: &str) -> Result<Cql, String> {
    let mut rest = cql.trim();
    let mut query = Cql::default();
    loop {
        let (field, after) = rest
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("expected a clause at `{rest}`"))?;
        let after = after.trim_start();
        let (operator, after) = after
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("expected an operator after `{field}`"))?;
        let (value, after) = value(after.trim_start())?;
        match (field, operator) {
            ("type", "=") if value == "page" => {}
            ("space", "=") => query.space = Some(value),
            ("text", "~") => query.text = Some(value),
            _ => return Err(format!("unsupported clause `{field} {operator}`")),
        }
        let after = after.trim_start();
        if after.is_empty() {
            return Ok(query);
        }
        rest = after
            .strip_prefix("AND ")
            .ok_or_else(|| format!("expected AND at `{after}`"))?;
    }
}

/// A bare word or a double-quoted string with its escapes, and what follows it.
fn value(text: &str) -> Result<(String, &str), String> {
    let Some(inside) = text.strip_prefix('"') else {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        return Ok((text[..end].to_owned(), &text[end..]));
    };
    let mut out = String::new();
    let mut chars = inside.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => out.push(escaped),
                None => break,
            },
            '"' => return Ok((out, &inside[index + 1..])),
            c => out.push(c),
        }
    }
    Err("unterminated string".to_owned())
}

/// The excerpt of `text` around the first match of `query`, highlighted as search does.
fn excerpt(text: &str, query: &str) -> String {
    let lower = text.to_lowercase();
    match lower.find(&query.to_lowercase()) {
        Some(at) if lower.len() == text.len() => {
            let end = at + query.len();
            format!(
                "{}@@@hl@@@{}@@@endhl@@@{}",
                &text[..at],
                &text[at..end],
                &text[end..]
            )
        }
        _ => text.to_owned(),
    }
}

/// `GET /wiki/rest/api/search`: `cql`, `limit` (at most 100), `cursor`, `expand`.
pub async fn search(
    State(state): State<Arc<ConfluenceState>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(cql) = params.get("cql") else {
        return v1_error(StatusCode::BAD_REQUEST, "cql is required");
    };
    let query = match parse(cql) {
        Ok(query) => query,
        Err(problem) => {
            return v1_error(
                StatusCode::BAD_REQUEST,
                &format!("Could not parse cql : {cql} ({problem})"),
            );
        }
    };
    let with_space = params
        .get("expand")
        .is_some_and(|expand| expand.split(',').any(|part| part == "content.space"));
    let wiki = state.data();
    let text = query.text.clone().unwrap_or_default();
    let hits: Vec<Value> = wiki
        .search(&text, query.space.as_deref())
        .map(|page| {
            let space = wiki.space(&page.space);
            let mut content = json!({
                "id": page.id.to_string(), "type": "page", "status": "current",
                "title": page.title, "_links": {"webui": render::webui(page)},
            });
            if with_space && let Some(space) = space {
                content["space"] = json!({"id": space.id, "key": space.key, "name": space.name});
            }
            json!({
                "content": content,
                "title": excerpt(&page.title, &text),
                "excerpt": excerpt(&render::plain(&page.body), &text).replace('&', "&amp;"),
                "url": render::webui(page),
                "resultGlobalContainer": {
                    "title": space.map(|space| space.name.clone()),
                    "displayUrl": format!("/spaces/{}", page.space),
                },
                "entityType": "content",
                "lastModified": page.updated_at,
                "friendlyLastModified": "recently",
            })
        })
        .collect();
    let total = hits.len();
    // Search's links are relative to `/wiki`, v2's to the site.
    match paged(hits, &params, "/rest/api/search", 100) {
        Ok((results, next)) => {
            let mut links = json!({"base": format!("{}/wiki", state.origin), "context": "/wiki"});
            if let Some(next) = next {
                links["next"] = json!(next);
            }
            Json(json!({
                "results": results, "start": 0, "limit": results_limit(&params),
                "size": results.len(), "totalSize": total, "cqlQuery": cql, "_links": links,
            }))
            .into_response()
        }
        Err(refusal) => refusal,
    }
}

fn results_limit(params: &HashMap<String, String>) -> usize {
    params
        .get("limit")
        .and_then(|limit| limit.parse().ok())
        .unwrap_or(25)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_adapters_cql_is_read_with_its_escapes() {
        assert_eq!(
            parse(r#"type = page AND space = "ENG" AND text ~ "a\" OR b \\ c""#),
            Ok(Cql {
                space: Some("ENG".into()),
                text: Some(r#"a" OR b \ c"#.into()),
            })
        );
        assert!(parse(r#"type = page AND text ~ "open"#).is_err());
        assert!(parse(r#"type = page OR space = "x""#).is_err());
        assert!(parse("creator = currentUser()").is_err());
    }

    #[test]
    fn excerpts_highlight_the_match() {
        assert_eq!(
            excerpt("Steps for incident class 3", "INCIDENT"),
            "Steps for @@@hl@@@incident@@@endhl@@@ class 3"
        );
    }
}
