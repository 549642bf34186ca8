//! GitLab's JSON (REST API v4, the entities of GitLab's API documentation) and its conversion
//! to the unified model. Only the fields MosAIc uses are read; what GitLab sends as `null` or
//! leaves out on older versions has a default, and its integers are read as `i64` and checked
//! where the model needs them positive (numbers, counts, sizes).
//!
//! GitLab's published OpenAPI description mistypes several of these fields (`assignees` as
//! one user, counts and flags as strings); the shapes here are the ones the API sends and its
//! reference documents, which the unit tests read from the reference's examples.
//!
//! Projects, branches, commits, issues and merge requests carry their own `web_url`; files
//! and notes do not, and theirs are built from the instance's web root (see [`WebRoot`]).

use base64::Engine as _;
use mosaic_core::ProviderError;
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, FileEncoding, Issue, IssueState, MergeResult,
    PullRequest, PullState, Repo,
};
use mosaic_provider_kit::http::encode_path;
use serde::Deserialize;

/// A number or count of GitLab's as the unified model holds it.
fn count(field: &str, value: i64) -> Result<u64, ProviderError> {
    u64::try_from(value).map_err(|_| {
        ProviderError::Protocol(format!(
            "GitLab sent `{field}` {value}, which cannot be below zero"
        ))
    })
}

/// Where an instance's pages live: the base URL without its `/api/v4`
/// (`https://gitlab.com`, `https://git.example.com/gitlab`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebRoot(pub String);

impl WebRoot {
    /// A file's page: `{root}/{project}/-/blob/{ref}/{path}`.
    pub fn blob(&self, project: &str, git_ref: &str, path: &str) -> String {
        let encoded = |text: &str| encode_path(text).unwrap_or_else(|_| text.to_owned());
        format!(
            "{}/{}/-/blob/{}/{}",
            self.0,
            encoded(project),
            encoded(git_ref),
            encoded(path)
        )
    }

    /// A note's anchor on its issue's or merge request's page.
    pub fn note(&self, project: &str, on: Noteable, iid: u64, note: i64) -> String {
        let kind = match on {
            Noteable::Issue => "issues",
            Noteable::MergeRequest => "merge_requests",
        };
        let project = encode_path(project).unwrap_or_else(|_| project.to_owned());
        format!("{}/{project}/-/{kind}/{iid}#note_{note}", self.0)
    }

    /// A commit's page, for a commit GitLab sent without its `web_url` (before GitLab 13.x).
    pub fn commit(&self, project: &str, sha: &str) -> String {
        let project = encode_path(project).unwrap_or_else(|_| project.to_owned());
        format!("{}/{project}/-/commit/{sha}", self.0)
    }
}

/// What a note is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noteable {
    /// An issue.
    Issue,
    /// A merge request.
    MergeRequest,
}

/// A user as embedded in other objects (`UserBasic`).
#[derive(Debug, Default, Deserialize)]
pub struct GlUser {
    /// Global id.
    #[serde(default)]
    pub id: i64,
    /// Login.
    #[serde(default)]
    pub username: String,
}

fn username_of(user: Option<GlUser>) -> Option<String> {
    user.map(|user| user.username)
        .filter(|name| !name.is_empty())
}

/// The namespace (user or group, possibly nested) a project lives in.
#[derive(Debug, Default, Deserialize)]
pub struct GlNamespace {
    /// `group/sub`.
    #[serde(default)]
    pub full_path: String,
}

/// A project (`Project`, `BasicProjectDetails`).
#[derive(Debug, Deserialize)]
pub struct GlProject {
    /// Global id.
    pub id: i64,
    /// The project's own path segment.
    #[serde(default)]
    pub path: String,
    /// `group/sub/project`.
    pub path_with_namespace: String,
    /// Its namespace.
    #[serde(default)]
    pub namespace: Option<GlNamespace>,
    /// Description (empty or null when none).
    #[serde(default)]
    pub description: Option<String>,
    /// Default branch (null for an empty repository).
    #[serde(default)]
    pub default_branch: Option<String>,
    /// `private`, `internal` or `public`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Last change of the project (GitLab 16.x and later).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Last activity (push, issue, merge request), on every version.
    #[serde(default)]
    pub last_activity_at: Option<String>,
    /// Web page.
    #[serde(default)]
    pub web_url: String,
}

impl GlProject {
    /// The unified repository. `full_name` is GitLab's full path; the owner is everything
    /// before its last segment, so `owner/name` gives the path back for nested groups too.
    pub fn unify(self) -> Repo {
        let (owner, name) = match self.path_with_namespace.rsplit_once('/') {
            Some((owner, name)) => (owner.to_owned(), name.to_owned()),
            None => (
                self.namespace.map(|ns| ns.full_path).unwrap_or_default(),
                self.path.clone(),
            ),
        };
        Repo {
            id: self.id.to_string(),
            full_name: self.path_with_namespace,
            name,
            owner,
            description: self.description.filter(|text| !text.is_empty()),
            default_branch: self
                .default_branch
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| "main".into()),
            // `internal` projects are visible to signed-in users only: not public.
            private: self.visibility.as_deref() != Some("public"),
            updated_at: self.updated_at.or(self.last_activity_at),
            web_url: self.web_url,
        }
    }
}

