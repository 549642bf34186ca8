//! Jira's JSON (Cloud platform REST v3) and its conversion to the unified model. Only the fields
//! MosAIc uses are read; those the API description marks optional or nullable are `Option` or
//! defaulted.
//!
//! - Descriptions and comment bodies are ADF documents, read as Markdown (see [`mosaic_provider_kit::adf`]).
//! - Times are Jira's `2026-01-31T12:30:00.000+0000` (offset without a colon), written as
//!   RFC 3339 (`…+00:00`).
//! - A person is read as their e-mail when Jira shows it (users may hide it), else their
//!   account id: both are what JQL's `assignee = …` and `pm.issues.update` accept back.
//! - Web URLs are built from the site: `{web_url}/browse/KEY`, comments with
//!   `?focusedCommentId=ID`.

use super::status::StatusMapping;
use mosaic_core::ProviderError;
use mosaic_core::model::{Comment, Project, WorkItem};
use mosaic_provider_kit::adf::adf_to_markdown;
use serde::Deserialize;
use serde_json::Value;

/// A person as embedded in other objects.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraUser {
    /// The opaque account id.
    #[serde(default)]
    pub account_id: Option<String>,
    /// E-mail, when the person lets it be seen.
    #[serde(default)]
    pub email_address: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
}

impl JiraUser {
    /// E-mail when shown, else account id, else display name.
    pub fn handle(&self) -> Option<String> {
        self.email_address
            .clone()
            .filter(|email| !email.is_empty())
            .or_else(|| self.account_id.clone())
            .or_else(|| self.display_name.clone())
    }

    /// Whether `who` (an e-mail, account id or display name) is this person.
    pub fn is(&self, who: &str) -> bool {
        let same = |field: &Option<String>| {
            field
                .as_deref()
                .is_some_and(|value| value.to_lowercase() == who.to_lowercase())
        };
        same(&self.email_address) || same(&self.account_id) || same(&self.display_name)
    }
}

/// Something with a name (priority, resolution, issue type).
#[derive(Debug, Deserialize)]
pub struct Named {
    /// The name.
    pub name: String,
}

/// A status category.
#[derive(Debug, Deserialize)]
pub struct JiraStatusCategory {
    /// `new`, `indeterminate`, `done` (or `undefined`).
    pub key: String,
}

/// A status.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraStatus {
    /// Name.
    pub name: String,
    /// Its category.
    pub status_category: JiraStatusCategory,
}

/// A project as embedded in an issue.
#[derive(Debug, Deserialize)]
pub struct ProjectRef {
    /// Key.
    pub key: String,
}

/// The fields of an issue MosAIc reads (the `fields` query asks for exactly these).
#[derive(Debug, Deserialize)]
pub struct IssueFields {
    /// Title.
    pub summary: String,
    /// ADF document.
    #[serde(default)]
    pub description: Option<Value>,
    /// Status.
    pub status: JiraStatus,
    /// Resolution.
    #[serde(default)]
    pub resolution: Option<Named>,
    /// Assignee.
    #[serde(default)]
    pub assignee: Option<JiraUser>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Priority.
    #[serde(default)]
    pub priority: Option<Named>,
    /// Creation time.
    #[serde(default)]
    pub created: Option<String>,
    /// Last update.
    #[serde(default)]
    pub updated: Option<String>,
    /// Project.
    #[serde(default)]
    pub project: Option<ProjectRef>,
}

/// The `fields` every issue read asks for.
pub const ISSUE_FIELDS: &str =
    "summary,description,status,resolution,assignee,labels,priority,created,updated,project";

/// An issue.
#[derive(Debug, Deserialize)]
pub struct JiraIssue {
    /// Native id.
    pub id: String,
    /// `PROJ-12`.
    pub key: String,
    /// Its fields.
    pub fields: IssueFields,
}

impl JiraIssue {
    /// The unified work item.
    pub fn unify(self, web_url: &str, statuses: &StatusMapping) -> Result<WorkItem, ProviderError> {
        let fields = self.fields;
        let at = |what: &str| format!("issue {} {what}", self.key);
        let status_category = statuses.category(
            &fields.status.status_category.key,
            &fields.status.name,
            fields.resolution.as_ref().map(|named| named.name.as_str()),
        )?;
        let description = match &fields.description {
            None | Some(Value::Null) => None,
            Some(document) => Some(adf_to_markdown(document).map_err(|error| {
                ProviderError::Protocol(format!("{}: {error}", at("description")))
            })?),
        };
        let project = match fields.project {
            Some(project) => project.key,
            None => self
                .key
                .rsplit_once('-')
                .map(|(project, _)| project.to_owned())
                .unwrap_or_default(),
        };
        Ok(WorkItem {
            web_url: browse_url(web_url, &self.key),
            id: self.id,
            key: self.key,
            project,
            title: fields.summary,
            description,
            status: fields.status.name,
            status_category,
            assignee: fields.assignee.and_then(|user| user.handle()),
            labels: fields.labels,
            priority: fields.priority.map(|named| named.name),
            created_at: fields.created.as_deref().map(rfc3339),
            updated_at: fields.updated.as_deref().map(rfc3339),
        })
    }
}

