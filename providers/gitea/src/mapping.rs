//! Gitea's JSON (API v1, `templates/swagger/v1_json.tmpl` of Gitea 1.22) and its conversion
//! to the unified model. Only the fields MosAIc uses are read. Gitea's description marks no
//! field as required, so everything not needed to identify an object has a default, and its
//! integers are `int64`, so they are read as such and checked where the model needs them
//! positive (numbers, counts, sizes).
//!
//! Every object carries its own `html_url`, so no web URL is ever built here.

use base64::Engine as _;
use mosaic_core::ProviderError;
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, FileEncoding, Issue, IssueState, PullRequest, PullState,
    Repo,
};
use reqwest::Url;
use serde::Deserialize;
use serde_json::Value;

/// The title prefixes Gitea reads as "work in progress" out of the box
/// (`[repository.pull-request] WORK_IN_PROGRESS_PREFIXES`), compared case-insensitively.
pub const WIP_PREFIXES: [&str; 2] = ["WIP:", "[WIP]"];

/// Whether `title` marks a pull request as a draft under Gitea's default prefixes.
pub fn has_wip_prefix(title: &str) -> bool {
    let upper = title.trim_start().to_uppercase();
    WIP_PREFIXES.iter().any(|prefix| upper.starts_with(prefix))
}

/// A number or count of Gitea's (`int64` in its description) as the unified model holds it.
fn count(field: &str, value: i64) -> Result<u64, ProviderError> {
    u64::try_from(value).map_err(|_| {
        ProviderError::Protocol(format!(
            "Gitea sent `{field}` {value}, which cannot be below zero"
        ))
    })
}

/// A user as embedded in other objects.
#[derive(Debug, Deserialize)]
pub struct GiteaUser {
    /// Login.
    #[serde(default)]
    pub login: String,
}

fn login_of(user: Option<GiteaUser>) -> Option<String> {
    user.map(|user| user.login)
        .filter(|login| !login.is_empty())
}

/// A repository (`Repository`).
#[derive(Debug, Deserialize)]
pub struct GiteaRepo {
    /// Native id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Owner.
    #[serde(default)]
    pub owner: Option<GiteaUser>,
    /// Description (empty when none).
    #[serde(default)]
    pub description: Option<String>,
    /// Default branch (empty for an empty repository).
    #[serde(default)]
    pub default_branch: Option<String>,
    /// Private.
    #[serde(default)]
    pub private: bool,
    /// Last update.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    #[serde(default)]
    pub html_url: String,
}

impl GiteaRepo {
    /// The unified repository.
    pub fn unify(self) -> Repo {
        // The owner's login is also the part of `full_name` before the slash.
        let owner = login_of(self.owner).unwrap_or_else(|| {
            self.full_name
                .split_once('/')
                .map_or_else(String::new, |(owner, _)| owner.to_owned())
        });
        Repo {
            id: self.id.to_string(),
            full_name: self.full_name,
            name: self.name,
            owner,
            description: self.description.filter(|text| !text.is_empty()),
            default_branch: self
                .default_branch
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| "main".into()),
            private: self.private,
            updated_at: self.updated_at,
            web_url: self.html_url,
        }
    }
}

/// The commit a branch points at (`PayloadCommit`: its SHA is `id`).
#[derive(Debug, Deserialize)]
pub struct GiteaBranchCommit {
    /// SHA.
    #[serde(default)]
    pub id: String,
}

/// A branch (`Branch`).
#[derive(Debug, Deserialize)]
pub struct GiteaBranch {
    /// Name.
    pub name: String,
    /// Tip.
    #[serde(default)]
    pub commit: Option<GiteaBranchCommit>,
    /// Protected.
    #[serde(default)]
    pub protected: bool,
}

impl GiteaBranch {
    /// The unified branch.
    pub fn unify(self) -> Branch {
        Branch {
            name: self.name,
            commit_sha: self.commit.map(|commit| commit.id).unwrap_or_default(),
            protected: self.protected,
        }
    }
}

