//! `git.repos.*`, `git.branches.list`, `git.files.get`, `git.commits.list`: repositories and
//! their content, and finding a repository or a ref, which issues, pull requests and CI runs
//! need too.

use super::super::dataset::{CommitData, RepoData, State};
use super::super::encode;
use super::super::instance::SimProvider;
use super::super::paging::Window;
use mosaic_core::ProviderError;
use mosaic_core::input::git::{BranchesList, CommitsList, FilesGet, RepoRef, ReposList};
use mosaic_core::model::{Branch, Commit, FileContent, FileEncoding, Page, Repo};
use mosaic_plugin::kinds::GitRepos;

/// The repository called `name`.
pub(super) fn repo<'s>(state: &'s State, name: &str) -> Result<&'s RepoData, ProviderError> {
    state
        .git
        .get(name)
        .ok_or_else(|| ProviderError::NotFound(format!("repository `{name}`")))
}

/// The repository called `name`, to change.
pub(super) fn repo_mut<'s>(
    state: &'s mut State,
    name: &str,
) -> Result<&'s mut RepoData, ProviderError> {
    state
        .git
        .get_mut(name)
        .ok_or_else(|| ProviderError::NotFound(format!("repository `{name}`")))
}

/// A ref resolved to where its history starts: a branch tip, or one commit.
enum Start<'r> {
    Branch(&'r str),
    Commit(usize),
}

/// Resolves a branch name or (abbreviated, at least 7 digits) commit SHA; the default branch
/// when no ref is given.
fn resolve<'r>(data: &'r RepoData, git_ref: Option<&'r str>) -> Result<Start<'r>, ProviderError> {
    let Some(git_ref) = git_ref else {
        return Ok(Start::Branch(&data.repo.default_branch));
    };
    if data.branches.iter().any(|branch| branch.name == git_ref) {
        return Ok(Start::Branch(git_ref));
    }
    let looks_like_sha = git_ref.len() >= 7 && git_ref.bytes().all(|b| b.is_ascii_hexdigit());
    let prefix = git_ref.to_ascii_lowercase();
    let commit = looks_like_sha
        .then(|| {
            data.commits
                .iter()
                .position(|c| c.commit.sha.starts_with(&prefix))
        })
        .flatten();
    commit.map(Start::Commit).ok_or_else(|| {
        ProviderError::NotFound(format!(
            "ref `{git_ref}` in {}: no branch or commit by that name",
            data.repo.full_name
        ))
    })
}

/// The SHA a ref points at, for runs triggered on it.
pub(super) fn resolve_sha(data: &RepoData, git_ref: &str) -> Result<String, ProviderError> {
    Ok(match resolve(data, Some(git_ref))? {
        Start::Commit(index) => data.commits[index].commit.sha.clone(),
        Start::Branch(name) => data
            .branches
            .iter()
            .find(|branch| branch.name == name)
            .map(|branch| branch.commit_sha.clone())
            .unwrap_or_default(),
    })
}

/// The commits reachable from a start, newest first: a branch's own commits and those of the
/// default branch it grew from.
fn history<'r>(data: &'r RepoData, start: Start<'r>) -> impl Iterator<Item = &'r CommitData> {
    let default = data.repo.default_branch.as_str();
    let (skip, branch) = match start {
        Start::Branch(branch) => (0, branch),
        Start::Commit(index) => (index, data.commits[index].branch.as_str()),
    };
    data.commits
        .iter()
        .skip(skip)
        .filter(move |c| c.branch == branch || c.branch == default)
}

#[async_trait::async_trait]
impl GitRepos for SimProvider {
    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            let owner = input.owner.as_deref();
            let of_owner = |data: &&RepoData| {
                owner.is_none_or(|owner| data.repo.owner.eq_ignore_ascii_case(owner))
            };
            if let Some(owner) = owner
                && !state.git.values().any(|data| of_owner(&data))
            {
                return Err(ProviderError::NotFound(format!("owner `{owner}`")));
            }
            Ok(window.page(state.git.values().filter(of_owner), |data| {
                data.repo.clone()
            }))
        })
        .await
    }

    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError> {
        self.read(|state| Ok(repo(state, &input.repo)?.repo.clone()))
            .await
    }

    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            Ok(window.page(repo(state, &input.repo)?.branches.iter(), Branch::clone))
        })
        .await
    }

    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError> {
        self.read(|state| {
            let data = repo(state, &input.repo)?;
            let git_ref = input
                .git_ref
                .clone()
                .unwrap_or_else(|| data.repo.default_branch.clone());
            resolve(data, Some(&git_ref))?;
            let path = input.path.trim_start_matches('/');
            let Some(bytes) = data.files.get(path) else {
                return Err(ProviderError::NotFound(format!(
                    "file `{path}` at `{git_ref}` in {}",
                    input.repo
                )));
            };
            let (encoding, content) = match std::str::from_utf8(bytes) {
                Ok(text) => (FileEncoding::Utf8, text.to_owned()),
                Err(_) => (FileEncoding::Base64, encode::base64(bytes)),
            };
            Ok(FileContent {
                web_url: format!("{}/blob/{git_ref}/{path}", data.repo.web_url),
                path: path.to_owned(),
                sha: encode::sha(bytes),
                size: bytes.len() as u64,
                git_ref,
                encoding,
                content,
            })
        })
        .await
    }

    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            let data = repo(state, &input.repo)?;
            let start = resolve(data, input.git_ref.as_deref())?;
            let path = input
                .path
                .as_deref()
                .map(|path| path.trim_start_matches('/'));
            let touches = |c: &&CommitData| {
                path.is_none_or(|path| {
                    c.paths
                        .iter()
                        .any(|touched| touched == path || touched.starts_with(&format!("{path}/")))
                })
            };
            Ok(window.page(history(data, start).filter(touches), |c| c.commit.clone()))
        })
        .await
    }
}
