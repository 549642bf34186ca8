//! GitHub's REST API, one request (or two) per `git.*` operation.

use super::mapping::{GhBranch, GhComment, GhCommit, GhContents, GhIssue, GhMerge, GhPull, GhRepo};
use crate::forge::{GitForge, health_of, not_found, owner_and_name, page_of};
use crate::http::{ApiClient, PageQuery, encode_path, encode_segment};
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    MergeMethod, NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList, StateFilter,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, IssueState, MergeResult, Page, PullRequest, Repo,
};
use mosaic_core::{Health, OpId, ProviderError, Quota, Support};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// A running GitHub instance.
pub struct GitHub {
    pub(super) api: ApiClient,
}

/// `/repos/{owner}/{name}` of a repository.
fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "GitHub")?;
    Ok(format!("/repos/{owner}/{name}"))
}

fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("per_page", page.per_page.to_string()),
        ("page", page.page.to_string()),
    ]
}

impl GitHub {
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Value,
    ) -> Result<T, ProviderError> {
        self.api.send(method, path, &[], Some(&body)).await?.json()
    }

    async fn comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let path = format!(
            "{}/issues/{}/comments",
            repo_path(&input.repo)?,
            input.number
        );
        let comment: GhComment = self
            .send(Method::POST, &path, json!({ "body": input.body }))
            .await
            .map_err(not_found(format!("{}#{}", input.repo, input.number)))?;
        Ok(comment.unify())
    }
}

#[async_trait::async_trait]
impl GitForge for GitHub {
    fn supports_git(&self, _op: OpId) -> Support {
        Support::Supported
    }

    async fn health(&self) -> Health {
        health_of(self.api.get("/rate_limit", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let query = page_params(page);
        let reply = match &input.owner {
            None => self.api.get("/user/repos", &query).await?,
            Some(owner) => {
                let owner = encode_segment(owner)?;
                // An owner is an organization or a user; GitHub has one list for each.
                match self.api.get(&format!("/orgs/{owner}/repos"), &query).await {
                    Err(ProviderError::NotFound(_)) => self
                        .api
                        .get(&format!("/users/{owner}/repos"), &query)
                        .await
                        .map_err(not_found(format!("owner `{owner}`")))?,
                    other => other?,
                }
            }
        };
        page_of(&reply, |repo: GhRepo| Some(Ok(repo.unify())))
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        let repo: GhRepo = self
            .get(&repo_path(&input.repo)?, &[])
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        Ok(repo.unify())
    }

    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/branches", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &page_params(page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |branch: GhBranch| Some(Ok(branch.unify())))
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        let path = format!(
            "{}/contents/{}",
            repo_path(&input.repo)?,
            encode_path(&input.path)?
        );
        let git_ref = match &input.git_ref {
            Some(git_ref) => git_ref.clone(),
            None => {
                self.repos_get(&RepoRef {
                    repo: input.repo.clone(),
                })
                .await?
                .default_branch
            }
        };
        let content: GhContents =
            self.get(&path, &[("ref", git_ref.clone())])
                .await
                .map_err(not_found(format!(
                    "`{}` at `{git_ref}` in `{}`",
                    input.path, input.repo
                )))?;
        content.unify(&input.path, &git_ref)
    }

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        if let Some(git_ref) = &input.git_ref {
            query.push(("sha", git_ref.clone()));
        }
        if let Some(path) = &input.path {
            query.push(("path", path.clone()));
        }
        let path = format!("{}/commits", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |commit: GhCommit| Some(Ok(commit.unify())))
    }

    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", state_param(input.state).to_owned()));
        if !input.labels.is_empty() {
            query.push(("labels", input.labels.join(",")));
        }
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        // GitHub lists pull requests among issues; they are `git.pulls.*`'s, so a page may
        // hold fewer items than asked for while the cursor still goes on.
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
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let issue: GhIssue = self
            .send(Method::POST, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        issue.unify()
    }

    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
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
        let path = format!("{}/issues/{}", repo_path(&input.repo)?, input.number);
        let issue: GhIssue = self
            .send(Method::PATCH, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))?;
        issue.unify()
    }

    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.comment(input).await
    }

    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        // GitHub has no `merged` filter: merged pull requests are closed ones with `merged_at`.
        query.push(("state", state_param(input.state).to_owned()));
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        let wanted = input.state;
        page_of(&reply, |pull: GhPull| {
            // `closed` means closed or merged, as the catalog says; `merged` only merged.
            let keep = wanted != StateFilter::Merged || pull.is_merged();
            keep.then(|| pull.unify())
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
        let mut body = Map::new();
        body.insert("title".into(), json!(input.title));
        body.insert("head".into(), json!(input.source_branch));
        body.insert("base".into(), json!(input.target_branch));
        body.insert("draft".into(), json!(input.draft));
        if let Some(text) = &input.body {
            body.insert("body".into(), json!(text));
        }
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        let pull: GhPull = self
            .send(Method::POST, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        pull.unify()
    }

    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
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
        let path = format!("{}/pulls/{}/merge", repo_path(&input.repo)?, input.number);
        let merged: GhMerge = self
            .send(Method::PUT, &path, Value::Object(body))
            .await
            .map_err(not_found(format!(
                "pull request {}#{}",
                input.repo, input.number
            )))?;
        Ok(merged.unify())
    }

    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        // A pull request's conversation is its issue's comments.
        self.comment(input).await
    }
}

/// GitHub's `state` filter (`merged` lists closed ones, filtered afterwards).
fn state_param(state: StateFilter) -> &'static str {
    match state {
        StateFilter::Open => "open",
        StateFilter::Closed | StateFilter::Merged => "closed",
        StateFilter::All => "all",
    }
}