/// An entry of the contents API (`ContentsResponse`).
#[derive(Debug, Deserialize)]
pub struct GiteaContent {
    /// `file`, `dir`, `symlink` or `submodule`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `base64` for files.
    #[serde(default)]
    pub encoding: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: i64,
    /// Path.
    #[serde(default)]
    pub path: String,
    /// The content, base64.
    #[serde(default)]
    pub content: Option<String>,
    /// Blob SHA.
    #[serde(default)]
    pub sha: String,
    /// API URL of the entry: `…/contents/PATH?ref=REF`, where Gitea names the ref it read
    /// (the default branch when none was asked for).
    #[serde(default)]
    pub url: Option<String>,
    /// Symlink target.
    #[serde(default)]
    pub target: Option<String>,
    /// Web page.
    #[serde(default)]
    pub html_url: Option<String>,
}

/// What the contents API answered for `path`: a directory is a JSON list of its entries.
pub fn parse_content(path: &str, body: Value) -> Result<GiteaContent, ProviderError> {
    if body.is_array() {
        return Err(ProviderError::Invalid(format!(
            "`{path}` is a directory, not a file"
        )));
    }
    serde_path_to_error::deserialize(body).map_err(|error| {
        ProviderError::Protocol(format!(
            "contents answer does not fit at `{}`: {}",
            error.path(),
            error.inner()
        ))
    })
}

impl GiteaContent {
    /// The ref Gitea says it read, from the `ref` parameter of `url`.
    pub fn ref_read(&self) -> Option<String> {
        let url = Url::parse(self.url.as_deref()?).ok()?;
        url.query_pairs()
            .find(|(name, _)| name == "ref")
            .map(|(_, value)| value.into_owned())
            .filter(|value| !value.is_empty())
    }

    /// The unified file at `git_ref`; a directory, symlink or submodule is refused.
    pub fn unify(self, git_ref: &str) -> Result<FileContent, ProviderError> {
        match self.kind.as_str() {
            "file" => {}
            "symlink" => {
                return Err(ProviderError::Invalid(format!(
                    "`{}` is a symbolic link to `{}`, not a file",
                    self.path,
                    self.target.unwrap_or_default()
                )));
            }
            other => {
                return Err(ProviderError::Invalid(format!(
                    "`{}` is a {other}, not a file",
                    self.path
                )));
            }
        }
        if let Some(encoding) = self.encoding.as_deref().filter(|e| *e != "base64") {
            return Err(ProviderError::Protocol(format!(
                "content of `{}` is encoded as `{encoding}`, not base64",
                self.path
            )));
        }
        let encoded = self.content.ok_or_else(|| {
            ProviderError::Protocol(format!("Gitea sent no content for `{}`", self.path))
        })?;
        let size = count("size", self.size)?;
        let (encoding, content) = decode_content(&encoded)?;
        Ok(FileContent {
            path: self.path,
            git_ref: git_ref.to_owned(),
            sha: self.sha,
            size,
            encoding,
            content,
            web_url: self.html_url.unwrap_or_default(),
        })
    }
}

/// Decodes base64 file content: UTF-8 text as text, anything else kept as base64 (without
/// line breaks, should a proxy have wrapped it).
pub fn decode_content(encoded: &str) -> Result<(FileEncoding, String), ProviderError> {
    let compact: String = encoded.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|error| ProviderError::Protocol(format!("file content is not base64: {error}")))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => (FileEncoding::Utf8, text),
        Err(_) => (FileEncoding::Base64, compact),
    })
}

/// Name, e-mail and time of a commit's author (`CommitUser`).
#[derive(Debug, Default, Deserialize)]
pub struct GiteaSignature {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Time, RFC 3339.
    #[serde(default)]
    pub date: Option<String>,
}

