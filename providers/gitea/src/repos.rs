//! Repositories and what is in them: `git.repos.*`, `git.branches.list`, `git.files.get` and
//! `git.commits.list` (whose pages of one path's commits are cut in `commits.rs`).

use super::client::{Gitea, page_params, repo_path};
use super::commits::CommitPage;
use super::mapping::{GiteaBranch, GiteaCommit, GiteaRepo, parse_content};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{BranchesList, CommitsList, FilesGet, RepoRef, ReposList};
use mosaic_core::model::{Branch, Commit, FileContent, Page, Repo};
use mosaic_plugin::kinds::GitRepos;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::{PageQuery, encode_path, encode_segment, not_found};
use serde_json::Value;

#[async_trait::async_trait]
impl GitRepos for Gitea {
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
            (None, None) => {
                let repo = RepoRef {
                    repo: input.repo.clone(),
                };
                self.repos_get(&repo).await?.default_branch
            }
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
}
