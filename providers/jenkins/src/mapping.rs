//! Jenkins' JSON and the unified model: items of a folder as pipelines (a multibranch
//! project's branches among them), builds and queue items as runs, and the `tree=` that
//! bounds each read to what is mapped.

use super::ids::{BuildRef, RunId};
use mosaic_core::ProviderError;
use mosaic_core::model::{Pipeline, Run, RunStatus};
use mosaic_provider_kit::rfc3339::civil_from_days;
use serde::Deserialize;
use serde_json::Value;

/// The fields of an item in a folder, and of a multibranch project's branches, at most 1000
/// of each.
pub const ITEMS_TREE: &str = "jobs[_class,name,url,jobs[_class,name,url]{0,1000}]{0,1000}";

/// The fields of a build that are mapped.
pub const BUILD_FIELDS: &str = "_class,number,url,building,result,timestamp,duration,actions[_class,parameters[name,value],lastBuiltRevision[SHA1,branch[name]]]";

/// The fields of a queue item that are mapped.
pub const QUEUE_FIELDS: &str =
    "_class,id,why,cancelled,inQueueSince,params,task[name,url],executable[number,url]";

/// A job's parameters, as a trigger reads them.
pub const DEFINITION_TREE: &str = "_class,name,url,buildable,property[parameterDefinitions[name]]";

/// An item of a folder: a job, a folder, or a multibranch project (whose `jobs` are its
/// branches).
#[derive(Clone, Debug, Deserialize)]
pub struct JenkinsItem {
    /// Its Java class.
    #[serde(rename = "_class", default)]
    pub class: String,
    /// Its name.
    pub name: String,
    /// Its absolute URL.
    pub url: String,
    /// The items inside, for folders and multibranch projects.
    #[serde(default)]
    pub jobs: Option<Vec<JenkinsItem>>,
}

/// A folder's (or the root's) items.
#[derive(Clone, Debug, Deserialize)]
pub struct JenkinsFolder {
    /// Its items; a job that is no folder has none.
    #[serde(default)]
    pub jobs: Option<Vec<JenkinsItem>>,
}

impl JenkinsItem {
    /// Whether it is a multibranch project (or an organization folder's repository), whose
    /// items are branch jobs.
    pub fn is_multibranch(&self) -> bool {
        self.class.contains("MultiBranchProject")
    }

    /// Whether it holds items without building anything itself: a folder.
    pub fn is_folder(&self) -> bool {
        self.jobs.is_some() && !self.is_multibranch()
    }
}

/// The pipelines among a repository folder's `items`: its jobs, and a multibranch project's
/// branch jobs (named `project/branch`) in its place; plain folders inside are left out.
pub fn pipelines_of(
    items: &[JenkinsItem],
    repo: &str,
    path_of: impl Fn(&str) -> Result<String, ProviderError>,
) -> Result<Vec<Pipeline>, ProviderError> {
    let mut pipelines = Vec::new();
    for item in items {
        if item.is_multibranch() {
            for branch in item.jobs.as_deref().unwrap_or_default() {
                pipelines.push(Pipeline {
                    id: path_of(&branch.url)?,
                    name: format!("{}/{}", item.name, branch.name),
                    repo: repo.to_owned(),
                    path: None,
                    web_url: branch.url.clone(),
                });
            }
        } else if !item.is_folder() {
            pipelines.push(Pipeline {
                id: path_of(&item.url)?,
                name: item.name.clone(),
                repo: repo.to_owned(),
                path: None,
                web_url: item.url.clone(),
            });
        }
    }
    Ok(pipelines)
}

