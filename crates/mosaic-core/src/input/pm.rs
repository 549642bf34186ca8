//! Inputs of the `pm.*` operations. Work items are addressed by key (`PROJ-12`); the project
//! key before the last `-` is the resource (`project:PROJ`) that routes match.

use super::rules::{DATE_OR_TIME, NOT_BLANK, WORK_ITEM_KEY};
use super::{Input, MAX_PER_PAGE};
use crate::catalog::Resource;
use crate::model::StatusCategory;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `pm.projects.list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectsList {
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for ProjectsList {
    fn resource(&self) -> Resource {
        Resource::across()
    }
}

/// `pm.issues.search`: one query language for every tracker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuesSearch {
    /// Only work items of this project (key).
    #[serde(default)]
    pub project: Option<String>,
    /// Words that must appear in the title or description.
    #[serde(default)]
    pub text: Option<String>,
    /// Only work items in one of these status categories.
    #[serde(default)]
    pub status: Vec<StatusCategory>,
    /// Only work items assigned to this login or e-mail.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Only work items carrying all of these labels.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Vec<String>,
    /// Only work items updated at or after this time, RFC 3339.
    #[schemars(pattern(DATE_OR_TIME), example = "2026-01-31T12:00:00Z")]
    #[serde(default)]
    pub updated_since: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for IssuesSearch {
    fn resource(&self) -> Resource {
        match &self.project {
            Some(project) => Resource::new(&format!("project:{project}")),
            None => Resource::across(),
        }
    }
}

/// The project part of a work item key: everything before the last `-`.
pub fn project_of_key(key: &str) -> Option<&str> {
    let (project, number) = key.rsplit_once('-')?;
    let valid =
        !project.is_empty() && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    valid.then_some(project)
}

fn key_resource(key: &str) -> Resource {
    Resource::new(&format!("project:{}", project_of_key(key).unwrap_or(key)))
}

/// One work item (`pm.issues.get`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemRef {
    /// The work item key, `PROJ-12`.
    #[schemars(pattern(WORK_ITEM_KEY), example = "PROJ-12")]
    pub key: String,
}

impl Input for WorkItemRef {
    fn resource(&self) -> Resource {
        key_resource(&self.key)
    }
}

/// `pm.issues.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemCreate {
    /// The project key.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub project: String,
    /// Title (summary).
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub title: String,
    /// Description, Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// Issue type where the tracker has types (Jira); its default type otherwise.
    #[serde(default)]
    pub issue_type: Option<String>,
    /// Labels.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Vec<String>,
    /// Assignee login or e-mail.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Priority name.
    #[serde(default)]
    pub priority: Option<String>,
}

impl Input for WorkItemCreate {
    fn resource(&self) -> Resource {
        Resource::new(&format!("project:{}", self.project))
    }
}

/// `pm.issues.update`: only the given fields change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemUpdate {
    /// The work item key, `PROJ-12`.
    #[schemars(pattern(WORK_ITEM_KEY), example = "PROJ-12")]
    pub key: String,
    /// New title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    #[serde(default)]
    pub title: Option<String>,
    /// New description, Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// Replaces all labels.
    #[schemars(inner(length(min = 1), pattern(NOT_BLANK)))]
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    /// New assignee.
    #[serde(default)]
    pub assignee: Option<String>,
    /// New priority.
    #[serde(default)]
    pub priority: Option<String>,
}

impl Input for WorkItemUpdate {
    fn resource(&self) -> Resource {
        key_resource(&self.key)
    }
}

/// `pm.issues.transition`: move a work item to a status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemTransition {
    /// The work item key, `PROJ-12`.
    #[schemars(pattern(WORK_ITEM_KEY), example = "PROJ-12")]
    pub key: String,
    /// A status category (`backlog`, `todo`, `in_progress`, `done`, `cancelled`) or the exact
    /// name of one of the tracker's states.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub to: String,
}

impl Input for WorkItemTransition {
    fn resource(&self) -> Resource {
        key_resource(&self.key)
    }
}

/// `pm.issues.comment`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemComment {
    /// The work item key, `PROJ-12`.
    #[schemars(pattern(WORK_ITEM_KEY), example = "PROJ-12")]
    pub key: String,
    /// Comment body, Markdown.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub body: String,
}

impl Input for WorkItemComment {
    fn resource(&self) -> Resource {
        key_resource(&self.key)
    }
}
