//! Issues and their comments. Gitea counts pull requests as issues: lists ask for
//! `type=issues`, and a get of a pull request's number points at `git.pulls.get`.

use super::client::{Gitea, page_params, repo_path};
use super::mapping::{GiteaComment, GiteaIssue, GiteaLabel};
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

/// Gitea's `state` filter of issue lists.
pub(super) fn issue_state_param(state: StateFilter) -> Result<&'static str, ProviderError> {
    match state {
        StateFilter::Open => Ok("open"),
        StateFilter::Closed => Ok("closed"),
        StateFilter::All => Ok("all"),
        StateFilter::Merged => Err(ProviderError::Invalid(
            "issues are `open` or `closed`; `merged` applies to pull requests".into(),
        )),
    }
}

/// The body of `PATCH …/issues/{n}` (`EditIssueOption`): only what changes. Labels are not
/// part of it; Gitea replaces them through `PUT …/issues/{n}/labels`.
pub(super) fn edit_body(input: &IssueUpdate) -> Map<String, Value> {
    let mut body = Map::new();
    if let Some(title) = &input.title {
        body.insert("title".into(), json!(title));
    }
    if let Some(text) = &input.body {
        body.insert("body".into(), json!(text));
    }
    if let Some(state) = input.state {
        let state = match state {
            IssueState::Open => "open",
            IssueState::Closed => "closed",
        };
        body.insert("state".into(), json!(state));
    }
    if let Some(assignees) = &input.assignees {
        // An empty list clears the assignees, as on GitHub.
        body.insert("assignees".into(), json!(assignees));
    }
    body
}

/// `…/issues/{n}/comments`: the conversation of an issue, and of a pull request, which is an
/// issue to Gitea.
pub(super) fn comments_path(input: &CommentCreate) -> Result<String, ProviderError> {
    Ok(format!(
        "{}/issues/{}/comments",
        repo_path(&input.repo)?,
        input.number
    ))
}

#[async_trait::async_trait]
impl GitIssues for Gitea {
    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", issue_state_param(input.state)?.to_owned()));
        query.push(("type", "issues".to_owned()));
        if !input.labels.is_empty() {
            if let Some(name) = input.labels.iter().find(|name| name.contains(',')) {
                return Err(ProviderError::Invalid(format!(
                    "label `{name}` contains a comma, which Gitea's label filter cannot carry"
                )));
            }
            // Gitea drops names it does not know from the filter rather than matching nothing.
            let resolved = self.resolve_labels(&input.repo, &input.labels).await?;
            if !resolved.unknown.is_empty() {
                return Ok(Page {
                    items: Vec::new(),
                    next_cursor: None,
                });
            }
            query.push(("labels", input.labels.join(",")));
        }
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        // Kept by `type=issues` and the filter already; checked again because an organization
        // label is not in Gitea's name filter, and pages may then hold fewer items than asked.
        page_of(&reply, |issue: GiteaIssue| {
            (!issue.is_pull_request() && issue.has_labels(&input.labels)).then(|| issue.unify())
        })
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        let what = format!("issue {}#{}", input.repo, input.number);
        let path = format!("{}/issues/{}", repo_path(&input.repo)?, input.number);
        let issue: GiteaIssue = self
            .get(&path, &[])
            .await
            .map_err(not_found(what.clone()))?;
        if issue.is_pull_request() {
            return Err(ProviderError::NotFound(format!(
                "{what} (it is a pull request: use git.pulls.get)"
            )));
        }
        issue.unify()
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        let mut body = Map::new();
        body.insert("title".into(), json!(input.title));
        if let Some(text) = &input.body {
            body.insert("body".into(), json!(text));
        }
        if !input.assignees.is_empty() {
            body.insert("assignees".into(), json!(input.assignees));
        }
        if !input.labels.is_empty() {
            let ids = self
                .resolve_labels(&input.repo, &input.labels)
                .await?
                .into_ids(&input.repo)?;
            body.insert("labels".into(), json!(ids));
        }
        let path = format!("{}/issues", repo_path(&input.repo)?);
        let issue: GiteaIssue = self
            .api
            .send(Method::POST, &path, &[], Some(&Value::Object(body)))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?
            .json()?;
        let number = issue.number;
        issue.unify().after_write(number, "reading its answer")
    }

    /// Fields first (`PATCH`), then labels (`PUT …/labels`), with every label name checked
    /// before anything is written. Once one request was accepted the issue has changed, so a
    /// failure of what follows (the labels, the read back) is `WriteUnconfirmed`.
    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        let what = format!("issue {}#{}", input.repo, input.number);
        let path = format!("{}/issues/{}", repo_path(&input.repo)?, input.number);
        let label_ids = match &input.labels {
            Some(names) => Some(
                self.resolve_labels(&input.repo, names)
                    .await?
                    .into_ids(&input.repo)?,
            ),
            None => None,
        };
        let edit = edit_body(input);
        let number = input.number;
        let edited: Option<GiteaIssue> = if edit.is_empty() {
            None
        } else {
            let reply = self
                .api
                .send(Method::PATCH, &path, &[], Some(&Value::Object(edit)))
                .await
                .map_err(not_found(what.clone()))?;
            Some(reply.json().writing(number)?)
        };
        let labels = match label_ids {
            None => None,
            Some(ids) => {
                let replaced = self.replace_labels(&path, number, ids, &what).await;
                // Once the fields were changed, no failure of the labels is "not performed".
                Some(match edited {
                    Some(_) => replaced.after_write(number, "replacing its labels")?,
                    None => replaced?,
                })
            }
        };
        let issue = match (edited, labels) {
            (Some(mut edited), labels) => {
                // The edit's answer predates the new labels; the replacement answers with them.
                if labels.is_some() {
                    edited.labels = labels;
                }
                edited
            }
            (None, Some(_)) => self
                .get(&path, &[])
                .await
                .after_write(number, "reading it back")?,
            (None, None) => {
                let issue: GiteaIssue = self.get(&path, &[]).await.map_err(not_found(what))?;
                return issue.unify();
            }
        };
        issue.unify().after_write(number, "reading its answer")
    }

    /// A comment on an issue, or on a pull request's conversation: both are issues to Gitea.
    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let body = json!({ "body": input.body });
        let comment: GiteaComment = self
            .api
            .send(Method::POST, &comments_path(input)?, &[], Some(&body))
            .await
            .map_err(not_found(format!(
                "issue or pull request {}#{}",
                input.repo, input.number
            )))?
            .json()?;
        Ok(comment.unify())
    }
}

impl Gitea {
    /// `PUT …/issues/{n}/labels` at `path`: the issue's labels replaced by `ids`, as Gitea
    /// then has them.
    async fn replace_labels(
        &self,
        path: &str,
        number: u64,
        ids: Vec<i64>,
        what: &str,
    ) -> Result<Vec<GiteaLabel>, ProviderError> {
        let body = json!({ "labels": ids });
        self.api
            .send(Method::PUT, &format!("{path}/labels"), &[], Some(&body))
            .await
            .map_err(not_found(what))?
            .json()
            .writing(number)
    }
}
