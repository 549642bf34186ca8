//! Pull requests: list, get, create, merge.

use super::{
    Params, Shared, created, error, field_error, find_repo, not_found, paged, parse_number, render,
    validation_failed,
};
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{PullState, Repo};
use serde_json::{Value, json};

/// `GET …/pulls`: newest first, in the list shape.
pub async fn list(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let wanted = params.get("state").map_or("open", String::as_str);
    if !matches!(wanted, "open" | "closed" | "all") {
        return validation_failed(vec![field_error("PullRequest", "state", "invalid")]);
    }
    let items = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return not_found();
        };
        let api = state.base_url();
        let mut pulls: Vec<_> = repo
            .pulls
            .iter()
            .filter(|pull| match wanted {
                "open" => pull.state == PullState::Open,
                "closed" => pull.state != PullState::Open,
                _ => true,
            })
            .collect();
        pulls.sort_by_key(|pull| std::cmp::Reverse(pull.number));
        pulls
            .into_iter()
            .map(|pull| render::pull_simple(&forge, &api, repo, pull))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

/// `GET …/pulls/{n}`: the full shape, with `merged` and `mergeable`.
pub async fn get(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
) -> Response {
    let forge = state.forge();
    let (Some(repo), Some(number)) = (find_repo(&forge, &owner, &name), parse_number(&number))
    else {
        return not_found();
    };
    match repo.pulls.iter().find(|pull| pull.number == number) {
        Some(pull) => Json(render::pull(&forge, &state.base_url(), repo, pull)).into_response(),
        None => not_found(),
    }
}

/// A branch named in a body, `branch` or `owner:branch` of the repository's owner.
fn branch_name<'a>(repo: &Repo, named: &'a str) -> &'a str {
    named
        .strip_prefix(&format!("{}:", repo.owner))
        .unwrap_or(named)
}

/// `POST …/pulls`.
pub async fn create(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let field = |name: &str| body[name].as_str().unwrap_or_default().trim().to_owned();
    let (title, head, base) = (field("title"), field("head"), field("base"));
    if title.is_empty() {
        return validation_failed(vec![field_error("PullRequest", "title", "missing_field")]);
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return not_found();
    };
    let full = repo.full_name();
    let (head, base) = (
        branch_name(repo, &head).to_owned(),
        branch_name(repo, &base).to_owned(),
    );
    for (field, branch) in [("head", &head), ("base", &base)] {
        if repo.branch(branch).is_none() {
            return validation_failed(vec![field_error("PullRequest", field, "invalid")]);
        }
    }
    if head == base {
        let message = format!("No commits between {base} and {head}");
        return validation_failed(vec![
            json!({"resource": "PullRequest", "code": "custom", "message": message}),
        ]);
    }
    let open_already = repo
        .pulls
        .iter()
        .any(|pull| pull.state == PullState::Open && pull.source == head && pull.target == base);
    if open_already {
        let message = format!("A pull request already exists for {}:{head}.", repo.owner);
        return validation_failed(vec![
            json!({"resource": "PullRequest", "code": "custom", "message": message}),
        ]);
    }
    let Some(opened) = forge.open_pull(&full, &title, &head, &base, &caller) else {
        return not_found();
    };
    let repo = forge
        .repo_mut(&full)
        .expect("the pull request was just opened here");
    let pull = repo.pull_mut(opened.number).expect("just opened");
    pull.body = body["body"].as_str().map(str::to_owned);
    pull.draft = body["draft"].as_bool().unwrap_or(false);
    let pull = pull.clone();
    let repo = forge.repo(&full).expect("still there");
    created(render::pull(&forge, &state.base_url(), repo, &pull))
}

/// `PUT …/pulls/{n}/merge`.
pub async fn merge(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
    body: Option<Json<Value>>,
) -> Response {
    let body = body.map_or(Value::Null, |Json(body)| body);
    let method = body["merge_method"].as_str().unwrap_or("merge").to_owned();
    if !matches!(method.as_str(), "merge" | "squash" | "rebase") {
        return validation_failed(vec![field_error("PullRequest", "merge_method", "invalid")]);
    }
    let mut forge = state.forge();
    let (Some(repo), Some(number)) = (find_repo(&forge, &owner, &name), parse_number(&number))
    else {
        return not_found();
    };
    let Some(pull) = repo.pulls.iter().find(|pull| pull.number == number) else {
        return not_found();
    };
    let full = repo.full_name();
    let head_tip = repo.branch(&pull.source).map(|branch| branch.sha.clone());
    if let Some(expected) = body["sha"].as_str()
        && head_tip.as_deref() != Some(expected)
    {
        return error(
            StatusCode::CONFLICT,
            "Head branch was modified. Review and try the merge again.",
        );
    }
    if pull.state == PullState::Open && pull.draft {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            "Pull Request is still a draft",
        );
    }
    let message = match (body["commit_message"].as_str(), method.as_str()) {
        (Some(message), _) => message.to_owned(),
        (None, "squash") => format!("{} (#{number})", pull.title),
        (None, _) => format!(
            "Merge pull request #{number} from {}/{}",
            repo.owner, pull.source
        ),
    };
    match forge.merge(&full, number, &message) {
        None => not_found(),
        Some(Err(_)) => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "Pull Request is not mergeable",
        ),
        Some(Ok(merged)) => Json(json!({
            "sha": merged.merge_sha,
            "merged": true,
            "message": "Pull Request successfully merged",
        }))
        .into_response(),
    }
}
