//! Reads and writes of one work item: get by key, create, update, transition, comment.
//!
//! Everything the caller names is checked before anything is written: labels (by name, among
//! the project's), the assignee (a project member by e-mail, display name or id), the priority
//! (Plane's five), the title (at most 255 characters) and the type (Plane's API v1 has none to
//! choose). Writes answer without expansion, so the work item is read back by its key; once
//! Plane accepted the write, a read back that fails leaves it unconfirmed, naming the key.

use super::client::Plane;
use super::mapping::{PlaneComment, PlaneCreated, PlaneItem, PlaneItemRef, PlaneLabel};
use super::status::category_of;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{WorkItemComment, WorkItemCreate, WorkItemTransition, WorkItemUpdate};
use mosaic_core::model::{Comment, WorkItem};
use mosaic_provider_kit::html::markdown_to_html;
use mosaic_provider_kit::http::{AfterWrite, encode_segment};
use mosaic_provider_kit::tracker::{Target, no_transition, split_key};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// Plane's priorities, most urgent first.
pub const PRIORITIES: [&str; 5] = ["urgent", "high", "medium", "low", "none"];

/// The longest title Plane stores (`Issue.name`).
pub const MAX_TITLE: usize = 255;

/// The names of the type every work item has when the API offers no types: Plane's default
/// work item type is "Issue" (shown as "Work item" in newer releases).
const DEFAULT_TYPES: [&str; 2] = ["issue", "work item"];

/// Plane's name of a priority (`High` → `high`); another name is `invalid_input`.
pub fn priority(name: &str) -> Result<&'static str, ProviderError> {
    PRIORITIES
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "priority `{name}` is not one of Plane's: {}",
                PRIORITIES.join(", ")
            ))
        })
}

/// A title Plane will store.
pub fn title(title: &str) -> Result<&str, ProviderError> {
    if title.trim().is_empty() {
        return Err(ProviderError::Invalid("title must not be blank".into()));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(ProviderError::Invalid(format!(
            "title has {} characters; Plane stores at most {MAX_TITLE}",
            title.chars().count()
        )));
    }
    Ok(title)
}

/// Plane's API v1 sets no work item type, so only its default one can be asked for.
pub fn check_type(issue_type: Option<&str>) -> Result<(), ProviderError> {
    match issue_type {
        None => Ok(()),
        Some(name) if DEFAULT_TYPES.contains(&name.trim().to_lowercase().as_str()) => Ok(()),
        Some(name) => Err(ProviderError::Invalid(format!(
            "issue_type `{name}`: Plane's API v1 has no work item types to choose; leave it out (or give `Issue`)"
        ))),
    }
}

/// The ids of labels `names` among a project's `labels`: an exact name first, else one that
/// differs only in case; an unknown one is `invalid_input` naming it.
pub fn label_ids(
    project: &str,
    labels: &[PlaneLabel],
    names: &[String],
) -> Result<Vec<String>, ProviderError> {
    names
        .iter()
        .map(|name| {
            labels
                .iter()
                .find(|label| label.name == *name)
                .or_else(|| {
                    labels
                        .iter()
                        .find(|label| label.name.to_lowercase() == name.to_lowercase())
                })
                .map(|label| label.id.clone())
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        labels.iter().map(|l| l.name.as_str()).take(30).collect();
                    ProviderError::Invalid(format!(
                        "label `{name}` does not exist in project `{project}` (its labels: {})",
                        known.join(", ")
                    ))
                })
        })
        .collect()
}

