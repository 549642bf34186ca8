//! `pm.issues.transition`: Jira moves an issue only along its workflow's transitions, so the
//! adapter asks which transitions the issue has now (`GET …/transitions`, with their screens'
//! fields), takes the first whose target status is what the caller asked for, and applies it.
//!
//! What a transition reaches is read with the same [`StatusMapping`] as every work item:
//! a status's category, and for the Done category whether it means `cancelled` — a status named
//! like a cancelled resolution ("Won't Do"), or a transition whose screen sets the resolution
//! and offers a cancelled one, which is then sent with it. A state asked for by name is found
//! by name alone. An item already where the caller asked (in the category, or the named state)
//! is answered as it is; when no transition fits, the `conflict` names where the item is and
//! where it can go.
//!
//! This file decides the move and reads only; `pm.issues.transition` in `issues.rs` applies
//! it and reads the work item back.

use super::client::Jira;
use super::issues::{issue_path, item_ref};
use super::mapping::{JiraTransition, TransitionList};
use super::status::StatusMapping;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::WorkItemTransition;
use mosaic_core::model::{StatusCategory, WorkItem};
use mosaic_plugin::kinds::PmWorkItems;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::tracker::{Target, no_transition};
use serde_json::{Value, json};

/// How a transition reaches a target: its id and the resolution to send, if any.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Chosen {
    /// The transition's id.
    pub id: String,
    /// A cancelled resolution its screen must be given.
    pub resolution: Option<String>,
}

/// The first transition that reaches `target`, or none.
pub(super) fn choose(
    transitions: &[JiraTransition],
    target: &Target,
    statuses: &StatusMapping,
) -> Result<Option<Chosen>, ProviderError> {
    for transition in transitions {
        let to = &transition.to;
        // A state asked for by name is found by name alone, whatever category Jira gives it.
        if let Target::State(name) = target {
            if name.to_lowercase() == to.name.to_lowercase() {
                return Ok(Some(Chosen {
                    id: transition.id.clone(),
                    resolution: None,
                }));
            }
            continue;
        }
        let named_cancelled = statuses
            .cancelled_resolutions()
            .iter()
            .any(|name| name.to_lowercase() == to.name.to_lowercase())
            .then(|| to.name.clone());
        let category = statuses.category(
            &to.status_category.key,
            &to.name,
            named_cancelled.as_deref(),
        )?;
        if target.matches(&to.name, category) {
            return Ok(Some(Chosen {
                id: transition.id.clone(),
                resolution: None,
            }));
        }
        // A Done status reached through a screen that asks for the resolution can be
        // `cancelled` when one of the cancelled resolutions is offered.
        if *target == Target::Category(StatusCategory::Cancelled)
            && category == StatusCategory::Done
        {
            let offered = transition
                .fields
                .resolution
                .iter()
                .flat_map(|field| &field.allowed_values)
                .find(|value| {
                    statuses
                        .cancelled_resolutions()
                        .iter()
                        .any(|name| name.to_lowercase() == value.name.to_lowercase())
                });
            if let Some(resolution) = offered {
                return Ok(Some(Chosen {
                    id: transition.id.clone(),
                    resolution: Some(resolution.name.clone()),
                }));
            }
        }
    }
    Ok(None)
}

/// What a transition takes, once Jira's workflow has been asked.
pub(super) enum Move {
    /// Nothing: the work item is already where the caller asked, as it is (boxed, so that a
    /// move is the size of the request rather than of a whole work item).
    Stay(Box<WorkItem>),
    /// One `POST` of `body` to `path` (the issue's `/transitions`).
    Apply { path: String, body: Value },
}

impl Jira {
    /// How the work item gets where `input.to` says from where it is now: the transitions it
    /// has are read and one is chosen, or the `conflict` says which states it can reach.
    /// Nothing is written here.
    pub(super) async fn plan_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<Move, ProviderError> {
        let target = Target::parse(&input.to);
        let item_ref = item_ref(&input.key);
        // An item already in the category asked for stays where it is; Jira would list
        // transitions to the category's other statuses.
        let mut current = None;
        if let Target::Category(_) = target {
            let item = self.issues_get(&item_ref).await?;
            if target.matches(&item.status, item.status_category) {
                return Ok(Move::Stay(Box::new(item)));
            }
            current = Some(item);
        }
        let path = format!("{}/transitions", issue_path(&input.key)?);
        let list: TransitionList = self
            .get(&path, &[("expand", "transitions.fields".to_owned())])
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))?;
        let Some(chosen) = choose(&list.transitions, &target, &self.statuses)? else {
            let current = match current {
                Some(item) => item,
                None => self.issues_get(&item_ref).await?,
            };
            if target.matches(&current.status, current.status_category) {
                return Ok(Move::Stay(Box::new(current)));
            }
            let reachable: Vec<String> = list
                .transitions
                .iter()
                .map(|transition| transition.to.name.clone())
                .collect();
            return Err(no_transition(
                &input.key,
                &current.status,
                &target,
                &reachable,
            ));
        };
        let mut body = json!({ "transition": { "id": chosen.id } });
        if let Some(resolution) = chosen.resolution {
            body["fields"] = json!({ "resolution": { "name": resolution } });
        }
        Ok(Move::Apply { path, body })
    }
}

#[cfg(test)]
#[path = "transitions_tests.rs"]
mod tests;
