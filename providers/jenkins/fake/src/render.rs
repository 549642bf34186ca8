//! Jenkins' JSON: folders, Pipeline jobs and their builds, queue items, each with its `_class`
//! and its absolute `url` ending in `/`, as Jenkins writes them.

use super::JenkinsData;
use super::paths::{
    JobRef, branch_job_name, branches_of, job_of, job_path, job_ref_path, pipeline_path,
    repository_path,
};
use mosaic_fake_kit::builds::{Build, Builds, Outcome, Stage};
use mosaic_provider_kit::rfc3339::unix_seconds;
use serde_json::{Value, json};

/// A folder (CloudBees Folders plugin).
pub const FOLDER: &str = "com.cloudbees.hudson.plugins.folder.Folder";
/// A Pipeline job.
pub const WORKFLOW_JOB: &str = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
/// A multibranch Pipeline project.
pub const MULTIBRANCH: &str =
    "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject";
/// A Pipeline job's build.
pub const WORKFLOW_RUN: &str = "org.jenkinsci.plugins.workflow.job.WorkflowRun";
/// The parameter every job here takes for the branch to build.
pub const BRANCH: &str = "BRANCH";
/// How many builds `builds` holds; `allBuilds` holds every one.
pub const RECENT_BUILDS: usize = 100;

/// Milliseconds since the epoch of an RFC 3339 time of the data.
pub fn millis(time: &str) -> i64 {
    unix_seconds(time).unwrap_or_default() * 1000
}

/// The root: the owners' folders.
pub fn root(base: &str, builds: &Builds) -> Value {
    let mut owners: Vec<&str> = builds
        .repositories
        .iter()
        .map(|repo| super::paths::owner_of(&repo.full_name))
        .collect();
    owners.dedup();
    let jobs: Vec<Value> = owners
        .iter()
        .map(|owner| entry(FOLDER, owner, &format!("{base}/{}/", job_path([*owner]))))
        .collect();
    json!({
        "_class": "hudson.model.Hudson",
        "mode": "NORMAL",
        "nodeDescription": "the Jenkins controller",
        "useCrumbs": true,
        "useSecurity": true,
        "jobs": jobs,
    })
}

/// An owner's folder: its repositories' folders.
pub fn owner_folder(base: &str, builds: &Builds, owner: &str) -> Value {
    let jobs: Vec<Value> = builds
        .repositories
        .iter()
        .filter(|repo| super::paths::owner_of(&repo.full_name) == owner)
        .map(|repo| {
            let name = repo.full_name.rsplit('/').next().unwrap_or_default();
            entry(
                FOLDER,
                name,
                &format!("{base}/{}/", repository_path(&repo.full_name)),
            )
        })
        .collect();
    folder(base, owner, owner, &job_path([owner]), jobs)
}

/// A repository's folder: its pipelines' jobs, or multibranch projects with their branch jobs.
pub fn repository_folder(base: &str, data: &JenkinsData, full_name: &str) -> Value {
    let builds = &data.builds;
    let jobs: Vec<Value> = builds
        .pipelines_of(full_name)
        .map(|pipeline| {
            let url = format!("{base}/{}/", pipeline_path(pipeline));
            if !data.multibranch.contains(&pipeline.id) {
                return entry(WORKFLOW_JOB, &pipeline.name, &url);
            }
            let mut project = entry(MULTIBRANCH, &pipeline.name, &url);
            project["jobs"] = Value::Array(branch_entries(base, builds, pipeline.id));
            project
        })
        .collect();
    let name = full_name.rsplit('/').next().unwrap_or_default();
    folder(base, name, full_name, &repository_path(full_name), jobs)
}

/// The branch jobs of a multibranch project.
fn branch_entries(base: &str, builds: &Builds, pipeline: u64) -> Vec<Value> {
    branches_of(builds, pipeline)
        .into_iter()
        .map(|branch| {
            let job = JobRef {
                pipeline,
                branch: Some(branch.clone()),
            };
            let url = format!("{base}/{}/", job_ref_path(builds, &job));
            entry(WORKFLOW_JOB, &branch_job_name(&branch), &url)
        })
        .collect()
}

fn folder(base: &str, name: &str, full_name: &str, path: &str, jobs: Vec<Value>) -> Value {
    json!({
        "_class": FOLDER,
        "name": name,
        "fullName": full_name,
        "displayName": name,
        "url": format!("{base}/{path}/"),
        "jobs": jobs,
    })
}

