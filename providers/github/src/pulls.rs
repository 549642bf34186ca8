//! Pull requests: list, get, create, merge, and comments on their conversation (which GitHub
//! keeps on the pull request's issue, as `issues.rs` does its own).

use super::client::{GitHub, page_params, repo_path};
use super::issues::comments_path;
use super::mapping::{GhComment, GhMerge, GhPull};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    CommentCreate, MergeMethod, NumberRef, PullCreate, PullMerge, PullsList, StateFilter,
};
use mosaic_core::model::{Comment, MergeResult, Page, PullRequest};
use mosaic_plugin::kinds::GitPulls;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::http::{AfterWrite, PageQuery};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// GitHub's `state` filter of pull request lists. It has no `merged`: merged pull requests
/// are closed ones, told apart afterwards by [`keeps`].
pub(super) fn state_param(state: StateFilter) -> &'static str {
    match state {
        StateFilter::Open => "open",
        StateFilter::Closed | StateFilter::Merged => "closed",
        StateFilter::All => "all",
    }
}

/// Whether a pull request GitHub listed for [`state_param`] belongs in the answer: `merged`
/// keeps the merged ones; `closed` means closed or merged, as in the catalog.
pub(super) fn keeps(state: StateFilter, merged: bool) -> bool {
    match state {
        StateFilter::Merged => merged,
        StateFilter::Open | StateFilter::Closed | StateFilter::All => true,
    }
}

/// The body of `POST /repos/{owner}/{repo}/pulls`. `head` may name another owner's branch
/// (`octocat:new-feature`), which GitHub accepts for pull requests from forks.
pub(super) fn create_body(input: &PullCreate) -> Value {
    let mut body = Map::new();
    body.insert("title".into(), json!(input.title));
    body.insert("head".into(), json!(input.source_branch));
    body.insert("base".into(), json!(input.target_branch));
    body.insert("draft".into(), json!(input.draft));
    if let Some(text) = &input.body {
        body.insert("body".into(), json!(text));
    }
    Value::Object(body)
}

/// The body of `PUT …/pulls/{n}/merge`: GitHub has all three of the catalog's methods.
pub(super) fn merge_body(input: &PullMerge) -> Value {
    let method = match input.method {
        MergeMethod::Merge => "merge",
        MergeMethod::Squash => "squash",
        MergeMethod::Rebase => "rebase",
    };
    let mut body = Map::new();
    body.insert("merge_method".into(), json!(method));
    if let Some(message) = &input.commit_message {
        body.insert("commit_message".into(), json!(message));
    }
    Value::Object(body)
}

#[async_trait::async_trait]
impl GitPulls for GitHub {
    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", state_param(input.state).to_owned()));
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        let reply = self
            .reply(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        // With `merged`, a page of closed ones may keep fewer items than asked while the
        // cursor goes on.
        page_of(&reply, |pull: GhPull| {
            keeps(input.state, pull.is_merged()).then(|| pull.unify())
        })
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        let path = format!("{}/pulls/{}", repo_path(&input.repo)?, input.number);
        let pull: GhPull = self.get(&path, &[]).await.map_err(not_found(format!(
            "pull request {}#{}",
            input.repo, input.number
        )))?;
        pull.unify()
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        let pull: GhPull = self
            .send(Method::POST, &path, &create_body(input))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        let number = pull.number;
        pull.unify().after_write(number, "reading its answer")
    }

    /// Merges; GitHub refuses with 405 (not mergeable: merged, closed, a draft, conflicts)
    /// or 409 (the head moved), both `conflict` with GitHub's message.
    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        let path = format!("{}/pulls/{}/merge", repo_path(&input.repo)?, input.number);
        let merged: GhMerge = self
            .send(Method::PUT, &path, &merge_body(input))
            .await
            .map_err(not_found(format!(
                "pull request {}#{}",
                input.repo, input.number
            )))
            .writing(input.number)?;
        Ok(merged.unify())
    }

    /// A comment on the pull request's conversation, which GitHub keeps on its issue.
    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let comment: GhComment = self
            .send(
                Method::POST,
                &comments_path(input)?,
                &json!({ "body": input.body }),
            )
            .await
            .map_err(not_found(format!(
                "pull request {}#{}",
                input.repo, input.number
            )))?;
        Ok(comment.unify())
    }
}
