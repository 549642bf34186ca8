//! Unified operations applied to the in-memory dataset, and the unified answers built from
//! it. Reads share the dataset's lock; writes take it exclusively, check everything first and
//! only then change the data, so a refused write leaves nothing behind.

mod ci;
mod git;
mod kb;
mod pm;
mod pulls;

use super::dataset::Dataset;
use mosaic_core::{Operation, Output, ProviderError};

/// Runs one operation against the dataset. One arm per catalog operation, no fallback: a new
/// operation does not compile until the simulator serves it.
pub(crate) fn execute(dataset: &Dataset, operation: &Operation) -> Result<Output, ProviderError> {
    use Operation as Op;
    match operation {
        Op::GitReposList(input) => {
            git::repos_list(&dataset.read(), input).map(Output::GitReposList)
        }
        Op::GitReposGet(input) => git::repos_get(&dataset.read(), input).map(Output::GitReposGet),
        Op::GitBranchesList(input) => {
            git::branches_list(&dataset.read(), input).map(Output::GitBranchesList)
        }
        Op::GitFilesGet(input) => git::files_get(&dataset.read(), input).map(Output::GitFilesGet),
        Op::GitCommitsList(input) => {
            git::commits_list(&dataset.read(), input).map(Output::GitCommitsList)
        }
        Op::GitIssuesList(input) => {
            git::issues_list(&dataset.read(), input).map(Output::GitIssuesList)
        }
        Op::GitIssuesGet(input) => {
            git::issues_get(&dataset.read(), input).map(Output::GitIssuesGet)
        }
        Op::GitIssuesCreate(input) => {
            git::issues_create(&mut dataset.write(), input).map(Output::GitIssuesCreate)
        }
        Op::GitIssuesUpdate(input) => {
            git::issues_update(&mut dataset.write(), input).map(Output::GitIssuesUpdate)
        }
        Op::GitIssuesComment(input) => {
            git::issues_comment(&mut dataset.write(), input).map(Output::GitIssuesComment)
        }
        Op::GitPullsList(input) => pulls::list(&dataset.read(), input).map(Output::GitPullsList),
        Op::GitPullsGet(input) => pulls::get(&dataset.read(), input).map(Output::GitPullsGet),
        Op::GitPullsCreate(input) => {
            pulls::create(&mut dataset.write(), input).map(Output::GitPullsCreate)
        }
        Op::GitPullsMerge(input) => {
            pulls::merge(&mut dataset.write(), input).map(Output::GitPullsMerge)
        }
        Op::GitPullsComment(input) => {
            pulls::comment(&mut dataset.write(), input).map(Output::GitPullsComment)
        }
        Op::CiPipelinesList(input) => {
            ci::pipelines_list(&dataset.read(), input).map(Output::CiPipelinesList)
        }
        Op::CiRunsList(input) => ci::runs_list(&dataset.read(), input).map(Output::CiRunsList),
        Op::CiRunsGet(input) => ci::runs_get(&dataset.read(), input).map(Output::CiRunsGet),
        Op::CiRunsTrigger(input) => {
            ci::runs_trigger(&mut dataset.write(), input).map(Output::CiRunsTrigger)
        }
        Op::CiRunsCancel(input) => {
            ci::runs_cancel(&mut dataset.write(), input).map(Output::CiRunsCancel)
        }
        Op::CiRunsLogs(input) => ci::runs_logs(&dataset.read(), input).map(Output::CiRunsLogs),
        Op::KbSpacesList(input) => {
            kb::spaces_list(&dataset.read(), input).map(Output::KbSpacesList)
        }
        Op::KbPagesSearch(input) => {
            kb::pages_search(&dataset.read(), input).map(Output::KbPagesSearch)
        }
        Op::KbPagesGet(input) => kb::pages_get(&dataset.read(), input).map(Output::KbPagesGet),
        Op::KbPagesCreate(input) => {
            kb::pages_create(&mut dataset.write(), input).map(Output::KbPagesCreate)
        }
        Op::KbPagesUpdate(input) => {
            kb::pages_update(&mut dataset.write(), input).map(Output::KbPagesUpdate)
        }
        Op::PmProjectsList(input) => {
            pm::projects_list(&dataset.read(), input).map(Output::PmProjectsList)
        }
        Op::PmIssuesSearch(input) => pm::search(&dataset.read(), input).map(Output::PmIssuesSearch),
        Op::PmIssuesGet(input) => pm::get(&dataset.read(), input).map(Output::PmIssuesGet),
        Op::PmIssuesCreate(input) => {
            pm::create(&mut dataset.write(), input).map(Output::PmIssuesCreate)
        }
        Op::PmIssuesUpdate(input) => {
            pm::update(&mut dataset.write(), input).map(Output::PmIssuesUpdate)
        }
        Op::PmIssuesTransition(input) => {
            pm::transition(&mut dataset.write(), input).map(Output::PmIssuesTransition)
        }
        Op::PmIssuesComment(input) => {
            pm::comment(&mut dataset.write(), input).map(Output::PmIssuesComment)
        }
    }
}

/// Whether `labels` carries every one of `wanted` (ignoring case, as forges do).
fn has_all_labels(labels: &[String], wanted: &[String]) -> bool {
    wanted
        .iter()
        .all(|want| labels.iter().any(|label| label.eq_ignore_ascii_case(want)))
}

/// Where `needle` occurs in `haystack`, ignoring ASCII case. Byte offsets stay those of the
/// original text, so an excerpt can be cut around the hit.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    let (hay, pin) = (haystack.as_bytes(), needle.as_bytes());
    (0..=hay.len() - pin.len())
        .find(|&start| hay[start..start + pin.len()].eq_ignore_ascii_case(pin))
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
