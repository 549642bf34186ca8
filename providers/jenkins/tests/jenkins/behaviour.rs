//! What only Jenkins does on reads: pages of builds by `{M,N}` ranges, every JSON read bounded
//! with `tree=`, queued runs from the queue, the console from offsets across several reads
//! and its tail, run ids that are not Jenkins', and its refusals.

use crate::shared::{API_CI, suite};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::{Scripted, Seen};
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::{Value, json};
use std::time::Duration;

fn query_of(seen: &Seen) -> String {
    seen.query.clone().unwrap_or_default()
}

/// The `tree` of a request's query, decoded.
fn tree_of(seen: &Seen) -> Option<String> {
    let query = query_of(seen);
    query.split('&').find_map(|pair| {
        let tree = pair.strip_prefix("tree=")?;
        let decoded = percent_encoding::percent_decode_str(tree).decode_utf8_lossy();
        Some(decoded.into_owned())
    })
}

#[tokio::test]
async fn runs_page_through_every_build_newest_first_each_read_bounded() {
    let (server, provider) = suite().subject.seeded().await;
    let (runs, pages) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "per_page": 10}),
    )
    .await;
    assert_eq!((runs.len(), pages), (35, 4));
    let numbers: Vec<u64> = runs
        .iter()
        .map(|run| run["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=35).rev().collect::<Vec<_>>());
    assert_eq!(runs[0]["id"], format!("{API_CI}#35"));
    assert_eq!(runs[0]["status"], "failure");
    assert_eq!(runs[1]["status"], "success");
    assert_eq!(runs[0]["ref"], "main");
    assert!(
        runs[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/jenkins/job/acme/job/api/job/ci/35/")
    );

    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .filter(|seen| seen.path.ends_with("/api/json"))
            .all(|seen| tree_of(seen).is_some()),
        "every JSON read names its fields: {requests:?}"
    );
    let ranges: Vec<String> = requests
        .iter()
        .filter(|seen| seen.path == "/jenkins/job/acme/job/api/job/ci/api/json")
        .filter_map(tree_of)
        .map(|tree| tree.rsplit('{').next().unwrap().to_owned())
        .collect();
    assert_eq!(ranges, ["0,11}", "0,21}", "0,31}", "0,41}"]);

    let (pipelines, pages) = all_pages(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/api", "per_page": 1}),
    )
    .await;
    assert_eq!(pages, 2);
    assert_eq!(pipelines[0]["id"], API_CI);
    assert_eq!(pipelines[1]["name"], "release");
    assert_eq!(pipelines[1]["repo"], "acme/api");
}

#[tokio::test]
async fn a_filter_and_a_single_pipeline_narrow_the_runs() {
    let (_server, provider) = suite().subject.seeded().await;
    let failed = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "pipeline": API_CI, "status": "failure"}),
    )
    .await
    .unwrap();
    let numbers: Vec<u64> = failed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| run["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [35, 30, 25, 20, 15, 10, 5]);
    let elsewhere = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "pipeline": "job/acme/job/web/job/ci"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(elsewhere, ProviderError::Invalid(message) if message.contains("not a job of repository `acme/api`"))
    );
}

#[tokio::test]
async fn a_build_still_in_the_queue_is_a_queued_run_with_the_queues_reason() {
    let (_server, provider) = suite().subject.seeded().await;
    let page = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/infra"}),
    )
    .await
    .unwrap();
    let runs = page["items"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let queued = &runs[0];
    assert_eq!(queued["id"], "job/acme/job/infra/job/deploy#queue-144");
    assert_eq!(queued["status"], "queued");
    assert_eq!(queued["number"], Value::Null);
    assert_eq!(
        queued["current_step"],
        "Waiting for next available executor"
    );
    let logs = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": "acme/infra", "run_id": queued["id"]}),
    )
    .await
    .unwrap();
    assert_eq!(
        (logs["content"].as_str(), logs["complete"].as_bool()),
        (Some(""), Some(false))
    );
    // Reading it moved it out of the queue: it is build #1 now, and its id says so.
    let started = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/infra", "run_id": queued["id"]}),
    )
    .await
    .unwrap();
    assert_eq!(started["id"], "job/acme/job/infra/job/deploy#1");
    assert_eq!(started["status"], "running");
}