/// The git part of a commit (`RepoCommit`).
#[derive(Debug, Default, Deserialize)]
pub struct GiteaGitCommit {
    /// Message.
    #[serde(default)]
    pub message: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GiteaSignature>,
}

/// A commit (`Commit`).
#[derive(Debug, Deserialize)]
pub struct GiteaCommit {
    /// SHA.
    pub sha: String,
    /// Message and author.
    #[serde(default)]
    pub commit: GiteaGitCommit,
    /// The author's account, when the e-mail belongs to one.
    #[serde(default)]
    pub author: Option<GiteaUser>,
    /// Web page.
    #[serde(default)]
    pub html_url: String,
}

impl GiteaCommit {
    /// The unified commit.
    pub fn unify(self) -> Commit {
        let signature = self.commit.author.unwrap_or_default();
        let author_name = signature
            .name
            .filter(|name| !name.is_empty())
            .or_else(|| login_of(self.author))
            .unwrap_or_default();
        Commit {
            sha: self.sha,
            message: self.commit.message,
            author_name,
            author_email: signature.email.filter(|email| !email.is_empty()),
            authored_at: signature.date.filter(|date| !date.is_empty()),
            web_url: self.html_url,
        }
    }
}

/// A label (`Label`).
#[derive(Debug, Deserialize)]
pub struct GiteaLabel {
    /// Native id: what issue writes take.
    #[serde(default)]
    pub id: i64,
    /// Name.
    pub name: String,
}

/// What an issue says about the pull request it is (`PullRequestMeta`).
#[derive(Debug, Deserialize)]
pub struct GiteaPullMeta {
    /// Whether it is merged.
    #[serde(default)]
    pub merged: bool,
}

/// An issue (`Issue`); pull requests are issues too and carry `pull_request`.
#[derive(Debug, Deserialize)]
pub struct GiteaIssue {
    /// Native id.
    pub id: i64,
    /// Number in the repository (`index` in Gitea's paths).
    pub number: i64,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Body (empty when none).
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub state: String,
    /// Author.
    #[serde(default)]
    pub user: Option<GiteaUser>,
    /// Assignees (null when none).
    #[serde(default)]
    pub assignees: Option<Vec<GiteaUser>>,
    /// Labels.
    #[serde(default)]
    pub labels: Option<Vec<GiteaLabel>>,
    /// Number of comments.
    #[serde(default)]
    pub comments: i64,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last update.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    #[serde(default)]
    pub html_url: String,
    /// Set when the issue is a pull request.
    #[serde(default)]
    pub pull_request: Option<GiteaPullMeta>,
}

impl GiteaIssue {
    /// Whether this "issue" is a pull request.
    pub fn is_pull_request(&self) -> bool {
        self.pull_request.is_some()
    }

    /// Whether it carries every label of `names`.
    pub fn has_labels(&self, names: &[String]) -> bool {
        let carried = self.labels.as_deref().unwrap_or_default();
        names
            .iter()
            .all(|name| carried.iter().any(|label| &label.name == name))
    }

    /// The unified issue; a number or count below zero is not one Gitea sends.
    pub fn unify(self) -> Result<Issue, ProviderError> {
        Ok(Issue {
            id: self.id.to_string(),
            number: count("number", self.number)?,
            title: self.title,
            body: self.body.filter(|text| !text.is_empty()),
            state: issue_state(&self.state),
            author: login_of(self.user),
            assignees: logins(self.assignees),
            labels: self
                .labels
                .unwrap_or_default()
                .into_iter()
                .map(|label| label.name)
                .collect(),
            comments: count("comments", self.comments)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            web_url: self.html_url,
        })
    }
}

fn logins(users: Option<Vec<GiteaUser>>) -> Vec<String> {
    users
        .unwrap_or_default()
        .into_iter()
        .filter_map(|user| login_of(Some(user)))
        .collect()
}