/// A build.
#[derive(Clone, Debug, Deserialize)]
pub struct JenkinsBuild {
    /// Its Java class (`…WorkflowRun` for Pipeline builds).
    #[serde(rename = "_class", default)]
    pub class: String,
    /// Its number in its job.
    pub number: u64,
    /// Its page.
    pub url: String,
    /// Whether it is running.
    #[serde(default)]
    pub building: bool,
    /// How it ended: `SUCCESS`, `UNSTABLE`, `FAILURE`, `NOT_BUILT`, `ABORTED`; none while it
    /// runs.
    #[serde(default)]
    pub result: Option<String>,
    /// When it started, in milliseconds since the epoch.
    #[serde(default)]
    pub timestamp: i64,
    /// How long it took, in milliseconds (0 while it runs).
    #[serde(default)]
    pub duration: i64,
    /// Its actions; the parameters and the Git revision are read from them.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// One action of a build (an empty object for those `tree` selects nothing of).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Action {
    /// A `ParametersAction`'s parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// A Git `BuildData`'s revision.
    #[serde(rename = "lastBuiltRevision", default)]
    pub last_built_revision: Option<Revision>,
}

/// A parameter's value.
#[derive(Clone, Debug, Deserialize)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// Its value: a text for string parameters, other JSON for others.
    #[serde(default)]
    pub value: Value,
}

/// The revision the Git plugin checked out.
#[derive(Clone, Debug, Deserialize)]
pub struct Revision {
    /// The commit.
    #[serde(rename = "SHA1")]
    pub sha1: String,
    /// The branches it was checked out as.
    #[serde(default)]
    pub branch: Vec<Branch>,
}

/// A branch of a revision (`refs/remotes/origin/main`).
#[derive(Clone, Debug, Deserialize)]
pub struct Branch {
    /// Its name.
    pub name: String,
}

/// A job with its builds, as a list of runs reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct JenkinsJob {
    /// Its Java class.
    #[serde(rename = "_class", default)]
    pub class: String,
    /// Its page.
    #[serde(default)]
    pub url: String,
    /// Its builds in the range asked for, newest first.
    #[serde(rename = "allBuilds", default)]
    pub all_builds: Vec<JenkinsBuild>,
    /// Its properties; a `ParametersDefinitionProperty` lists its parameters.
    #[serde(default)]
    pub property: Vec<Property>,
}

/// A job property.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Property {
    /// The parameters it defines, for a `ParametersDefinitionProperty`.
    #[serde(rename = "parameterDefinitions", default)]
    pub parameter_definitions: Vec<ParameterDefinition>,
}

/// A parameter a job defines.
#[derive(Clone, Debug, Deserialize)]
pub struct ParameterDefinition {
    /// Its name.
    pub name: String,
}

impl JenkinsJob {
    /// The names of the parameters it takes.
    pub fn parameters(&self) -> Vec<String> {
        self.property
            .iter()
            .flat_map(|property| &property.parameter_definitions)
            .map(|definition| definition.name.clone())
            .collect()
    }
}

/// A queue item: waiting (`why`), or left the queue as a build (`executable`) or cancelled.
#[derive(Clone, Debug, Deserialize)]
pub struct QueueItem {
    /// Its id.
    pub id: u64,
    /// Why it is waiting.
    #[serde(default)]
    pub why: Option<String>,
    /// Whether it was cancelled before it started.
    #[serde(default)]
    pub cancelled: bool,
    /// When it was queued, in milliseconds since the epoch.
    #[serde(rename = "inQueueSince", default)]
    pub in_queue_since: i64,
    /// Its parameters, one `\nNAME=VALUE` each.
    #[serde(default)]
    pub params: Option<String>,
    /// The job it builds.
    #[serde(default)]
    pub task: Option<Task>,
    /// The build it became.
    #[serde(default)]
    pub executable: Option<Executable>,
}

/// The job of a queue item.
#[derive(Clone, Debug, Deserialize)]
pub struct Task {
    /// Its URL.
    #[serde(default)]
    pub url: String,
}

/// The build a queue item became.
#[derive(Clone, Debug, Deserialize)]
pub struct Executable {
    /// Its number.
    pub number: u64,
}

