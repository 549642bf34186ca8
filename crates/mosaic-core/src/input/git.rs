//! Inputs of the `git.*` operations.

use super::{Input, check_not_blank, check_number, check_per_page, check_repo};
use crate::catalog::{ArgumentError, Resource};
use crate::model::IssueState;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `git.repos.list`: repositories visible to the credentials, optionally of one owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReposList {
    /// Only repositories of this user, organization or group.
    #[serde(default)]
    pub owner: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for ReposList {
    fn resource(&self) -> Resource {
        Resource::across_or(self.owner.as_deref())
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_per_page(self.per_page)
    }
}

/// Any operation on one repository with no further arguments (`git.repos.get`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepoRef {
    /// `owner/name` (GitLab: `group/sub/name`).
    pub repo: String,
}

impl Input for RepoRef {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)
    }
}

/// `git.branches.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BranchesList {
    /// `owner/name`.
    pub repo: String,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for BranchesList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_per_page(self.per_page)
    }
}

/// `git.files.get`: one file's content at a ref.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesGet {
    /// `owner/name`.
    pub repo: String,
    /// Path inside the repository.
    pub path: String,
    /// Branch, tag or SHA; the default branch when absent.
    #[serde(default, rename = "ref")]
    pub git_ref: Option<String>,
}

impl Input for FilesGet {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_not_blank("path", &self.path)
    }
}

/// `git.commits.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitsList {
    /// `owner/name`.
    pub repo: String,
    /// Branch, tag or SHA to list from; the default branch when absent.
    #[serde(default, rename = "ref")]
    pub git_ref: Option<String>,
    /// Only commits touching this path.
    #[serde(default)]
    pub path: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for CommitsList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_per_page(self.per_page)
    }
}

/// Which issues or pull requests a list returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StateFilter {
    /// Only open ones (the default).
    #[default]
    Open,
    /// Only closed (for pull requests: closed or merged).
    Closed,
    /// Only merged pull requests.
    Merged,
    /// All of them.
    All,
}

/// `git.issues.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuesList {
    /// `owner/name`.
    pub repo: String,
    /// `open` (default), `closed` or `all`.
    #[serde(default)]
    pub state: StateFilter,
    /// Only issues carrying all of these labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for IssuesList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        if self.state == StateFilter::Merged {
            return Err(ArgumentError::new(
                "state",
                "issues are `open` or `closed`; `merged` applies to pull requests",
            ));
        }
        check_per_page(self.per_page)
    }
}

/// One numbered issue or pull request (`git.issues.get`, `git.pulls.get`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberRef {
    /// `owner/name`.
    pub repo: String,
    /// The number inside the repository.
    pub number: u64,
}

impl Input for NumberRef {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_number("number", self.number)
    }
}

/// `git.issues.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueCreate {
    /// `owner/name`.
    pub repo: String,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// Label names.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Logins to assign.
    #[serde(default)]
    pub assignees: Vec<String>,
}

impl Input for IssueCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_not_blank("title", &self.title)
    }
}

/// `git.issues.update`: only the given fields change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueUpdate {
    /// `owner/name`.
    pub repo: String,
    /// The issue number.
    pub number: u64,
    /// New title.
    #[serde(default)]
    pub title: Option<String>,
    /// New body.
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub state: Option<IssueState>,
    /// Replaces all labels.
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    /// Replaces all assignees.
    #[serde(default)]
    pub assignees: Option<Vec<String>>,
}

impl Input for IssueUpdate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_number("number", self.number)?;
        if let Some(title) = &self.title {
            check_not_blank("title", title)?;
        }
        Ok(())
    }
}

/// A comment on a numbered issue or pull request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentCreate {
    /// `owner/name`.
    pub repo: String,
    /// The issue or pull request number.
    pub number: u64,
    /// Comment body, Markdown.
    pub body: String,
}

impl Input for CommentCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_number("number", self.number)?;
        check_not_blank("body", &self.body)
    }
}

/// `git.pulls.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PullsList {
    /// `owner/name`.
    pub repo: String,
    /// `open` (default), `closed`, `merged` or `all`.
    #[serde(default)]
    pub state: StateFilter,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for PullsList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_per_page(self.per_page)
    }
}

/// `git.pulls.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PullCreate {
    /// `owner/name`.
    pub repo: String,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// The branch with the changes.
    pub source_branch: String,
    /// The branch to merge into.
    pub target_branch: String,
    /// Open as a draft.
    #[serde(default)]
    pub draft: bool,
}

impl Input for PullCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_not_blank("title", &self.title)?;
        check_not_blank("source_branch", &self.source_branch)?;
        check_not_blank("target_branch", &self.target_branch)
    }
}

/// How a pull request is merged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MergeMethod {
    /// A merge commit (the default).
    #[default]
    Merge,
    /// Squash all commits into one.
    Squash,
    /// Rebase the commits onto the target.
    Rebase,
}

/// `git.pulls.merge`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PullMerge {
    /// `owner/name`.
    pub repo: String,
    /// The pull request number.
    pub number: u64,
    /// `merge` (default), `squash` or `rebase`.
    #[serde(default)]
    pub method: MergeMethod,
    /// Message of the merge commit.
    #[serde(default)]
    pub commit_message: Option<String>,
}

impl Input for PullMerge {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_repo(&self.repo)?;
        check_number("number", self.number)
    }
}
