//! `git.pulls.*`: pull requests, their merging and comments.

use super::super::clock;
use super::super::dataset::{ACTOR, CommitData, PullData, RepoData};
use super::super::encode;
use super::super::instance::SimProvider;
use super::super::paging::Window;
use super::new_comment;
use super::repos::{repo, repo_mut};
use mosaic_core::input::git::{
    CommentCreate, MergeMethod, NumberRef, PullCreate, PullMerge, PullsList, StateFilter,
};
use mosaic_core::model::{Comment, Commit, MergeResult, Page, PullRequest, PullState};
use mosaic_core::{OpId, ProviderError};
use mosaic_plugin::kinds::GitPulls;

/// Why pull request `number` cannot be found, saying so when the number is an issue's.
fn no_pull(data: &RepoData, number: u64) -> ProviderError {
    let repo = &data.repo.full_name;
    if data.issues.iter().any(|entry| entry.issue.number == number) {
        ProviderError::NotFound(format!(
            "pull request #{number} in {repo}: #{number} is an issue"
        ))
    } else {
        ProviderError::NotFound(format!("pull request #{number} in {repo}"))
    }
}

fn find_pull(data: &mut RepoData, number: u64) -> Result<&mut PullData, ProviderError> {
    match data
        .pulls
        .iter()
        .position(|entry| entry.pull.number == number)
    {
        Some(index) => Ok(&mut data.pulls[index]),
        None => Err(no_pull(data, number)),
    }
}

#[async_trait::async_trait]
impl GitPulls for SimProvider {
    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            let wanted = |pull_state: PullState| match input.state {
                StateFilter::Open => pull_state == PullState::Open,
                StateFilter::Closed => pull_state != PullState::Open,
                StateFilter::Merged => pull_state == PullState::Merged,
                StateFilter::All => true,
            };
            let data = repo(state, &input.repo)?;
            let matching = data
                .pulls
                .iter()
                .rev()
                .filter(|entry| wanted(entry.pull.state));
            Ok(window.page(matching, |entry| entry.pull.clone()))
        })
        .await
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        self.read(|state| {
            let data = repo(state, &input.repo)?;
            data.pulls
                .iter()
                .find(|entry| entry.pull.number == input.number)
                .map(|entry| entry.pull.clone())
                .ok_or_else(|| no_pull(data, input.number))
        })
        .await
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        self.write(OpId::GitPullsCreate, |state| {
            let id = state.ids.next().to_string();
            let data = repo_mut(state, &input.repo)?;
            for (field, branch) in [
                ("source_branch", &input.source_branch),
                ("target_branch", &input.target_branch),
            ] {
                if !data.branches.iter().any(|known| known.name == *branch) {
                    return Err(ProviderError::Invalid(format!(
                        "{field} `{branch}` does not exist in {}",
                        input.repo
                    )));
                }
            }
            if input.source_branch == input.target_branch {
                return Err(ProviderError::Invalid(format!(
                    "source_branch and target_branch are both `{}`; a pull request needs two branches",
                    input.source_branch
                )));
            }
            data.last_number += 1;
            let number = data.last_number;
            let now = clock::now();
            let pull = PullRequest {
                id,
                number,
                title: input.title.trim().to_owned(),
                body: input.body.clone(),
                state: PullState::Open,
                draft: input.draft,
                source_branch: input.source_branch.clone(),
                target_branch: input.target_branch.clone(),
                author: Some(ACTOR.to_owned()),
                created_at: Some(now.clone()),
                updated_at: Some(now),
                merged_at: None,
                web_url: format!("{}/pulls/{number}", data.repo.web_url),
            };
            data.pulls.push(PullData {
                pull: pull.clone(),
                comments: Vec::new(),
            });
            Ok(pull)
        })
        .await
    }

    /// Merges an open, non-draft pull request: the source branch's commits join the target, a
    /// merge commit tops it, and the pull request is merged. Merging again is a conflict.
    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        self.write(OpId::GitPullsMerge, |state| {
            let data = repo_mut(state, &input.repo)?;
            let entry = find_pull(data, input.number)?;
            let pull = &entry.pull;
            let refusal = match (pull.state, pull.draft) {
                (PullState::Merged, _) => Some("is already merged"),
                (PullState::Closed, _) => Some("is closed"),
                (PullState::Open, true) => Some("is still a draft"),
                (PullState::Open, false) => None,
            };
            if let Some(why) = refusal {
                return Err(ProviderError::Conflict(format!(
                    "pull request #{} in {} {why}",
                    input.number, input.repo
                )));
            }
            let (source, target, title) = (
                pull.source_branch.clone(),
                pull.target_branch.clone(),
                pull.title.clone(),
            );
            let now = clock::now();
            let message = input
                .commit_message
                .clone()
                .unwrap_or_else(|| match input.method {
                    MergeMethod::Merge => {
                        format!("Merge pull request #{} from {source}", input.number)
                    }
                    MergeMethod::Squash | MergeMethod::Rebase => {
                        format!("{title} (#{})", input.number)
                    }
                });
            let sha = encode::sha(format!("{} merge #{} {now}", input.repo, input.number));
            let entry = find_pull(data, input.number)?;
            entry.pull.state = PullState::Merged;
            entry.pull.merged_at = Some(now.clone());
            entry.pull.updated_at = Some(now.clone());
            let mut paths = Vec::new();
            for commit in data.commits.iter_mut().filter(|c| c.branch == source) {
                commit.branch.clone_from(&target);
                paths.extend(commit.paths.iter().cloned());
            }
            paths.sort();
            paths.dedup();
            data.commits.insert(
                0,
                CommitData {
                    commit: Commit {
                        web_url: format!("{}/commit/{sha}", data.repo.web_url),
                        sha: sha.clone(),
                        message,
                        author_name: ACTOR.to_owned(),
                        author_email: None,
                        authored_at: Some(now.clone()),
                    },
                    branch: target.clone(),
                    paths,
                },
            );
            if let Some(branch) = data
                .branches
                .iter_mut()
                .find(|branch| branch.name == target)
            {
                branch.commit_sha.clone_from(&sha);
            }
            data.repo.updated_at = Some(now);
            Ok(MergeResult {
                merged: true,
                sha: Some(sha),
                message: format!("Pull request #{} merged into {target}", input.number),
            })
        })
        .await
    }

    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        self.write(OpId::GitPullsComment, |state| {
            let id = state.ids.next();
            let entry = find_pull(repo_mut(state, &input.repo)?, input.number)?;
            let comment = new_comment(id, &entry.pull.web_url, &input.body);
            entry.pull.updated_at = comment.created_at.clone();
            entry.comments.push(comment.clone());
            Ok(comment)
        })
        .await
    }
}
