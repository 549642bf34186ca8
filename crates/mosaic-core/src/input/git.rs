//! Inputs of the `git.*` operations.

use super::rules::{NOT_BLANK, REPO};
use super::{Input, MAX_PER_PAGE};
use crate::catalog::Resource;
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
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for ReposList {
    fn resource(&self) -> Resource {
        Resource::across_or(self.owner.as_deref())
    }
}

/// Any operation on one repository with no further arguments (`git.repos.get`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepoRef {
    /// `owner/name` (GitLab: `group/sub/name`).
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
}

impl Input for RepoRef {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.branches.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BranchesList {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for BranchesList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.files.get`: one file's content at a ref.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesGet {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Path inside the repository.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub path: String,
    /// Branch, tag or SHA; the default branch when absent.
    #[serde(default, rename = "ref")]
    pub git_ref: Option<String>,
}

impl Input for FilesGet {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.commits.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitsList {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Branch, tag or SHA to list from; the default branch when absent.
    #[serde(default, rename = "ref")]
    pub git_ref: Option<String>,
    /// Only commits touching this path.
    #[serde(default)]
    pub path: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for CommitsList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
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

/// Which issues a list returns: `merged` is for pull requests only.
// The schema of `IssuesList::state`, which holds a `StateFilter`: the schema then says what
// the catalog accepts for issues.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only its schema is used; values are `StateFilter`s"
)]
enum IssueStateFilter {
    /// Only open issues (the default).
    Open,
    /// Only closed issues.
    Closed,
    /// All of them.
    All,
}

/// `git.issues.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuesList {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// `open` (default), `closed` or `all`.
    #[schemars(with = "IssueStateFilter")]
    #[serde(default)]
    pub state: StateFilter,
    /// Only issues carrying all of these labels.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Vec<String>,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for IssuesList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// One numbered issue or pull request (`git.issues.get`, `git.pulls.get`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberRef {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The number inside the repository.
    #[schemars(range(min = 1))]
    pub number: u64,
}

impl Input for NumberRef {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.issues.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueCreate {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub title: String,
    /// Body, Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// Label names.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Vec<String>,
    /// Logins to assign.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub assignees: Vec<String>,
}

impl Input for IssueCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.issues.update`: only the given fields change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueUpdate {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The issue number.
    #[schemars(range(min = 1))]
    pub number: u64,
    /// New title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    #[serde(default)]
    pub title: Option<String>,
    /// New body.
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub state: Option<IssueState>,
    /// Replaces all labels.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    /// Replaces all assignees.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub assignees: Option<Vec<String>>,
}

impl Input for IssueUpdate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// A comment on a numbered issue or pull request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentCreate {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The issue or pull request number.
    #[schemars(range(min = 1))]
    pub number: u64,
    /// Comment body, Markdown.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub body: String,
}

impl Input for CommentCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.pulls.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PullsList {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// `open` (default), `closed`, `merged` or `all`.
    #[serde(default)]
    pub state: StateFilter,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for PullsList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `git.pulls.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PullCreate {
    /// `owner/name`.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub title: String,
    /// Body, Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// The branch with the changes.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub source_branch: String,
    /// The branch to merge into.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub target_branch: String,
    /// Open as a draft.
    #[serde(default)]
    pub draft: bool,
}

impl Input for PullCreate {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
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
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The pull request number.
    #[schemars(range(min = 1))]
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
}
