//! GitHub's JSON (REST API 2022-11-28) and its conversion to the unified model. Only the
//! fields MosAIc uses are read; fields the API description (`specs/github/prism.json`) marks
//! optional or nullable are `Option` or defaulted, because the lists answer with smaller
//! shapes than the single gets (`minimal-repository`, `pull-request-simple`).
//!
//! Every unified item keeps GitHub's own id (as a string), number and `html_url`; GitHub
//! gives a web URL for everything read here, so none is built.

use base64::Engine as _;
use mosaic_core::ProviderError;
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, FileEncoding, Issue, IssueState, MergeResult,
    PullRequest, PullState, Repo,
};
use serde::Deserialize;

/// A user as embedded in other objects.
#[derive(Debug, Deserialize)]
pub struct GhUser {
    /// Login.
    pub login: String,
}

/// A repository.
#[derive(Debug, Deserialize)]
pub struct GhRepo {
    /// Native id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Owner.
    pub owner: GhUser,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Default branch.
    #[serde(default)]
    pub default_branch: Option<String>,
    /// Private.
    #[serde(default)]
    pub private: bool,
    /// Last update.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    pub html_url: String,
}

impl GhRepo {
    /// The unified repository.
    pub fn unify(self) -> Repo {
        Repo {
            id: self.id.to_string(),
            full_name: self.full_name,
            name: self.name,
            owner: self.owner.login,
            description: self.description.filter(|text| !text.is_empty()),
            default_branch: self.default_branch.unwrap_or_else(|| "main".into()),
            private: self.private,
            updated_at: self.updated_at,
            web_url: self.html_url,
        }
    }
}

/// A commit as a branch names it.
#[derive(Debug, Deserialize)]
pub struct GhCommitRef {
    /// SHA.
    pub sha: String,
}

/// A branch.
#[derive(Debug, Deserialize)]
pub struct GhBranch {
    /// Name.
    pub name: String,
    /// Tip.
    pub commit: GhCommitRef,
    /// Protected.
    #[serde(default)]
    pub protected: bool,
}

impl GhBranch {
    /// The unified branch.
    pub fn unify(self) -> Branch {
        Branch {
            name: self.name,
            commit_sha: self.commit.sha,
            protected: self.protected,
        }
    }
}

/// An entry of the contents API (`content-file`, `content-symlink`, `content-submodule`).
#[derive(Debug, Deserialize)]
pub struct GhContent {
    /// `file`, `dir`, `symlink` or `submodule`.
    #[serde(rename = "type")]
    pub kind: String,
    /// How `content` is encoded: `base64`, or `none` when the file is over 1 MB and the API
    /// left its content out.
    #[serde(default)]
    pub encoding: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// Path.
    pub path: String,
    /// The content, base64 in lines of 60 characters.
    #[serde(default)]
    pub content: Option<String>,
    /// Blob SHA.
    pub sha: String,
    /// Web page (null for a submodule hosted elsewhere).
    #[serde(default)]
    pub html_url: Option<String>,
}

/// The contents API's answer: a file (or symlink, submodule) as an object, a directory as
/// the list of its entries.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum GhContents {
    /// A directory's entries.
    Directory(Vec<serde_json::Value>),
    /// One entry.
    Entry(GhContent),
}

impl GhContents {
    /// The one entry answered for `path`; a directory is refused, naming the path.
    pub fn into_entry(self, path: &str) -> Result<GhContent, ProviderError> {
        match self {
            Self::Directory(_) => Err(ProviderError::Invalid(format!(
                "`{path}` is a directory, not a file"
            ))),
            Self::Entry(entry) => Ok(entry),
        }
    }
}

impl GhContent {
    /// Whether this is a file whose content the contents API left out: files of 1 to 100 MB
    /// come with `encoding: none` and empty content, to be read from the Git blob API.
    pub fn content_left_out(&self) -> bool {
        self.kind == "file" && self.encoding.as_deref() == Some("none")
    }