/// The queue's items.
#[derive(Clone, Debug, Deserialize)]
pub struct JenkinsQueue {
    /// Every waiting item.
    #[serde(default)]
    pub items: Vec<QueueItem>,
}

/// A build's status: running until it has a result.
pub fn status_of(build: &JenkinsBuild) -> Result<RunStatus, ProviderError> {
    if build.building {
        return Ok(RunStatus::Running);
    }
    match build.result.as_deref() {
        // Between its start and its first step a build has neither.
        None => Ok(RunStatus::Running),
        Some("SUCCESS") => Ok(RunStatus::Success),
        Some("FAILURE" | "UNSTABLE") => Ok(RunStatus::Failure),
        Some("ABORTED") => Ok(RunStatus::Cancelled),
        Some("NOT_BUILT") => Ok(RunStatus::Skipped),
        Some(other) => Err(ProviderError::Protocol(format!(
            "build {} has the result `{other}`, which Jenkins does not define",
            build.url
        ))),
    }
}

/// A branch as the Git plugin names it, without the remote (`refs/remotes/origin/main` →
/// `main`).
fn short_branch(name: &str) -> String {
    let name = name
        .strip_prefix("refs/remotes/")
        .map(|rest| rest.split_once('/').map_or(rest, |(_, branch)| branch))
        .or_else(|| name.strip_prefix("refs/heads/"))
        .or_else(|| name.strip_prefix("origin/"))
        .unwrap_or(name);
    name.to_owned()
}

/// Build `build` of job `job` as a run: its ref from the `branch_parameter` parameter, else
/// from the Git revision it checked out.
pub fn run_of(
    job: &str,
    build: &JenkinsBuild,
    branch_parameter: &str,
) -> Result<Run, ProviderError> {
    let parameter = build
        .actions
        .iter()
        .flat_map(|action| &action.parameters)
        .find(|parameter| parameter.name == branch_parameter)
        .and_then(|parameter| parameter.value.as_str().map(str::to_owned));
    let revision = build
        .actions
        .iter()
        .find_map(|action| action.last_built_revision.as_ref());
    let git_ref = parameter
        .or_else(|| {
            revision
                .and_then(|revision| revision.branch.first())
                .map(|branch| short_branch(&branch.name))
        })
        .unwrap_or_default();
    let status = status_of(build)?;
    let finished_at = status
        .is_finished()
        .then(|| rfc3339(build.timestamp.saturating_add(build.duration)));
    Ok(Run {
        id: RunId {
            job: job.to_owned(),
            build: BuildRef::Number(build.number),
        }
        .to_string(),
        number: Some(build.number),
        pipeline_id: job.to_owned(),
        status,
        git_ref,
        commit_sha: revision.map(|revision| revision.sha1.clone()),
        created_at: (build.timestamp > 0).then(|| rfc3339(build.timestamp)),
        finished_at,
        current_step: None,
        web_url: build.url.clone(),
    })
}

/// A queue item of job `job` as a run not started yet: queued with the queue's reason as its
/// step, or cancelled.
pub fn queued_run(job: &str, item: &QueueItem, branch_parameter: &str, web_url: &str) -> Run {
    let git_ref = item
        .params
        .as_deref()
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{branch_parameter}=")))
        .unwrap_or_default()
        .to_owned();
    let status = if item.cancelled {
        RunStatus::Cancelled
    } else {
        RunStatus::Queued
    };
    Run {
        id: RunId {
            job: job.to_owned(),
            build: BuildRef::Queued(item.id),
        }
        .to_string(),
        number: None,
        pipeline_id: job.to_owned(),
        status,
        git_ref,
        commit_sha: None,
        created_at: (item.in_queue_since > 0).then(|| rfc3339(item.in_queue_since)),
        finished_at: None,
        current_step: item.why.clone().filter(|_| !item.cancelled),
        web_url: web_url.to_owned(),
    }
}

/// Milliseconds since the epoch as RFC 3339 in UTC, to the second.
pub fn rfc3339(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
