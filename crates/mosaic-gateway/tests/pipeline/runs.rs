//! CI runs over the whole path: run ids that lead back to the instance that owns the run
//! (whatever the route's strategy, and after a reload), ids that name no run, `ci.runs.wait`
//! following a run to its end with progress, and triggers on interchangeable executors.

use super::{ctx, gateway, request};
use mosaic_core::OpId;
use mosaic_gateway::{CallError, WaitProgress};
use serde_json::{Value, json};

/// Two sim CI instances with datasets of their own, behind one weighted route.
fn config(dataset: &str, first: &str, interchangeable: bool) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor:
  timeout: 2s
  retry: {{ max_attempts: 1 }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: allow-all, effect: allow }}]
providers:
  - {{ name: ci-a, plugin: sim, settings: {{ kinds: [ci], dataset: {dataset}-a, run_poll_interval: 5ms {first} }} }}
  - {{ name: ci-b, plugin: sim, settings: {{ kinds: [ci], dataset: {dataset}-b, run_poll_interval: 5ms }} }}
routes:
  - name: builds
    kinds: [ci]
    strategy: weighted
    interchangeable: {interchangeable}
    targets: [{{ instance: ci-a }}, {{ instance: ci-b }}]
"#
    )
}

fn trigger() -> mosaic_gateway::CallRequest {
    request(
        OpId::CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "ci", "ref": "main"}),
    )
}

async fn json_of(
    gateway: &mosaic_gateway::Gateway,
    op: OpId,
    arguments: Value,
) -> Result<(String, Value), CallError> {
    let answer = gateway.call(&ctx(), request(op, arguments)).await?;
    Ok((answer.served.instance.clone(), answer.output.to_json()))
}

#[tokio::test]
async fn a_triggered_run_is_found_again_on_its_instance_whatever_the_strategy_and_after_a_reload() {
    let gateway = gateway(&config("runs-found", "", true)).await;
    let answer = gateway.call(&ctx(), trigger()).await.unwrap();
    let owner = answer.served.instance.clone();
    let run_id = answer.output.to_json()["id"].as_str().unwrap().to_owned();
    assert!(run_id.starts_with(&format!("{owner}~")), "{run_id}");
    for _ in 0..6 {
        let (instance, run) = json_of(
            &gateway,
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": run_id}),
        )
        .await
        .unwrap();
        assert_eq!(
            instance, owner,
            "a weighted route would scatter unsealed reads"
        );
        assert_eq!(
            run["id"],
            run_id.as_str(),
            "answered under the id it was asked by"
        );
    }
    let (_, logs) = json_of(
        &gateway,
        OpId::CiRunsLogs,
        json!({"repo": "acme/api", "run_id": run_id, "offset": 0}),
    )
    .await
    .unwrap();
    assert_eq!(logs["run_id"], run_id.as_str());
    assert!(
        logs["content"].as_str().unwrap().contains("triggered by"),
        "{logs}"
    );

    // The targets listed the other way round: the run stays where it is.
    let reloaded = config("runs-found", "", true).replace(
        "[{ instance: ci-a }, { instance: ci-b }]",
        "[{ instance: ci-b }, { instance: ci-a }]",
    );
    let registry = mosaic_providers::builtin();
    let config = mosaic_config::load(&reloaded, &|_| None, &registry).unwrap();
    gateway.reload(config).await.unwrap();
    let (instance, _) = json_of(
        &gateway,
        OpId::CiRunsCancel,
        json!({"repo": "acme/api", "run_id": run_id}),
    )
    .await
    .unwrap();
    assert_eq!(instance, owner);
}

#[tokio::test]
async fn a_run_triggered_through_a_least_cost_route_is_found_again_after_a_reload() {
    let least_cost = config("runs-cost", "", true)
        .replace("strategy: weighted", "strategy: least_cost")
        .replace(
            "  - { name: ci-a, plugin: sim,",
            "  - { name: ci-a, plugin: sim, cost: { per_minute: { linux: 0.01 }, runner: linux },",
        )
        .replace(
            "  - { name: ci-b, plugin: sim,",
            "  - { name: ci-b, plugin: sim, cost: { monthly: 100, executors: 2 },",
        );
    let gateway = gateway(&least_cost).await;
    let answer = gateway.call(&ctx(), trigger()).await.unwrap();
    assert_eq!(
        answer.served.instance, "ci-b",
        "an idle executor costs nothing more"
    );
    let run_id = answer.output.to_json()["id"].as_str().unwrap().to_owned();
    // Reloaded with ci-b the dearer one: new triggers go elsewhere, the run stays on ci-b.
    let dearer = least_cost.replace(
        "cost: { monthly: 100, executors: 2 },",
        "cost: { per_minute: { linux: 1.0 }, runner: linux },",
    );
    let registry = mosaic_providers::builtin();
    let config =
        mosaic_config::load(&dearer, &|_| None, &registry).unwrap_or_else(|e| panic!("{e}"));
    gateway.reload(config).await.unwrap();
    let (instance, run) = json_of(
        &gateway,
        OpId::CiRunsGet,
        json!({"repo": "acme/api", "run_id": run_id}),
    )
    .await
    .unwrap();
    assert_eq!((instance.as_str(), &run["id"]), ("ci-b", &json!(run_id)));
    let after = gateway.call(&ctx(), trigger()).await.unwrap();
    assert_eq!(after.served.instance, "ci-a", "the reload took effect");
}

