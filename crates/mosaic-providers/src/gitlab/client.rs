//! GitLab's REST API v4, one request (or a few) per `git.*` operation.

use super::mapping::{
    GlBranch, GlCommit, GlFile, GlIssue, GlMergeRequest, GlNote, GlProject, GlUser,
};
use crate::forge::{GitForge, health_of, not_found, page_of};
use crate::http::{ApiClient, PageQuery, encode_segment};
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

/// GitLab's title prefix that opens a merge request as a draft.
pub const DRAFT_PREFIX: &str = "Draft: ";

/// A running GitLab instance.
pub struct GitLab {
    pub(super) api: ApiClient,
    /// The instance's web root (the API root without `/api/v4`), for pages GitLab's answers
    /// do not name.
    pub(super) web_root: String,
}

/// `/projects/{id}` with the project's full path as its URL-encoded id.
fn project_path(repo: &str) -> Result<String, ProviderError> {
    Ok(format!("/projects/{}", encode_segment(repo)?))
}

fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("per_page", page.per_page.to_string()),
        ("page", page.page.to_string()),
    ]
}

/// Label names for a query string, comma-separated as GitLab reads them there.
fn join_labels(labels: &[String]) -> String {
    labels.join(",")
}

impl GitLab {
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

    /// GitLab assigns by user id: each login is looked up among the project's members (who
    /// are the only possible assignees); an unknown one is named.
    async fn user_ids(&self, repo: &str, logins: &[String]) -> Result<Vec<u64>, ProviderError> {
        let path = format!("{}/users", project_path(repo)?);
        let mut ids = Vec::with_capacity(logins.len());
        for login in logins {
            let users: Vec<GlUser> = self.get(&path, &[("search", login.clone())]).await?;
            let user = users
                .into_iter()
                .find(|user| user.username.eq_ignore_ascii_case(login))
                .ok_or_else(|| {
                    ProviderError::Invalid(format!("`{login}` is not a member of `{repo}`"))
                })?;
            ids.push(user.id);
        }
        Ok(ids)
    }

    fn page_url(&self, repo: &str, kind: &str, number: u64) -> String {
        format!("{}/{repo}/-/{kind}/{number}", self.web_root)
    }

    async fn note(
        &self,
        input: &CommentCreate,
        kind: &str,
        page: &str,
    ) -> Result<Comment, ProviderError> {
        let path = format!(
            "{}/{kind}/{}/notes",
            project_path(&input.repo)?,
            input.number
        );
        let note: GlNote = self
            .send(Method::POST, &path, json!({ "body": input.body }))
            .await
            .map_err(not_found(format!("{}#{}", input.repo, input.number)))?;
        Ok(note.unify(&self.page_url(&input.repo, page, input.number)))
    }
}

#[async_trait::async_trait]
impl GitForge for GitLab {
    fn supports_git(&self, _op: OpId) -> Support {
        Support::Supported
    }