fn entry(class: &str, name: &str, url: &str) -> Value {
    json!({ "_class": class, "name": name, "url": url, "color": "blue" })
}

/// A job with its builds (newest first) in `window`, within the newest [`RECENT_BUILDS`]
/// unless `all`: a pipeline's job taking `BRANCH` and the pipeline's inputs, a multibranch
/// project (its branch jobs, no builds), or a branch job (that branch's builds, no parameters).
pub fn job(
    base: &str,
    data: &JenkinsData,
    job: &JobRef,
    window: (usize, Option<usize>),
    all: bool,
) -> Value {
    let builds = &data.builds;
    let Some(pipeline) = builds.pipeline(job.pipeline) else {
        return Value::Null;
    };
    let url = format!("{base}/{}/", job_ref_path(builds, job));
    let project = data.multibranch.contains(&pipeline.id);
    if project && job.branch.is_none() {
        return json!({
            "_class": MULTIBRANCH,
            "name": pipeline.name,
            "fullName": format!("{}/{}", pipeline.repo, pipeline.name),
            "url": url,
            "jobs": branch_entries(base, builds, pipeline.id),
        });
    }
    let started: Vec<&Build> = builds
        .builds
        .iter()
        .rev()
        .filter(|build| build.pipeline == pipeline.id && build.stage != Stage::Queued)
        .filter(|build| {
            job.branch
                .as_ref()
                .is_none_or(|branch| &build.git_ref == branch)
        })
        .take(if all { usize::MAX } else { RECENT_BUILDS })
        .collect();
    let (from, to) = window;
    let to = to.unwrap_or(started.len()).min(started.len());
    let shown: Vec<Value> = started
        .get(from.min(to)..to)
        .unwrap_or_default()
        .iter()
        .map(|build| self::build(base, data, build))
        .collect();
    let parameters: Vec<Value> = std::iter::once(BRANCH)
        .chain(pipeline.inputs.iter().map(String::as_str))
        .filter(|_| !project)
        .map(|name| {
            json!({
                "_class": "hudson.model.StringParameterDefinition",
                "name": name,
                "type": "StringParameterDefinition",
                "defaultParameterValue": {
                    "_class": "hudson.model.StringParameterValue",
                    "name": name,
                    "value": if name == BRANCH { "main" } else { "" },
                },
            })
        })
        .collect();
    let property = if parameters.is_empty() {
        json!([])
    } else {
        json!([{
            "_class": "hudson.model.ParametersDefinitionProperty",
            "parameterDefinitions": parameters,
        }])
    };
    let in_queue = builds
        .builds
        .iter()
        .any(|build| build.pipeline == pipeline.id && build.stage == Stage::Queued);
    let name = job
        .branch
        .as_deref()
        .map_or_else(|| pipeline.name.clone(), branch_job_name);
    let mut answer = json!({
        "_class": WORKFLOW_JOB,
        "name": name,
        "fullName": format!("{}/{}", pipeline.repo, pipeline.name),
        "displayName": job.branch.clone().unwrap_or_else(|| pipeline.name.clone()),
        "url": url,
        "buildable": true,
        "inQueue": in_queue,
        "nextBuildNumber": builds.builds.iter().filter(|build| build.pipeline == pipeline.id).count() + 1,
        "property": property,
    });
    answer[if all { "allBuilds" } else { "builds" }] = Value::Array(shown);
    answer
}

/// The URL of build `build`, below its job's (its branch job's, in a multibranch project).
pub fn build_url(base: &str, data: &JenkinsData, build: &Build) -> String {
    let path = job_ref_path(&data.builds, &job_of(data, build));
    format!("{base}/{path}/{}/", build.number)
}

