//! `git.*` operations on repositories, branches, files, commits and issues.

use super::super::clock;
use super::super::dataset::{ACTOR, CommitData, IssueData, RepoData, State};
use super::super::encode;
use super::super::paging::Window;
use super::has_all_labels;
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    BranchesList, CommentCreate, CommitsList, FilesGet, IssueCreate, IssueUpdate, IssuesList,
    NumberRef, RepoRef, ReposList, StateFilter,
};
use mosaic_core::model::{
    Branch, Comment, Commit, FileContent, FileEncoding, Issue, IssueState, Page, Repo,
};

/// The repository called `name`.
pub(super) fn repo<'s>(state: &'s State, name: &str) -> Result<&'s RepoData, ProviderError> {
    state
        .git
        .get(name)
        .ok_or_else(|| ProviderError::NotFound(format!("repository `{name}`")))
}

/// The repository called `name`, to change.
pub(super) fn repo_mut<'s>(
    state: &'s mut State,
    name: &str,
) -> Result<&'s mut RepoData, ProviderError> {
    state
        .git
        .get_mut(name)
        .ok_or_else(|| ProviderError::NotFound(format!("repository `{name}`")))
}

pub(super) fn repos_list(state: &State, input: &ReposList) -> Result<Page<Repo>, ProviderError> {
    let window = Window::new(input.per_page, input.cursor.as_deref())?;
    let owner = input.owner.as_deref();
    let of_owner =
        |data: &&RepoData| owner.is_none_or(|owner| data.repo.owner.eq_ignore_ascii_case(owner));
    if let Some(owner) = owner
        && !state.git.values().any(|data| of_owner(&data))
    {
        return Err(ProviderError::NotFound(format!("owner `{owner}`")));
    }
    Ok(window.page(state.git.values().filter(of_owner), |data| {
        data.repo.clone()
    }))
}

pub(super) fn repos_get(state: &State, input: &RepoRef) -> Result<Repo, ProviderError> {
    Ok(repo(state, &input.repo)?.repo.clone())
}

pub(super) fn branches_list(
    state: &State,
    input: &BranchesList,
) -> Result<Page<Branch>, ProviderError> {
    let window = Window::new(input.per_page, input.cursor.as_deref())?;
    Ok(window.page(repo(state, &input.repo)?.branches.iter(), Branch::clone))
}

/// A ref resolved to where its history starts: a branch tip, or one commit.
enum Start<'r> {
    Branch(&'r str),
    Commit(usize),
}

/// Resolves a branch name or (abbreviated, at least 7 digits) commit SHA; the default branch
/// when no ref is given.
fn resolve<'r>(data: &'r RepoData, git_ref: Option<&'r str>) -> Result<Start<'r>, ProviderError> {
    let Some(git_ref) = git_ref else {
        return Ok(Start::Branch(&data.repo.default_branch));
    };
    if data.branches.iter().any(|branch| branch.name == git_ref) {
        return Ok(Start::Branch(git_ref));
    }
    let looks_like_sha = git_ref.len() >= 7 && git_ref.bytes().all(|b| b.is_ascii_hexdigit());
    let prefix = git_ref.to_ascii_lowercase();
    let commit = looks_like_sha
        .then(|| {
            data.commits
                .iter()
                .position(|c| c.commit.sha.starts_with(&prefix))
        })
        .flatten();
    commit.map(Start::Commit).ok_or_else(|| {
        ProviderError::NotFound(format!(
            "ref `{git_ref}` in {}: no branch or commit by that name",
            data.repo.full_name
        ))
    })
}

/// The SHA a ref points at, for runs triggered on it.
pub(super) fn resolve_sha(data: &RepoData, git_ref: &str) -> Result<String, ProviderError> {
    Ok(match resolve(data, Some(git_ref))? {
        Start::Commit(index) => data.commits[index].commit.sha.clone(),
        Start::Branch(name) => data
            .branches
            .iter()
            .find(|branch| branch.name == name)
            .map(|branch| branch.commit_sha.clone())
            .unwrap_or_default(),
    })
}

