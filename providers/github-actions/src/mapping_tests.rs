//! Workflow runs' statuses and times in the unified model.

use super::*;
use serde_json::json;

fn a_run(status: &str, conclusion: Option<&str>) -> GhRun {
    serde_json::from_value(json!({
        "id": 30433642, "run_number": 562, "workflow_id": 159038, "head_branch": "main",
        "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "status": status,
        "conclusion": conclusion, "created_at": "2026-01-05T09:00:00Z",
        "updated_at": "2026-01-05T09:07:00Z",
        "html_url": "https://github.com/octo/hello/actions/runs/30433642"
    }))
    .unwrap()
}

#[test]
fn status_and_conclusion_are_one_status() {
    let cases = [
        ("queued", None, RunStatus::Queued),
        ("waiting", None, RunStatus::Queued),
        ("in_progress", None, RunStatus::Running),
        ("completed", Some("success"), RunStatus::Success),
        ("completed", Some("neutral"), RunStatus::Success),
        ("completed", Some("failure"), RunStatus::Failure),
        ("completed", Some("timed_out"), RunStatus::Failure),
        ("completed", Some("cancelled"), RunStatus::Cancelled),
        ("completed", Some("skipped"), RunStatus::Skipped),
        ("completed", Some("stale"), RunStatus::Skipped),
    ];
    for (given, conclusion, expected) in cases {
        assert_eq!(
            status(Some(given), conclusion).unwrap(),
            expected,
            "{given} {conclusion:?}"
        );
    }
    let unknown = status(Some("completed"), None).unwrap_err();
    assert!(matches!(unknown, ProviderError::Protocol(_)), "{unknown:?}");
    assert!(status(Some("sleeping"), None).is_err());
}

#[test]
fn a_completed_run_finished_at_its_last_update_and_a_running_one_has_no_finish() {
    let done = run(a_run("completed", Some("success"))).unwrap();
    assert_eq!(done.id, "30433642");
    assert_eq!(done.pipeline_id, "159038");
    assert_eq!(done.number, Some(562));
    assert_eq!(done.git_ref, "main");
    assert_eq!(done.finished_at.as_deref(), Some("2026-01-05T09:07:00Z"));
    let going = run(a_run("in_progress", None)).unwrap();
    assert_eq!(going.finished_at, None);
    assert_eq!(going.status, RunStatus::Running);
}

#[test]
fn each_status_filter_reads_back_as_its_status() {
    for wanted in [
        RunStatus::Queued,
        RunStatus::Running,
        RunStatus::Success,
        RunStatus::Failure,
        RunStatus::Cancelled,
        RunStatus::Skipped,
    ] {
        let filter = status_filter(wanted);
        let read = if wanted.is_finished() {
            status(Some("completed"), Some(filter))
        } else {
            status(Some(filter), None)
        };
        assert_eq!(read.unwrap(), wanted);
    }
}
