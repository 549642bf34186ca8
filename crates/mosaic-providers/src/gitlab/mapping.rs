//! GitLab's JSON (REST API v4) and its conversion to the unified model. Only the fields
//! MosAIc uses are read; what GitLab may send as null is `Option`.
//!
//! GitLab numbers issues and merge requests per project with `iid` (the unified `number`);
//! `id` is global. Files, notes and commits come without a web page in some answers; their
//! `web_url` is built from the instance's web root (the API root without `/api/v4`) in GitLab's
//! own URL scheme (`/{project}/-/blob/{ref}/{path}`, `…/-/issues/{iid}#note_{id}`).

use crate::github::mapping::decode_content;
use mosaic_core::ProviderError;
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, Issue, IssueState, MergeResult, PullRequest, PullState,
    Repo,
};
use serde::{Deserialize, Deserializer};

/// A flag GitLab sends as a boolean; its published description types some (`draft`) as a
/// string, so `"true"` / `"false"` are read too rather than failing the whole answer.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(deserializer)? {
        Some(Flag::Bool(value)) => Some(value),
        Some(Flag::Text(text)) => Some(text.eq_ignore_ascii_case("true")),
        None => None,
    })
}

/// Label names GitLab sends as a list; its description types `labels` as one string, read as
/// comma-separated names.
fn labels<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Labels {
        Many(Vec<String>),
        Joined(String),
    }
    Ok(match Option::<Labels>::deserialize(deserializer)? {
        Some(Labels::Many(names)) => names,
        Some(Labels::Joined(text)) => text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    })
}

/// Users GitLab sends as a list; its description types `assignees` as one object, which is
/// read as a list of one.
fn users<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<GlUser>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Users {
        Many(Vec<GlUser>),
        One(GlUser),
    }
    Ok(match Option::<Users>::deserialize(deserializer)? {
        Some(Users::Many(users)) => Some(users),
        Some(Users::One(user)) => Some(vec![user]),
        None => None,
    })
}

/// A user as embedded in other objects.
#[derive(Debug, Deserialize)]
pub struct GlUser {
    /// Global id.
    #[serde(default)]
    pub id: u64,
    /// Username (the unified login).
    pub username: String,
}

/// A project's namespace.
#[derive(Debug, Deserialize)]
pub struct GlNamespace {
    /// `group/sub` or the user's name.
    pub full_path: String,
}

/// A project.
#[derive(Debug, Deserialize)]
pub struct GlProject {
    /// Global id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Path segment (what the unified `name` is, as `full_name` ends with it).
    pub path: String,
    /// `group/sub/path`.
    pub path_with_namespace: String,
    /// Owner.
    pub namespace: GlNamespace,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Default branch; absent for an empty repository.
    #[serde(default)]
    pub default_branch: Option<String>,
    /// `private`, `internal` or `public`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Last activity.
    #[serde(default)]
    pub last_activity_at: Option<String>,
    /// Web page.
    pub web_url: String,
}

impl GlProject {
    /// The unified repository. `internal` projects are visible to every signed-in user of
    /// the instance, not to the public: they count as private.
    pub fn unify(self) -> Repo {
        Repo {
            id: self.id.to_string(),
            full_name: self.path_with_namespace,
            name: self.path,
            owner: self.namespace.full_path,
            description: self.description.filter(|text| !text.is_empty()),
            default_branch: self.default_branch.unwrap_or_else(|| "main".into()),
            private: self.visibility.as_deref() != Some("public"),
            updated_at: self.last_activity_at,
            web_url: self.web_url,
        }
    }
}

/// A commit as a branch names it.
#[derive(Debug, Deserialize)]
pub struct GlCommitRef {
    /// SHA.
    pub id: String,
}

/// A branch.
#[derive(Debug, Deserialize)]
pub struct GlBranch {
    /// Name.
    pub name: String,
    /// Tip.
    pub commit: GlCommitRef,
    /// Protected.
    #[serde(default)]
    pub protected: bool,
}

impl GlBranch {
    /// The unified branch.
    pub fn unify(self) -> Branch {
        Branch {
            name: self.name,
            commit_sha: self.commit.id,
            protected: self.protected,
        }
    }
}

/// A file from the repository files API.
#[derive(Debug, Deserialize)]
pub struct GlFile {
    /// Path.
    pub file_path: String,
    /// Size in bytes.
    pub size: u64,
    /// `base64` or `text`.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The content.
    pub content: String,
    /// The ref it was read at.
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// Blob SHA.
    pub blob_id: String,
}

impl GlFile {
    /// The unified file, its page at `web_url`.
    pub fn unify(self, web_url: String) -> Result<FileContent, ProviderError> {
        let (encoding, content) = match self.encoding.as_deref() {
            None | Some("base64") => decode_content(&self.content)?,
            Some("text") => (mosaic_core::model::FileEncoding::Utf8, self.content),
            Some(other) => {
                return Err(ProviderError::Protocol(format!(
                    "content of `{}` is encoded as `{other}`",
                    self.file_path
                )));
            }
        };
        Ok(FileContent {
            path: self.file_path,
            git_ref: self.git_ref,
            sha: self.blob_id,
            size: self.size,
            encoding,
            content,
            web_url,
        })
    }
}