/// The commit a branch points at.
#[derive(Debug, Default, Deserialize)]
pub struct GlBranchCommit {
    /// SHA.
    #[serde(default)]
    pub id: String,
}

/// A branch (`Branch`).
#[derive(Debug, Deserialize)]
pub struct GlBranch {
    /// Name.
    pub name: String,
    /// Tip.
    #[serde(default)]
    pub commit: Option<GlBranchCommit>,
    /// Protected.
    #[serde(default)]
    pub protected: bool,
}

impl GlBranch {
    /// The unified branch.
    pub fn unify(self) -> Branch {
        Branch {
            name: self.name,
            commit_sha: self.commit.map(|commit| commit.id).unwrap_or_default(),
            protected: self.protected,
        }
    }
}

/// A file of the repository files API.
#[derive(Debug, Deserialize)]
pub struct GlFile {
    /// Path.
    pub file_path: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: i64,
    /// `base64` (or `text` on very old versions, which this adapter does not ask for).
    #[serde(default)]
    pub encoding: String,
    /// The content.
    #[serde(default)]
    pub content: String,
    /// The ref it was read at, as asked.
    #[serde(rename = "ref", default)]
    pub git_ref: String,
    /// Blob SHA.
    #[serde(default)]
    pub blob_id: String,
}

