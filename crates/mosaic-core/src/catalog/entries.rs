//! The catalog table: every unified operation, its input and output types and its metadata.
//! Adding an operation means adding one line here and its input type in `input/`.

use super::define::define_catalog;
use super::spec::meta::{change, create, read};
use super::spec::{ArgumentError, CacheClass::*};
use crate::input::{ci::*, git::*, kb::*, pm::*};
use crate::kind::ServiceKind::*;
use crate::model::*;

define_catalog! {
    GitReposList "git.repos.list" ReposList => Page<Repo> =
        read(Git, Stable, "repos", "List repositories visible to the credentials, optionally of one owner.");
    GitReposGet "git.repos.get" RepoRef => Repo =
        read(Git, Stable, "repo", "Get one repository.");
    GitBranchesList "git.branches.list" BranchesList => Page<Branch> =
        read(Git, Standard, "branches", "List the branches of a repository.");
    GitFilesGet "git.files.get" FilesGet => FileContent =
        read(Git, Standard, "files", "Get a file's content at a ref (text decoded, binary as base64).");
    GitCommitsList "git.commits.list" CommitsList => Page<Commit> =
        read(Git, Standard, "commits", "List commits of a repository, optionally from a ref and touching a path.");
    GitIssuesList "git.issues.list" IssuesList => Page<Issue> =
        read(Git, Standard, "issues", "List issues of a repository, filtered by state and labels.");
    GitIssuesGet "git.issues.get" NumberRef => Issue =
        read(Git, Standard, "issues", "Get one issue by number.");
    GitIssuesCreate "git.issues.create" IssueCreate => Issue =
        create(Git, &["issues"], "Open an issue.");
    GitIssuesUpdate "git.issues.update" IssueUpdate => Issue =
        change(Git, &["issues"], "Change an issue's title, body, state, labels or assignees.");
    GitIssuesComment "git.issues.comment" CommentCreate => Comment =
        create(Git, &["issues"], "Comment on an issue.");
    GitPullsList "git.pulls.list" PullsList => Page<PullRequest> =
        read(Git, Standard, "pulls", "List pull requests (merge requests) of a repository.");
    GitPullsGet "git.pulls.get" NumberRef => PullRequest =
        read(Git, Standard, "pulls", "Get one pull request (merge request) by number.");
    GitPullsCreate "git.pulls.create" PullCreate => PullRequest =
        create(Git, &["pulls"], "Open a pull request (merge request) from a source to a target branch.");
    GitPullsMerge "git.pulls.merge" PullMerge => MergeResult =
        change(Git, &["pulls", "branches", "commits", "files"], "Merge a pull request (merge request).");
    GitPullsComment "git.pulls.comment" CommentCreate => Comment =
        create(Git, &["pulls"], "Comment on a pull request (merge request).");

    CiPipelinesList "ci.pipelines.list" PipelinesList => Page<Pipeline> =
        read(Ci, Stable, "pipelines", "List the pipelines (workflows, jobs) of a repository.");
    CiRunsList "ci.runs.list" RunsList => Page<Run> =
        read(Ci, Volatile, "runs", "List pipeline runs, filtered by pipeline, branch and status.");
    CiRunsGet "ci.runs.get" RunRef => Run =
        read(Ci, Volatile, "runs", "Get one run.");
    CiRunsTrigger "ci.runs.trigger" RunTrigger => Run =
        create(Ci, &["runs"], "Start a pipeline at a ref.");
    CiRunsCancel "ci.runs.cancel" RunRef => Run =
        change(Ci, &["runs"], "Cancel a queued or running run.");
    CiRunsLogs "ci.runs.logs" RunLogsGet => RunLogs =
        read(Ci, Volatile, "runs", "Get the log output of a run: its tail, or from an offset to follow it (next_offset, complete).");
    CiRunsWait "ci.runs.wait" RunWait => RunWaited =
        read(Ci, NoStore, "runs", "Wait until a run is finished or a timeout passes, reporting progress; cancelling the request stops the wait, not the run.");

    KbSpacesList "kb.spaces.list" SpacesList => Page<Space> =
        read(Kb, Stable, "spaces", "List knowledge-base spaces.");
    KbPagesSearch "kb.pages.search" PagesSearch => Page<PageSummary> =
        read(Kb, Standard, "pages", "Search pages by text, optionally inside one space.");
    KbPagesGet "kb.pages.get" PageRef => KbPage =
        read(Kb, Standard, "pages", "Get a page with its body as Markdown.");
    KbPagesCreate "kb.pages.create" PageCreate => KbPage =
        create(Kb, &["pages"], "Create a page from Markdown.");
    KbPagesUpdate "kb.pages.update" PageUpdate => KbPage =
        change(Kb, &["pages"], "Change a page's title or body, optionally only if still at a version.");

    PmProjectsList "pm.projects.list" ProjectsList => Page<Project> =
        read(Pm, Stable, "projects", "List projects (Jira projects, Linear teams, Plane projects).");
    PmIssuesSearch "pm.issues.search" IssuesSearch => Page<WorkItem> =
        read(Pm, Standard, "workitems", "Search work items by text, status category, assignee, labels, project and update time.");
    PmIssuesGet "pm.issues.get" WorkItemRef => WorkItem =
        read(Pm, Standard, "workitems", "Get one work item by key (PROJ-12).");
    PmIssuesCreate "pm.issues.create" WorkItemCreate => WorkItem =
        create(Pm, &["workitems"], "Create a work item in a project.");
    PmIssuesUpdate "pm.issues.update" WorkItemUpdate => WorkItem =
        change(Pm, &["workitems"], "Change a work item's title, description, labels, assignee or priority.");
    PmIssuesTransition "pm.issues.transition" WorkItemTransition => WorkItem =
        change(Pm, &["workitems"], "Move a work item to a status category or a named state.");
    PmIssuesComment "pm.issues.comment" WorkItemComment => Comment =
        create(Pm, &["workitems"], "Comment on a work item.");
}

/// Deserializes arguments, reporting the JSON path of the first field that does not fit.
pub(super) fn parse_input<T: serde::de::DeserializeOwned>(
    arguments: &serde_json::Value,
) -> Result<T, ArgumentError> {
    serde_path_to_error::deserialize(arguments).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        // serde reports a missing field at the parent's path; name the field itself.
        match message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) if path == "." => ArgumentError::new(field, "is required"),
            Some(field) => ArgumentError::new(format!("{path}.{field}"), "is required"),
            None => ArgumentError::new(path, message),
        }
    })
}
