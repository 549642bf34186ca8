//! [`GitLab`]: one instance's requests, one or a few per `git.*` operation. Projects,
//! branches, files and commits are here; issues, merge requests and user lookups have files of
//! their own (`issues.rs`, `merge_requests.rs`, `users.rs`).

use super::mapping::{GlBranch, GlCommit, GlFile, GlProject, GlVersion, WebRoot};
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, MergeResult, Page, PullRequest, Repo,
};
use mosaic_core::{Health, OpId, ProviderError, Quota, Support};
use mosaic_provider_kit::forge::{GitForge, page_of};
use mosaic_provider_kit::http::{ApiClient, PageQuery, Reply, encode_path, encode_segment};
use mosaic_provider_kit::http::{health_of, not_found};
use reqwest::Url;
use serde::de::DeserializeOwned;

/// A running GitLab instance.
pub struct GitLab {
    pub(super) api: ApiClient,
    pub(super) web_root: WebRoot,
}

/// The instance's web root: the base URL without the `/api/v4` GitLab serves its API below.
/// A base URL without it (a proxy mounting the API elsewhere) is taken as the web root too.
pub(super) fn web_root(base_url: &Url) -> WebRoot {
    let base = base_url.as_str().trim_end_matches('/');
    WebRoot(base.strip_suffix("/api/v4").unwrap_or(base).to_owned())
}

/// A project's id in a path: its full path as one URL-encoded segment
/// (`group%2Fsub%2Fproject`), after checking that no part of it is empty, `.` or `..`.
pub(super) fn project_id(repo: &str) -> Result<String, ProviderError> {
    encode_path(repo).map_err(|_| {
        ProviderError::Invalid(format!(
            "GitLab projects are `group/…/project` without empty, `.` or `..` parts, got `{repo}`"
        ))
    })?;
    encode_segment(repo)
}

/// A group's or user's id in a path, like [`project_id`].
fn namespace_id(owner: &str) -> Result<String, ProviderError> {
    encode_path(owner).map_err(|_| {
        ProviderError::Invalid(format!(
            "GitLab owners are a user or `group/…/subgroup` without empty, `.` or `..` parts, got `{owner}`"
        ))
    })?;
    encode_segment(owner)
}

/// `/projects/{id}` of a project path.
pub(super) fn project_path(repo: &str) -> Result<String, ProviderError> {
    Ok(format!("/projects/{}", project_id(repo)?))
}

/// GitLab's page parameters.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.page.to_string()),
        ("per_page", page.per_page.to_string()),
    ]
}

/// Like [`not_found`], keeping GitLab's own words after the name, for requests where several
/// things can be missing (`404 File Not Found`, `404 Commit Not Found`).
fn missing_because(what: String) -> impl FnOnce(ProviderError) -> ProviderError {
    move |error| match error {
        ProviderError::NotFound(reason) => {
            ProviderError::NotFound(format!("{what} (GitLab: {reason})"))
        }
        other => other,
    }
}

impl GitLab {
    /// GETs `path` and reads the answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    /// The projects of a group (nested or not), else of a user: GitLab has one list for each.
    async fn owner_projects(
        &self,
        owner: &str,
        query: Vec<(&'static str, String)>,
    ) -> Result<Reply, ProviderError> {
        let id = namespace_id(owner)?;
        // Only the group's own projects: not those of its subgroups, nor those other groups
        // share with it (GitLab lists shared ones by default).
        let mut group_query = query.clone();
        group_query.push(("with_shared", "false".into()));
        match self
            .api
            .get(&format!("/groups/{id}/projects"), &group_query)
            .await
        {
            // A user is one path segment; a nested path that is no group is nobody.
            Err(ProviderError::NotFound(_)) if !owner.contains('/') => self
                .api
                .get(&format!("/users/{id}/projects"), &query)
                .await
                .map_err(not_found(format!("owner `{owner}`"))),
            other => other.map_err(not_found(format!("owner `{owner}`"))),
        }
    }
}

#[async_trait::async_trait]
impl GitForge for GitLab {
    fn supports_git(&self, _op: OpId) -> Support {
        Support::Supported
    }

    async fn health(&self) -> Health {
        health_of(self.get::<GlVersion>("/version", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        let reply = match &input.owner {
            None => {
                // Without `membership`, gitlab.com lists every public project there is.
                query.push(("membership", "true".into()));
                self.api.get("/projects", &query).await?
            }
            Some(owner) => self.owner_projects(owner, query).await?,
        };
        page_of(&reply, |project: GlProject| Some(Ok(project.unify())))
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        let project: GlProject = self
            .get(&project_path(&input.repo)?, &[])
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        Ok(project.unify())
    }

    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/repository/branches", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &page_params(page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |branch: GlBranch| Some(Ok(branch.unify())))
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        let file_id = encode_path(&input.path).and_then(|_| encode_segment(&input.path))?;
        let path = format!("{}/repository/files/{file_id}", project_path(&input.repo)?);
        // GitLab needs a ref; the default branch is the project's, read first.
        let git_ref = match &input.git_ref {
            Some(git_ref) => git_ref.clone(),
            None => {
                let repo = RepoRef {
                    repo: input.repo.clone(),
                };
                self.repos_get(&repo).await?.default_branch
            }
        };
        let file: GlFile =
            self.get(&path, &[("ref", git_ref.clone())])
                .await
                .map_err(missing_because(format!(
                    "`{}` at `{git_ref}` in `{}`",
                    input.path, input.repo
                )))?;
        file.unify(&input.repo, &git_ref, &self.web_root)
    }

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        if let Some(git_ref) = &input.git_ref {
            query.push(("ref_name", git_ref.clone()));
        }
        if let Some(path) = &input.path {
            query.push(("path", path.clone()));
        }
        let path = format!("{}/repository/commits", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |commit: GlCommit| {
            Some(Ok(commit.unify(&input.repo, &self.web_root)))
        })
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
        self.comment_issue(input).await
    }

    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        self.list_merge_requests(input).await
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        self.get_merge_request(input).await
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        self.create_merge_request(input).await
    }

    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        self.merge(input).await
    }

    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.comment_merge_request(input).await
    }
}
