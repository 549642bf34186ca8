//! Plane's JSON (API v1 serializers) and the unified model.
//!
//! Work items are read with `expand=state,labels,assignees`, so one answer carries the state's
//! name and group, the label names and the assignees' e-mails. Writes first find the item
//! without expansion ([`PlaneItemRef`]), answer without it, and are read back. Descriptions and comments are HTML in Plane
//! and Markdown here ([`mosaic_provider_kit::html`]).

use super::status::category_of;
use mosaic_core::ProviderError;
use mosaic_core::model::{Comment, Project, WorkItem};
use mosaic_provider_kit::html::html_to_markdown;
use serde::Deserialize;

/// One page of a Plane list (`plane/utils/paginator.py`).
#[derive(Clone, Debug, Deserialize)]
pub struct PlanePage<T> {
    /// The items.
    pub results: Vec<T>,
    /// Whether a page follows.
    #[serde(default)]
    pub next_page_results: bool,
}

/// A project.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneProject {
    /// UUID.
    pub id: String,
    /// The key of its work items (`PLAT` in `PLAT-12`).
    pub identifier: String,
    /// Display name.
    pub name: String,
}

impl PlaneProject {
    /// The unified project; its page is the project's work item list.
    pub fn unify(&self, web: &WebUrls) -> Project {
        Project {
            id: self.id.clone(),
            key: self.identifier.clone(),
            name: self.name.clone(),
            web_url: web.project(&self.id),
        }
    }
}

/// A workflow state.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneState {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// `backlog`, `unstarted`, `started`, `completed`, `cancelled` (or `triage`).
    pub group: String,
    /// Position in the project's workflow.
    #[serde(default)]
    pub sequence: f64,
}

/// A label.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneLabel {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A person (`UserLiteSerializer`): project members and expanded assignees.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneMember {
    /// UUID.
    pub id: String,
    /// E-mail; Plane leaves it out for some roles.
    #[serde(default)]
    pub email: Option<String>,
    /// The name Plane shows, unique in a workspace.
    #[serde(default)]
    pub display_name: Option<String>,
}

impl PlaneMember {
    /// How the unified model names a person: the e-mail, else the display name, else the id.
    pub fn login(&self) -> String {
        self.email
            .clone()
            .filter(|email| !email.is_empty())
            .or_else(|| self.display_name.clone().filter(|name| !name.is_empty()))
            .unwrap_or_else(|| self.id.clone())
    }

    /// Whether `who` (an e-mail, display name or id) names this person. E-mails compare
    /// without regard to case.
    pub fn is(&self, who: &str) -> bool {
        self.id == who
            || self.display_name.as_deref() == Some(who)
            || self
                .email
                .as_deref()
                .is_some_and(|email| email.eq_ignore_ascii_case(who))
    }
}

/// A work item read with `expand=state,labels,assignees`.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneItem {
    /// UUID.
    pub id: String,
    /// Title.
    pub name: String,
    /// Description, HTML.
    #[serde(default)]
    pub description_html: Option<String>,
    /// `urgent`, `high`, `medium`, `low` or `none`.
    #[serde(default)]
    pub priority: Option<String>,
    /// The number in `PROJ-12`.
    pub sequence_id: u64,
    /// The state, expanded.
    pub state: PlaneStateLite,
    /// The labels, expanded.
    #[serde(default)]
    pub labels: Vec<PlaneLabel>,
    /// The assignees, expanded.
    #[serde(default)]
    pub assignees: Vec<PlaneMember>,
    /// The project's UUID.
    pub project: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// An expanded state (`StateLiteSerializer`).
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneStateLite {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group.
    pub group: String,
}

/// A work item read without expansion, as writes answer it: where it is.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneItemRef {
    /// UUID.
    pub id: String,
    /// The project's UUID.
    pub project: String,
}

/// A created work item: its number, to read it back by key.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneCreated {
    /// The number in `PROJ-12`.
    pub sequence_id: u64,
}

/// A comment.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaneComment {
    /// UUID.
    pub id: String,
    /// Body, HTML.
    #[serde(default)]
    pub comment_html: Option<String>,
    /// Who wrote it (UUID).
    #[serde(default)]
    pub actor: Option<String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// Where pages are: `{app}/{workspace}/projects/{project}/issues/{item}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrls {
    /// The app's root and workspace, `https://app.plane.so/acme`.
    pub workspace_root: String,
}

impl WebUrls {
    /// Pages of `workspace` below the app at `web_url`.
    pub fn new(web_url: &str, workspace: &str) -> Self {
        Self {
            workspace_root: format!("{}/{workspace}", web_url.trim_end_matches('/')),
        }
    }

    /// A project's work item list.
    pub fn project(&self, project: &str) -> String {
        format!("{}/projects/{project}/issues", self.workspace_root)
    }

    /// A work item's page.
    pub fn item(&self, project: &str, item: &str) -> String {
        format!("{}/projects/{project}/issues/{item}", self.workspace_root)
    }
}

/// Markdown of stored HTML; an empty document is no description.
fn markdown_of(html: Option<&str>) -> Option<String> {
    let markdown = html_to_markdown(html.unwrap_or_default());
    (!markdown.is_empty()).then_some(markdown)
}

impl PlaneItem {
    /// The unified work item of project `key`. Plane allows several assignees; the first is
    /// the unified assignee. Priority `none` is no priority.
    pub fn unify(self, key: &str, web: &WebUrls) -> Result<WorkItem, ProviderError> {
        let status_category = category_of(&self.state.group)?;
        Ok(WorkItem {
            key: format!("{key}-{}", self.sequence_id),
            project: key.to_owned(),
            title: self.name,
            description: markdown_of(self.description_html.as_deref()),
            status: self.state.name,
            status_category,
            assignee: self.assignees.first().map(PlaneMember::login),
            labels: self.labels.into_iter().map(|label| label.name).collect(),
            priority: self.priority.filter(|priority| priority != "none"),
            created_at: self.created_at,
            updated_at: self.updated_at,
            web_url: web.item(&self.project, &self.id),
            id: self.id,
        })
    }
}

impl PlaneComment {
    /// The unified comment on `item` of `project`, its author named from `members`.
    pub fn unify(
        self,
        members: &[PlaneMember],
        web: &WebUrls,
        project: &str,
        item: &str,
    ) -> Comment {
        let author = self.actor.as_deref().map(|actor| {
            members
                .iter()
                .find(|member| member.id == actor)
                .map_or_else(|| actor.to_owned(), PlaneMember::login)
        });
        Comment {
            body: markdown_of(self.comment_html.as_deref()).unwrap_or_default(),
            author,
            created_at: self.created_at,
            web_url: format!("{}#comment-{}", web.item(project, item), self.id),
            id: self.id,
        }
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
