//! Stateful flows of the ci kind: pipelines, runs triggered, cancelled and their logs.

use super::*;
use OpId::*;

fn ids(page: &Value, field: &str) -> Vec<Value> {
    page["items"]
        .as_array()
        .map(|items| items.iter().map(|item| item[field].clone()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn pipelines_and_runs_filter_and_page() {
    let sim = instance(json!({})).await;
    let pipelines = ok(&*sim, CiPipelinesList, json!({"repo": "acme/api"})).await;
    assert_eq!(
        ids(&pipelines, "id"),
        [json!("ci"), json!("deploy"), json!("nightly")]
    );
    assert_eq!(
        pipelines["items"][0]["web_url"],
        "https://sim.local/acme/api/actions/workflows/ci"
    );
    let (runs, pages) = all_pages(&*sim, CiRunsList, json!({"repo": "acme/api"}), 3).await;
    assert_eq!((runs.len(), pages), (8, 3));
    assert_eq!(runs[0]["status"], "running");
    let ci_runs = ok(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/api", "pipeline": "ci"}),
    )
    .await;
    assert_eq!(
        ids(&ci_runs, "number"),
        [json!(5), json!(4), json!(3), json!(2), json!(1)]
    );
    let failed = ok(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/api", "status": "failure", "branch": "fix/login-timeout"}),
    )
    .await;
    assert_eq!(ids(&failed, "pipeline_id"), [json!("ci")]);
    let error = fails(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/api", "pipeline": "nope"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("pipeline `nope` in acme/api".into())
    );
    let error = fails(&*sim, CiPipelinesList, json!({"repo": "acme/none"})).await;
    assert_eq!(error.code(), "not_found");
}

#[tokio::test]
async fn a_triggered_run_moves_on_a_step_per_read_until_cancelled() {
    let sim = instance(json!({})).await;
    let branch = ok(&*sim, GitBranchesList, json!({"repo": "acme/api"})).await["items"][2].clone();
    assert_eq!(branch["name"], "feature/rate-limits");
    let run = ok(&*sim, CiRunsTrigger, json!({"repo": "acme/api", "pipeline": "ci", "ref": "feature/rate-limits", "inputs": {"profile": "fast"}})).await;
    assert_eq!(
        (run["status"].clone(), run["number"].clone()),
        (json!("queued"), json!(6))
    );
    assert_eq!(run["commit_sha"], branch["commit_sha"]);
    let id = run["id"].as_str().unwrap_or_default().to_owned();
    let read = ok(&*sim, CiRunsGet, json!({"repo": "acme/api", "run_id": id})).await;
    assert_eq!(
        (read["status"].clone(), read["current_step"].clone()),
        (json!("running"), json!("checkout")),
        "a read moves a triggered run on a step"
    );
    let newest = ok(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/api", "per_page": 1}),
    )
    .await;
    assert_eq!(newest["items"][0]["id"], json!(id));
    let logs = ok(&*sim, CiRunsLogs, json!({"repo": "acme/api", "run_id": id})).await;
    assert!(logs["content"].as_str().is_some_and(
        |log| log.contains("with profile=fast") && log.contains("waiting for a runner")
    ));
    let cancelled = ok(
        &*sim,
        CiRunsCancel,
        json!({"repo": "acme/api", "run_id": id}),
    )
    .await;
    assert_eq!(cancelled["status"], "cancelled");
    assert!(cancelled["finished_at"].is_string());
    let again = fails(
        &*sim,
        CiRunsCancel,
        json!({"repo": "acme/api", "run_id": id}),
    )
    .await;
    assert!(
        matches!(&again, ProviderError::Conflict(why) if why.contains("already finished (cancelled)")),
        "{again}"
    );
    let logs = ok(&*sim, CiRunsLogs, json!({"repo": "acme/api", "run_id": id})).await;
    assert!(
        logs["content"]
            .as_str()
            .is_some_and(|log| log.ends_with("run cancelled by mosaic-bot\n"))
    );
}

#[tokio::test]
async fn triggers_check_the_pipeline_and_the_ref() {
    let sim = instance(json!({})).await;
    let error = fails(
        &*sim,
        CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "build", "ref": "main"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound(
            "pipeline `build` in acme/api (its pipelines: ci, deploy, nightly)".into()
        )
    );
    let error = fails(
        &*sim,
        CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "ci", "ref": "no-such-branch"}),
    )
    .await;
    assert!(
        matches!(&error, ProviderError::NotFound(what) if what.contains("ref `no-such-branch`")),
        "{error}"
    );
    let error = fails(
        &*sim,
        CiRunsGet,
        json!({"repo": "acme/api", "run_id": "404404"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("run `404404` in acme/api".into())
    );
    let finished = ok(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/web", "status": "success", "per_page": 1}),
    )
    .await;
    let id = finished["items"][0]["id"].clone();
    let error = fails(
        &*sim,
        CiRunsCancel,
        json!({"repo": "acme/web", "run_id": id}),
    )
    .await;
    assert_eq!(error.code(), "conflict");
}

#[tokio::test]
async fn logs_return_their_tail_up_to_max_bytes() {
    let sim = instance(json!({})).await;
    let failed = ok(
        &*sim,
        CiRunsList,
        json!({"repo": "acme/api", "status": "failure", "pipeline": "nightly"}),
    )
    .await;
    let id = failed["items"][0]["id"].clone();
    let full = ok(&*sim, CiRunsLogs, json!({"repo": "acme/api", "run_id": id})).await;
    let text = full["content"].as_str().unwrap_or_default().to_owned();
    assert_eq!(full["truncated"], false);
    assert!(
        text.contains("FAILED") && text.contains("job failed"),
        "{text}"
    );
    let tail = ok(
        &*sim,
        CiRunsLogs,
        json!({"repo": "acme/api", "run_id": id, "max_bytes": 100}),
    )
    .await;
    let tail_text = tail["content"].as_str().unwrap_or_default();
    assert_eq!(tail["truncated"], true);
    assert!(tail_text.len() <= 100 && !tail_text.is_empty());
    assert!(text.ends_with(tail_text));
}

#[tokio::test]
async fn a_triggered_run_read_again_and_again_reaches_success_and_its_log_grows() {
    let sim = instance(json!({})).await;
    let run = ok(
        &*sim,
        CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "ci", "ref": "main"}),
    )
    .await;
    let id = run["id"].as_str().unwrap_or_default().to_owned();
    let mut seen = Vec::new();
    let mut offset = 0;
    for _ in 0..5 {
        let read = ok(&*sim, CiRunsGet, json!({"repo": "acme/api", "run_id": id})).await;
        seen.push((read["status"].clone(), read["current_step"].clone()));
        let logs = ok(
            &*sim,
            CiRunsLogs,
            json!({"repo": "acme/api", "run_id": id, "offset": offset}),
        )
        .await;
        assert_eq!(logs["offset"], offset);
        offset = logs["next_offset"].as_u64().unwrap_or_default();
        assert_eq!(logs["complete"], read["status"] == "success", "{logs}");
    }
    assert_eq!(
        seen,
        [
            (json!("running"), json!("checkout")),
            (json!("running"), json!("build")),
            (json!("running"), json!("test")),
            (json!("success"), json!(null)),
            (json!("success"), json!(null)),
        ]
    );
    let whole = ok(&*sim, CiRunsLogs, json!({"repo": "acme/api", "run_id": id})).await;
    assert_eq!(
        whole["next_offset"], offset,
        "read in pieces, the whole log"
    );
    assert!(
        whole["content"]
            .as_str()
            .unwrap_or_default()
            .ends_with("[sim] run succeeded\n")
    );
}
