//! `pm.issues.*`: search, read one, create, update, transition, comment; and finding a
//! person's account id, which every Jira write that names a person needs.
//!
//! The JQL of a search is built in `jql.rs`; which transition reaches a target is decided in
//! `transitions.rs`. Writes are read back: Jira answers a create with the key alone and an
//! update or transition with 204.

use super::client::{Jira, offset_cursor, page_token};
use super::config::SearchApi;
use super::jql::search_jql;
use super::mapping::{
    CreatedIssue, ISSUE_FIELDS, JiraComment, JiraIssue, JiraUser, JqlSearchPage, LegacySearchPage,
};
use super::transitions::Move;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{
    IssuesSearch, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition, WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, WorkItem};
use mosaic_plugin::kinds::PmWorkItems;
use mosaic_provider_kit::adf::markdown_to_adf;
use mosaic_provider_kit::http::{AfterWrite, PageQuery, encode_segment, not_found};
use mosaic_provider_kit::tracker::split_key;
use reqwest::Method;
use serde_json::{Map, json};

/// `/rest/api/3/issue/KEY`, the key checked and encoded.
pub(super) fn issue_path(key: &str) -> Result<String, ProviderError> {
    split_key(key)?;
    Ok(format!("/rest/api/3/issue/{}", encode_segment(key)?))
}

/// The reference of the work item `key`, to read it back after a write.
pub(super) fn item_ref(key: &str) -> WorkItemRef {
    WorkItemRef {
        key: key.to_owned(),
    }
}

#[async_trait::async_trait]
impl PmWorkItems for Jira {
    /// The JQL of [`search_jql`], sent to `/search/jql` and paged by Jira's
    /// `nextPageToken`, or with `search: legacy` to `/search`, paged by offset.
    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        let jql = search_jql(input, &self.statuses)?;
        let per_page = PageQuery::new(input.per_page, None)?.per_page;
        let mut query = vec![
            ("jql", jql),
            ("maxResults", per_page.to_string()),
            ("fields", ISSUE_FIELDS.to_owned()),
        ];
        let (issues, next_cursor) = match self.search {
            SearchApi::Jql => {
                if let Some(token) = &input.cursor {
                    query.push(("nextPageToken", page_token(token)?));
                }
                let page: JqlSearchPage = self.get("/rest/api/3/search/jql", &query).await?;
                let next = page
                    .next_page_token
                    .filter(|_| page.is_last != Some(true) && !page.issues.is_empty());
                (page.issues, next)
            }
            SearchApi::Legacy => {
                let start_at = offset_cursor(input.cursor.as_deref())?;
                query.push(("startAt", start_at.to_string()));
                let page: LegacySearchPage = self.get("/rest/api/3/search", &query).await?;
                let seen = page.start_at + page.issues.len() as u64;
                let more = page.total.is_some_and(|total| seen < total) && !page.issues.is_empty();
                (page.issues, more.then(|| seen.to_string()))
            }
        };
        Ok(Page {
            items: issues
                .into_iter()
                .map(|issue| issue.unify(&self.web_url, &self.statuses))
                .collect::<Result<_, _>>()?,
            next_cursor,
        })
    }

    /// `GET /rest/api/3/issue/KEY` with the fields MosAIc reads.
    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        let key = &input.key;
        let issue: JiraIssue = self
            .get(&issue_path(key)?, &[("fields", ISSUE_FIELDS.to_owned())])
            .await
            .map_err(not_found(format!("work item `{key}`")))?;
        issue.unify(&self.web_url, &self.statuses)
    }

    /// `POST /rest/api/3/issue`, then the new issue read back (Jira answers only its key); a
    /// read back that fails leaves the create unconfirmed, naming the key.
    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
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
        let body = json!({ "fields": fields });
        let created: CreatedIssue = self
            .api
            .send(Method::POST, "/rest/api/3/issue", &[], Some(&body))
            .await
            .map_err(not_found(format!("project `{}`", input.project)))?
            .json()?;
        self.issues_get(&item_ref(&created.key))
            .await
            .after_write(&created.key, "reading it back")
    }

    /// `PUT /rest/api/3/issue/KEY` with only the given fields, then the issue read back.
    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
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
            return self.issues_get(&item_ref(&input.key)).await;
        }
        let body = json!({ "fields": fields });
        self.api
            .send(Method::PUT, &path, &[], Some(&body))
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))
            .writing(&input.key)?;
        self.issues_get(&item_ref(&input.key))
            .await
            .after_write(&input.key, "reading it back")
    }

    /// The move `transitions.rs` chose, applied with `POST …/transitions`, then the work
    /// item read back.
    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        let (path, body) = match self.plan_transition(input).await? {
            Move::Stay(item) => return Ok(*item),
            Move::Apply { path, body } => (path, body),
        };
        self.api
            .send(Method::POST, &path, &[], Some(&body))
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))
            .writing(&input.key)?;
        self.issues_get(&item_ref(&input.key))
            .await
            .after_write(&input.key, "reading it back")
    }

    /// `POST /rest/api/3/issue/KEY/comment` with the body as ADF.
    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let path = format!("{}/comment", issue_path(&input.key)?);
        let body = json!({ "body": markdown_to_adf(&input.body) });
        let comment: JiraComment = self
            .api
            .send(Method::POST, &path, &[], Some(&body))
            .await
            .map_err(not_found(format!("work item `{}`", input.key)))?
            .json()?;
        let id = comment.id.clone();
        comment
            .unify(&self.web_url, &input.key)
            .after_write(id, "reading its answer")
    }
}

impl Jira {
    /// The account id of a person named by e-mail, account id or display name, found with
    /// `GET /rest/api/3/user/search`. Jira writes take only account ids; a name that matches
    /// nobody, or several people, is the caller's to fix.
    async fn account_id(&self, who: &str) -> Result<String, ProviderError> {
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
