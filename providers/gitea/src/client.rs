//! [`Gitea`]: one instance's requests, one or a few per `git.*` operation. Repositories,
//! branches, files and commits are here; issues, pull requests and labels have files of their
//! own (`issues.rs`, `pulls.rs`, `labels.rs`).

use super::commits::CommitPage;
use super::mapping::{GiteaBranch, GiteaCommit, GiteaRepo, GiteaVersion, parse_content};
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, MergeResult, Page, PullRequest, Repo,
};
use mosaic_core::{Health, OpId, ProviderError, Quota, Support};
use mosaic_provider_kit::forge::{GitForge, owner_and_name, page_of};
use mosaic_provider_kit::http::{ApiClient, PageQuery, encode_path, encode_segment};
use mosaic_provider_kit::http::{health_of, not_found};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running Gitea instance.
pub struct Gitea {
    pub(super) api: ApiClient,
}

/// `/repos/{owner}/{name}`: Gitea repositories have exactly one owner level.
pub(super) fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "Gitea")?;
    Ok(format!("/repos/{owner}/{name}"))
}

/// Gitea's page parameters: `page` and `limit`.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.page.to_string()),
        ("limit", page.per_page.to_string()),
    ]
}

impl Gitea {
    /// GETs `path` and reads the answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    async fn default_branch(&self, repo: &str) -> Result<String, ProviderError> {
        let repo = self.repos_get(&RepoRef { repo: repo.into() }).await?;
        Ok(repo.default_branch)
    }
}

#[async_trait::async_trait]
impl GitForge for Gitea {
    fn supports_git(&self, _op: OpId) -> Support {
        Support::Supported
    }

    async fn health(&self) -> Health {
        health_of(self.get::<GiteaVersion>("/version", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let query = page_params(page);
        let reply = match &input.owner {
            None => self.api.get("/user/repos", &query).await?,
            // Organizations are users to Gitea: one list serves both.
            Some(owner) => self
                .api
                .get(&format!("/users/{}/repos", encode_segment(owner)?), &query)
                .await
                .map_err(not_found(format!("owner `{owner}`")))?,
        };
        page_of(&reply, |repo: GiteaRepo| Some(Ok(repo.unify())))
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        let repo: GiteaRepo = self
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
        page_of(&reply, |branch: GiteaBranch| Some(Ok(branch.unify())))
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        let path = format!(
            "{}/contents/{}",
            repo_path(&input.repo)?,
            encode_path(&input.path)?
        );
        let query: Vec<(&str, String)> = input
            .git_ref
            .iter()
            .map(|git_ref| ("ref", git_ref.clone()))
            .collect();
        let at = input.git_ref.as_deref().unwrap_or("the default branch");
        let body: Value = self.get(&path, &query).await.map_err(not_found(format!(
            "`{}` at {at} in `{}`",
            input.path, input.repo
        )))?;
        let content = parse_content(&input.path, body)?;
        // Without a ref Gitea reads the default branch and names it in the entry's `url`.
        let git_ref = match (&input.git_ref, content.ref_read()) {
            (Some(asked), _) => asked.clone(),
            (None, Some(read)) => read,
            (None, None) => self.default_branch(&input.repo).await?,
        };
        content.unify(&git_ref)
    }

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        let page = CommitPage::new(input)?;
        let path = format!("{}/commits", repo_path(&input.repo)?);
        let answer = self.api.get(&path, &page.query(input)).await;
        let reply = match answer {
            Ok(reply) => reply,
            // Gitea answers 404 for a path no commit touched; the repository then exists.
            Err(ProviderError::NotFound(_)) if input.path.is_some() => {
                self.repos_get(&RepoRef {
                    repo: input.repo.clone(),
                })
                .await?;
                return Ok(Page {
                    items: Vec::new(),
                    next_cursor: None,
                });
            }
            Err(error) => return Err(not_found(format!("repository `{}`", input.repo))(error)),
        };
        let commits: Vec<GiteaCommit> = reply.json()?;
        Ok(page.cut(commits, reply.next_cursor.as_deref(), GiteaCommit::unify))
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

    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        // A pull request is an issue to Gitea: its conversation is the issue's comments.
        self.comment(input).await
    }
}
