//! [`GitHub`]: one instance's requests, one (rarely two) per `git.*` operation. Repositories,
//! branches, files and commits are here; issues and pull requests have files of their own
//! (`issues.rs`, `pulls.rs`).

use super::mapping::{GhBlob, GhBranch, GhCommit, GhContents, GhRepo};
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, MergeResult, Page, PullRequest, Repo,
};
use mosaic_core::{Health, OpId, ProviderError, Quota, Support};
use mosaic_provider_kit::forge::{GitForge, owner_and_name, page_of};
use mosaic_provider_kit::http::{ApiClient, PageQuery, Reply, encode_path, encode_segment};
use mosaic_provider_kit::http::{health_of, not_found};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running GitHub instance.
pub struct GitHub {
    pub(super) api: ApiClient,
}

/// `/repos/{owner}/{name}`: GitHub repositories have exactly one owner level.
pub(super) fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "GitHub")?;
    Ok(format!("/repos/{owner}/{name}"))
}

/// GitHub's page parameters: `per_page` (at most 100) and `page`.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("per_page", page.per_page.to_string()),
        ("page", page.page.to_string()),
    ]
}

/// The query of `GET /repos/{owner}/{repo}/commits`: `sha` takes a branch, tag or SHA.
pub(super) fn commits_query(input: &CommitsList, page: PageQuery) -> Vec<(&'static str, String)> {
    let mut query = page_params(page);
    if let Some(git_ref) = &input.git_ref {
        query.push(("sha", git_ref.clone()));
    }
    if let Some(path) = &input.path {
        query.push(("path", path.clone()));
    }
    query
}

impl GitHub {
    /// A GET's answer (conditional when an earlier one left an `ETag`).
    pub(super) async fn reply(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Reply, ProviderError> {
        self.api.get(path, query).await
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.reply(path, query).await?.json()
    }

    /// A write with a JSON body, its answer as `T`.
    pub(super) async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<T, ProviderError> {
        self.api.send(method, path, &[], Some(body)).await?.json()
    }

    async fn list_repos(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let query = page_params(page);
        let reply = match &input.owner {
            None => self.reply("/user/repos", &query).await?,
            Some(owner) => {
                let owner = encode_segment(owner)?;
                // An owner is an organization or a user, with one list each; the
                // organization's includes the private repositories the token may see.
                match self.reply(&format!("/orgs/{owner}/repos"), &query).await {
                    Err(ProviderError::NotFound(_)) => self
                        .reply(&format!("/users/{owner}/repos"), &query)
                        .await
                        .map_err(not_found(format!("owner `{owner}`")))?,
                    other => other?,
                }
            }
        };
        page_of(&reply, |repo: GhRepo| Some(Ok(repo.unify())))
    }

    async fn get_repo(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        let repo: GhRepo = self
            .get(&repo_path(&input.repo)?, &[])
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        Ok(repo.unify())
    }

    async fn list_branches(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/branches", repo_path(&input.repo)?);
        let reply = self
            .reply(&path, &page_params(page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |branch: GhBranch| Some(Ok(branch.unify())))
    }

    /// The contents API, and for a file over 1 MB, whose content it leaves out, the Git blob
    /// API. Without a ref, the repository's default branch, so the answer can name it.
    async fn get_file(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        let repo = repo_path(&input.repo)?;
        let path = format!("{repo}/contents/{}", encode_path(&input.path)?);
        let git_ref = match &input.git_ref {
            Some(git_ref) => git_ref.clone(),
            None => {
                let repo = RepoRef {
                    repo: input.repo.clone(),
                };
                self.get_repo(&repo).await?.default_branch
            }
        };
        let what = format!("`{}` at `{git_ref}` in `{}`", input.path, input.repo);
        let contents: GhContents = self
            .get(&path, &[("ref", git_ref.clone())])
            .await
            .map_err(not_found(what.clone()))?;
        let entry = contents.into_entry(&input.path)?;
        if !entry.content_left_out() {
            return entry.unify(&git_ref);
        }
        let blob_path = format!("{repo}/git/blobs/{}", encode_segment(&entry.sha)?);
        let blob: GhBlob = self.get(&blob_path, &[]).await.map_err(not_found(what))?;
        entry.unify_with_blob(&git_ref, blob)
    }

    async fn list_commits(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/commits", repo_path(&input.repo)?);
        let reply = self
            .reply(&path, &commits_query(input, page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |commit: GhCommit| Some(Ok(commit.unify())))
    }
}

#[async_trait::async_trait]
impl GitForge for GitHub {
    fn supports_git(&self, _op: OpId) -> Support {
        Support::Supported
    }

    /// `GET /rate_limit`: cheap, and free of quota on GitHub.
    async fn health(&self) -> Health {
        health_of(self.reply("/rate_limit", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        self.list_repos(input).await
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        self.get_repo(input).await
    }

    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        self.list_branches(input).await
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        self.get_file(input).await
    }

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        self.list_commits(input).await
    }

    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        self.list_issues(input).await
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        self.get_issue(input).await
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        self.create_issue(input).await
    }

    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        self.update_issue(input).await
    }

    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.comment(input).await
    }

    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        self.list_pulls(input).await
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        self.get_pull(input).await
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        self.create_pull(input).await
    }

    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        self.merge_pull(input).await
    }

    /// A pull request's conversation is its issue's comments.
    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.comment(input).await
    }
}
