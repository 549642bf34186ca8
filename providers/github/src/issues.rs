//! Issues and their comments. Every pull request is an issue to GitHub: lists leave them
//! out, a get of one points at `git.pulls.get`, and comments on either go through the issue.

use super::client::{GitHub, page_params, repo_path};
use super::mapping::{GhComment, GhIssue};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    CommentCreate, IssueCreate, IssueUpdate, IssuesList, NumberRef, StateFilter,
};
use mosaic_core::model::{Comment, Issue, IssueState, Page};
use mosaic_plugin::kinds::GitIssues;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::http::{AfterWrite, PageQuery};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// The query of `GET /repos/{owner}/{repo}/issues`. Labels are one comma-separated
/// parameter, so a name with a comma cannot be asked for.
pub(super) fn issues_query(
    input: &IssuesList,
    page: PageQuery,
) -> Result<Vec<(&'static str, String)>, ProviderError> {
    let state = match input.state {
        StateFilter::Open => "open",
        StateFilter::Closed => "closed",
        StateFilter::All => "all",
        StateFilter::Merged => {
            return Err(ProviderError::Invalid(
                "issues are `open` or `closed`; `merged` applies to pull requests".into(),
            ));
        }
    };
    let mut query = page_params(page);
    query.push(("state", state.to_owned()));
    if !input.labels.is_empty() {
        if let Some(name) = input.labels.iter().find(|name| name.contains(',')) {
            return Err(ProviderError::Invalid(format!(
                "label `{name}` contains a comma, which GitHub's label filter cannot carry"
            )));
        }
        query.push(("labels", input.labels.join(",")));
    }
    Ok(query)
}

/// The body of `POST /repos/{owner}/{repo}/issues`: labels by name (GitHub creates a name it
/// does not know), assignees by login.
pub(super) fn create_body(input: &IssueCreate) -> Value {
    let mut body = Map::new();
    body.insert("title".into(), json!(input.title));
    if let Some(text) = &input.body {
        body.insert("body".into(), json!(text));
    }
    if !input.labels.is_empty() {
        body.insert("labels".into(), json!(input.labels));
    }
    if !input.assignees.is_empty() {
        body.insert("assignees".into(), json!(input.assignees));
    }
    Value::Object(body)
}

/// The body of `PATCH /repos/{owner}/{repo}/issues/{n}`: only what changes; an empty list
/// of labels or assignees clears them.
pub(super) fn update_body(input: &IssueUpdate) -> Value {
    let mut body = Map::new();
    if let Some(title) = &input.title {
        body.insert("title".into(), json!(title));
    }
    if let Some(text) = &input.body {
        body.insert("body".into(), json!(text));
    }
    if let Some(state) = input.state {
        let state = match state {
            IssueState::Open => "open",
            IssueState::Closed => "closed",
        };
        body.insert("state".into(), json!(state));
    }
    if let Some(labels) = &input.labels {
        body.insert("labels".into(), json!(labels));
    }
    if let Some(assignees) = &input.assignees {
        body.insert("assignees".into(), json!(assignees));
    }
    Value::Object(body)
}

/// `/repos/{owner}/{repo}/issues/{n}/comments`: the conversation of an issue, and of a pull
/// request, which is an issue to GitHub.
pub(super) fn comments_path(input: &CommentCreate) -> Result<String, ProviderError> {
    Ok(format!(
        "{}/issues/{}/comments",
        repo_path(&input.repo)?,
        input.number
    ))
}

#[async_trait::async_trait]
impl GitIssues for GitHub {
    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let query = issues_query(input, page)?;
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let reply = self
            .reply(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        // GitHub lists pull requests among issues and has no filter for them; they are
        // `git.pulls.*`'s, so a page may hold fewer items than asked while the cursor goes on.
        page_of(&reply, |issue: GhIssue| {
            (!issue.is_pull_request()).then(|| issue.unify())
        })
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues/{}", repo_path(&input.repo)?, input.number);
        let what = format!("issue {}#{}", input.repo, input.number);
        let issue: GhIssue = self
            .get(&path, &[])
            .await
            .map_err(not_found(what.clone()))?;
        if issue.is_pull_request() {
            return Err(ProviderError::NotFound(format!(
                "{what} (it is a pull request: use git.pulls.get)"
            )));
        }
        issue.unify()
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let issue: GhIssue = self
            .send(Method::POST, &path, &create_body(input))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        let number = issue.number;
        issue.unify().after_write(number, "reading its answer")
    }

    /// Changes an issue. A pull request's number changes the pull request, as GitHub does
    /// (every pull request is an issue), and answers its issue view: refusing after the
    /// change was made would hide a write that happened.
    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues/{}", repo_path(&input.repo)?, input.number);
        let issue: GhIssue = self
            .send(Method::PATCH, &path, &update_body(input))
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))
            .writing(input.number)?;
        issue
            .unify()
            .after_write(input.number, "reading its answer")
    }

    /// A comment on an issue, or on a pull request's conversation: GitHub posts both to the
    /// issue.
    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let comment: GhComment = self
            .send(
                Method::POST,
                &comments_path(input)?,
                &json!({ "body": input.body }),
            )
            .await
            .map_err(not_found(format!(
                "issue or pull request {}#{}",
                input.repo, input.number
            )))?;
        Ok(comment.unify())
    }
}
