//! Repositories and what is in them: `git.repos.*`, `git.branches.list`, `git.files.get` and
//! `git.commits.list`.

use super::client::{GitHub, page_params, repo_path};
use super::mapping::{GhBlob, GhBranch, GhCommit, GhContents, GhRepo};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{BranchesList, CommitsList, FilesGet, RepoRef, ReposList};
use mosaic_core::model::{Branch, Commit, FileContent, Page, Repo};
use mosaic_plugin::kinds::GitRepos;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::{PageQuery, encode_path, encode_segment, not_found};

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

#[async_trait::async_trait]
impl GitRepos for GitHub {
    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
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
            .reply(&path, &page_params(page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |branch: GhBranch| Some(Ok(branch.unify())))
    }

    /// The contents API, and for a file over 1 MB, whose content it leaves out, the Git blob
    /// API. Without a ref, the repository's default branch, so the answer can name it.
    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        let repo = repo_path(&input.repo)?;
        let path = format!("{repo}/contents/{}", encode_path(&input.path)?);
        let git_ref = match &input.git_ref {
            Some(git_ref) => git_ref.clone(),
            None => {
                let repo = RepoRef {
                    repo: input.repo.clone(),
                };
                self.repos_get(&repo).await?.default_branch
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

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/commits", repo_path(&input.repo)?);
        let reply = self
            .reply(&path, &commits_query(input, page))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |commit: GhCommit| Some(Ok(commit.unify())))
    }
}