/// A build (`WorkflowRun`): `building` until it ends, then its `result`; its parameters and
/// the revision the Git plugin checked out among its `actions`.
pub fn build(base: &str, data: &JenkinsData, build: &Build) -> Value {
    let result = match build.stage {
        Stage::Queued | Stage::Running(_) => Value::Null,
        Stage::Finished(Outcome::Success) => json!("SUCCESS"),
        Stage::Finished(Outcome::Failure) => json!("FAILURE"),
        Stage::Finished(Outcome::Cancelled) => json!("ABORTED"),
    };
    let started = millis(build.started_at.as_deref().unwrap_or(&build.created_at));
    let duration = build
        .finished_at
        .as_deref()
        .map_or(0, |finished| millis(finished) - started);
    let mut parameters = vec![json!({
        "_class": "hudson.model.StringParameterValue", "name": BRANCH, "value": build.git_ref,
    })];
    parameters.extend(build.inputs.iter().map(|(name, value)| {
        json!({"_class": "hudson.model.StringParameterValue", "name": name, "value": value})
    }));
    json!({
        "_class": WORKFLOW_RUN,
        "number": build.number,
        "id": build.number.to_string(),
        "displayName": format!("#{}", build.number),
        "url": build_url(base, data, build),
        "building": !build.is_finished(),
        "inProgress": !build.is_finished(),
        "result": result,
        "timestamp": started,
        "duration": duration,
        "estimatedDuration": 180_000,
        "actions": [
            {"_class": "hudson.model.CauseAction", "causes": [{
                "_class": "hudson.model.Cause$UserIdCause",
                "shortDescription": format!("Started by user {}", build.actor),
                "userId": build.actor,
            }]},
            {"_class": "hudson.model.ParametersAction", "parameters": parameters},
            {"_class": "hudson.plugins.git.util.BuildData", "lastBuiltRevision": {
                "SHA1": build.sha,
                "branch": [{"SHA1": build.sha, "name": format!("refs/remotes/origin/{}", build.git_ref)}],
            }},
        ],
    })
}

/// Build `build` as its queue item: waiting while queued, left with its `executable` once
/// started, left and `cancelled` when cancelled before it started.
pub fn queue_item(base: &str, data: &JenkinsData, build: &Build) -> Value {
    let builds = &data.builds;
    let task = builds.pipeline(build.pipeline).map_or(Value::Null, |pipeline| {
        let job = job_of(data, build);
        json!({
            "_class": WORKFLOW_JOB,
            "name": job.branch.as_deref().map_or_else(|| pipeline.name.clone(), branch_job_name),
            "url": format!("{base}/{}/", job_ref_path(builds, &job)),
        })
    });
    let params: String = std::iter::once((BRANCH, build.git_ref.as_str()))
        .chain(
            build
                .inputs
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
        .map(|(name, value)| format!("\n{name}={value}"))
        .collect();
    let common = json!({
        "id": build.id,
        "inQueueSince": millis(&build.created_at),
        "params": params,
        "task": task,
        "url": format!("queue/item/{}/", build.id),
    });
    let mut item = match build.stage {
        Stage::Queued => json!({
            "_class": "hudson.model.Queue$WaitingItem",
            "blocked": false,
            "buildable": true,
            "cancelled": false,
            "stuck": false,
            "why": "Waiting for next available executor",
        }),
        Stage::Finished(Outcome::Cancelled) if build.started_at.is_none() => json!({
            "_class": "hudson.model.Queue$LeftItem",
            "blocked": false,
            "buildable": false,
            "cancelled": true,
            "why": null,
            "executable": null,
        }),
        Stage::Running(_) | Stage::Finished(_) => json!({
            "_class": "hudson.model.Queue$LeftItem",
            "blocked": false,
            "buildable": false,
            "cancelled": false,
            "why": null,
            "executable": {
                "_class": WORKFLOW_RUN,
                "number": build.number,
                "url": build_url(base, data, build),
            },
        }),
    };
    if let (Some(item), Value::Object(common)) = (item.as_object_mut(), common) {
        item.extend(common);
    }
    item
}

/// The `{M,N}` range `tree` puts on `field` (`allBuilds[number]{0,30}`): from `M` (default 0)
/// to `N` (exclusive; default the end); the whole list when `tree` puts none.
pub fn range_of(tree: &str, field: &str) -> (usize, Option<usize>) {
    let Some(start) = tree.find(&format!("{field}[")) else {
        return (0, None);
    };
    let mut depth = 0usize;
    let mut close = None;
    for (index, character) in tree[start..].char_indices() {
        match character {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(start + index);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return (0, None);
    };
    let rest = &tree[close + 1..];
    let Some(inner) = rest
        .strip_prefix('{')
        .and_then(|rest| rest.split_once('}'))
        .map(|(inner, _)| inner)
    else {
        return (0, None);
    };
    match inner.split_once(',') {
        Some((from, to)) => (from.trim().parse().unwrap_or(0), to.trim().parse().ok()),
        None => {
            let at: usize = inner.trim().parse().unwrap_or(0);
            (at, Some(at + 1))
        }
    }
}