    /// The unified file at `git_ref`; a directory, symlink or submodule is refused.
    pub fn unify(self, git_ref: &str) -> Result<FileContent, ProviderError> {
        if self.kind != "file" {
            return Err(ProviderError::Invalid(format!(
                "`{}` is a {}, not a file",
                self.path, self.kind
            )));
        }
        let encoded = self
            .content
            .ok_or_else(|| ProviderError::Protocol(format!("no content for `{}`", self.path)))?;
        let (encoding, content) = decode(self.encoding.as_deref(), &encoded)
            .map_err(|problem| ProviderError::Protocol(format!("`{}`: {problem}", self.path)))?;
        Ok(FileContent {
            path: self.path,
            git_ref: git_ref.to_owned(),
            sha: self.sha,
            size: self.size,
            encoding,
            content,
            web_url: self.html_url.unwrap_or_default(),
        })
    }

    /// The unified file with the content of its blob, read separately because the contents
    /// API left it out.
    pub fn unify_with_blob(
        mut self,
        git_ref: &str,
        blob: GhBlob,
    ) -> Result<FileContent, ProviderError> {
        if blob.sha != self.sha {
            return Err(ProviderError::Protocol(format!(
                "blob `{}` answered for `{}`, whose blob is `{}`",
                blob.sha, self.path, self.sha
            )));
        }
        self.content = Some(blob.content);
        self.encoding = Some(blob.encoding);
        self.unify(git_ref)
    }
}

/// A blob of the Git database API: content of any size up to 100 MB.
#[derive(Debug, Deserialize)]
pub struct GhBlob {
    /// SHA.
    pub sha: String,
    /// The content.
    pub content: String,
    /// `base64` (or `utf-8`).
    pub encoding: String,
}

/// Reads file content as the API encodes it: base64 (wrapped in lines) decoded, UTF-8 text
/// as text and anything else kept as base64 without the line breaks; `utf-8` as it is.
fn decode(encoding: Option<&str>, encoded: &str) -> Result<(FileEncoding, String), String> {
    match encoding {
        None | Some("base64") => {
            decode_content(encoded).map_err(|error| format!("content is not base64: {error}"))
        }
        Some("utf-8") => Ok((FileEncoding::Utf8, encoded.to_owned())),
        Some(other) => Err(format!("content is encoded as `{other}`, not base64")),
    }
}

/// Decodes base64 file content (forges wrap it in lines): UTF-8 text as text, anything else
/// kept as base64 without the line breaks.
pub fn decode_content(encoded: &str) -> Result<(FileEncoding, String), base64::DecodeError> {
    let compact: String = encoded.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD.decode(&compact)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => (FileEncoding::Utf8, text),
        Err(_) => (FileEncoding::Base64, compact),
    })
}

/// Name, e-mail and time of a commit's author.
#[derive(Debug, Default, Deserialize)]
pub struct GhSignature {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Time.
    #[serde(default)]
    pub date: Option<String>,
}

/// The git part of a commit.
#[derive(Debug, Deserialize)]
pub struct GhGitCommit {
    /// Message.
    pub message: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GhSignature>,
}

/// A commit.
#[derive(Debug, Deserialize)]
pub struct GhCommit {
    /// SHA.
    pub sha: String,
    /// Message and author.
    pub commit: GhGitCommit,
    /// Web page.
    pub html_url: String,
}

impl GhCommit {
    /// The unified commit.
    pub fn unify(self) -> Commit {
        let author = self.commit.author.unwrap_or_default();
        Commit {
            sha: self.sha,
            message: self.commit.message,
            author_name: author.name.unwrap_or_default(),
            author_email: author.email,
            authored_at: author.date,
            web_url: self.html_url,
        }
    }
}

/// A label of an issue: the description allows a bare name or an object whose fields are
/// all optional.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum GhLabel {
    /// `{"name": …, …}`.
    Object {
        /// Name.
        #[serde(default)]
        name: Option<String>,
    },
    /// A bare name.
    Name(String),
}

impl GhLabel {
    fn into_name(self) -> Option<String> {
        match self {
            Self::Object { name } => name,
            Self::Name(name) => Some(name),
        }
    }
}

/// An issue (or, in GitHub's issue lists, a pull request).
#[derive(Debug, Deserialize)]
pub struct GhIssue {
    /// Native id.
    pub id: u64,
    /// Number.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    pub state: String,
    /// Author.
    #[serde(default)]
    pub user: Option<GhUser>,
    /// Assignees (nullable).
    #[serde(default)]
    pub assignees: Option<Vec<GhUser>>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<GhLabel>,
    /// Number of comments.
    #[serde(default)]
    pub comments: u64,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Updated.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    pub html_url: String,
    /// Present when the item is a pull request.
    #[serde(default)]
    pub pull_request: Option<serde_json::Value>,
}

