//! Work items: read one, create, update, comment; and finding a person's account id, which
//! every Jira write that names a person needs.

use super::client::Jira;
use super::mapping::{CreatedIssue, ISSUE_FIELDS, JiraComment, JiraUser};
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{WorkItemComment, WorkItemCreate, WorkItemUpdate};
use mosaic_core::model::{Comment, WorkItem};
use mosaic_provider_kit::adf::markdown_to_adf;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::http::{AfterWrite, encode_segment};
use mosaic_provider_kit::tracker::split_key;
use reqwest::Method;
use serde_json::{Map, json};

/// `/rest/api/3/issue/KEY`, the key checked and encoded.
pub(super) fn issue_path(key: &str) -> Result<String, ProviderError> {
    split_key(key)?;
    Ok(format!("/rest/api/3/issue/{}", encode_segment(key)?))
}

impl Jira {
    /// `GET /rest/api/3/issue/KEY` with the fields MosAIc reads.
    pub(super) async fn get_issue(&self, key: &str) -> Result<WorkItem, ProviderError> {
        let issue: super::mapping::JiraIssue = self
            .get(&issue_path(key)?, &[("fields", ISSUE_FIELDS.to_owned())])
            .await
            .map_err(not_found(format!("work item `{key}`")))?;
        issue.unify(&self.web_url, &self.statuses)
    }

    /// `POST /rest/api/3/issue`, then the new issue read back (Jira answers only its key); a
    /// read back that fails leaves the create unconfirmed, naming the key.
    pub(super) async fn create_issue(
        &self,
        input: &WorkItemCreate,
    ) -> Result<WorkItem, ProviderError> {
        let mut fields = Map::new();
        fields.insert("project".into(), json!({ "key": input.project }));
        fields.insert("summary".into(), json!(input.title));
        let issue_type = input
            .issue_type
            .clone()
            .unwrap_or_else(|| self.default_issue_type.clone());
        fields.insert("issuetype".into(), json!({ "name": issue_type }));
        if let Some(description) = &input.description {
            fields.insert("description".into(), markdown_to_adf(description));
        }
        if !input.labels.is_empty() {
            fields.insert("labels".into(), json!(checked_labels(&input.labels)?));
        }
        if let Some(priority) = &input.priority {
            fields.insert("priority".into(), json!({ "name": priority }));
        }
        if let Some(assignee) = &input.assignee {
            let account = self.account_id(assignee).await?;
            fields.insert("assignee".into(), json!({ "accountId": account }));
        }
        let created: CreatedIssue = self
            .send(
                Method::POST,
                "/rest/api/3/issue",
                &json!({ "fields": fields }),
            )
            .await
            .map_err(not_found(format!("project `{}`", input.project)))?
            .json()?;
        self.get_issue(&created.key)
            .await
            .after_write(&created.key, "reading it back")
    }

    /// `PUT /rest/api/3/issue/KEY` with only the given fields, then the issue read back.
    pub(super) async fn update_issue(
        &self,
        input: &WorkItemUpdate,
    ) -> Result<WorkItem, ProviderError> {
        let path = issue_path(&input.key)?;
        let mut fields = Map::new();
        if let Some(title) = &input.title {
            fields.insert("summary".into(), json!(title));
        }
        if let Some(description) = &input.description {
            fields.insert("description".into(), markdown_to_adf(description));
        }
        if let Some(labels) = &input.labels {
            fields.insert("labels".into(), json!(checked_labels(labels)?));
        }
        if let Some(priority) = &input.priority {
            fields.insert("priority".into(), json!({ "name": priority }));
        }
        if let Some(assignee) = &input.assignee {
            let account = self.account_id(assignee).await?;
            fields.insert("assignee".into(), json!({ "accountId": account }));
        }
        if fields.is_empty() {
            return self.get_issue(&input.key).await;
        }
        self.send(Method::PUT, &path, &json!({ "fields": fields }))
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))
            .writing(&input.key)?;
        self.get_issue(&input.key)
            .await
            .after_write(&input.key, "reading it back")
    }

    /// `POST /rest/api/3/issue/KEY/comment` with the body as ADF.
    pub(super) async fn comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let path = format!("{}/comment", issue_path(&input.key)?);
        let body = json!({ "body": markdown_to_adf(&input.body) });
        let comment: JiraComment = self
            .send(Method::POST, &path, &body)
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))?
            .json()?;
        let id = comment.id.clone();
        comment
            .unify(&self.web_url, &input.key)
            .after_write(id, "reading its answer")
    }

    /// The account id of a person named by e-mail, account id or display name, found with
    /// `GET /rest/api/3/user/search`. Jira writes take only account ids; a name that matches
    /// nobody, or several people, is the caller's to fix.
    pub(super) async fn account_id(&self, who: &str) -> Result<String, ProviderError> {
        if who.trim().is_empty() {
            return Err(ProviderError::Invalid("assignee must not be blank".into()));
        }
        let users: Vec<JiraUser> = self
            .get("/rest/api/3/user/search", &[("query", who.to_owned())])
            .await?;
        let matching: Vec<&JiraUser> = users.iter().filter(|user| user.is(who)).collect();
        match matching.as_slice() {
            [one] => one.account_id.clone().ok_or_else(|| {
                ProviderError::Protocol(format!("Jira's user `{who}` has no accountId"))
            }),
            [] => Err(ProviderError::Invalid(format!(
                "assignee `{who}` matches no Jira user (give an e-mail, account id or display name)"
            ))),
            _ => Err(ProviderError::Invalid(format!(
                "assignee `{who}` matches {} Jira users; give an e-mail or account id",
                matching.len()
            ))),
        }
    }
}

/// Jira labels are single words: one with whitespace is refused before anything is sent.
fn checked_labels(labels: &[String]) -> Result<&[String], ProviderError> {
    for (index, label) in labels.iter().enumerate() {
        if label.is_empty() || label.chars().any(char::is_whitespace) {
            return Err(ProviderError::Invalid(format!(
                "labels[{index}]: Jira labels cannot be empty or contain spaces, got {label:?}"
            )));
        }
    }
    Ok(labels)
}
