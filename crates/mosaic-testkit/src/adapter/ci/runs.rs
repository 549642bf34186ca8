//! Reads and a trigger every CI service must answer alike on the CI seed.

use super::seed_build;
use crate::adapter::subject::CI_REPO;
use crate::adapter::subject::Seed;
use crate::adapter::suite::CiSuite;
use crate::adapter::{all_pages, call};
use mosaic_core::OpId;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// `acme/api`'s 35 runs in pages of ten, newest first, each once, seven of them failed.
pub async fn runs_page_through_newest_first<D: Seed>(suite: &CiSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let (runs, pages) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": CI_REPO, "per_page": 10}),
    )
    .await;
    assert!(pages >= 4, "35 runs in pages of ten: {pages} pages");
    let numbers: Vec<u64> = runs
        .iter()
        .filter(|run| run["status"] != "queued" && run["status"] != "running")
        .filter_map(|run| run["number"].as_u64())
        .collect();
    assert_eq!(numbers, (1..=35).rev().collect::<Vec<u64>>(), "{runs:?}");
    let ids: BTreeSet<&str> = runs.iter().filter_map(|run| run["id"].as_str()).collect();
    assert_eq!(ids.len(), runs.len(), "no run twice");
    let failed = runs.iter().filter(|run| run["status"] == "failure").count();
    assert_eq!(failed, 7);
    assert!(runs.iter().all(|run| run["web_url"].is_string()));
}

/// Run 35 failed in its test step: finished, and its whole log ends saying why.
pub async fn a_finished_run_reads_with_its_log<D: Seed>(suite: &CiSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let run_id = (suite.particulars.run_id)(&seed_build(35));
    let run = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": CI_REPO, "run_id": run_id}),
    )
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(run["status"], "failure", "{run}");
    assert_eq!(run["id"], run_id.as_str());
    assert!(run["finished_at"].is_string(), "{run}");
    let logs = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": CI_REPO, "run_id": run_id}),
    )
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    let content = logs["content"].as_str().unwrap_or_default();
    assert!(content.contains("error: 2 tests failed"), "{logs}");
    assert_eq!(logs["complete"], true, "{logs}");
    assert_eq!(logs["next_offset"].as_u64(), Some(tail_end(&logs)));
}

fn tail_end(logs: &Value) -> u64 {
    logs["offset"].as_u64().unwrap_or_default()
        + logs["content"].as_str().unwrap_or_default().len() as u64
}

/// A trigger answers a run that reading carries to success, and its log read on from each
/// answer's `next_offset` in small pieces comes to all nine step lines, then `complete`.
pub async fn a_triggered_run_is_followed_to_its_end_by_offsets<D: Seed>(suite: &CiSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let run = call(
        provider,
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": suite.particulars.pipeline, "ref": "main"}),
    )
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    let run_id = run["id"].as_str().expect("a run id").to_owned();
    let mut log = String::new();
    let mut offset = 0;
    let mut finished = None;
    for _ in 0..20 {
        let now = call(
            provider,
            OpId::CiRunsGet,
            json!({"repo": CI_REPO, "run_id": run_id}),
        )
        .await
        .unwrap_or_else(|error| panic!("{error}"));
        let logs = call(
            provider,
            OpId::CiRunsLogs,
            json!({"repo": CI_REPO, "run_id": run_id, "offset": offset, "max_bytes": 40}),
        )
        .await
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(logs["offset"], offset, "{logs}");
        log.push_str(logs["content"].as_str().unwrap_or_default());
        offset = logs["next_offset"].as_u64().expect("next_offset");
        if logs["complete"] == true {
            finished = Some(now);
            break;
        }
    }
    let finished = finished.unwrap_or_else(|| panic!("never complete; read so far: {log}"));
    assert_eq!(finished["status"], "success", "{finished}");
    let steps: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("] line "))
        .collect();
    assert_eq!(steps.len(), 9, "{log}");
    assert!(steps[0].contains("checkout] line 1 of 3"), "{log}");
    assert!(steps[8].contains("test] line 3 of 3"), "{log}");
}
