//! Projects (the unified repositories) and what is in them: `git.repos.*`,
//! `git.branches.list`, `git.files.get` and `git.commits.list`.

use super::client::{GitLab, page_params, project_path};
use super::mapping::{GlBranch, GlCommit, GlFile, GlProject};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{BranchesList, CommitsList, FilesGet, RepoRef, ReposList};
use mosaic_core::model::{Branch, Commit, FileContent, Page, Repo};
use mosaic_plugin::kinds::GitRepos;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::{PageQuery, Reply, encode_path, encode_segment, not_found};

/// A group's or user's id in a path, checked like a project's (`client::project_id`).
fn namespace_id(owner: &str) -> Result<String, ProviderError> {
    encode_path(owner).map_err(|_| {
        ProviderError::Invalid(format!(
            "GitLab owners are a user or `group/…/subgroup` without empty, `.` or `..` parts, got `{owner}`"
        ))
    })?;
    encode_segment(owner)
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

#[async_trait::async_trait]
impl GitRepos for GitLab {
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
}

impl GitLab {
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