impl GhIssue {
    /// Whether this item is a pull request listed among issues.
    pub fn is_pull_request(&self) -> bool {
        self.pull_request
            .as_ref()
            .is_some_and(|value| !value.is_null())
    }

    /// The unified issue.
    pub fn unify(self) -> Result<Issue, ProviderError> {
        Ok(Issue {
            id: self.id.to_string(),
            number: self.number,
            title: self.title,
            body: self.body,
            state: issue_state(&self.state)?,
            author: self.user.map(|user| user.login),
            assignees: self
                .assignees
                .unwrap_or_default()
                .into_iter()
                .map(|user| user.login)
                .collect(),
            labels: self
                .labels
                .into_iter()
                .filter_map(GhLabel::into_name)
                .collect(),
            comments: self.comments,
            created_at: self.created_at,
            updated_at: self.updated_at,
            web_url: self.html_url,
        })
    }
}

fn issue_state(state: &str) -> Result<IssueState, ProviderError> {
    match state {
        "open" => Ok(IssueState::Open),
        "closed" => Ok(IssueState::Closed),
        other => Err(ProviderError::Protocol(format!(
            "unknown issue state `{other}`"
        ))),
    }
}

/// A comment.
#[derive(Debug, Deserialize)]
pub struct GhComment {
    /// Native id.
    pub id: u64,
    /// Author.
    #[serde(default)]
    pub user: Option<GhUser>,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Web page.
    pub html_url: String,
}

impl GhComment {
    /// The unified comment.
    pub fn unify(self) -> Comment {
        Comment {
            id: self.id.to_string(),
            author: self.user.map(|user| user.login),
            body: self.body.unwrap_or_default(),
            created_at: self.created_at,
            web_url: self.html_url,
        }
    }
}

/// A branch end of a pull request.
#[derive(Debug, Deserialize)]
pub struct GhPullEnd {
    /// Branch name.
    #[serde(rename = "ref")]
    pub branch: String,
}

/// A pull request.
#[derive(Debug, Deserialize)]
pub struct GhPull {
    /// Native id.
    pub id: u64,
    /// Number.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    pub state: String,
    /// Draft.
    #[serde(default)]
    pub draft: Option<bool>,
    /// Source.
    pub head: GhPullEnd,
    /// Target.
    pub base: GhPullEnd,
    /// Author.
    #[serde(default)]
    pub user: Option<GhUser>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Updated.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Merged.
    #[serde(default)]
    pub merged_at: Option<String>,
    /// Whether it is merged (single gets only; lists carry `merged_at` alone).
    #[serde(default)]
    pub merged: Option<bool>,
    /// Web page.
    pub html_url: String,
}

impl GhPull {
    /// Whether it has been merged: `merged` where the answer has it, else whether it has a
    /// merge time (list items).
    pub fn is_merged(&self) -> bool {
        self.merged.unwrap_or(self.merged_at.is_some())
    }

    /// The unified pull request.
    pub fn unify(self) -> Result<PullRequest, ProviderError> {
        let state = match (self.state.as_str(), self.is_merged()) {
            (_, true) => PullState::Merged,
            ("open", false) => PullState::Open,
            ("closed", false) => PullState::Closed,
            (other, _) => {
                return Err(ProviderError::Protocol(format!(
                    "unknown pull request state `{other}`"
                )));
            }
        };
        Ok(PullRequest {
            id: self.id.to_string(),
            number: self.number,
            title: self.title,
            body: self.body,
            state,
            draft: self.draft.unwrap_or(false),
            source_branch: self.head.branch,
            target_branch: self.base.branch,
            author: self.user.map(|user| user.login),
            created_at: self.created_at,
            updated_at: self.updated_at,
            merged_at: self.merged_at,
            web_url: self.html_url,
        })
    }
}

/// GitHub's answer to a merge.
#[derive(Debug, Deserialize)]
pub struct GhMerge {
    /// The merge commit.
    #[serde(default)]
    pub sha: Option<String>,
    /// Whether it merged.
    pub merged: bool,
    /// GitHub's message.
    #[serde(default)]
    pub message: Option<String>,
}

impl GhMerge {
    /// The unified merge result.
    pub fn unify(self) -> MergeResult {
        MergeResult {
            merged: self.merged,
            sha: self.sha,
            message: self.message.unwrap_or_default(),
        }
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