/// The commits reachable from a start, newest first: a branch's own commits and those of the
/// default branch it grew from.
fn history<'r>(data: &'r RepoData, start: Start<'r>) -> impl Iterator<Item = &'r CommitData> {
    let default = data.repo.default_branch.as_str();
    let (skip, branch) = match start {
        Start::Branch(branch) => (0, branch),
        Start::Commit(index) => (index, data.commits[index].branch.as_str()),
    };
    data.commits
        .iter()
        .skip(skip)
        .filter(move |c| c.branch == branch || c.branch == default)
}

pub(super) fn files_get(state: &State, input: &FilesGet) -> Result<FileContent, ProviderError> {
    let data = repo(state, &input.repo)?;
    let git_ref = input
        .git_ref
        .clone()
        .unwrap_or_else(|| data.repo.default_branch.clone());
    resolve(data, Some(&git_ref))?;
    let path = input.path.trim_start_matches('/');
    let Some(bytes) = data.files.get(path) else {
        return Err(ProviderError::NotFound(format!(
            "file `{path}` at `{git_ref}` in {}",
            input.repo
        )));
    };
    let (encoding, content) = match std::str::from_utf8(bytes) {
        Ok(text) => (FileEncoding::Utf8, text.to_owned()),
        Err(_) => (FileEncoding::Base64, encode::base64(bytes)),
    };
    Ok(FileContent {
        web_url: format!("{}/blob/{git_ref}/{path}", data.repo.web_url),
        path: path.to_owned(),
        sha: encode::sha(bytes),
        size: bytes.len() as u64,
        git_ref,
        encoding,
        content,
    })
}

pub(super) fn commits_list(
    state: &State,
    input: &CommitsList,
) -> Result<Page<Commit>, ProviderError> {
    let window = Window::new(input.per_page, input.cursor.as_deref())?;
    let data = repo(state, &input.repo)?;
    let start = resolve(data, input.git_ref.as_deref())?;
    let path = input
        .path
        .as_deref()
        .map(|path| path.trim_start_matches('/'));
    let touches = |c: &&CommitData| {
        path.is_none_or(|path| {
            c.paths
                .iter()
                .any(|touched| touched == path || touched.starts_with(&format!("{path}/")))
        })
    };
    Ok(window.page(history(data, start).filter(touches), |c| c.commit.clone()))
}

pub(super) fn issues_list(state: &State, input: &IssuesList) -> Result<Page<Issue>, ProviderError> {
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
}

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

pub(super) fn issues_get(state: &State, input: &NumberRef) -> Result<Issue, ProviderError> {
    let data = repo(state, &input.repo)?;
    data.issues
        .iter()
        .find(|entry| entry.issue.number == input.number)
        .map(|entry| entry.issue.clone())
        .ok_or_else(|| no_issue(data, input.number))
}

pub(super) fn issues_create(
    state: &mut State,
    input: &IssueCreate,
) -> Result<Issue, ProviderError> {
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
}

pub(super) fn issues_update(
    state: &mut State,
    input: &IssueUpdate,
) -> Result<Issue, ProviderError> {
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
}

pub(super) fn issues_comment(
    state: &mut State,
    input: &CommentCreate,
) -> Result<Comment, ProviderError> {
    let id = state.ids.next();
    let entry = find_issue(repo_mut(state, &input.repo)?, input.number)?;
    let comment = new_comment(id, &entry.issue.web_url, &input.body);
    entry.issue.comments += 1;
    entry.issue.updated_at = comment.created_at.clone();
    entry.comments.push(comment.clone());
    Ok(comment)
}

/// A comment by the simulated credentials' user, made now.
pub(super) fn new_comment(id: u64, parent_url: &str, body: &str) -> Comment {
    Comment {
        id: id.to_string(),
        author: Some(ACTOR.to_owned()),
        body: body.to_owned(),
        created_at: Some(clock::now()),
        web_url: format!("{parent_url}#comment-{id}"),
    }
}