#[tokio::test]
async fn a_running_builds_log_is_read_on_from_each_next_offset_until_complete() {
    let (server, provider) = suite().subject.seeded().await;
    let mut offset = 0u64;
    let mut log = String::new();
    let mut reads = 0;
    loop {
        let window = call(
            provider.as_ref(),
            OpId::CiRunsLogs,
            json!({"repo": "acme/web", "run_id": "job/acme/job/web/job/ci#1", "offset": offset, "max_bytes": 40}),
        )
        .await
        .unwrap();
        assert_eq!(window["offset"], offset);
        log.push_str(window["content"].as_str().unwrap());
        offset = window["next_offset"].as_u64().unwrap();
        reads += 1;
        if window["complete"] == true {
            break;
        }
        assert!(reads < 50, "the log never completed");
    }
    assert!(log.starts_with("[web#1 checkout] line 1 of 3\n"), "{log}");
    assert!(log.ends_with("[web#1 test] line 3 of 3\n"), "{log}");
    assert_eq!(log.lines().count(), 9);
    assert_eq!(offset, log.len() as u64);
    assert!(reads > 3, "{reads}");
    let starts: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/logText/progressiveText"))
        .map(query_of)
        .collect();
    assert_eq!(starts[0], "start=0");
    assert_eq!(starts[1], "start=40");
}

#[tokio::test]
async fn a_tail_read_asks_the_size_first_and_reads_only_the_end() {
    let (server, provider) = suite().subject.seeded().await;
    let tail = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": "acme/api", "run_id": format!("{API_CI}#35"), "max_bytes": 22}),
    )
    .await
    .unwrap();
    assert_eq!(tail["content"], "error: 2 tests failed\n");
    assert_eq!(
        (tail["truncated"].as_bool(), tail["complete"].as_bool()),
        (Some(true), Some(true))
    );
    let consoles: Vec<(String, String)> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/logText/progressiveText"))
        .map(|seen| (seen.method.clone(), query_of(seen)))
        .collect();
    let size = tail["next_offset"].as_u64().unwrap();
    assert_eq!(
        consoles,
        [
            ("HEAD".to_owned(), "start=0".to_owned()),
            ("GET".to_owned(), format!("start={}", size - 22))
        ]
    );
    let past = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": "acme/api", "run_id": format!("{API_CI}#35"), "offset": size + 1}),
    )
    .await
    .unwrap_err();
    assert!(matches!(past, ProviderError::Invalid(message) if message.contains("past the end")));
}

#[tokio::test]
async fn run_ids_that_are_not_jenkins_are_refused_and_missing_ones_not_found() {
    let (_server, provider) = suite().subject.seeded().await;
    let get = |run_id: &str| {
        call(
            provider.as_ref(),
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": run_id}),
        )
    };
    let malformed = get("job/acme/job/api/job/ci#seven").await.unwrap_err();
    assert!(
        matches!(malformed, ProviderError::Invalid(message) if message.contains("build number"))
    );
    let other_repo = get("job/acme/job/web/job/ci#1").await.unwrap_err();
    assert!(matches!(other_repo, ProviderError::Invalid(message) if message.contains("acme/api")));
    let missing = get(&format!("{API_CI}#99")).await.unwrap_err();
    assert_eq!(
        missing,
        ProviderError::NotFound(format!(
            "run `{API_CI}#99` (Jenkins: HTTP ERROR 404 Not Found)"
        ))
    );
    let no_folder = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/nope"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(no_folder, ProviderError::NotFound(message) if message.contains("job/acme/job/nope") && !message.contains('<'))
    );
}

#[tokio::test]
async fn refusals_carry_the_message_and_a_403_with_retry_after_is_a_rate_limit() {
    let (server, provider) = suite().subject.seeded().await;
    let read = || {
        call(
            provider.as_ref(),
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": format!("{API_CI}#7")}),
        )
    };
    let knobs = &server.state().knobs;
    knobs.fail_next(Scripted::status(
        403,
        "ana is missing the Job/Read permission",
    ));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::Forbidden("ana is missing the Job/Read permission".into())
    );
    knobs.fail_next(Scripted::status(
        401,
        "Invalid password/token for user: ana",
    ));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::Unauthenticated("Invalid password/token for user: ana".into())
    );
    knobs.fail_next(Scripted {
        retry_after: Some(30),
        ..Scripted::status(403, "slow down")
    });
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    knobs.fail_next(Scripted::too_many_requests(12));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(12))
        }
    );
}
