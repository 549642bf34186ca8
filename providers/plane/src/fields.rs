//! The fields a work item write sends, each checked before anything is written: the title
//! (at most 255 characters), the priority (Plane's five), the type (Plane's API v1 has none
//! to choose), labels by name among the project's, and the assignee, a project member by
//! e-mail, display name or id.

use super::client::Plane;
use super::mapping::{PlaneLabel, PlaneMember};
use mosaic_core::ProviderError;
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
        let members: Vec<PlaneMember> = self
            .get(&self.project_path(project, "/members/")?, &[])
            .await?;
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
    pub(super) async fn fields(
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
                let labels: Vec<PlaneLabel> =
                    self.all(&self.project_path(project, "/labels/")?).await?;
                label_ids(key, &labels, names)?
            };
            body.insert("labels".into(), json!(ids));
        }
        if let Some(who) = assignee {
            let id = self.member_id(key, project, who).await?;
            body.insert("assignees".into(), json!([id]));
        }
        Ok(body)
    }
}
