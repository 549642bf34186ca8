//! Unified project-management entities: projects and work items with status categories.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A project (Jira project, Linear team, Plane project).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Project {
    /// The provider's native id.
    pub id: String,
    /// The short key that prefixes work item keys (`PROJ`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// The project's page.
    pub web_url: String,
}

/// The provider-independent meaning of a workflow state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusCategory {
    /// Not yet planned.
    Backlog,
    /// Planned, not started.
    Todo,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
    /// Abandoned.
    Cancelled,
}

impl StatusCategory {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backlog => "backlog",
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Backlog,
            Self::Todo,
            Self::InProgress,
            Self::Done,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|category| category.as_str() == name)
    }
}

/// A work item (Jira issue, Linear issue, Plane work item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WorkItem {
    /// The provider's native id.
    pub id: String,
    /// The human key, `PROJ-12`.
    pub key: String,
    /// The project key.
    pub project: String,
    /// Title (summary).
    pub title: String,
    /// Description as Markdown.
    pub description: Option<String>,
    /// The provider's own state name.
    pub status: String,
    /// The state's unified category.
    pub status_category: StatusCategory,
    /// Assignee's login or e-mail.
    pub assignee: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Priority name.
    pub priority: Option<String>,
    /// Creation time, RFC 3339.
    pub created_at: Option<String>,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// The work item's page.
    pub web_url: String,
}
