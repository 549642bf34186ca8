//! `pm.*`: projects and work items, searched with the unified filters and moved through
//! the simulated tracker's workflow.

use super::super::clock;
use super::super::dataset::{ItemData, ProjectData, State, WEB};
use super::super::instance::SimProvider;
use super::super::paging::Window;
use super::super::workflow;
use super::{find_ignoring_case, has_all_labels, new_comment};
use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, Project, WorkItem};
use mosaic_core::{OpId, ProviderError};
use mosaic_plugin::kinds::{PmProjects, PmWorkItems};

fn project<'s>(state: &'s State, key: &str) -> Result<&'s ProjectData, ProviderError> {
    state
        .pm
        .projects
        .iter()
        .find(|data| data.project.key == key)
        .ok_or_else(|| ProviderError::NotFound(format!("project `{key}`")))
}

fn item_mut<'s>(state: &'s mut State, key: &str) -> Result<&'s mut ItemData, ProviderError> {
    match state.pm.by_key.get(key) {
        Some(index) => state
            .pm
            .items
            .get_mut(*index)
            .ok_or_else(|| ProviderError::NotFound(format!("work item `{key}`"))),
        None => Err(ProviderError::NotFound(format!("work item `{key}`"))),
    }
}

/// The `updated_since` of a search, in the clock's seconds.
fn updated_since(input: &IssuesSearch) -> Result<Option<i64>, ProviderError> {
    let Some(text) = &input.updated_since else {
        return Ok(None);
    };
    clock::parse(text).map(Some).ok_or_else(|| {
        ProviderError::Invalid(format!(
            "updated_since `{text}` is not an RFC 3339 date or time (such as 2026-03-02T09:00:00Z)"
        ))
    })
}

#[async_trait::async_trait]
impl PmProjects for SimProvider {
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            Ok(window.page(state.pm.projects.iter(), |data| data.project.clone()))
        })
        .await
    }
}

#[async_trait::async_trait]
impl PmWorkItems for SimProvider {
    /// Work items matching every given filter, most recently created first.
    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            if let Some(key) = &input.project {
                project(state, key)?;
            }
            let since = updated_since(input)?;
            let text = input
                .text
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty());
            let matches = |item: &WorkItem| {
                input
                    .project
                    .as_ref()
                    .is_none_or(|key| item.project == *key)
                    && text.is_none_or(|text| {
                        find_ignoring_case(&item.title, text).is_some()
                            || item.description.as_deref().is_some_and(|description| {
                                find_ignoring_case(description, text).is_some()
                            })
                    })
                    && (input.status.is_empty() || input.status.contains(&item.status_category))
                    && input.assignee.as_ref().is_none_or(|who| {
                        item.assignee
                            .as_ref()
                            .is_some_and(|assignee| assignee.eq_ignore_ascii_case(who))
                    })
                    && has_all_labels(&item.labels, &input.labels)
                    && since.is_none_or(|since| {
                        item.updated_at
                            .as_deref()
                            .and_then(clock::parse)
                            .is_some_and(|updated| updated >= since)
                    })
            };
            let found = state
                .pm
                .items
                .iter()
                .rev()
                .filter(|data| matches(&data.item));
            Ok(window.page(found, |data| data.item.clone()))
        })
        .await
    }

    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        self.read(|state| {
            state
                .pm
                .by_key
                .get(&input.key)
                .and_then(|index| state.pm.items.get(*index))
                .map(|data| data.item.clone())
                .ok_or_else(|| ProviderError::NotFound(format!("work item `{}`", input.key)))
        })
        .await
    }

    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        self.write(OpId::PmIssuesCreate, |state| {
            project(state, &input.project)?;
            if let Some(issue_type) = &input.issue_type {
                workflow::issue_type(issue_type)?;
            }
            let id = state.ids.next().to_string();
            let Some(data) = state
                .pm
                .projects
                .iter_mut()
                .find(|p| p.project.key == input.project)
            else {
                return Err(ProviderError::NotFound(format!(
                    "project `{}`",
                    input.project
                )));
            };
            data.last_number += 1;
            let key = format!("{}-{}", input.project, data.last_number);
            let (status, category) = workflow::INITIAL;
            let now = clock::now();
            let item = WorkItem {
                id,
                web_url: format!("{WEB}/browse/{key}"),
                key,
                project: input.project.clone(),
                title: input.title.trim().to_owned(),
                description: input.description.clone(),
                status: status.to_owned(),
                status_category: category,
                assignee: input.assignee.clone(),
                labels: input.labels.clone(),
                priority: input.priority.clone(),
                created_at: Some(now.clone()),
                updated_at: Some(now),
            };
            state.pm.insert(ItemData {
                item: item.clone(),
                comments: Vec::new(),
            });
            Ok(item)
        })
        .await
    }

    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        self.write(OpId::PmIssuesUpdate, |state| {
            let item = &mut item_mut(state, &input.key)?.item;
            if let Some(title) = &input.title {
                item.title = title.trim().to_owned();
            }
            if let Some(description) = &input.description {
                item.description = Some(description.clone());
            }
            if let Some(labels) = &input.labels {
                item.labels.clone_from(labels);
            }
            if let Some(assignee) = &input.assignee {
                item.assignee = Some(assignee.clone());
            }
            if let Some(priority) = &input.priority {
                item.priority = Some(priority.clone());
            }
            item.updated_at = Some(clock::now());
            Ok(item.clone())
        })
        .await
    }

    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        self.write(OpId::PmIssuesTransition, |state| {
            let item = &mut item_mut(state, &input.key)?.item;
            let (status, category) = workflow::resolve(&input.to)?;
            if item.status != status {
                item.status = status.to_owned();
                item.status_category = category;
                item.updated_at = Some(clock::now());
            }
            Ok(item.clone())
        })
        .await
    }

    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        self.write(OpId::PmIssuesComment, |state| {
            let id = state.ids.next();
            let data = item_mut(state, &input.key)?;
            let comment = new_comment(id, &data.item.web_url, &input.body);
            data.item.updated_at = comment.created_at.clone();
            data.comments.push(comment.clone());
            Ok(comment)
        })
        .await
    }
}
