//! `pm.issues.*`: search, read one, create, update, transition, comment.
//!
//! Every name a caller gives a write (team key, labels, assignee, priority) is turned into
//! Linear's ids and numbers first (`context.rs`), so an unknown one is `invalid_input` before
//! any mutation is sent. Mutations answer the work item (or comment) as it is afterwards,
//! which is what the caller gets; an answer that cannot give it is `WriteUnconfirmed` (Linear
//! accepted the mutation), naming the work item when it can. The search filter is built in
//! `filter.rs`, the state a transition sets chosen in `transitions.rs`.
//!
//! Linear has no issue types: a `pm.issues.create` naming one is `invalid_input` saying so,
//! rather than a work item filed without what the caller asked for (labels play that part in
//! Linear).

use super::client::{Linear, next_cursor};
use super::documents::{
    CommentCreate, IssueCreate, IssueGet, IssueSearch, IssueUpdate, comment_create, issue_create,
    issue_get, issue_search, issue_update,
};
use super::filter::{after, issue_filter, page_size};
use super::mapping::{CommentParts, Person, issue_parts, priority_number};
use super::transitions::{choose, reachable, reaches};
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{
    IssuesSearch, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition, WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, WorkItem};
use mosaic_plugin::kinds::PmWorkItems;
use mosaic_provider_kit::http::{AfterWrite, not_found, unconfirmed};
use mosaic_provider_kit::tracker::{Target, no_transition, split_key};

/// The reference of the work item `key`.
fn item_ref(key: &str) -> WorkItemRef {
    WorkItemRef {
        key: key.to_owned(),
    }
}

#[async_trait::async_trait]
impl PmWorkItems for Linear {
    /// One Relay page of `issues` matching the filter of [`issue_filter`], most recently
    /// updated first.
    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        let data = self
            .run::<IssueSearch>(issue_search::Variables {
                filter: issue_filter(input),
                first: page_size(input.per_page)?,
                after: after(input.cursor.as_deref())?,
            })
            .await?;
        let page = data.issues.page_info;
        Ok(Page {
            items: data
                .issues
                .nodes
                .into_iter()
                .map(|issue| issue_parts!(issue).unify())
                .collect::<Result<_, _>>()?,
            next_cursor: next_cursor(page.has_next_page, page.end_cursor),
        })
    }

    /// One work item by its identifier (`issue(id:)` takes `WEB-12` as well as an id).
    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        let key = &input.key;
        split_key(key)?;
        let data = self
            .run::<IssueGet>(issue_get::Variables { id: key.clone() })
            .await
            .map_err(not_found(format!("work item `{key}`")))?;
        issue_parts!(data.issue).unify()
    }

    /// `issueCreate` in the team of the project key.
    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        if let Some(issue_type) = &input.issue_type {
            return Err(ProviderError::Invalid(format!(
                "issue_type: Linear has no issue types, so `{issue_type}` cannot be set; leave it out (a label can say what kind of work it is)"
            )));
        }
        let priority = input.priority.as_deref().map(priority_number).transpose()?;
        let team = self.team(&input.project).await?;
        let label_ids = if input.labels.is_empty() {
            None
        } else {
            Some(team.label_ids(&input.labels)?)
        };
        let assignee_id = match &input.assignee {
            Some(who) => Some(self.user_id(who).await?),
            None => None,
        };
        let input = issue_create::IssueCreateInput {
            team_id: team.id,
            title: Some(input.title.clone()),
            description: input.description.clone(),
            priority,
            label_ids,
            assignee_id,
            ..Default::default()
        };
        let data = self
            .run::<IssueCreate>(issue_create::Variables { input })
            .await?;
        let payload = data.issue_create;
        match payload.issue {
            Some(issue) if payload.success => {
                let key = issue.identifier.clone();
                issue_parts!(issue)
                    .unify()
                    .after_write(key, "reading its answer")
            }
            issue => Err(unconfirmed(
                issue.map(|issue| issue.identifier),
                "issueCreate answered without success or the issue",
            )),
        }
    }

    /// `issueUpdate` with only the fields the caller gave.
    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        let priority = input.priority.as_deref().map(priority_number).transpose()?;
        let issue = self.issue_info(&input.key).await?;
        let label_ids = match &input.labels {
            Some(labels) => Some(issue.team.label_ids(labels)?),
            None => None,
        };
        let assignee_id = match &input.assignee {
            Some(who) => Some(self.user_id(who).await?),
            None => None,
        };
        let changes = issue_update::IssueUpdateInput {
            title: input.title.clone(),
            description: input.description.clone(),
            priority,
            label_ids,
            assignee_id,
            ..Default::default()
        };
        self.write_issue(&input.key, issue.id, changes).await
    }

    /// Sets the state of the team that `input.to` names (see `transitions.rs`), or answers
    /// why none fits; a work item already there is answered as it is.
    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        let target = Target::parse(&input.to);
        let issue = self.issue_info(&input.key).await?;
        let current = issue
            .team
            .states
            .iter()
            .find(|state| state.id == issue.state_id);
        if current.is_some_and(|state| reaches(&target, state)) {
            return self.issues_get(&item_ref(&input.key)).await;
        }
        let Some(chosen) = choose(&issue.team.states, &target) else {
            return Err(no_transition(
                &issue.identifier,
                &issue.state_name,
                &target,
                &reachable(&issue.team.states, &issue.state_id),
            ));
        };
        let changes = issue_update::IssueUpdateInput {
            state_id: Some(chosen.id.clone()),
            ..Default::default()
        };
        self.write_issue(&input.key, issue.id, changes).await
    }

    /// `commentCreate` on the work item, the body as Markdown.
    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let issue = self.issues_get(&item_ref(&input.key)).await?;
        let comment = comment_create::CommentCreateInput {
            issue_id: Some(issue.id),
            body: Some(input.body.clone()),
            ..Default::default()
        };
        let data = self
            .run::<CommentCreate>(comment_create::Variables { input: comment })
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))?;
        let payload = data.comment_create;
        if !payload.success {
            return Err(unconfirmed(
                Some(payload.comment.id),
                "commentCreate answered without success",
            ));
        }
        let comment = payload.comment;
        Ok(CommentParts {
            id: comment.id,
            body: comment.body,
            created_at: comment.created_at,
            url: comment.url,
            author: comment.user.map(|user| Person {
                display_name: user.display_name,
                email: user.email,
            }),
        }
        .unify())
    }
}

impl Linear {
    /// Sends one `issueUpdate` of the work item with id `id` (`key` names it in errors).
    async fn write_issue(
        &self,
        key: &str,
        id: String,
        input: issue_update::IssueUpdateInput,
    ) -> Result<WorkItem, ProviderError> {
        let data = self
            .run::<IssueUpdate>(issue_update::Variables { id, input })
            .await
            .map_err(not_found(format!("work item `{key}`")))
            .writing(key)?;
        let payload = data.issue_update;
        match payload.issue {
            Some(issue) if payload.success => issue_parts!(issue)
                .unify()
                .after_write(key, "reading its answer"),
            _ => Err(unconfirmed(
                Some(key.to_owned()),
                "issueUpdate answered without success or the issue",
            )),
        }
    }
}
