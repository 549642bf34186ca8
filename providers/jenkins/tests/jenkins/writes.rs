//! What only Jenkins does on writes: a trigger through the queue to its build (and a wait that
//! ends with the run still queued, or an item cancelled in the queue), the crumb fetched once
//! when Jenkins asks for one, stop escalating to `term` and `kill`, a queued run's item
//! cancelled, and a finished run that cannot be.

use crate::shared::{API_CI, FIRST_QUEUED, WEB_RUN, suite, trigger};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::builds::Step;
use mosaic_fake_kit::server::Seen;
use mosaic_jenkins_fake::JenkinsData;
use mosaic_testkit::adapter::call;
use serde_json::json;
use std::time::Duration;

fn line(seen: &Seen) -> String {
    match &seen.query {
        Some(query) => format!("{} {}?{query}", seen.method, seen.path),
        None => format!("{} {}", seen.method, seen.path),
    }
}

#[tokio::test]
async fn a_trigger_posts_its_parameters_and_follows_the_queue_to_its_build() {
    let (server, provider) = suite().subject.seeded().await;
    let run = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": "acme/infra", "pipeline": "job/acme/job/infra/job/deploy", "ref": "release/2",
               "inputs": {"environment": "prod"}}),
    )
    .await
    .unwrap();
    assert_eq!(run["id"], "job/acme/job/infra/job/deploy#2");
    assert_eq!(run["status"], "running");
    assert_eq!(run["ref"], "release/2");
    let lines: Vec<String> = server.state().requests().iter().map(line).collect();
    assert_eq!(
        lines,
        [
            "GET /jenkins/job/acme/job/infra/job/deploy/api/json?tree=_class%2Cname%2Curl%2Cbuildable%2Cproperty%5BparameterDefinitions%5Bname%5D%5D",
            "POST /jenkins/job/acme/job/infra/job/deploy/buildWithParameters?BRANCH=release%2F2&environment=prod",
            "GET /jenkins/queue/item/145/api/json?tree=_class%2Cid%2Cwhy%2Ccancelled%2CinQueueSince%2Cparams%2Ctask%5Bname%2Curl%5D%2Cexecutable%5Bnumber%2Curl%5D",
            "GET /jenkins/queue/item/145/api/json?tree=_class%2Cid%2Cwhy%2Ccancelled%2CinQueueSince%2Cparams%2Ctask%5Bname%2Curl%5D%2Cexecutable%5Bnumber%2Curl%5D",
            "GET /jenkins/job/acme/job/infra/job/deploy/2/api/json?tree=_class%2Cnumber%2Curl%2Cbuilding%2Cresult%2Ctimestamp%2Cduration%2Cactions%5B_class%2Cparameters%5Bname%2Cvalue%5D%2ClastBuiltRevision%5BSHA1%2Cbranch%5Bname%5D%5D%5D",
        ]
    );
    let build = server.state().data().builds.build(145).cloned().unwrap();
    assert_eq!(
        build.inputs.get("environment").map(String::as_str),
        Some("prod")
    );

    let unknown = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": API_CI, "ref": "main", "inputs": {"environment": "x"}}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(unknown, ProviderError::Invalid(message) if message.contains("environment") && message.contains("BRANCH"))
    );
}

#[tokio::test(start_paused = true)]
async fn a_build_still_waiting_when_the_wait_ends_is_answered_queued_with_the_reason() {
    let mut data = JenkinsData::seeded();
    data.held_in_queue = true;
    let subject = suite().subject;
    let server = subject.serve(data, |style| style).await;
    let provider = subject
        .instance(&server.base_url(), json!({"queue_wait_seconds": 5}))
        .await;
    let started = tokio::time::Instant::now();
    let (op, arguments) = trigger();
    let run = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(run["id"], FIRST_QUEUED);
    assert_eq!(run["status"], "queued");
    assert_eq!(run["current_step"], "Waiting for next available executor");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(4) && waited <= Duration::from_secs(5),
        "{waited:?}"
    );
    let polls = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path == "/jenkins/queue/item/145/api/json")
        .count();
    // One read a second, from the trigger to the end of the wait.
    assert_eq!(polls, 6);
}