impl GlFile {
    /// The unified file of `project`; `asked_ref` names it when GitLab echoes none.
    pub fn unify(
        self,
        project: &str,
        asked_ref: &str,
        web: &WebRoot,
    ) -> Result<FileContent, ProviderError> {
        if self.encoding != "base64" {
            return Err(ProviderError::Protocol(format!(
                "content of `{}` is encoded as `{}`, not base64",
                self.file_path, self.encoding
            )));
        }
        let size = count("size", self.size)?;
        let (encoding, content) = decode_content(&self.content)?;
        let git_ref = if self.git_ref.is_empty() {
            asked_ref.to_owned()
        } else {
            self.git_ref
        };
        Ok(FileContent {
            web_url: web.blob(project, &git_ref, &self.file_path),
            path: self.file_path,
            git_ref,
            sha: self.blob_id,
            size,
            encoding,
            content,
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

/// A commit (`Commit`).
#[derive(Debug, Deserialize)]
pub struct GlCommit {
    /// Full SHA.
    pub id: String,
    /// Whole message.
    #[serde(default)]
    pub message: Option<String>,
    /// First line.
    #[serde(default)]
    pub title: Option<String>,
    /// Author name.
    #[serde(default)]
    pub author_name: Option<String>,
    /// Author e-mail.
    #[serde(default)]
    pub author_email: Option<String>,
    /// Authoring time.
    #[serde(default)]
    pub authored_date: Option<String>,
    /// Web page.
    #[serde(default)]
    pub web_url: Option<String>,
}

impl GlCommit {
    /// The unified commit of `project`.
    pub fn unify(self, project: &str, web: &WebRoot) -> Commit {
        let web_url = self
            .web_url
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| web.commit(project, &self.id));
        Commit {
            message: self.message.or(self.title).unwrap_or_default(),
            author_name: self.author_name.unwrap_or_default(),
            author_email: self.author_email.filter(|email| !email.is_empty()),
            authored_at: self.authored_date,
            web_url,
            sha: self.id,
        }
    }
}

/// An issue (`Issue`).
#[derive(Debug, Deserialize)]
pub struct GlIssue {
    /// Global id.
    pub id: i64,
    /// Number inside the project.
    pub iid: i64,
    /// Title.
    pub title: String,
    /// Body.
    #[serde(default)]
    pub description: Option<String>,
    /// `opened` or `closed`.
    pub state: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Assignees.
    #[serde(default)]
    pub assignees: Vec<GlUser>,
    /// Label names.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Comments by people (system notes not counted).
    #[serde(default)]
    pub user_notes_count: i64,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
    #[serde(default)]
    pub web_url: String,
}

impl GlIssue {
    /// The unified issue.
    pub fn unify(self) -> Result<Issue, ProviderError> {
        let state = match self.state.as_str() {
            "opened" => IssueState::Open,
            "closed" => IssueState::Closed,
            other => {
                return Err(ProviderError::Protocol(format!(
                    "GitLab sent issue state `{other}`; expected `opened` or `closed`"
                )));
            }
        };
        Ok(Issue {
            id: self.id.to_string(),
            number: count("iid", self.iid)?,
            title: self.title,
            body: self.description.filter(|text| !text.is_empty()),
            state,
            author: username_of(self.author),
            assignees: self
                .assignees
                .into_iter()
                .map(|user| user.username)
                .collect(),
            labels: self.labels,
            comments: count("user_notes_count", self.user_notes_count)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            web_url: self.web_url,
        })
    }
}

/// A merge request (`MergeRequest`, `MergeRequestBasic`).
#[derive(Debug, Deserialize)]
pub struct GlMergeRequest {
    /// Global id.
    pub id: i64,
    /// Number inside the project.
    pub iid: i64,
    /// Title.
    pub title: String,
    /// Body.
    #[serde(default)]
    pub description: Option<String>,
    /// `opened`, `closed`, `merged` or `locked`.
    pub state: String,
    /// Draft (GitLab 14.0 and later).
    #[serde(default)]
    pub draft: Option<bool>,
    /// Draft, by its older name.
    #[serde(default)]
    pub work_in_progress: Option<bool>,
    /// Branch with the changes.
    #[serde(default)]
    pub source_branch: String,
    /// Branch to merge into.
    #[serde(default)]
    pub target_branch: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Merge time.
    #[serde(default)]
    pub merged_at: Option<String>,
    /// The merge commit (none for a fast-forward merge).
    #[serde(default)]
    pub merge_commit_sha: Option<String>,
    /// The squash commit of a squashed merge.
    #[serde(default)]
    pub squash_commit_sha: Option<String>,
    /// The source branch's head.
    #[serde(default)]
    pub sha: Option<String>,
    /// Why it cannot be merged now (`mergeable`, `conflict`, `draft_status`, `not_open`, …).
    #[serde(default)]
    pub detailed_merge_status: Option<String>,
    /// The error of the last failed merge.
    #[serde(default)]
    pub merge_error: Option<String>,
    /// Web page.
    #[serde(default)]
    pub web_url: String,
}

impl GlMergeRequest {
    /// The unified state; `locked` is GitLab's state while a merge is under way.
    pub fn unified_state(&self) -> Result<PullState, ProviderError> {
        match self.state.as_str() {
            "opened" | "locked" => Ok(PullState::Open),
            "closed" => Ok(PullState::Closed),
            "merged" => Ok(PullState::Merged),
            other => Err(ProviderError::Protocol(format!(
                "GitLab sent merge request state `{other}`; expected `opened`, `closed`, `merged` or `locked`"
            ))),
        }
    }

    /// Whether it is a draft.
    pub fn is_draft(&self) -> bool {
        self.draft.or(self.work_in_progress).unwrap_or(false)
    }

    /// The unified pull request.
    pub fn unify(self) -> Result<PullRequest, ProviderError> {
        Ok(PullRequest {
            state: self.unified_state()?,
            draft: self.is_draft(),
            id: self.id.to_string(),
            number: count("iid", self.iid)?,
            title: self.title,
            body: self.description.filter(|text| !text.is_empty()),
            source_branch: self.source_branch,
            target_branch: self.target_branch,
            author: username_of(self.author),
            created_at: self.created_at,
            updated_at: self.updated_at,
            merged_at: self.merged_at,
            web_url: self.web_url,
        })
    }

    /// The outcome of a merge, from the merge request GitLab answered the merge with.
    pub fn merge_result(self) -> Result<MergeResult, ProviderError> {
        let merged = self.unified_state()? == PullState::Merged;
        let reference = format!("!{}", self.iid);
        let message = if merged {
            format!("merged merge request {reference}")
        } else {
            match self.merge_error.filter(|text| !text.is_empty()) {
                Some(error) => format!("merge request {reference} was not merged: {error}"),
                None => format!(
                    "merge request {reference} is {}, not merged yet",
                    self.state
                ),
            }
        };
        // A fast-forward merge makes no commit: the target then points at the source's head.
        let sha = merged
            .then(|| {
                [self.merge_commit_sha, self.squash_commit_sha, self.sha]
                    .into_iter()
                    .flatten()
                    .find(|sha| !sha.is_empty())
            })
            .flatten();
        Ok(MergeResult {
            merged,
            sha,
            message,
        })
    }
}

/// A note (a comment on an issue or merge request).
#[derive(Debug, Deserialize)]
pub struct GlNote {
    /// Global id.
    pub id: i64,
    /// Body.
    #[serde(default)]
    pub body: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
}

impl GlNote {
    /// The unified comment on `iid` of `project`.
    pub fn unify(self, project: &str, on: Noteable, iid: u64, web: &WebRoot) -> Comment {
        Comment {
            id: self.id.to_string(),
            web_url: web.note(project, on, iid, self.id),
            author: username_of(self.author),
            body: self.body,
            created_at: self.created_at,
        }
    }
}

/// The instance's version (`GET /version`).
#[derive(Debug, Deserialize)]
pub struct GlVersion {
    /// `17.5.1-ee` and the like.
    pub version: String,
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
