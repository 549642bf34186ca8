//! Unified Git forge entities: repositories, branches, files, commits, issues, pull requests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A repository.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Repo {
    /// The forge's native id.
    pub id: String,
    /// `owner/name`, with nested groups for GitLab (`group/sub/name`).
    pub full_name: String,
    /// The repository's own name.
    pub name: String,
    /// The owning user, organization or group path.
    pub owner: String,
    /// Free-text description.
    pub description: Option<String>,
    /// The default branch.
    pub default_branch: String,
    /// Whether the repository is private.
    pub private: bool,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// The repository's page on the forge.
    pub web_url: String,
}

/// A branch and the commit at its tip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Branch {
    /// Branch name.
    pub name: String,
    /// SHA of the tip commit.
    pub commit_sha: String,
    /// Whether the branch is protected.
    pub protected: bool,
}

/// How `FileContent::content` is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileEncoding {
    /// The file is valid UTF-8 and given as text.
    Utf8,
    /// The file is binary and given as base64.
    Base64,
}

/// A file's content at a ref.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FileContent {
    /// Path inside the repository.
    pub path: String,
    /// The ref the content was read at.
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// Blob SHA.
    pub sha: String,
    /// Size in bytes.
    pub size: u64,
    /// How `content` is encoded.
    pub encoding: FileEncoding,
    /// The decoded content (text), or base64 for binary files.
    pub content: String,
    /// The file's page on the forge.
    pub web_url: String,
}

/// A commit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Commit {
    /// Full SHA.
    pub sha: String,
    /// Commit message.
    pub message: String,
    /// Author name.
    pub author_name: String,
    /// Author e-mail, when the forge shows it.
    pub author_email: Option<String>,
    /// Authoring time, RFC 3339.
    pub authored_at: Option<String>,
    /// The commit's page on the forge.
    pub web_url: String,
}

/// Open or closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IssueState {
    /// Open.
    Open,
    /// Closed.
    Closed,
}

/// An issue of a forge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    /// The forge's native id (global, not the number).
    pub id: String,
    /// The number inside the repository (GitLab's `iid`).
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    pub body: Option<String>,
    /// Open or closed.
    pub state: IssueState,
    /// Login of the author.
    pub author: Option<String>,
    /// Logins of the assignees.
    pub assignees: Vec<String>,
    /// Label names.
    pub labels: Vec<String>,
    /// Number of comments.
    pub comments: u64,
    /// Creation time, RFC 3339.
    pub created_at: Option<String>,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// The issue's page on the forge.
    pub web_url: String,
}

/// A comment on an issue or pull request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Comment {
    /// The provider's native id.
    pub id: String,
    /// Login or display name of the author.
    pub author: Option<String>,
    /// Body, Markdown.
    pub body: String,
    /// Creation time, RFC 3339.
    pub created_at: Option<String>,
    /// The comment's page.
    pub web_url: String,
}

/// Open, closed without merging, or merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PullState {
    /// Open.
    Open,
    /// Closed without merging.
    Closed,
    /// Merged.
    Merged,
}

/// A pull request (GitLab: merge request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PullRequest {
    /// The forge's native id.
    pub id: String,
    /// The number inside the repository (GitLab's `iid`).
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    pub body: Option<String>,
    /// Open, closed or merged.
    pub state: PullState,
    /// Whether it is a draft.
    pub draft: bool,
    /// The branch with the changes.
    pub source_branch: String,
    /// The branch to merge into.
    pub target_branch: String,
    /// Login of the author.
    pub author: Option<String>,
    /// Creation time, RFC 3339.
    pub created_at: Option<String>,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// Merge time, RFC 3339.
    pub merged_at: Option<String>,
    /// The pull request's page on the forge.
    pub web_url: String,
}

/// The outcome of a merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MergeResult {
    /// Whether the pull request is now merged.
    pub merged: bool,
    /// SHA of the merge commit.
    pub sha: Option<String>,
    /// The forge's message.
    pub message: String,
}