#[tokio::test(start_paused = true)]
async fn an_item_cancelled_in_the_queue_is_a_conflict() {
    let mut data = JenkinsData::seeded();
    data.held_in_queue = true;
    let (server, provider) = suite().subject.start(data).await;
    let (op, arguments) = trigger();
    let triggering = call(provider.as_ref(), op, arguments);
    let cancelling = async {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if server.state().data().builds.cancel(145).is_ok() {
                return;
            }
        }
    };
    let (outcome, ()) = tokio::join!(triggering, cancelling);
    assert_eq!(
        outcome.unwrap_err(),
        ProviderError::Conflict(format!(
            "the build of `{API_CI}` was cancelled in Jenkins' queue (item 145) before it started"
        ))
    );
}

#[tokio::test]
async fn a_crumb_is_fetched_once_when_jenkins_asks_for_one() {
    let mut data = JenkinsData::seeded();
    data.crumb_required = true;
    let (server, provider) = suite().subject.start(data).await;
    for _ in 0..2 {
        let (op, arguments) = trigger();
        call(provider.as_ref(), op, arguments).await.unwrap();
    }
    let posts: Vec<(String, u16)> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.method == "POST" || seen.path.contains("crumbIssuer"))
        .map(|seen| (line(seen), seen.status))
        .collect();
    let with_crumb = format!(
        "POST /jenkins/{API_CI}/buildWithParameters?BRANCH=main&Jenkins-Crumb={}",
        mosaic_jenkins_fake::CRUMB
    );
    assert_eq!(
        posts,
        [
            (
                format!("POST /jenkins/{API_CI}/buildWithParameters?BRANCH=main"),
                403
            ),
            (
                "GET /jenkins/crumbIssuer/api/json?tree=crumb%2CcrumbRequestField".to_owned(),
                200
            ),
            (with_crumb.clone(), 201),
            (with_crumb, 201),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_pipeline_build_that_ignores_stop_is_sent_term_then_kill() {
    let mut data = JenkinsData::seeded();
    data.ignored_signals = 2;
    // A longer build, so that reading it while it is stopped does not run it to its end.
    let web = &mut data.builds.builds[35];
    web.steps.extend((1..=10).map(|n| Step {
        name: format!("deploy-{n}"),
        lines: vec![format!("[web#1 deploy-{n}] line 1 of 1")],
    }));
    let (server, provider) = suite().subject.start(data).await;
    let started = tokio::time::Instant::now();
    let run = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/web", "run_id": WEB_RUN}),
    )
    .await
    .unwrap();
    assert_eq!(run["status"], "cancelled");
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(10),
        "two waits of stop_grace_seconds"
    );
    let signals: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.method == "POST")
        .map(line)
        .collect();
    assert_eq!(
        signals,
        ["stop", "term", "kill"]
            .map(|signal| format!("POST /jenkins/job/acme/job/web/job/ci/1/{signal}"))
    );
}

#[tokio::test]
async fn a_queued_run_is_cancelled_in_the_queue_and_a_finished_one_is_a_conflict() {
    let (server, provider) = suite().subject.seeded().await;
    let queued = "job/acme/job/infra/job/deploy#queue-144";
    server.state().data().held_in_queue = true;
    let run = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/infra", "run_id": queued}),
    )
    .await
    .unwrap();
    assert_eq!(
        (run["id"].as_str(), run["status"].as_str()),
        (Some(queued), Some("cancelled"))
    );
    assert!(
        server
            .state()
            .requests()
            .iter()
            .any(|seen| line(seen) == "POST /jenkins/queue/cancelItem?id=144" && seen.status == 204)
    );
    let finished = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": "acme/api", "run_id": format!("{API_CI}#7")}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        finished,
        ProviderError::Conflict(format!(
            "run `{API_CI}#7` has already finished (success); there is nothing to cancel"
        ))
    );
    let posts = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.method == "POST")
        .count();
    assert_eq!(posts, 1, "nothing was sent to the finished run");
}
