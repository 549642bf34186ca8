//! Work item writes: create, update, comment. Every name a caller gives (team key, labels,
//! assignee, priority) is turned into Linear's ids and numbers first, so an unknown one is
//! `invalid_input` before any mutation is sent. Mutations answer the work item (or comment)
//! as it is afterwards, which is what the caller gets; an answer that cannot give it is
//! `WriteUnconfirmed` (Linear accepted the mutation), naming the work item when it can.
//!
//! Linear has no issue types: a `pm.issues.create` naming one is `invalid_input` saying so,
//! rather than a work item filed without what the caller asked for (labels play that part in
//! Linear).

use super::client::Linear;
use super::documents::{
    CommentCreate, IssueCreate, IssueUpdate, comment_create, issue_create, issue_update,
};
use super::mapping::{CommentParts, Person, issue_parts, priority_number};
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{WorkItemComment, WorkItemCreate, WorkItemUpdate};
use mosaic_core::model::{Comment, WorkItem};
use mosaic_provider_kit::http::{AfterWrite, not_found, unconfirmed};

impl Linear {
    /// `issueCreate` in the team of the project key.
    pub(super) async fn create_issue(
        &self,
        input: &WorkItemCreate,
    ) -> Result<WorkItem, ProviderError> {
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
    pub(super) async fn update_issue(
        &self,
        input: &WorkItemUpdate,
    ) -> Result<WorkItem, ProviderError> {
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

    /// Sends one `issueUpdate` of the work item with id `id` (`key` names it in errors).
    pub(super) async fn write_issue(
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

    /// `commentCreate` on the work item, the body as Markdown.
    pub(super) async fn comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let issue = self.get_issue(&input.key).await?;
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