/// Gitea's `StateType` is an open string in its own description; it sends `open` or
/// `closed`, and only `closed` closes.
fn issue_state(state: &str) -> IssueState {
    if state.eq_ignore_ascii_case("closed") {
        IssueState::Closed
    } else {
        IssueState::Open
    }
}

/// A comment (`Comment`).
#[derive(Debug, Deserialize)]
pub struct GiteaComment {
    /// Native id.
    pub id: i64,
    /// Author.
    #[serde(default)]
    pub user: Option<GiteaUser>,
    /// Body.
    #[serde(default)]
    pub body: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Web page (`…/issues/N#issuecomment-ID`).
    #[serde(default)]
    pub html_url: String,
}

impl GiteaComment {
    /// The unified comment.
    pub fn unify(self) -> Comment {
        Comment {
            id: self.id.to_string(),
            author: login_of(self.user),
            body: self.body,
            created_at: self.created_at,
            web_url: self.html_url,
        }
    }
}

/// One side of a pull request (`PRBranchInfo`).
#[derive(Debug, Default, Deserialize)]
pub struct GiteaPullEnd {
    /// Branch name.
    #[serde(rename = "ref", default)]
    pub branch: String,
    /// `owner:branch` or the branch.
    #[serde(default)]
    pub label: String,
}

impl GiteaPullEnd {
    fn into_name(self) -> String {
        if self.branch.is_empty() {
            self.label
        } else {
            self.branch
        }
    }
}

/// A pull request (`PullRequest`).
#[derive(Debug, Deserialize)]
pub struct GiteaPull {
    /// Native id.
    pub id: i64,
    /// Number in the repository.
    pub number: i64,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed` (merged ones are closed).
    #[serde(default)]
    pub state: String,
    /// Draft (Gitea 1.22 and later; derived from the title before).
    #[serde(default)]
    pub draft: Option<bool>,
    /// Merged.
    #[serde(default)]
    pub merged: bool,
    /// Merge time.
    #[serde(default)]
    pub merged_at: Option<String>,
    /// The merge commit.
    #[serde(default)]
    pub merge_commit_sha: Option<String>,
    /// Source.
    #[serde(default)]
    pub head: GiteaPullEnd,
    /// Target.
    #[serde(default)]
    pub base: GiteaPullEnd,
    /// Author.
    #[serde(default)]
    pub user: Option<GiteaUser>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last update.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    #[serde(default)]
    pub html_url: String,
}

impl GiteaPull {
    /// Whether it is merged.
    pub fn is_merged(&self) -> bool {
        self.merged || self.merged_at.as_deref().is_some_and(|at| !at.is_empty())
    }

    /// The unified state.
    pub fn state(&self) -> PullState {
        if self.is_merged() {
            PullState::Merged
        } else if self.state.eq_ignore_ascii_case("closed") {
            PullState::Closed
        } else {
            PullState::Open
        }
    }

    /// The unified pull request; a number below zero is not one Gitea sends.
    pub fn unify(self) -> Result<PullRequest, ProviderError> {
        let state = self.state();
        let draft = self.draft.unwrap_or_else(|| has_wip_prefix(&self.title));
        Ok(PullRequest {
            id: self.id.to_string(),
            number: count("number", self.number)?,
            draft,
            state,
            title: self.title,
            body: self.body.filter(|text| !text.is_empty()),
            source_branch: self.head.into_name(),
            target_branch: self.base.into_name(),
            author: login_of(self.user),
            created_at: self.created_at,
            updated_at: self.updated_at,
            merged_at: self.merged_at.filter(|at| !at.is_empty()),
            web_url: self.html_url,
        })
    }
}

/// `GET /version` (`ServerVersion`).
#[derive(Debug, Deserialize)]
pub struct GiteaVersion {
    /// The version, such as `1.22.0` (Forgejo: `7.0.0+gitea-1.22.0`).
    #[serde(default)]
    pub version: String,
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
