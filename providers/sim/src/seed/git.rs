//! Builds the seed repositories from the tables in `repos.rs`.

use super::super::clock::seed_time;
use super::super::dataset::{CommitData, IssueData, PullData, RepoData, State, WEB};
use super::super::encode::sha;
use super::person;
use super::repos::{IssueSpec, Outcome, PullSpec, REPOS, RepoSpec};
use mosaic_core::model::{
    Branch, Comment, Commit, Issue, IssueState, PullRequest, PullState, Repo,
};

/// Minutes between the seed's repositories, so each has its own stretch of history.
const REPO_SPACING: i64 = 3 * 24 * 60;

pub(super) fn seed(state: &mut State) {
    for (index, spec) in REPOS.iter().enumerate() {
        let start = i64::try_from(index).unwrap_or(0) * REPO_SPACING;
        let repo = build(state, spec, start);
        state.git.insert(spec.full_name.to_owned(), repo);
    }
}

fn build(state: &mut State, spec: &RepoSpec, start: i64) -> RepoData {
    let (owner, name) = spec
        .full_name
        .split_once('/')
        .unwrap_or(("", spec.full_name));
    let default_branch = spec.branches.first().copied().unwrap_or("main");
    let mut commits: Vec<CommitData> = (0i64..)
        .zip(spec.commits)
        .map(|(index, (branch, author, message, paths))| {
            let (author_name, author_email) = person(author);
            let sha = sha(format!("{} {index} {message}", spec.full_name));
            CommitData {
                commit: Commit {
                    web_url: format!("{WEB}/{}/commit/{sha}", spec.full_name),
                    sha,
                    message: (*message).to_owned(),
                    author_name: author_name.to_owned(),
                    author_email: author_email.map(str::to_owned),
                    authored_at: Some(seed_time(start + index * 180)),
                },
                branch: (*branch).to_owned(),
                paths: paths.iter().map(|path| (*path).to_owned()).collect(),
            }
        })
        .collect();
    commits.reverse();
    let branches = spec
        .branches
        .iter()
        .map(|branch| Branch {
            name: (*branch).to_owned(),
            commit_sha: commits
                .iter()
                .find(|c| c.branch == *branch || c.branch == default_branch)
                .map(|c| c.commit.sha.clone())
                .unwrap_or_default(),
            protected: *branch == default_branch,
        })
        .collect();
    let updated_at = commits.first().and_then(|c| c.commit.authored_at.clone());
    let repo = Repo {
        id: state.ids.next().to_string(),
        full_name: spec.full_name.to_owned(),
        name: name.to_owned(),
        owner: owner.to_owned(),
        description: Some(spec.description.to_owned()),
        default_branch: default_branch.to_owned(),
        private: spec.private,
        updated_at,
        web_url: format!("{WEB}/{}", spec.full_name),
    };
    let mut number = 0;
    let issues = (0i64..)
        .zip(spec.issues)
        .map(|(index, issue)| {
            number += 1;
            build_issue(
                state,
                spec.full_name,
                number,
                start + 60 + index * 97,
                issue,
            )
        })
        .collect();
    let pulls = (0i64..)
        .zip(spec.pulls)
        .map(|(index, pull)| {
            number += 1;
            build_pull(
                state,
                spec.full_name,
                number,
                start + 90 + index * 131,
                pull,
            )
        })
        .collect();
    RepoData {
        repo,
        branches,
        files: spec
            .files
            .iter()
            .map(|(path, content)| ((*path).to_owned(), content.to_vec()))
            .collect(),
        commits,
        issues,
        pulls,
        last_number: number,
    }
}

fn build_issue(
    state: &mut State,
    repo: &str,
    number: u64,
    minute: i64,
    spec: &IssueSpec,
) -> IssueData {
    let id = state.ids.next().to_string();
    let web_url = format!("{WEB}/{repo}/issues/{number}");
    let comments = seed_comments(state, &web_url, minute, spec.comments);
    let last_comment = comments.last().and_then(|c| c.created_at.clone());
    let closed = (!spec.open).then(|| seed_time(minute + 2 * 24 * 60));
    let issue = Issue {
        id,
        number,
        title: spec.title.to_owned(),
        body: Some(spec.body.to_owned()),
        state: if spec.open {
            IssueState::Open
        } else {
            IssueState::Closed
        },
        author: Some(spec.author.to_owned()),
        assignees: spec
            .assignees
            .iter()
            .map(|login| (*login).to_owned())
            .collect(),
        labels: spec
            .labels
            .iter()
            .map(|label| (*label).to_owned())
            .collect(),
        comments: comments.len() as u64,
        created_at: Some(seed_time(minute)),
        updated_at: closed.or(last_comment).or_else(|| Some(seed_time(minute))),
        web_url,
    };
    IssueData { issue, comments }
}

fn build_pull(
    state: &mut State,
    repo: &str,
    number: u64,
    minute: i64,
    spec: &PullSpec,
) -> PullData {
    let (pull_state, draft) = match spec.outcome {
        Outcome::Open => (PullState::Open, false),
        Outcome::Draft => (PullState::Open, true),
        Outcome::Merged => (PullState::Merged, false),
        Outcome::Closed => (PullState::Closed, false),
    };
    let finished = matches!(spec.outcome, Outcome::Merged | Outcome::Closed)
        .then(|| seed_time(minute + 24 * 60));
    PullData {
        pull: PullRequest {
            id: state.ids.next().to_string(),
            number,
            title: spec.title.to_owned(),
            body: Some(spec.body.to_owned()),
            state: pull_state,
            draft,
            source_branch: spec.source.to_owned(),
            target_branch: spec.target.to_owned(),
            author: Some(spec.author.to_owned()),
            created_at: Some(seed_time(minute)),
            updated_at: finished.clone().or_else(|| Some(seed_time(minute))),
            merged_at: matches!(spec.outcome, Outcome::Merged)
                .then_some(finished)
                .flatten(),
            web_url: format!("{WEB}/{repo}/pulls/{number}"),
        },
        comments: Vec::new(),
    }
}

fn seed_comments(
    state: &mut State,
    parent_url: &str,
    minute: i64,
    comments: &[(&str, &str)],
) -> Vec<Comment> {
    (1i64..)
        .zip(comments)
        .map(|(index, (author, body))| {
            let id = state.ids.next();
            Comment {
                id: id.to_string(),
                author: Some((*author).to_owned()),
                body: (*body).to_owned(),
                created_at: Some(seed_time(minute + index * 45)),
                web_url: format!("{parent_url}#comment-{id}"),
            }
        })
        .collect()
}