#[tokio::test]
async fn an_altered_unsealed_or_misplaced_run_id_is_not_found_and_reaches_no_instance() {
    let gateway = gateway(&config("runs-unknown", "", true)).await;
    let answer = gateway.call(&ctx(), trigger()).await.unwrap();
    let run_id = answer.output.to_json()["id"].as_str().unwrap().to_owned();
    let owner = answer.served.instance.clone();
    let other = if owner == "ci-a" { "ci-b" } else { "ci-a" };
    let native = run_id.split('~').nth(1).unwrap().to_owned();
    let cases = [
        (run_id.replacen(&owner, other, 1), "acme/api"),
        (native.clone(), "acme/api"),
        (run_id.clone(), "acme/web"),
    ];
    for (id, repo) in cases {
        let error = json_of(
            &gateway,
            OpId::CiRunsGet,
            json!({"repo": repo, "run_id": id}),
        )
        .await
        .unwrap_err();
        assert_eq!(error.code(), "not_found", "{id} in {repo}: {error}");
        assert!(
            matches!(error, CallError::UnknownRun { .. }),
            "{id}: {error:?}"
        );
    }
}

#[tokio::test]
async fn waiting_follows_a_run_to_its_end_and_reports_each_change() {
    let gateway = gateway(&config("runs-wait", "", false)).await;
    let answer = gateway.call(&ctx(), trigger()).await.unwrap();
    let run_id = answer.output.to_json()["id"].as_str().unwrap().to_owned();
    let (sink, mut heard) = tokio::sync::mpsc::unbounded_channel();
    let waited = gateway
        .call_with_progress(
            &ctx(),
            request(
                OpId::CiRunsWait,
                json!({"repo": "acme/api", "run_id": run_id, "timeout_seconds": 600}),
            ),
            Some(sink),
        )
        .await
        .unwrap();
    let waited = waited.output.to_json();
    assert_eq!(waited["finished"], true, "{waited}");
    assert_eq!(waited["run"]["status"], "success");
    assert_eq!(waited["run"]["id"], run_id.as_str());
    assert_eq!(waited["polls"], 4, "three steps, then the end");
    assert!(
        waited["waited_ms"].as_u64().unwrap() > 0,
        "three sleeps of the instance's pace: {waited}"
    );
    let mut reports: Vec<WaitProgress> = Vec::new();
    while let Ok(report) = heard.try_recv() {
        reports.push(report);
    }
    let steps: Vec<Option<&str>> = reports
        .iter()
        .map(|report| report.current_step.as_deref())
        .collect();
    assert_eq!(
        steps,
        [Some("checkout"), Some("build"), Some("test"), None],
        "{reports:?}"
    );
    assert!(
        reports
            .windows(2)
            .all(|pair| pair[0].log_bytes < pair[1].log_bytes && pair[0].polls < pair[1].polls),
        "{reports:?}"
    );
    assert_eq!(reports[3].message().split(',').next(), Some("succeeded"));
}

#[tokio::test]
async fn waiting_stops_at_its_timeout_with_the_run_unfinished() {
    let paced = config("runs-timeout", "", false)
        .replace("run_poll_interval: 5ms", "run_poll_interval: 400ms");
    let gateway = gateway(&paced).await;
    let answer = gateway.call(&ctx(), trigger()).await.unwrap();
    let run_id = answer.output.to_json()["id"].as_str().unwrap().to_owned();
    let waited = gateway
        .call(
            &ctx(),
            request(
                OpId::CiRunsWait,
                json!({"repo": "acme/api", "run_id": run_id, "timeout_seconds": 1}),
            ),
        )
        .await
        .unwrap()
        .output
        .to_json();
    assert_eq!(waited["finished"], false, "{waited}");
    assert_eq!(
        waited["polls"], 3,
        "at 0, 0.4 and 0.8 s; a fourth would come at the timeout"
    );
    assert_eq!(waited["run"]["status"], "running");
}

#[tokio::test]
async fn a_trigger_moves_to_an_interchangeable_executor_only_when_the_first_started_nothing() {
    let down = gateway(&config("runs-down", ", down: true", true)).await;
    for _ in 0..4 {
        let answer = down.call(&ctx(), trigger()).await.unwrap();
        assert_eq!(answer.served.instance, "ci-b", "ci-a is down");
    }

    let gateway = gateway(&config(
        "runs-doubt",
        ", unconfirmed_writes: [ci.runs.trigger]",
        true,
    ))
    .await;
    let runs = |instance: &'static str| {
        let gateway = gateway.clone();
        async move {
            let mut asked = request(
                OpId::CiRunsList,
                json!({"repo": "acme/api", "per_page": 100}),
            );
            asked.provider = Some(instance.to_owned());
            gateway.call(&ctx(), asked).await.unwrap().output.to_json()["items"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    let before = runs("ci-b").await;
    let mut unknown = 0;
    for _ in 0..6 {
        match gateway.call(&ctx(), trigger()).await {
            Err(error) => {
                assert_eq!(error.code(), "write_outcome_unknown", "{error}");
                unknown += 1;
            }
            Ok(answer) => assert_eq!(answer.served.instance, "ci-b"),
        }
    }
    assert!(
        unknown > 0,
        "the weighted draw put ci-a first at least once"
    );
    assert_eq!(
        runs("ci-b").await,
        before + 6 - unknown,
        "no second build after a trigger in doubt"
    );
}

#[tokio::test]
async fn without_interchangeable_a_trigger_goes_to_the_first_target_alone() {
    let gateway = gateway(&config("runs-single", ", down: true", false)).await;
    let mut refused = 0;
    for _ in 0..6 {
        if let Err(error) = gateway.call(&ctx(), trigger()).await {
            assert_eq!(error.code(), "write_target_unavailable", "{error}");
            refused += 1;
        }
    }
    assert!(
        refused > 0,
        "ci-a drawn first at least once, and never passed over"
    );
}
