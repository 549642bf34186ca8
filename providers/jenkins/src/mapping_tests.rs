//! Jenkins' JSON as pipelines and runs: folders skipped, multibranch branches listed, results
//! and refs read, queue items as queued runs.

use super::*;
use serde_json::json;

fn path_of(url: &str) -> Result<String, ProviderError> {
    Ok(url
        .trim_start_matches("https://ci/")
        .trim_end_matches('/')
        .to_owned())
}

#[test]
fn a_folder_lists_its_jobs_and_multibranch_branches_but_not_subfolders() {
    let folder: JenkinsFolder = serde_json::from_value(json!({"jobs": [
        {"_class": "org.jenkinsci.plugins.workflow.job.WorkflowJob", "name": "ci", "url": "https://ci/job/a/job/ci/"},
        {"_class": "com.cloudbees.hudson.plugins.folder.Folder", "name": "old", "url": "https://ci/job/a/job/old/", "jobs": []},
        {"_class": "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject", "name": "app",
         "url": "https://ci/job/a/job/app/", "jobs": [
            {"_class": "org.jenkinsci.plugins.workflow.job.WorkflowJob", "name": "feature%2Fx", "url": "https://ci/job/a/job/app/job/feature%252Fx/"}
        ]}
    ]}))
    .unwrap();
    let pipelines = pipelines_of(folder.jobs.as_deref().unwrap(), "acme/a", path_of).unwrap();
    let ids: Vec<&str> = pipelines
        .iter()
        .map(|pipeline| pipeline.id.as_str())
        .collect();
    assert_eq!(ids, ["job/a/job/ci", "job/a/job/app/job/feature%252Fx"]);
    assert_eq!(pipelines[1].name, "app/feature%2Fx");
    assert_eq!(pipelines[0].web_url, "https://ci/job/a/job/ci/");
}

fn build(value: serde_json::Value) -> JenkinsBuild {
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_build_reads_its_status_ref_commit_and_times() {
    let finished = build(json!({
        "_class": "org.jenkinsci.plugins.workflow.job.WorkflowRun", "number": 7,
        "url": "https://ci/job/a/job/ci/7/", "building": false, "result": "UNSTABLE",
        "timestamp": 1_764_000_000_000_i64, "duration": 90_000,
        "actions": [{}, {"_class": "hudson.plugins.git.util.BuildData", "lastBuiltRevision":
            {"SHA1": "abc123", "branch": [{"SHA1": "abc123", "name": "refs/remotes/origin/release/1.2"}]}}]
    }));
    let run = run_of("job/a/job/ci", &finished, "BRANCH").unwrap();
    assert_eq!(run.id, "job/a/job/ci#7");
    assert_eq!(run.status, RunStatus::Failure);
    assert_eq!(run.git_ref, "release/1.2");
    assert_eq!(run.commit_sha.as_deref(), Some("abc123"));
    assert_eq!(run.created_at.as_deref(), Some("2025-11-24T16:00:00Z"));
    assert_eq!(run.finished_at.as_deref(), Some("2025-11-24T16:01:30Z"));

    let running = build(
        json!({"number": 8, "url": "u", "building": true, "timestamp": 1,
        "actions": [{"parameters": [{"name": "BRANCH", "value": "dev"}]}]}),
    );
    let run = run_of("job/a/job/ci", &running, "BRANCH").unwrap();
    assert_eq!(
        (run.status, run.git_ref.as_str(), run.finished_at),
        (RunStatus::Running, "dev", None)
    );
    for (result, status) in [
        ("SUCCESS", RunStatus::Success),
        ("ABORTED", RunStatus::Cancelled),
        ("NOT_BUILT", RunStatus::Skipped),
    ] {
        let ended = build(json!({"number": 1, "url": "u", "result": result}));
        assert_eq!(status_of(&ended).unwrap(), status);
    }
    let odd = build(json!({"number": 1, "url": "u", "result": "MAYBE"}));
    assert!(
        matches!(status_of(&odd), Err(ProviderError::Protocol(message)) if message.contains("MAYBE"))
    );
}

#[test]
fn a_queue_item_is_a_queued_run_with_the_queues_reason() {
    let item: QueueItem = serde_json::from_value(json!({
        "id": 12, "why": "Waiting for next available executor", "inQueueSince": 1_764_000_000_000_i64,
        "params": "\nBRANCH=main\nenvironment=staging", "task": {"url": "https://ci/job/a/job/deploy/"}
    }))
    .unwrap();
    let run = queued_run(
        "job/a/job/deploy",
        &item,
        "BRANCH",
        "https://ci/job/a/job/deploy/",
    );
    assert_eq!(run.id, "job/a/job/deploy#queue-12");
    assert_eq!(
        (run.status, run.number, run.git_ref.as_str()),
        (RunStatus::Queued, None, "main")
    );
    assert_eq!(
        run.current_step.as_deref(),
        Some("Waiting for next available executor")
    );
}
