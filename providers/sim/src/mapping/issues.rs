//! `git.issues.*`: issues of a repository and their comments.

use super::super::clock;
use super::super::dataset::{ACTOR, IssueData, RepoData};
use super::super::instance::SimProvider;
use super::super::paging::Window;
use super::repos::{repo, repo_mut};
use super::{has_all_labels, new_comment};
use mosaic_core::input::git::{
    CommentCreate, IssueCreate, IssueUpdate, IssuesList, NumberRef, StateFilter,
};
use mosaic_core::model::{Comment, Issue, IssueState, Page};
use mosaic_core::{OpId, ProviderError};
use mosaic_plugin::kinds::GitIssues;

/// Why issue `number` cannot be found, saying so when the number is a pull request's.
fn no_issue(data: &RepoData, number: u64) -> ProviderError {
    let repo = &data.repo.full_name;
    if data.pulls.iter().any(|entry| entry.pull.number == number) {
        ProviderError::NotFound(format!(
            "issue #{number} in {repo}: #{number} is a pull request"
        ))
    } else {
        ProviderError::NotFound(format!("issue #{number} in {repo}"))
    }
}

/// The issue numbered `number`, to change.
fn find_issue(data: &mut RepoData, number: u64) -> Result<&mut IssueData, ProviderError> {
    match data
        .issues
        .iter()
        .position(|entry| entry.issue.number == number)
    {
        Some(index) => Ok(&mut data.issues[index]),
        None => Err(no_issue(data, number)),
    }
}

#[async_trait::async_trait]
impl GitIssues for SimProvider {
    async fn issues_list(&self, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            let wanted = match input.state {
                StateFilter::Open => Some(IssueState::Open),
                StateFilter::Closed => Some(IssueState::Closed),
                StateFilter::All => None,
                StateFilter::Merged => {
                    return Err(ProviderError::Invalid(
                        "issues are `open` or `closed`; `merged` applies to pull requests".into(),
                    ));
                }
            };
            let data = repo(state, &input.repo)?;
            let matching = data.issues.iter().rev().filter(|entry| {
                wanted.is_none_or(|state| entry.issue.state == state)
                    && has_all_labels(&entry.issue.labels, &input.labels)
            });
            Ok(window.page(matching, |entry| entry.issue.clone()))
        })
        .await
    }

    async fn issues_get(&self, input: &NumberRef) -> Result<Issue, ProviderError> {
        self.read(|state| {
            let data = repo(state, &input.repo)?;
            data.issues
                .iter()
                .find(|entry| entry.issue.number == input.number)
                .map(|entry| entry.issue.clone())
                .ok_or_else(|| no_issue(data, input.number))
        })
        .await
    }

    async fn issues_create(&self, input: &IssueCreate) -> Result<Issue, ProviderError> {
        self.write(OpId::GitIssuesCreate, |state| {
            let id = state.ids.next().to_string();
            let data = repo_mut(state, &input.repo)?;
            data.last_number += 1;
            let number = data.last_number;
            let now = clock::now();
            let issue = Issue {
                id,
                number,
                title: input.title.trim().to_owned(),
                body: input.body.clone(),
                state: IssueState::Open,
                author: Some(ACTOR.to_owned()),
                assignees: input.assignees.clone(),
                labels: input.labels.clone(),
                comments: 0,
                created_at: Some(now.clone()),
                updated_at: Some(now),
                web_url: format!("{}/issues/{number}", data.repo.web_url),
            };
            data.issues.push(IssueData {
                issue: issue.clone(),
                comments: Vec::new(),
            });
            Ok(issue)
        })
        .await
    }

    async fn issues_update(&self, input: &IssueUpdate) -> Result<Issue, ProviderError> {
        self.write(OpId::GitIssuesUpdate, |state| {
            let entry = find_issue(repo_mut(state, &input.repo)?, input.number)?;
            let issue = &mut entry.issue;
            if let Some(title) = &input.title {
                issue.title = title.trim().to_owned();
            }
            if let Some(body) = &input.body {
                issue.body = Some(body.clone());
            }
            if let Some(new_state) = input.state {
                issue.state = new_state;
            }
            if let Some(labels) = &input.labels {
                issue.labels = labels.clone();
            }
            if let Some(assignees) = &input.assignees {
                issue.assignees = assignees.clone();
            }
            issue.updated_at = Some(clock::now());
            Ok(issue.clone())
        })
        .await
    }

    async fn issues_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.write(OpId::GitIssuesComment, |state| {
            let id = state.ids.next();
            let entry = find_issue(repo_mut(state, &input.repo)?, input.number)?;
            let comment = new_comment(id, &entry.issue.web_url, &input.body);
            entry.issue.comments += 1;
            entry.issue.updated_at = comment.created_at.clone();
            entry.comments.push(comment.clone());
            Ok(comment)
        })
        .await
    }
}