    async fn health(&self) -> Health {
        health_of(self.api.get("/version", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("order_by", "path".into()));
        query.push(("sort", "asc".into()));
        let reply = match &input.owner {
            None => {
                query.push(("membership", "true".into()));
                self.api.get("/projects", &query).await?
            }
            Some(owner) => {
                let owner_id = encode_segment(owner)?;
                // An owner is a group (nested ones by full path) or a user.
                match self
                    .api
                    .get(&format!("/groups/{owner_id}/projects"), &query)
                    .await
                {
                    Err(ProviderError::NotFound(_)) => self
                        .api
                        .get(&format!("/users/{owner_id}/projects"), &query)
                        .await
                        .map_err(not_found(format!("owner `{owner}`")))?,
                    other => other?,
                }
            }
        };
        page_of(&reply, |project: GlProject| Some(Ok(project.unify())))
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        let project: GlProject = self
            .get(&project_path(&input.repo)?, &[])
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        Ok(project.unify())
    }

    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/repository/branches", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &page_params(page))
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        page_of(&reply, |branch: GlBranch| Some(Ok(branch.unify())))
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        // The file path is one URL-encoded segment in GitLab's API (`docs%2FREADME.md`).
        for segment in input.path.split('/') {
            encode_segment(segment)?;
        }
        let path = format!(
            "{}/repository/files/{}",
            project_path(&input.repo)?,
            encode_segment(&input.path)?
        );
        // GitLab requires a ref; without one, the project's default branch is meant.
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
        let file: GlFile =
            self.get(&path, &[("ref", git_ref.clone())])
                .await
                .map_err(not_found(format!(
                    "`{}` at `{git_ref}` in `{}`",
                    input.path, input.repo
                )))?;
        let web_url = format!(
            "{}/{}/-/blob/{git_ref}/{}",
            self.web_root, input.repo, input.path
        );
        file.unify(web_url)
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
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        let base = format!("{}/{}/-/commit", self.web_root, input.repo);
        page_of(&reply, |commit: GlCommit| {
            Some(Ok(commit.unify(|sha| format!("{base}/{sha}"))))
        })
    }

    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        match input.state {
            StateFilter::Open => query.push(("state", "opened".into())),
            StateFilter::Closed | StateFilter::Merged => query.push(("state", "closed".into())),
            StateFilter::All => {}
        }
        if !input.labels.is_empty() {
            query.push(("labels", join_labels(&input.labels)));
        }
        let path = format!("{}/issues", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        page_of(&reply, |issue: GlIssue| Some(issue.unify()))
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues/{}", project_path(&input.repo)?, input.number);
        let issue: GlIssue = self
            .get(&path, &[])
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))?;
        issue.unify()
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        let mut body = Map::new();
        body.insert("title".into(), json!(input.title));
        if let Some(text) = &input.body {
            body.insert("description".into(), json!(text));
        }
        if !input.labels.is_empty() {
            body.insert("labels".into(), json!(input.labels));
        }
        if !input.assignees.is_empty() {
            body.insert(
                "assignee_ids".into(),
                json!(self.user_ids(&input.repo, &input.assignees).await?),
            );
        }
        let path = format!("{}/issues", project_path(&input.repo)?);
        let issue: GlIssue = self
            .send(Method::POST, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        issue.unify()
    }

    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        let mut body = Map::new();
        if let Some(title) = &input.title {
            body.insert("title".into(), json!(title));
        }
        if let Some(text) = &input.body {
            body.insert("description".into(), json!(text));
        }
        if let Some(state) = input.state {
            let event = match state {
                IssueState::Open => "reopen",
                IssueState::Closed => "close",
            };
            body.insert("state_event".into(), json!(event));
        }
        if let Some(labels) = &input.labels {
            body.insert("labels".into(), json!(labels));
        }
        if let Some(assignees) = &input.assignees {
            // An empty list unassigns everyone, as GitLab documents `assignee_ids: []`.
            body.insert(
                "assignee_ids".into(),
                json!(self.user_ids(&input.repo, assignees).await?),
            );
        }
        let path = format!("{}/issues/{}", project_path(&input.repo)?, input.number);
        let issue: GlIssue = self
            .send(Method::PUT, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))?;
        issue.unify()
    }

    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.note(input, "issues", "issues").await
    }

    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        // The catalog's `closed` is closed or merged; GitLab's `closed` excludes merged ones, so
        // it is asked for everything and the open ones are left out of the page.
        let state = match input.state {
            StateFilter::Open => "opened",
            StateFilter::Merged => "merged",
            StateFilter::Closed | StateFilter::All => "all",
        };
        query.push(("state", state.into()));
        let path = format!("{}/merge_requests", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        let closed_only = input.state == StateFilter::Closed;
        page_of(&reply, |request: GlMergeRequest| {
            let open = matches!(request.state.as_str(), "opened" | "locked");
            (!(closed_only && open)).then(|| request.unify())
        })
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        let path = format!(
            "{}/merge_requests/{}",
            project_path(&input.repo)?,
            input.number
        );
        let request: GlMergeRequest = self.get(&path, &[]).await.map_err(not_found(format!(
            "merge request {}!{}",
            input.repo, input.number
        )))?;
        request.unify()
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        // GitLab opens a draft from the `Draft: ` title prefix.
        let title = if input.draft && !input.title.starts_with(DRAFT_PREFIX.trim_end()) {
            format!("{DRAFT_PREFIX}{}", input.title)
        } else {
            input.title.clone()
        };
        let mut body = Map::new();
        body.insert("title".into(), json!(title));
        body.insert("source_branch".into(), json!(input.source_branch));
        body.insert("target_branch".into(), json!(input.target_branch));
        if let Some(text) = &input.body {
            body.insert("description".into(), json!(text));
        }
        let path = format!("{}/merge_requests", project_path(&input.repo)?);
        let request: GlMergeRequest = self
            .send(Method::POST, &path, Value::Object(body))
            .await
            .map_err(not_found(format!("project `{}`", input.repo)))?;
        request.unify()
    }

    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        let mut body = Map::new();
        match input.method {
            MergeMethod::Merge => {
                body.insert("squash".into(), json!(false));
                if let Some(message) = &input.commit_message {
                    body.insert("merge_commit_message".into(), json!(message));
                }
            }
            MergeMethod::Squash => {
                body.insert("squash".into(), json!(true));
                if let Some(message) = &input.commit_message {
                    body.insert("squash_commit_message".into(), json!(message));
                }
            }
            MergeMethod::Rebase => {
                return Err(ProviderError::Unsupported {
                    operation: OpId::GitPullsMerge.name().to_owned(),
                    reason:
                        "GitLab has no `rebase` merge: a project's merge method (merge commit, \
                             semi-linear or fast-forward) decides how merge requests land; use \
                             `merge` or `squash`"
                            .into(),
                });
            }
        }
        let path = format!(
            "{}/merge_requests/{}/merge",
            project_path(&input.repo)?,
            input.number
        );
        let request: GlMergeRequest = self
            .send(Method::PUT, &path, Value::Object(body))
            .await
            .map_err(not_found(format!(
                "merge request {}!{}",
                input.repo, input.number
            )))?;
        Ok(request.merge_result())
    }

    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.note(input, "merge_requests", "merge_requests").await
    }
}
