//! What the three Git forge adapters share above HTTP: the [`GitForge`] trait with one method
//! per `git.*` operation, and [`ForgeProvider`], which turns any of them into a
//! [`Provider`] — one dispatch for all three, so a forge cannot forget an operation.

use crate::http::Reply;
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, MergeResult, Page, PullRequest, Repo,
};
use mosaic_core::{
    Health, OpId, Operation, Output, Provider, ProviderError, Quota, ServiceKind, Support,
};
use serde::de::DeserializeOwned;

/// One Git forge's API, operation by operation.
#[async_trait::async_trait]
pub trait GitForge: Send + Sync + 'static {
    /// Whether a `git.*` operation is implemented (the caller has checked the kind).
    fn supports_git(&self, op: OpId) -> Support;
    /// A cheap request that proves the API answers with these credentials.
    async fn health(&self) -> Health;
    /// The last quota the forge reported.
    fn quota(&self) -> Option<Quota>;

    /// `git.repos.list`.
    async fn repos_list(&self, input: &ReposList) -> Result<Page<Repo>, ProviderError>;
    /// `git.repos.get`.
    async fn repos_get(&self, input: &RepoRef) -> Result<Repo, ProviderError>;
    /// `git.branches.list`.
    async fn branches_list(&self, input: &BranchesList) -> Result<Page<Branch>, ProviderError>;
    /// `git.files.get`.
    async fn files_get(&self, input: &FilesGet) -> Result<FileContent, ProviderError>;
    /// `git.commits.list`.
    async fn commits_list(&self, input: &CommitsList) -> Result<Page<Commit>, ProviderError>;
    /// `git.issues.list`.
    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError>;
    /// `git.issues.get`.
    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError>;
    /// `git.issues.create`.
    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError>;
    /// `git.issues.update`.
    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError>;
    /// `git.issues.comment`.
    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError>;
    /// `git.pulls.list`.
    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError>;
    /// `git.pulls.get`.
    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError>;
    /// `git.pulls.create`.
    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError>;
    /// `git.pulls.merge`.
    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError>;
    /// `git.pulls.comment`.
    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError>;
}

/// Whether a forge plugin implements `op`: its own answer for `git.*`, a reason otherwise.
pub fn forge_support(op: OpId, git: impl FnOnce(OpId) -> Support) -> Support {
    if op.spec().kind == ServiceKind::Git {
        git(op)
    } else {
        Support::unsupported(format!(
            "a Git forge serves `git.*` operations, not {} ones",
            op.spec().kind
        ))
    }
}

/// A [`GitForge`] as a [`Provider`].
pub struct ForgeProvider<F>(pub F);

#[async_trait::async_trait]
impl<F: GitForge> Provider for ForgeProvider<F> {
    fn supports(&self, op: OpId) -> Support {
        forge_support(op, |op| self.0.supports_git(op))
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        use Operation as Op;
        let op = operation.op_id();
        if let Support::Unsupported { reason } = self.supports(op) {
            return Err(ProviderError::Unsupported {
                operation: op.name().to_owned(),
                reason: reason.into_owned(),
            });
        }
        let forge = &self.0;
        Ok(match operation {
            Op::GitReposList(input) => Output::GitReposList(forge.repos_list(input).await?),
            Op::GitReposGet(input) => Output::GitReposGet(forge.repos_get(input).await?),
            Op::GitBranchesList(input) => {
                Output::GitBranchesList(forge.branches_list(input).await?)
            }
            Op::GitFilesGet(input) => Output::GitFilesGet(forge.files_get(input).await?),
            Op::GitCommitsList(input) => Output::GitCommitsList(forge.commits_list(input).await?),
            Op::GitIssuesList(input) => Output::GitIssuesList(forge.issues_list(input).await?),
            Op::GitIssuesGet(input) => Output::GitIssuesGet(forge.issues_get(input).await?),
            Op::GitIssuesCreate(input) => {
                Output::GitIssuesCreate(forge.issues_create(input).await?)
            }
            Op::GitIssuesUpdate(input) => {
                Output::GitIssuesUpdate(forge.issues_update(input).await?)
            }
            Op::GitIssuesComment(input) => {
                Output::GitIssuesComment(forge.issues_comment(input).await?)
            }
            Op::GitPullsList(input) => Output::GitPullsList(forge.pulls_list(input).await?),
            Op::GitPullsGet(input) => Output::GitPullsGet(forge.pulls_get(input).await?),
            Op::GitPullsCreate(input) => Output::GitPullsCreate(forge.pulls_create(input).await?),
            Op::GitPullsMerge(input) => Output::GitPullsMerge(forge.pulls_merge(input).await?),
            Op::GitPullsComment(input) => {
                Output::GitPullsComment(forge.pulls_comment(input).await?)
            }
            // `supports` refused every other kind above.
            _ => {
                return Err(ProviderError::Unsupported {
                    operation: op.name().to_owned(),
                    reason: "not a Git operation".into(),
                });
            }
        })
    }

    async fn health(&self) -> Health {
        self.0.health().await
    }

    fn quota(&self) -> Option<Quota> {
        self.0.quota()
    }
}

/// `owner/name` of a forge where repositories have exactly one owner level (GitHub, Gitea),
/// each part encoded for a path.
pub fn owner_and_name(repo: &str, forge: &str) -> Result<(String, String), ProviderError> {
    match repo.split('/').collect::<Vec<_>>().as_slice() {
        [owner, name] => Ok((
            crate::http::encode_segment(owner)?,
            crate::http::encode_segment(name)?,
        )),
        _ => Err(ProviderError::Invalid(format!(
            "{forge} repositories are `owner/name`, got `{repo}`"
        ))),
    }
}

/// A list answer as a unified page, keeping the forge's cursor.
pub fn page_of<T: DeserializeOwned, U>(
    reply: &Reply,
    unify: impl FnMut(T) -> Option<Result<U, ProviderError>>,
) -> Result<Page<U>, ProviderError> {
    let items: Vec<T> = reply.json()?;
    Ok(Page {
        items: items
            .into_iter()
            .filter_map(unify)
            .collect::<Result<_, _>>()?,
        next_cursor: reply.next_cursor.clone(),
    })
}
