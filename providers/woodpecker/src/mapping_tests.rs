//! Woodpecker's JSON as the unified model: statuses, refs, times, the current step, and a
//! step's base64 log lines.

use super::*;
use serde_json::json;

fn pipeline(value: serde_json::Value) -> WpPipeline {
    serde_json::from_value(value).unwrap()
}

#[test]
fn every_woodpecker_status_has_a_unified_one() {
    let cases = [
        ("created", RunStatus::Queued),
        ("pending", RunStatus::Queued),
        ("blocked", RunStatus::Queued),
        ("running", RunStatus::Running),
        ("success", RunStatus::Success),
        ("failure", RunStatus::Failure),
        ("error", RunStatus::Failure),
        ("killed", RunStatus::Cancelled),
        ("canceled", RunStatus::Cancelled),
        ("declined", RunStatus::Cancelled),
        ("skipped", RunStatus::Skipped),
    ];
    for (woodpecker, unified) in cases {
        assert_eq!(status(woodpecker).unwrap(), unified, "{woodpecker}");
    }
    assert!(
        matches!(status("exploded"), Err(ProviderError::Protocol(m)) if m.contains("exploded"))
    );
    assert_eq!(status_filter(RunStatus::Failure), None);
    assert_eq!(status_filter(RunStatus::Running), Some("running"));
}

#[test]
fn a_pipeline_is_a_run_with_its_ref_times_and_running_step() {
    let web = WebUrls::new("https://ci.example.com/");
    let read = pipeline(json!({
        "number": 7, "status": "running", "branch": "main", "ref": "refs/heads/main",
        "commit": "abc", "created": 1_767_225_600, "finished": 0,
        "workflows": [
            {"pid": 5, "name": "release", "children": [{"id": 52, "pid": 6, "name": "publish", "state": "pending"}]},
            {"pid": 1, "name": "ci", "children": [
                {"id": 12, "pid": 3, "name": "test", "state": "running"},
                {"id": 11, "pid": 2, "name": "build", "state": "success"}
            ]}
        ]
    }));
    let run = run(3, &read, &web).unwrap();
    assert_eq!(run.id, "7");
    assert_eq!(run.pipeline_id, "default");
    assert_eq!(run.git_ref, "main");
    assert_eq!(run.created_at.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(run.finished_at, None);
    assert_eq!(run.current_step.as_deref(), Some("ci/test"));
    assert_eq!(run.web_url, "https://ci.example.com/repos/3/pipeline/7");
    let order: Vec<u64> = steps_in_order(&read)
        .iter()
        .flat_map(|(_, steps)| steps.iter().map(|step| step.id))
        .collect();
    assert_eq!(order, [11, 12, 52]);
    let tag =
        pipeline(json!({"number": 8, "status": "success", "branch": "", "ref": "refs/tags/v1.2"}));
    assert_eq!(super::run(3, &tag, &web).unwrap().git_ref, "v1.2");
    assert_eq!(super::run(3, &tag, &web).unwrap().current_step, None);
}

#[test]
fn a_steps_lines_are_decoded_in_order_without_exit_codes() {
    let step = WpStep {
        id: 1,
        pid: 2,
        name: "build".into(),
        state: "success".into(),
    };
    let entries: Vec<WpLogEntry> = serde_json::from_value(json!([
        {"line": 1, "data": "c2Vjb25k", "type": 0},
        {"line": 0, "data": "Zmlyc3Q=", "type": 1},
        {"line": 2, "data": "MA==", "type": 2}
    ]))
    .unwrap();
    assert_eq!(step_text(&step, entries).unwrap(), "first\nsecond\n");
    let broken: Vec<WpLogEntry> =
        serde_json::from_value(json!([{"line": 4, "data": "!!", "type": 0}])).unwrap();
    assert!(
        matches!(step_text(&step, broken), Err(ProviderError::Protocol(m)) if m.contains("line 4 of step `build`"))
    );
    assert!(!has_log(&WpStep {
        state: "pending".into(),
        ..step.clone()
    }));
}

#[test]
fn the_unified_pipeline_is_named_as_its_repository() {
    let repo: WpRepo =
        serde_json::from_value(json!({"id": 4, "full_name": "acme/api", "config_file": ".ci/"}))
            .unwrap();
    let unified = pipeline_of(&repo);
    assert_eq!(
        (unified.id.as_str(), unified.name.as_str()),
        ("default", "acme/api")
    );
    assert_eq!(unified.path.as_deref(), Some(".ci/"));
    assert_eq!(unified.web_url, "https://ci.example.com/repos/4");
}

fn pipeline_of(repo: &WpRepo) -> Pipeline {
    super::pipeline(repo, &WebUrls::new("https://ci.example.com"))
}