/// `POST /rest/api/3/issue`'s answer.
#[derive(Debug, Deserialize)]
pub struct CreatedIssue {
    /// `PROJ-12`.
    pub key: String,
}

/// One page of `GET /rest/api/3/search` (offset paging).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacySearchPage {
    /// Offset of the first issue.
    #[serde(default)]
    pub start_at: u64,
    /// Matching issues in all.
    #[serde(default)]
    pub total: Option<u64>,
    /// This page.
    #[serde(default)]
    pub issues: Vec<JiraIssue>,
}

/// One page of `GET /rest/api/3/search/jql` (token paging).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JqlSearchPage {
    /// This page.
    #[serde(default)]
    pub issues: Vec<JiraIssue>,
    /// The next page's token; absent on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    /// Whether this is the last page.
    #[serde(default)]
    pub is_last: Option<bool>,
}

/// A project.
#[derive(Debug, Deserialize)]
pub struct JiraProject {
    /// Native id.
    pub id: String,
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
}

impl JiraProject {
    /// The unified project; its page is the project's board list.
    pub fn unify(self, web_url: &str) -> Project {
        Project {
            web_url: format!("{}/browse/{}", web_url.trim_end_matches('/'), self.key),
            id: self.id,
            key: self.key,
            name: self.name,
        }
    }
}

/// One page of `GET /rest/api/3/project/search`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectPage {
    /// Offset of the first project.
    #[serde(default)]
    pub start_at: u64,
    /// Whether this is the last page.
    #[serde(default)]
    pub is_last: Option<bool>,
    /// Projects in all.
    #[serde(default)]
    pub total: Option<u64>,
    /// This page.
    #[serde(default)]
    pub values: Vec<JiraProject>,
}

/// A comment.
#[derive(Debug, Deserialize)]
pub struct JiraComment {
    /// Native id.
    pub id: String,
    /// Author.
    #[serde(default)]
    pub author: Option<JiraUser>,
    /// ADF document.
    pub body: Value,
    /// Creation time.
    #[serde(default)]
    pub created: Option<String>,
}

impl JiraComment {
    /// The unified comment on `key`.
    pub fn unify(self, web_url: &str, key: &str) -> Result<Comment, ProviderError> {
        let body = adf_to_markdown(&self.body).map_err(|error| {
            ProviderError::Protocol(format!("comment {} on {key}: {error}", self.id))
        })?;
        Ok(Comment {
            web_url: format!("{}?focusedCommentId={}", browse_url(web_url, key), self.id),
            author: self.author.and_then(|user| user.handle()),
            body,
            created_at: self.created.as_deref().map(rfc3339),
            id: self.id,
        })
    }
}

/// A transition's resolution field, when its screen has one.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolutionField {
    /// The resolutions it offers.
    #[serde(default)]
    pub allowed_values: Vec<Named>,
}

/// The fields of a transition's screen MosAIc looks at.
#[derive(Debug, Default, Deserialize)]
pub struct TransitionFields {
    /// The resolution, on transitions that set one.
    #[serde(default)]
    pub resolution: Option<ResolutionField>,
}

/// A transition available from an issue's current status.
#[derive(Debug, Deserialize)]
pub struct JiraTransition {
    /// Id to apply it with.
    pub id: String,
    /// Its name (the button).
    pub name: String,
    /// The status it leads to.
    pub to: JiraStatus,
    /// Its screen's fields (with `expand=transitions.fields`).
    #[serde(default)]
    pub fields: TransitionFields,
}

/// `GET /rest/api/3/issue/{key}/transitions`.
#[derive(Debug, Deserialize)]
pub struct TransitionList {
    /// The transitions.
    #[serde(default)]
    pub transitions: Vec<JiraTransition>,
}

/// `{web_url}/browse/KEY`.
pub fn browse_url(web_url: &str, key: &str) -> String {
    format!("{}/browse/{key}", web_url.trim_end_matches('/'))
}

/// Jira's `2026-01-31T12:30:00.000+0000` as RFC 3339 (`…+00:00`); other text unchanged.
pub fn rfc3339(jira: &str) -> String {
    let bytes = jira.as_bytes();
    let n = bytes.len();
    let compact_offset = n > 5
        && matches!(bytes[n - 5], b'+' | b'-')
        && bytes[n - 4..].iter().all(u8::is_ascii_digit);
    if compact_offset {
        format!("{}:{}", &jira[..n - 2], &jira[n - 2..])
    } else {
        jira.to_owned()
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
