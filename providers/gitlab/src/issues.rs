//! Issues and their notes. Issues are addressed by `iid`; merge requests have their own `iid`
//! sequence, so nothing here can address one.

use super::client::{GitLab, page_params, project_path};
use super::mapping::{GlIssue, GlNote, Noteable};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    CommentCreate, IssueCreate, IssueUpdate, IssuesList, NumberRef, StateFilter,
};
use mosaic_core::model::{Comment, Issue, IssueState, Page};
use mosaic_plugin::kinds::GitIssues;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::http::{AfterWrite, PageQuery};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// GitLab's `state` filter of issue lists.
pub(super) fn issue_state_param(state: StateFilter) -> Result<&'static str, ProviderError> {
    match state {
        StateFilter::Open => Ok("opened"),
        StateFilter::Closed => Ok("closed"),
        StateFilter::All => Ok("all"),
        StateFilter::Merged => Err(ProviderError::Invalid(
            "issues are `open` or `closed`; `merged` applies to pull requests".into(),
        )),
    }
}

/// GitLab's `labels` filter: names joined by commas, so a name cannot hold one.
pub(super) fn labels_param(labels: &[String]) -> Result<String, ProviderError> {
    if let Some(name) = labels.iter().find(|name| name.contains(',')) {
        return Err(ProviderError::Invalid(format!(
            "label `{name}` contains a comma, which GitLab's label filter cannot carry"
        )));
    }
    Ok(labels.join(","))
}

/// The body of `PUT …/issues/{iid}`: only what changes. `assignee_ids` comes from the caller
/// after the usernames are resolved.
pub(super) fn edit_body(input: &IssueUpdate, assignee_ids: Option<Vec<i64>>) -> Map<String, Value> {
    let mut body = Map::new();
    if let Some(title) = &input.title {
        body.insert("title".into(), json!(title));
    }
    if let Some(text) = &input.body {
        body.insert("description".into(), json!(text));
    }
    if let Some(state) = input.state {
        let event = match state {
            IssueState::Open => "reopen",
            IssueState::Closed => "close",
        };
        body.insert("state_event".into(), json!(event));
    }
    if let Some(labels) = &input.labels {
        // A list replaces every label; an empty one removes them all.
        body.insert("labels".into(), json!(labels));
    }
    if let Some(ids) = assignee_ids {
        body.insert("assignee_ids".into(), json!(ids));
    }
    body
}

#[async_trait::async_trait]
impl GitIssues for GitLab {
    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", issue_state_param(input.state)?.to_owned()));
        if !input.labels.is_empty() {
            query.push(("labels", labels_param(&input.labels)?));
        }
        let path = format!("{}/issues", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        page_of(&reply, |issue: GlIssue| Some(issue.unify()))
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues/{}", project_path(&input.repo)?, input.number);
        let issue: GlIssue = self
            .get(&path, &[])
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))?;
        issue.unify()
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        let path = format!("{}/issues", project_path(&input.repo)?);
        let mut body = Map::new();
        body.insert("title".into(), json!(input.title));
        if let Some(text) = &input.body {
            body.insert("description".into(), json!(text));
        }
        if !input.labels.is_empty() {
            body.insert("labels".into(), json!(input.labels));
        }
        if !input.assignees.is_empty() {
            let ids = self.user_ids(&input.repo, &input.assignees).await?;
            body.insert("assignee_ids".into(), json!(ids));
        }
        let issue: GlIssue = self
            .api
            .send(Method::POST, &path, &[], Some(&Value::Object(body)))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?
            .json()?;
        let iid = issue.iid;
        issue.unify().after_write(iid, "reading its answer")
    }

    /// One `PUT` with every change, after every assignee is resolved; nothing to change reads
    /// the issue (GitLab refuses an update without fields).
    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        let what = format!("issue {}#{}", input.repo, input.number);
        let path = format!("{}/issues/{}", project_path(&input.repo)?, input.number);
        let assignee_ids = match &input.assignees {
            Some(names) => Some(self.user_ids(&input.repo, names).await?),
            None => None,
        };
        let body = edit_body(input, assignee_ids);
        if body.is_empty() {
            let issue: GlIssue = self.get(&path, &[]).await.map_err(not_found(what))?;
            return issue.unify();
        }
        let issue: GlIssue = self
            .api
            .send(Method::PUT, &path, &[], Some(&Value::Object(body)))
            .await
            .map_err(not_found(what))?
            .json()
            .writing(input.number)?;
        issue
            .unify()
            .after_write(input.number, "reading its answer")
    }

    /// A note on the issue.
    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let path = format!(
            "{}/issues/{}/notes",
            project_path(&input.repo)?,
            input.number
        );
        let body = json!({ "body": input.body });
        let note: GlNote = self
            .api
            .send(Method::POST, &path, &[], Some(&body))
            .await
            .map_err(not_found(format!("issue {}#{}", input.repo, input.number)))?
            .json()?;
        Ok(note.unify(&input.repo, Noteable::Issue, input.number, &self.web_root))
    }
}