impl Plane {
    /// A work item by key, expanded (`expand`) or not; 404 names it.
    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
        expand: bool,
    ) -> Result<T, ProviderError> {
        let (project, number) = split_key(key)?;
        let path = self.workspace_path(&format!(
            "/{}/{}-{number}/",
            self.items,
            encode_segment(project)?
        ));
        let query = if expand {
            vec![("expand", "state,labels,assignees".to_owned())]
        } else {
            Vec::new()
        };
        self.get(&path, &query).await.map_err(|error| match error {
            ProviderError::NotFound(_) => ProviderError::NotFound(format!("work item `{key}`")),
            other => other,
        })
    }

    /// `pm.issues.get`.
    pub(super) async fn get_item(&self, key: &str) -> Result<WorkItem, ProviderError> {
        let (project, _) = split_key(key)?;
        self.read::<PlaneItem>(key, true)
            .await?
            .unify(project, &self.web)
    }

    /// The id of the project member `who` names.
    async fn member_id(
        &self,
        key: &str,
        project: &str,
        who: &str,
    ) -> Result<String, ProviderError> {
        if who.trim().is_empty() {
            return Err(ProviderError::Invalid("assignee must not be blank".into()));
        }
        let members = self.members(project).await?;
        let found: Vec<_> = members.iter().filter(|member| member.is(who)).collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(ProviderError::Invalid(format!(
                "assignee `{who}` is no member of project `{key}` (give an e-mail, display name or id)"
            ))),
            many => Err(ProviderError::Invalid(format!(
                "assignee `{who}` matches {} members of project `{key}`; give an e-mail or id",
                many.len()
            ))),
        }
    }

    /// The fields shared by create and update, checked and looked up.
    async fn fields(
        &self,
        key: &str,
        project: &str,
        labels: Option<&[String]>,
        assignee: Option<&str>,
    ) -> Result<Map<String, Value>, ProviderError> {
        let mut body = Map::new();
        if let Some(names) = labels {
            let ids = if names.is_empty() {
                Vec::new()
            } else {
                label_ids(key, &self.labels(project).await?, names)?
            };
            body.insert("labels".into(), json!(ids));
        }
        if let Some(who) = assignee {
            let id = self.member_id(key, project, who).await?;
            body.insert("assignees".into(), json!([id]));
        }
        Ok(body)
    }

    /// `pm.issues.create`.
    pub(super) async fn create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        let name = title(&input.title)?;
        let priority = input.priority.as_deref().map(priority).transpose()?;
        check_type(input.issue_type.as_deref())?;
        let project = self.project(&input.project).await?;
        let labels = (!input.labels.is_empty()).then_some(input.labels.as_slice());
        let mut body = self
            .fields(
                &project.identifier,
                &project.id,
                labels,
                input.assignee.as_deref(),
            )
            .await?;
        body.insert("name".into(), json!(name));
        if let Some(description) = &input.description {
            body.insert(
                "description_html".into(),
                json!(markdown_to_html(description)),
            );
        }
        if let Some(priority) = priority {
            body.insert("priority".into(), json!(priority));
        }
        let created: PlaneCreated = self
            .send(
                Method::POST,
                &self.items_path(&project.id)?,
                &Value::Object(body),
            )
            .await?;
        let key = format!("{}-{}", project.identifier, created.sequence_id);
        self.get_item(&key)
            .await
            .after_write(&key, "reading it back")
    }

    /// `pm.issues.update`: only the given fields are sent.
    pub(super) async fn update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        let name = input.title.as_deref().map(title).transpose()?;
        let priority = input.priority.as_deref().map(priority).transpose()?;
        let (key, _) = split_key(&input.key)?;
        let item: PlaneItemRef = self.read(&input.key, false).await?;
        let mut body = self
            .fields(
                key,
                &item.project,
                input.labels.as_deref(),
                input.assignee.as_deref(),
            )
            .await?;
        if let Some(name) = name {
            body.insert("name".into(), json!(name));
        }
        if let Some(description) = &input.description {
            body.insert(
                "description_html".into(),
                json!(markdown_to_html(description)),
            );
        }
        if let Some(priority) = priority {
            body.insert("priority".into(), json!(priority));
        }
        if body.is_empty() {
            return self.get_item(&input.key).await;
        }
        let path = self.item_path(&item.project, &item.id, "/")?;
        let _: PlaneItemRef = self
            .send(Method::PATCH, &path, &Value::Object(body))
            .await
            .writing(&input.key)?;
        self.get_item(&input.key)
            .await
            .after_write(&input.key, "reading it back")
    }

    /// `pm.issues.transition`: a state of the project by name, or the first state (in
    /// Plane's order) of a category's group. Plane has no workflow rules, so every state is
    /// reachable; an item already there is answered as it is.
    pub(super) async fn transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        let (key, _) = split_key(&input.key)?;
        let item: PlaneItem = self.read(&input.key, true).await?;
        let target = Target::parse(&input.to);
        if target.matches(&item.state.name, category_of(&item.state.group)?) {
            return item.unify(key, &self.web);
        }
        let states = self.states(&item.project).await?;
        let chosen = states.iter().find(|state| {
            category_of(&state.group).is_ok_and(|category| target.matches(&state.name, category))
        });
        let Some(state) = chosen else {
            let reachable: Vec<String> = states
                .iter()
                .filter(|state| state.id != item.state.id)
                .map(|state| state.name.clone())
                .collect();
            return Err(no_transition(
                &input.key,
                &item.state.name,
                &target,
                &reachable,
            ));
        };
        let path = self.item_path(&item.project, &item.id, "/")?;
        let _: PlaneItemRef = self
            .send(Method::PATCH, &path, &json!({ "state": state.id }))
            .await
            .writing(&input.key)?;
        self.get_item(&input.key)
            .await
            .after_write(&input.key, "reading it back")
    }

    /// `pm.issues.comment`: the Markdown body as `comment_html`.
    pub(super) async fn comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let item: PlaneItemRef = self.read(&input.key, false).await?;
        let path = self.item_path(&item.project, &item.id, "/comments/")?;
        let body = json!({ "comment_html": markdown_to_html(&input.body) });
        let comment: PlaneComment = self.send(Method::POST, &path, &body).await?;
        // The comment exists now: failing here would have the caller post it twice, so an
        // author that cannot be looked up is named by id.
        let members = self.members(&item.project).await.unwrap_or_default();
        Ok(comment.unify(&members, &self.web, &item.project, &item.id))
    }
}
