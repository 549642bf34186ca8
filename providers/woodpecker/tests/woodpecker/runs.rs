//! Runs: pages of at most 50, filters, a trigger and the run it started followed to its end
//! with its current step, progressive logs read by offset, cancel of a finished run.

use crate::shared::seeded;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::{Value, json};

fn queries(
    server: &mosaic_fake_kit::server::FakeServer<mosaic_fake_kit::builds::Builds>,
    path_end: &str,
) -> Vec<String> {
    server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with(path_end))
        .map(|seen| seen.query.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn runs_page_through_to_the_end_with_pages_of_at_most_fifty() {
    let (server, provider) = seeded().await;
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
    assert_eq!(runs[0]["pipeline_id"], "default");
    assert_eq!(runs[0]["ref"], "main");
    assert!(
        runs[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/pipeline/35"),
        "{}",
        runs[0]
    );
    assert_eq!(
        queries(&server, "/pipelines"),
        [1, 2, 3, 4].map(|page| format!("page={page}&perPage=10"))
    );

    let (all, pages) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "per_page": 100}),
    )
    .await;
    assert_eq!((all.len(), pages), (35, 1));
    assert!(
        queries(&server, "/pipelines")
            .last()
            .unwrap()
            .contains("perPage=50")
    );

    let (failed, _) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "status": "failure"}),
    )
    .await;
    assert_eq!(failed.len(), 7);
    assert!(failed.iter().all(|run| run["status"] == "failure"));
    let (none, _) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "branch": "dev"}),
    )
    .await;
    assert!(none.is_empty());
    let other = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api", "pipeline": "release"}),
    )
    .await;
    assert!(matches!(other, Err(ProviderError::Invalid(m)) if m.contains("`default`")));
}

#[tokio::test]
async fn one_unified_pipeline_per_repository() {
    let (_server, provider) = seeded().await;
    let page = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/api"}),
    )
    .await
    .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], "default");
    assert_eq!(page["items"][0]["name"], "acme/api");
    let missing = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/nope"}),
    )
    .await;
    assert!(matches!(missing, Err(ProviderError::NotFound(m)) if m.contains("acme/nope")));
}

#[tokio::test]
async fn a_trigger_starts_a_run_that_is_followed_to_its_end_with_its_logs_read_on() {
    let (server, provider) = seeded().await;
    let started = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "default", "ref": "refs/heads/main", "inputs": {"LEVEL": "2"}}),
    )
    .await
    .unwrap();
    assert_eq!(
        (started["id"].as_str(), started["status"].as_str()),
        (Some("36"), Some("queued"))
    );
    let trigger = server
        .state()
        .requests()
        .into_iter()
        .find(|seen| seen.method == "POST")
        .unwrap();
    let body: Value = serde_json::from_str(trigger.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({"branch": "main", "variables": {"LEVEL": "2"}}));

    let run = json!({"repo": "acme/api", "run_id": "36"});
    let mut seen_steps = Vec::new();
    let mut log = String::new();
    let mut offset = 0;
    let mut reads = 0;
    loop {
        reads += 1;
        let logs = call(
            provider.as_ref(),
            OpId::CiRunsLogs,
            json!({"repo": "acme/api", "run_id": "36", "offset": offset}),
        )
        .await
        .unwrap();
        assert_eq!(logs["offset"], offset);
        log.push_str(logs["content"].as_str().unwrap());
        offset = logs["next_offset"].as_u64().unwrap();
        if logs["complete"] == true {
            break;
        }
        let now = call(provider.as_ref(), OpId::CiRunsGet, run.clone())
            .await
            .unwrap();
        if let Some(step) = now["current_step"].as_str() {
            seen_steps.push(step.to_owned());
        }
        assert!(reads < 20, "the run never finished");
    }
    assert!(reads > 2, "the log grew over several reads");
    let expected = server.state().data().builds.last().unwrap().log();
    assert_eq!(log, expected);
    assert!(log.starts_with("[api#36 checkout] line 1 of 3\n"), "{log}");
    assert!(
        !seen_steps.is_empty()
            && seen_steps
                .iter()
                .all(|step| ["checkout", "build", "test"].contains(&step.as_str())),
        "{seen_steps:?}"
    );
    let done = call(provider.as_ref(), OpId::CiRunsGet, run).await.unwrap();
    assert_eq!(done["status"], "success");
    assert!(done["finished_at"].is_string());

    let tail = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": "acme/api", "run_id": "5", "max_bytes": 22}),
    )
    .await
    .unwrap();
    assert_eq!(tail["content"], "error: 2 tests failed\n");
    assert_eq!(
        (tail["truncated"].as_bool(), tail["complete"].as_bool()),
        (Some(true), Some(true))
    );
}

#[tokio::test]
async fn a_trigger_of_another_pipeline_a_tag_or_a_filtered_branch_starts_nothing() {
    let (server, provider) = seeded().await;
    let trigger = |pipeline: &str, git_ref: &str, repo: &str| json!({"repo": repo, "pipeline": pipeline, "ref": git_ref});
    let other = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        trigger("ci", "main", "acme/api"),
    )
    .await;
    assert!(
        matches!(other, Err(ProviderError::Invalid(m)) if m.contains("one pipeline, `default`"))
    );
    let tag = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        trigger("default", "refs/tags/v1", "acme/api"),
    )
    .await;
    assert!(matches!(tag, Err(ProviderError::Invalid(m)) if m.contains("not a branch")));
    server.state().data().add_repository("acme/docs", true);
    let filtered = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        trigger("default", "main", "acme/docs"),
    )
    .await;
    assert!(
        matches!(&filtered, Err(ProviderError::Invalid(m)) if m.contains("filtered every one out") && m.contains("nothing was started")),
        "{filtered:?}"
    );
    let writes = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method == "POST")
        .count();
    assert_eq!(writes, 1, "only the filtered trigger was sent");
}

#[tokio::test]
async fn cancel_stops_a_queued_run_and_a_finished_one_is_a_conflict_naming_its_state() {
    let (_server, provider) = seeded().await;
    let cancelled = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/infra", "run_id": "1"}),
    )
    .await
    .unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    let again = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/infra", "run_id": "1"}),
    )
    .await;
    assert!(
        matches!(&again, Err(ProviderError::Conflict(m)) if m.contains("already finished (cancelled")),
        "{again:?}"
    );
    let finished = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/api", "run_id": "7"}),
    )
    .await;
    assert!(
        matches!(&finished, Err(ProviderError::Conflict(m)) if m.contains("(success, Woodpecker's `success`)")),
        "{finished:?}"
    );
    let missing = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/api", "run_id": "99"}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("run 99 of `acme/api`".into())
    );
    let bad = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/api", "run_id": "abc"}),
    )
    .await;
    assert!(matches!(bad, Err(ProviderError::Invalid(m)) if m.contains("pipeline number")));
}
