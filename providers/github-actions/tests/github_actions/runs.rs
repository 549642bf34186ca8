//! Runs on the CI seed: pages through a workflow's runs, a dispatch and the run it started
//! followed to its end, its log read on from offsets, and cancels.

use crate::shared::{NEXT_RUN, suite, trigger};
use mosaic_core::{OpId, ProviderError};
use mosaic_github_actions_fake::blobs;
use mosaic_testkit::adapter::{CI_REPO, all_pages, call, ci_run};
use serde_json::json;

#[tokio::test]
async fn a_workflows_runs_page_through_by_links_with_its_filters() {
    let (server, provider) = suite().subject.seeded().await;
    let (runs, pages) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": CI_REPO, "pipeline": "ci.yml", "per_page": 10}),
    )
    .await;
    assert_eq!((runs.len(), pages), (35, 4));
    assert_eq!(runs[0]["number"], 35);
    assert_eq!(runs[0]["status"], "failure");
    assert_eq!(runs[1]["status"], "success");
    assert!(runs[0]["finished_at"].is_string(), "{}", runs[0]);
    let (failed, _) = all_pages(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": CI_REPO, "status": "failure", "branch": "main"}),
    )
    .await;
    assert_eq!(failed.len(), 7);
    let queries: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/runs"))
        .map(|seen| seen.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(queries[1], "per_page=10&page=2");
    assert_eq!(queries[4], "per_page=30&page=1&branch=main&status=failure");

    let (pipelines, _) = all_pages(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": CI_REPO, "per_page": 1}),
    )
    .await;
    let names: Vec<&str> = pipelines
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ci", "release"]);
    assert_eq!(pipelines[0]["path"], ".github/workflows/ci.yml");
}

#[tokio::test]
async fn a_dispatch_answers_its_run_which_is_followed_to_its_end_with_its_current_step() {
    let (server, provider) = suite().subject.seeded().await;
    let (op, arguments) = trigger();
    let run = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(run["id"], NEXT_RUN);
    assert_eq!(run["ref"], "main");
    let dispatch = server
        .state()
        .requests()
        .into_iter()
        .find(|seen| seen.method == "POST")
        .unwrap();
    let body: serde_json::Value = serde_json::from_str(dispatch.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"ref": "main", "inputs": {}, "return_run_details": true})
    );
    let get = json!({"repo": CI_REPO, "run_id": NEXT_RUN});
    let mut steps = Vec::new();
    loop {
        let run = call(provider.as_ref(), OpId::CiRunsGet, get.clone())
            .await
            .unwrap();
        if run["status"] != "running" {
            assert_eq!(run["status"], "success");
            break;
        }
        steps.push(run["current_step"].as_str().unwrap().to_owned());
    }
    assert_eq!(steps, ["build", "test"]);
}

#[tokio::test]
async fn a_log_is_read_on_from_each_next_offset_until_complete() {
    let (_server, provider) = suite().subject.seeded().await;
    let (op, arguments) = trigger();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let mut offset = 0;
    let mut log = String::new();
    let mut reads = 0;
    loop {
        let read = call(
            provider.as_ref(),
            OpId::CiRunsLogs,
            json!({"repo": CI_REPO, "run_id": NEXT_RUN, "offset": offset}),
        )
        .await
        .unwrap();
        reads += 1;
        assert_eq!(read["offset"], offset);
        log.push_str(read["content"].as_str().unwrap());
        offset = read["next_offset"].as_u64().unwrap();
        if read["complete"] == true {
            break;
        }
    }
    assert!(reads >= 3, "{reads}");
    assert!(log.starts_with("[api#36 checkout] line 1 of 3\n"), "{log}");
    assert!(log.ends_with("[api#36 test] line 3 of 3\n"), "{log}");
    assert_eq!(log.lines().count(), 9);

    let tail = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": CI_REPO, "run_id": ci_run(35), "max_bytes": 22}),
    )
    .await
    .unwrap();
    assert_eq!(tail["content"], "error: 2 tests failed\n");
    assert_eq!(tail["truncated"], true);
}

#[tokio::test]
async fn job_logs_are_fetched_from_the_storage_host_without_the_token() {
    let (server, provider) = suite().subject.seeded().await;
    let logs = call(
        provider.as_ref(),
        OpId::CiRunsLogs,
        json!({"repo": CI_REPO, "run_id": ci_run(34)}),
    )
    .await
    .unwrap();
    assert!(
        logs["content"]
            .as_str()
            .unwrap()
            .starts_with("[api#34 checkout] line 1 of 3")
    );
    let downloads: Vec<u64> = server
        .state()
        .notes()
        .iter()
        .filter_map(|note| note.strip_prefix("blob ")?.parse().ok())
        .collect();
    assert_eq!(downloads.len(), 3, "one per job");
    for blob in downloads {
        let seen = blobs::host().requests(blob);
        assert_eq!(seen.len(), 1);
        let names: Vec<&str> = seen[0].iter().map(|(name, _)| name.as_str()).collect();
        assert!(!names.contains(&"authorization"), "{names:?}");
        assert!(
            seen[0].iter().all(|(_, value)| !value.contains("t0ken")),
            "{seen:?}"
        );
    }
}

#[tokio::test]
async fn a_finished_run_cannot_be_cancelled_and_a_running_one_is_force_cancelled_when_configured() {
    let (server, provider) = suite().subject.seeded().await;
    let finished = json!({"repo": CI_REPO, "run_id": ci_run(35)});
    let error = call(provider.as_ref(), OpId::CiRunsCancel, finished)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict("Cannot cancel a workflow run that is completed.".into())
    );

    let forced = suite()
        .subject
        .instance(&server.base_url(), json!({"cancel": "force"}))
        .await;
    let running = server
        .state()
        .data()
        .builds_of("acme/web")
        .next()
        .unwrap()
        .id;
    let run = call(
        forced.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/web", "run_id": running.to_string()}),
    )
    .await
    .unwrap();
    assert_eq!(run["status"], "cancelled");
    let last_post = server
        .state()
        .requests()
        .into_iter()
        .rfind(|seen| seen.method == "POST")
        .unwrap();
    assert_eq!(
        last_post.path,
        format!("/repos/acme/web/actions/runs/{running}/force-cancel")
    );
}