/// A commit.
#[derive(Debug, Deserialize)]
pub struct GlCommit {
    /// SHA.
    pub id: String,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// Title (first line), when the message is absent.
    #[serde(default)]
    pub title: Option<String>,
    /// Author.
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
    /// The unified commit; `web_url` when GitLab gave none.
    pub fn unify(self, fallback_url: impl FnOnce(&str) -> String) -> Commit {
        let web_url = self.web_url.unwrap_or_else(|| fallback_url(&self.id));
        Commit {
            sha: self.id,
            message: self.message.or(self.title).unwrap_or_default(),
            author_name: self.author_name.unwrap_or_default(),
            author_email: self.author_email,
            authored_at: self.authored_date,
            web_url,
        }
    }
}

/// An issue.
#[derive(Debug, Deserialize)]
pub struct GlIssue {
    /// Global id.
    pub id: u64,
    /// Number in the project.
    pub iid: u64,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `opened` or `closed`.
    pub state: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Assignees.
    #[serde(default, deserialize_with = "users")]
    pub assignees: Option<Vec<GlUser>>,
    /// Label names.
    #[serde(default, deserialize_with = "labels")]
    pub labels: Vec<String>,
    /// Comments.
    #[serde(default)]
    pub user_notes_count: u64,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Updated.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Web page.
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
                    "unknown issue state `{other}`"
                )));
            }
        };
        Ok(Issue {
            id: self.id.to_string(),
            number: self.iid,
            title: self.title,
            body: self.description,
            state,
            author: self.author.map(|user| user.username),
            assignees: self
                .assignees
                .unwrap_or_default()
                .into_iter()
                .map(|user| user.username)
                .collect(),
            labels: self.labels,
            comments: self.user_notes_count,
            created_at: self.created_at,
            updated_at: self.updated_at,
            web_url: self.web_url,
        })
    }
}

/// A note (comment).
#[derive(Debug, Deserialize)]
pub struct GlNote {
    /// Global id.
    pub id: u64,
    /// Body.
    #[serde(default)]
    pub body: Option<String>,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
}

impl GlNote {
    /// The unified comment; `page` is the issue's or merge request's web page.
    pub fn unify(self, page: &str) -> Comment {
        Comment {
            web_url: format!("{page}#note_{}", self.id),
            id: self.id.to_string(),
            author: self.author.map(|user| user.username),
            body: self.body.unwrap_or_default(),
            created_at: self.created_at,
        }
    }
}

/// A merge request.
#[derive(Debug, Deserialize)]
pub struct GlMergeRequest {
    /// Global id.
    pub id: u64,
    /// Number in the project.
    pub iid: u64,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `opened`, `closed`, `locked` or `merged`.
    pub state: String,
    /// Draft (GitLab 13.2+).
    #[serde(default, deserialize_with = "flag")]
    pub draft: Option<bool>,
    /// Draft, as older GitLab says it.
    #[serde(default, deserialize_with = "flag")]
    pub work_in_progress: Option<bool>,
    /// Source.
    pub source_branch: String,
    /// Target.
    pub target_branch: String,
    /// Author.
    #[serde(default)]
    pub author: Option<GlUser>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Updated.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Merged.
    #[serde(default)]
    pub merged_at: Option<String>,
    /// The merge commit.
    #[serde(default)]
    pub merge_commit_sha: Option<String>,
    /// The squash commit.
    #[serde(default)]
    pub squash_commit_sha: Option<String>,
    /// Web page.
    pub web_url: String,
}

impl GlMergeRequest {
    /// The unified pull request. A `locked` merge request (being merged) is still open.
    pub fn unify(self) -> Result<PullRequest, ProviderError> {
        let state = match self.state.as_str() {
            "opened" | "locked" => PullState::Open,
            "closed" => PullState::Closed,
            "merged" => PullState::Merged,
            other => {
                return Err(ProviderError::Protocol(format!(
                    "unknown merge request state `{other}`"
                )));
            }
        };
        Ok(PullRequest {
            id: self.id.to_string(),
            number: self.iid,
            title: self.title,
            body: self.description,
            state,
            draft: self.draft.or(self.work_in_progress).unwrap_or(false),
            source_branch: self.source_branch,
            target_branch: self.target_branch,
            author: self.author.map(|user| user.username),
            created_at: self.created_at,
            updated_at: self.updated_at,
            merged_at: self.merged_at,
            web_url: self.web_url,
        })
    }

    /// The unified outcome of a merge.
    pub fn merge_result(self) -> MergeResult {
        let merged = self.state == "merged";
        MergeResult {
            merged,
            sha: self.merge_commit_sha.or(self.squash_commit_sha),
            message: if merged {
                "merged".into()
            } else {
                format!("merge request is {}", self.state)
            },
        }
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
