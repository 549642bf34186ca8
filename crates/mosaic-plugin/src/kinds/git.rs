//! The Git kind SDK, one trait per resource: what a forge implements where the code of that
//! resource lives.

use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, PullCreate, PullMerge, PullsList, RepoRef, ReposList,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, MergeResult, Page, PullRequest, Repo,
};

/// Repositories and their content: `git.repos.*`, `git.branches.list`, `git.files.get`,
/// `git.commits.list`.
#[async_trait::async_trait]
pub trait GitRepos: Send + Sync {
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
}

/// Issues and their comments: `git.issues.*`.
#[async_trait::async_trait]
pub trait GitIssues: Send + Sync {
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
}

/// Pull requests (merge requests) and their comments: `git.pulls.*`.
#[async_trait::async_trait]
pub trait GitPulls: Send + Sync {
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
