//! Linear's answers and the unified model: work items, projects (teams), comments, and
//! priority names.
//!
//! The generated answer types differ per operation even where the selection is the same
//! fragment (`IssueFields` of `issue_get` is not that of `issue_create`), so each is first
//! copied field by field into [`IssueParts`] by the `issue_parts!` macro, and only that is
//! mapped. Descriptions and comment bodies are Markdown in Linear and pass through unchanged.
//!
//! - Keys are Linear's identifiers (`WEB-12`), projects are teams by key; ids are Linear's.
//! - The assignee and comment author are people's e-mails (what both searches and writes
//!   accept), or their display names when an e-mail is hidden.
//! - Priorities are Linear's scale: 0 none (read as no priority), 1 urgent, 2 high, 3 medium,
//!   4 low.
//! - A team's page is `https://linear.app/{organization urlKey}/team/{KEY}`; issues and
//!   comments carry their own `url`.

use super::status::category_of;
use mosaic_core::ProviderError;
use mosaic_core::model::{Comment, Project, WorkItem};

/// Where Linear's web app is: team pages are built below it.
pub const WEB_APP: &str = "https://linear.app";

/// Priority names by Linear's number (index): 0 is "no priority".
pub const PRIORITIES: [&str; 5] = ["none", "urgent", "high", "medium", "low"];

/// A person as Linear answers them.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// The display name (the handle people are mentioned by).
    pub display_name: String,
    /// The e-mail, empty when hidden.
    pub email: String,
}

impl Person {
    /// How MosAIc names the person: the e-mail, else the display name.
    pub fn name(self) -> String {
        if self.email.trim().is_empty() {
            self.display_name
        } else {
            self.email
        }
    }
}

/// The `IssueFields` fragment, whichever operation answered it.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueParts {
    /// Linear's id.
    pub id: String,
    /// The identifier, `WEB-12`.
    pub identifier: String,
    /// Title.
    pub title: String,
    /// Description, Markdown.
    pub description: Option<String>,
    /// Priority on Linear's scale 0 to 4.
    pub priority: f64,
    /// The issue's page.
    pub url: String,
    /// Creation time, ISO 8601.
    pub created_at: String,
    /// Last change, ISO 8601.
    pub updated_at: String,
    /// The workflow state's name.
    pub state_name: String,
    /// The workflow state's type.
    pub state_type: String,
    /// The assignee.
    pub assignee: Option<Person>,
    /// Label names.
    pub labels: Vec<String>,
    /// The team's key.
    pub team_key: String,
}

/// Copies a generated `IssueFields` (of any operation) into [`IssueParts`].
macro_rules! issue_parts {
    ($issue:expr) => {{
        let issue = $issue;
        $crate::mapping::IssueParts {
            id: issue.id,
            identifier: issue.identifier,
            title: issue.title,
            description: issue.description,
            priority: issue.priority,
            url: issue.url,
            created_at: issue.created_at,
            updated_at: issue.updated_at,
            state_name: issue.state.name,
            state_type: issue.state.type_,
            assignee: issue.assignee.map(|person| $crate::mapping::Person {
                display_name: person.display_name,
                email: person.email,
            }),
            labels: issue
                .labels
                .nodes
                .into_iter()
                .map(|label| label.name)
                .collect(),
            team_key: issue.team.key,
        }
    }};
}
pub(crate) use issue_parts;

impl IssueParts {
    /// The unified work item.
    pub fn unify(self) -> Result<WorkItem, ProviderError> {
        let status_category = category_of(&self.state_type)?;
        Ok(WorkItem {
            id: self.id,
            key: self.identifier,
            project: self.team_key,
            title: self.title,
            description: self.description,
            status: self.state_name,
            status_category,
            assignee: self.assignee.map(Person::name),
            labels: self.labels,
            priority: priority_name(self.priority)?,
            created_at: Some(self.created_at),
            updated_at: Some(self.updated_at),
            web_url: self.url,
        })
    }
}

/// The name of a Linear priority; 0 ("No priority") is none.
pub fn priority_name(priority: f64) -> Result<Option<String>, ProviderError> {
    let index = priority as usize;
    if priority.fract() != 0.0 || priority < 0.0 || index >= PRIORITIES.len() {
        return Err(ProviderError::Protocol(format!(
            "Linear priority {priority} is outside its scale 0 to 4"
        )));
    }
    Ok((index > 0).then(|| PRIORITIES[index].to_owned()))
}

/// The number of a priority name (`urgent`, `high`, `medium`, `low`, `none`, in any case).
pub fn priority_number(name: &str) -> Result<i64, ProviderError> {
    PRIORITIES
        .iter()
        .position(|known| known.eq_ignore_ascii_case(name.trim()))
        .map(|index| index as i64)
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "priority {name:?} is not one of Linear's: {}",
                PRIORITIES.join(", ")
            ))
        })
}

/// A team as a project; `url_key` is the organization's.
pub fn project(id: String, key: String, name: String, url_key: &str) -> Project {
    Project {
        web_url: format!("{WEB_APP}/{url_key}/team/{key}"),
        id,
        key,
        name,
    }
}

/// A comment as Linear answers it.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentParts {
    /// Linear's id.
    pub id: String,
    /// Body, Markdown.
    pub body: String,
    /// Creation time, ISO 8601.
    pub created_at: String,
    /// The comment's page.
    pub url: String,
    /// Who wrote it.
    pub author: Option<Person>,
}

impl CommentParts {
    /// The unified comment.
    pub fn unify(self) -> Comment {
        Comment {
            id: self.id,
            author: self.author.map(Person::name),
            body: self.body,
            created_at: Some(self.created_at),
            web_url: self.url,
        }
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
