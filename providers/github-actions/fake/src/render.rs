//! The CI data in GitHub Actions' JSON: workflows, workflow runs and their jobs.

use super::WEB_ROOT;
use mosaic_fake_kit::builds::{Build, Builds, Outcome, Pipeline, Stage};
use serde_json::{Value, json};

/// How many job ids a run has room for: job `n` (from 1) of run `id` is `id × 1000 + n`.
pub const JOBS_PER_RUN: u64 = 1000;

/// The workflow's file name, from the seed's definition file (`.ci/ci.yml` is `ci.yml`).
pub fn file_name(pipeline: &Pipeline) -> &str {
    pipeline.path.rsplit('/').next().unwrap_or(&pipeline.path)
}

fn workflow_path(pipeline: &Pipeline) -> String {
    format!(".github/workflows/{}", file_name(pipeline))
}

/// A workflow.
pub fn workflow(api: &str, pipeline: &Pipeline) -> Value {
    let repo = &pipeline.repo;
    let path = workflow_path(pipeline);
    json!({
        "id": pipeline.id,
        "node_id": format!("W_kwDO{:08}", pipeline.id),
        "name": pipeline.name,
        "path": path,
        "state": "active",
        "created_at": "2026-01-05T09:00:00Z",
        "updated_at": "2026-01-05T09:00:00Z",
        "url": format!("{api}/repos/{repo}/actions/workflows/{}", pipeline.id),
        "html_url": format!("{WEB_ROOT}/{repo}/blob/main/{path}"),
        "badge_url": format!("{WEB_ROOT}/{repo}/workflows/{}/badge.svg", pipeline.name),
    })
}

/// GitHub's `status` and `conclusion` of a run at `stage`.
fn status_of(stage: Stage) -> (&'static str, Option<&'static str>) {
    match stage {
        Stage::Queued => ("queued", None),
        Stage::Running(_) => ("in_progress", None),
        Stage::Finished(outcome) => ("completed", Some(conclusion(outcome))),
    }
}

fn conclusion(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Success => "success",
        Outcome::Failure => "failure",
        Outcome::Cancelled => "cancelled",
    }
}

/// Whether a run matches GitHub's `status` filter, which takes a status or a conclusion.
pub fn has_status(build: &Build, wanted: &str) -> bool {
    let (status, conclusion) = status_of(build.stage);
    status == wanted || conclusion == Some(wanted)
}

/// A workflow run.
pub fn run(api: &str, builds: &Builds, build: &Build) -> Value {
    let repo = &build.repo;
    let (status, conclusion) = status_of(build.stage);
    let pipeline = builds.pipeline(build.pipeline);
    let name = pipeline.map_or("", |pipeline| pipeline.name.as_str());
    let path = pipeline.map(workflow_path).unwrap_or_default();
    let runs = format!("{api}/repos/{repo}/actions/runs/{}", build.id);
    let repository = builds.repository(repo).map(|found| {
        json!({
            "id": found.id,
            "name": repo.rsplit('/').next().unwrap_or(repo),
            "full_name": found.full_name,
            "private": !found.public,
        })
    });
    let actor = json!({"login": build.actor, "id": 1, "type": "User"});
    json!({
        "id": build.id,
        "name": name,
        "node_id": format!("WFR_kwLO{:08}", build.id),
        "head_branch": build.git_ref,
        "head_sha": build.sha,
        "path": path,
        "display_title": name,
        "run_number": build.number,
        "run_attempt": 1,
        "event": build.event,
        "status": status,
        "conclusion": conclusion,
        "workflow_id": build.pipeline,
        "url": runs,
        "html_url": format!("{WEB_ROOT}/{repo}/actions/runs/{}", build.id),
        "created_at": build.created_at,
        "updated_at": build.updated_at,
        "run_started_at": build.started_at.as_ref().unwrap_or(&build.created_at),
        "jobs_url": format!("{runs}/jobs"),
        "logs_url": format!("{runs}/logs"),
        "cancel_url": format!("{runs}/cancel"),
        "rerun_url": format!("{runs}/rerun"),
        "workflow_url": format!("{api}/repos/{repo}/actions/workflows/{}", build.pipeline),
        "actor": actor,
        "triggering_actor": actor,
        "repository": repository,
        "head_repository": repository,
    })
}

/// The jobs of a run, one per step, in order.
pub fn jobs(api: &str, build: &Build) -> Vec<Value> {
    let started = build.started_steps().len();
    let repo = &build.repo;
    build
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let id = build.id * JOBS_PER_RUN + index as u64 + 1;
            let (status, conclusion) = match build.stage {
                Stage::Finished(Outcome::Failure) if index + 1 < build.steps.len() => {
                    ("completed", Some("success"))
                }
                Stage::Finished(outcome) => ("completed", Some(conclusion(outcome))),
                Stage::Running(now) if index < now => ("completed", Some("success")),
                Stage::Running(now) if index == now => ("in_progress", None),
                Stage::Running(_) | Stage::Queued => ("queued", None),
            };
            json!({
                "id": id,
                "run_id": build.id,
                "run_url": format!("{api}/repos/{repo}/actions/runs/{}", build.id),
                "name": step.name,
                "status": status,
                "conclusion": conclusion,
                "started_at": (index < started).then(|| build.started_at.clone()),
                "completed_at": (status == "completed").then(|| build.updated_at.clone()),
                "head_sha": build.sha,
                "head_branch": build.git_ref,
                "html_url": format!("{WEB_ROOT}/{repo}/actions/runs/{}/job/{id}", build.id),
                "labels": ["ubuntu-latest"],
                "run_attempt": 1,
                "steps": [],
            })
        })
        .collect()
}
