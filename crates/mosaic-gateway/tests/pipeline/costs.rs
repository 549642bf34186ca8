//! Cost-aware routing through the whole gateway: the runs in CI answers feed the usage ledger
//! and the executors' queue, and `least_cost` sends a trigger to the free self-hosted
//! executor, then, once it is taken, to hosted runners while the queue would miss the deadline.

use super::{ctx, gateway, request};
use mosaic_core::OpId;
use serde_json::json;

/// Hosted runners without included minutes and a one-executor Jenkins on one dataset.
fn fleet(dataset: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - name: hosted
    plugin: sim
    cost: {{ per_minute: {{ linux-2: 0.006 }} }}
    settings: {{ kinds: [ci], dataset: {dataset} }}
  - name: jenkins
    plugin: sim
    cost: {{ monthly: 400, executors: 1 }}
    settings: {{ kinds: [ci], dataset: {dataset} }}
routes:
  - name: builds
    kinds: [ci]
    operations: [ci.runs.trigger]
    strategy: least_cost
    interchangeable: true
    targets: [{{ instance: hosted }}, {{ instance: jenkins }}]
  - name: ci
    kinds: [ci]
    targets: [{{ instance: jenkins }}, {{ instance: hosted }}]
"#
    )
}

fn trigger(deadline_minutes: u32) -> mosaic_gateway::CallRequest {
    request(
        OpId::CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": "ci", "ref": "main", "deadline_minutes": deadline_minutes}),
    )
}

#[tokio::test]
async fn triggers_go_to_the_free_executor_then_to_hosted_runners_and_finished_runs_are_billed() {
    let gateway = gateway(&fleet("costs-routing")).await;
    // Reading the runs bills the finished ones on the instance that answered (only those:
    // a running one would take the executor).
    let listed = gateway
        .call(
            &ctx(),
            request(
                OpId::CiRunsList,
                json!({"repo": "acme/api", "status": "success", "per_page": 100}),
            ),
        )
        .await
        .unwrap();
    assert_eq!(listed.served.instance, "jenkins");

    // The seeded `ci` runs took 7 minutes: the free executor costs nothing more.
    let first = gateway.call(&ctx(), trigger(30)).await.unwrap();
    assert_eq!(
        first.served.instance, "jenkins",
        "{:?}",
        first.served.reasons
    );
    // The executor is taken now for about 9 minutes (7 predicted, and the queue's margin):
    // 9 + 7 would miss a 10-minute deadline, so the next run goes to hosted runners.
    let second = gateway.call(&ctx(), trigger(10)).await.unwrap();
    assert_eq!(
        second.served.instance, "hosted",
        "{:?}",
        second.served.reasons
    );
    let explained = gateway.explain_plan(&ctx(), &trigger(10)).unwrap();
    // Second, should hosted runners start nothing: the targets are interchangeable.
    let jenkins = &explained.candidates[1];
    assert_eq!(jenkins.instance, "jenkins");
    assert!(
        jenkins.reason.contains("all 1 executors busy") && jenkins.reason.contains("would miss"),
        "{}",
        jenkins.reason
    );

    // Cancelled, the first run is finished: billed once, and its executor free again.
    let run_id = first.output.to_json()["id"].as_str().unwrap().to_owned();
    let cancel = request(
        OpId::CiRunsCancel,
        json!({"repo": "acme/api", "run_id": run_id}),
    );
    gateway.call(&ctx(), cancel).await.unwrap();
    let third = gateway.call(&ctx(), trigger(10)).await.unwrap();
    assert_eq!(
        third.served.instance, "jenkins",
        "{:?}",
        third.served.reasons
    );

    gateway.shutdown().await;
    let totals = gateway
        .store()
        .usage_totals(Some("default"), None)
        .await
        .unwrap();
    let jenkins_runs: i64 = totals
        .iter()
        .filter(|total| total.instance == "jenkins")
        .map(|total| total.runs)
        .sum();
    assert!(
        jenkins_runs >= 2,
        "the listed finished runs and the cancelled one: {totals:?}"
    );
}
