//! What writes look up before they write: a team (by key, or through a work item) with its
//! labels and workflow states, and a person's id. Linear's mutations take ids only; a name
//! that matches nothing is the caller's to fix and is refused before anything is written.

use super::client::Linear;
use super::documents::{
    IssueContext, TeamContext, UserLookup, issue_context, team_context, user_lookup,
};
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::tracker::split_key;

/// A workflow state of a team.
#[derive(Clone, Debug, PartialEq)]
pub struct StateInfo {
    /// Linear's id.
    pub id: String,
    /// The team's name for it.
    pub name: String,
    /// Its type (`backlog`, `unstarted`, …).
    pub state_type: String,
    /// Its place in the team's workflow; Linear orders states by it.
    pub position: f64,
}

/// A label a work item of the team can carry.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelInfo {
    /// Linear's id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// A team with what writes need of it.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamInfo {
    /// Linear's id.
    pub id: String,
    /// The key (`WEB`).
    pub key: String,
    /// The team's labels and the workspace's.
    pub labels: Vec<LabelInfo>,
    /// The team's workflow states.
    pub states: Vec<StateInfo>,
}

/// A work item with its state and team.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueInfo {
    /// Linear's id.
    pub id: String,
    /// The identifier (`WEB-12`).
    pub identifier: String,
    /// The state it is in.
    pub state_id: String,
    /// That state's name.
    pub state_name: String,
    /// Its team.
    pub team: TeamInfo,
}

/// Copies a generated `TeamParts` and the workspace labels into a [`TeamInfo`].
macro_rules! team_info {
    ($team:expr, $workspace_labels:expr) => {{
        let team = $team;
        let mut labels: Vec<LabelInfo> = team
            .labels
            .nodes
            .into_iter()
            .map(|label| LabelInfo {
                id: label.id,
                name: label.name,
            })
            .collect();
        labels.extend($workspace_labels.nodes.into_iter().map(|label| LabelInfo {
            id: label.id,
            name: label.name,
        }));
        TeamInfo {
            id: team.id,
            key: team.key,
            labels,
            states: team
                .states
                .nodes
                .into_iter()
                .map(|state| StateInfo {
                    id: state.id,
                    name: state.name,
                    state_type: state.type_,
                    position: state.position,
                })
                .collect(),
        }
    }};
}

impl TeamInfo {
    /// The ids of labels named `names` (compared without regard to case), or `invalid_input`
    /// naming the ones the team does not have and the ones it has.
    pub fn label_ids(&self, names: &[String]) -> Result<Vec<String>, ProviderError> {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for name in names {
            let found = self
                .labels
                .iter()
                .find(|label| label.name == *name)
                .or_else(|| {
                    self.labels
                        .iter()
                        .find(|label| label.name.to_lowercase() == name.to_lowercase())
                });
            match found {
                Some(label) if !ids.contains(&label.id) => ids.push(label.id.clone()),
                Some(_) => {}
                None => unknown.push(format!("`{name}`")),
            }
        }
        if unknown.is_empty() {
            return Ok(ids);
        }
        let mut known: Vec<&str> = self
            .labels
            .iter()
            .map(|label| label.name.as_str())
            .collect();
        known.sort_unstable();
        known.dedup();
        Err(ProviderError::Invalid(format!(
            "labels: team {} has no label {}; its labels are: {}",
            self.key,
            unknown.join(", "),
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        )))
    }
}

impl Linear {
    /// The team with key `key`, with its labels and states.
    pub(super) async fn team(&self, key: &str) -> Result<TeamInfo, ProviderError> {
        let data = self
            .run::<TeamContext>(team_context::Variables {
                key: key.to_owned(),
            })
            .await?;
        let Some(team) = data.teams.nodes.into_iter().next() else {
            return Err(ProviderError::NotFound(format!("project `{key}`")));
        };
        Ok(team_info!(team, data.workspace_labels))
    }

    /// The work item `key` with its state and team.
    pub(super) async fn issue_info(&self, key: &str) -> Result<IssueInfo, ProviderError> {
        split_key(key)?;
        let data = self
            .run::<IssueContext>(issue_context::Variables { id: key.to_owned() })
            .await
            .map_err(not_found(format!("work item `{key}`")))?;
        let issue = data.issue;
        Ok(IssueInfo {
            id: issue.id,
            identifier: issue.identifier,
            state_id: issue.state.id,
            state_name: issue.state.name,
            team: team_info!(issue.team, data.workspace_labels),
        })
    }

    /// The id of the person whose e-mail or display name is `who`; nobody, or several people,
    /// is `invalid_input`.
    pub(super) async fn user_id(&self, who: &str) -> Result<String, ProviderError> {
        if who.trim().is_empty() {
            return Err(ProviderError::Invalid("assignee must not be blank".into()));
        }
        let data = self
            .run::<UserLookup>(user_lookup::Variables {
                who: who.to_owned(),
            })
            .await?;
        let matching: Vec<_> = data
            .users
            .nodes
            .into_iter()
            .filter(|user| user.email == who || user.display_name == who)
            .collect();
        match matching.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(ProviderError::Invalid(format!(
                "assignee `{who}` matches no Linear user (give an e-mail or display name)"
            ))),
            _ => Err(ProviderError::Invalid(format!(
                "assignee `{who}` matches several Linear users; give an e-mail"
            ))),
        }
    }
}

#[cfg(test)]
#[path = "context_tests.rs"]
mod tests;
