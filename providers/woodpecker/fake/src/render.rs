//! The seed's data in Woodpecker's JSON: repositories, pipelines with their workflows and
//! steps, and log lines (`server/model/{repo,pipeline,workflow,step,log}.go`).
//!
//! A build is a Woodpecker pipeline numbered per repository; its pipeline definition is the
//! one workflow inside it (`ci`, `deploy`), whose children are the build's steps. Ids that
//! Woodpecker keeps for workflows and steps are derived from the build's: the workflow's is
//! `build id × 10`, its steps' `build id × 10 + 1, 2, …`; positions (`pid`) count from 1 for
//! the workflow, its steps following it, as Woodpecker numbers them.

use base64::Engine;
use mosaic_fake_kit::builds::{Build, Builds, Outcome, Repository, Stage};
use mosaic_provider_kit::rfc3339::unix_seconds;
use serde_json::{Value, json};

/// A repository as `GET /repos/lookup/…` answers it.
pub fn repo(repository: &Repository) -> Value {
    let (owner, name) = repository
        .full_name
        .split_once('/')
        .unwrap_or(("", repository.full_name.as_str()));
    json!({
        "id": repository.id,
        "forge_id": 1,
        "forge_remote_id": repository.id.to_string(),
        "org_id": 1,
        "owner": owner,
        "name": name,
        "full_name": repository.full_name,
        "avatar_url": "",
        "forge_url": format!("https://forge.example.com/{}", repository.full_name),
        "clone_url": format!("https://forge.example.com/{}.git", repository.full_name),
        "default_branch": repository.default_branch,
        "private": !repository.public,
        "visibility": if repository.public { "public" } else { "private" },
        "active": true,
        "config_file": "",
        "timeout": 60,
        "allow_pr": true,
        "allow_deploy": false,
    })
}

/// The number of `build` in its repository: its place among the repository's builds in
/// creation order, from 1.
pub fn number_of(builds: &Builds, build: &Build) -> u64 {
    builds
        .builds
        .iter()
        .filter(|other| other.repo.eq_ignore_ascii_case(&build.repo))
        .position(|other| other.id == build.id)
        .map_or(0, |index| index as u64 + 1)
}

/// The build numbered `number` in repository `repo`.
pub fn numbered<'a>(builds: &'a Builds, repo: &str, number: u64) -> Option<&'a Build> {
    let index = usize::try_from(number.checked_sub(1)?).ok()?;
    builds
        .builds
        .iter()
        .filter(|build| build.repo.eq_ignore_ascii_case(repo))
        .nth(index)
}

/// A pipeline as the list answers it (no workflows) or, with `workflows`, as reading one does.
pub fn pipeline(builds: &Builds, build: &Build, workflows: bool) -> Value {
    let event = match build.event.as_str() {
        "push" => "push",
        _ => "manual",
    };
    let mut value = json!({
        "id": build.id,
        "number": number_of(builds, build),
        "parent": 0,
        "event": event,
        "status": pipeline_status(build),
        "errors": null,
        "created": unix(&build.created_at),
        "updated": unix(&build.updated_at),
        "started": build.started_at.as_deref().map_or(0, unix),
        "finished": build.finished_at.as_deref().map_or(0, unix),
        "deploy_to": "",
        "commit": build.sha,
        "branch": build.git_ref,
        "ref": format!("refs/heads/{}", build.git_ref),
        "refspec": "",
        "message": format!("{} @ {}", event, build.git_ref),
        "timestamp": unix(&build.created_at),
        "sender": build.actor,
        "author": build.actor,
        "author_avatar": "",
        "author_email": format!("{}@example.com", build.actor),
        "forge_url": format!("https://forge.example.com/{}/commit/{}", build.repo, build.sha),
        "reviewed_by": "",
        "reviewed": 0,
        "variables": build.inputs,
    });
    if workflows {
        value["workflows"] = json!([workflow(builds, build)]);
    }
    value
}

/// The one workflow of `build`: its pipeline definition, with its steps as children.
fn workflow(builds: &Builds, build: &Build) -> Value {
    let name = builds
        .pipeline(build.pipeline)
        .map_or("woodpecker", |pipeline| pipeline.name.as_str());
    let children: Vec<Value> = build
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            json!({
                "id": step_id(build, index),
                "uuid": format!("{:08x}-step-{index}", build.id),
                "pipeline_id": build.id,
                "pid": index + 2,
                "ppid": 1,
                "name": step.name,
                "state": step_state(build, index),
                "exit_code": i32::from(step_state(build, index) == "failure"),
                "started": if step_started(build, index) { build.started_at.as_deref().map_or(0, unix) } else { 0 },
                "finished": if build.is_finished() { build.finished_at.as_deref().map_or(0, unix) } else { 0 },
                "type": "commands",
            })
        })
        .collect();
    json!({
        "id": build.id * 10,
        "pipeline_id": build.id,
        "pid": 1,
        "name": name,
        "state": pipeline_status(build),
        "environ": {},
        "started": build.started_at.as_deref().map_or(0, unix),
        "finished": build.finished_at.as_deref().map_or(0, unix),
        "agent_id": 1,
        "platform": "linux/amd64",
        "children": children,
    })
}

/// The id of step `index` of `build`.
pub fn step_id(build: &Build, index: usize) -> u64 {
    build.id * 10 + index as u64 + 1
}

/// The step of `build` whose id is `id`, by index.
pub fn step_index(build: &Build, id: u64) -> Option<usize> {
    (0..build.steps.len()).find(|index| step_id(build, *index) == id)
}

/// Whether step `index` has started, so that its lines are logged: as
/// [`Build::started_steps`] says (every step of a finished build).
pub fn step_started(build: &Build, index: usize) -> bool {
    index < build.started_steps().len()
}

/// Woodpecker's `StatusValue` of a pipeline.
fn pipeline_status(build: &Build) -> &'static str {
    match build.stage {
        Stage::Queued => "pending",
        Stage::Running(_) => "running",
        Stage::Finished(Outcome::Success) => "success",
        Stage::Finished(Outcome::Failure) => "failure",
        Stage::Finished(Outcome::Cancelled) => "killed",
    }
}

/// Woodpecker's `StatusValue` of step `index`: a failed build fails its last step.
fn step_state(build: &Build, index: usize) -> &'static str {
    let last = build.steps.len().saturating_sub(1);
    match build.stage {
        Stage::Queued => "pending",
        Stage::Running(running) if index < running => "success",
        Stage::Running(running) if index == running => "running",
        Stage::Running(_) => "pending",
        Stage::Finished(Outcome::Success) => "success",
        Stage::Finished(Outcome::Failure) if index == last => "failure",
        Stage::Finished(Outcome::Failure) => "success",
        Stage::Finished(Outcome::Cancelled) => "killed",
    }
}

/// The log lines of step `index` of `build` (none before it starts), each line's `data`
/// base64 as Go encodes a `[]byte`.
pub fn log_lines(build: &Build, index: usize) -> Value {
    if !step_started(build, index) {
        return json!([]);
    }
    let id = step_id(build, index);
    let lines: Vec<Value> = build.steps[index]
        .lines
        .iter()
        .enumerate()
        .map(|(line, text)| {
            json!({
                "id": id * 100 + line as u64,
                "step_id": id,
                "time": line,
                "line": line,
                "data": base64::engine::general_purpose::STANDARD.encode(text),
                "type": 0,
            })
        })
        .collect();
    Value::Array(lines)
}

/// Unix seconds of one of the seed's RFC 3339 times (which always read).
fn unix(text: &str) -> i64 {
    unix_seconds(text).unwrap_or(0)
}
