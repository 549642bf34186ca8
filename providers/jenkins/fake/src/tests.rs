//! The fake speaks Jenkins: folders and jobs by their URLs, the queue, builds moving on as they
//! are read, the console from an offset, triggers, stop signals, the crumb and HTML errors.

use super::*;
use serde_json::Value;

const TOKEN: &str = "jenkins-t0ken";

async fn send(
    server: &FakeServer<JenkinsData>,
    method: reqwest::Method,
    path: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .header("authorization", basic(USER, TOKEN))
        .send()
        .await
        .unwrap()
}

async fn get(server: &FakeServer<JenkinsData>, path: &str) -> (u16, Value) {
    let response = send(server, reqwest::Method::GET, path).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn folders_hold_repositories_and_their_pipelines_as_jobs() {
    let server = start(JenkinsData::seeded(), TOKEN).await;
    let (_, root) = get(&server, "/api/json?tree=jobs[name,url]").await;
    assert_eq!(root["jobs"][0]["name"], "acme");
    let (_, owner) = get(&server, "/job/acme/api/json").await;
    let names: Vec<&str> = owner["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|job| job["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["api", "web", "infra"]);
    let (_, repo) = get(&server, "/job/acme/job/api/api/json").await;
    assert_eq!(repo["jobs"][1]["name"], "release");
    assert_eq!(
        repo["jobs"][0]["url"],
        format!("{}/job/acme/job/api/job/ci/", server.base_url())
    );
    let (status, _) = get(&server, "/job/acme/job/nope/api/json").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn builds_page_by_range_newest_first_and_queued_ones_are_not_builds_yet() {
    let server = start(JenkinsData::seeded(), TOKEN).await;
    let (_, job) = get(
        &server,
        "/job/acme/job/api/job/ci/api/json?tree=allBuilds[number,result]{5,10}",
    )
    .await;
    let numbers: Vec<u64> = job["allBuilds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|build| build["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [30, 29, 28, 27, 26]);
    assert_eq!(job["allBuilds"][0]["result"], "FAILURE");
    let (_, deploy) = get(
        &server,
        "/job/acme/job/infra/job/deploy/api/json?tree=builds[number]",
    )
    .await;
    assert_eq!(deploy["builds"], serde_json::json!([]));
    assert_eq!(deploy["inQueue"], true);
    let (_, queue) = get(&server, "/queue/api/json").await;
    assert_eq!(
        queue["items"][0]["why"],
        "Waiting for next available executor"
    );
    assert_eq!(
        queue["items"][0]["params"],
        "\nBRANCH=main\nenvironment=staging"
    );
}

#[tokio::test]
async fn a_trigger_queues_an_item_that_becomes_a_build_and_runs_to_its_end() {
    let server = start(JenkinsData::seeded(), TOKEN).await;
    let response = send(
        &server,
        reqwest::Method::POST,
        "/job/acme/job/infra/job/deploy/buildWithParameters?BRANCH=release&environment=prod&other=x",
    )
    .await;
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let path = location
        .strip_prefix(&server.base_url())
        .unwrap()
        .to_owned();
    let (_, waiting) = get(&server, &format!("{path}api/json")).await;
    assert_eq!(waiting["why"], "Waiting for next available executor");
    let (_, left) = get(&server, &format!("{path}api/json")).await;
    // The seed's queued deploy is #1.
    assert_eq!(left["executable"]["number"], 2);
    let mut build = Value::Null;
    for _ in 0..5 {
        build = get(&server, "/job/acme/job/infra/job/deploy/2/api/json")
            .await
            .1;
    }
    assert_eq!(
        (build["building"].clone(), build["result"].clone()),
        (Value::Bool(false), "SUCCESS".into())
    );
    assert_eq!(build["actions"][1]["parameters"][0]["value"], "release");
    assert_eq!(
        build["actions"][1]["parameters"].as_array().unwrap().len(),
        2
    );
}

#[tokio::test]
async fn the_console_reads_from_an_offset_with_its_size_and_whether_more_comes() {
    let server = start(JenkinsData::seeded(), TOKEN).await;
    let path = "/job/acme/job/web/job/ci/1/logText/progressiveText";
    let first = send(&server, reqwest::Method::GET, &format!("{path}?start=0")).await;
    let size: usize = first.headers()["x-text-size"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(first.headers()["x-more-data"], "true");
    let text = first.text().await.unwrap();
    assert_eq!(text.len(), size);
    assert!(text.ends_with("[web#1 build] line 3 of 3\n"), "{text}");
    let second = send(
        &server,
        reqwest::Method::GET,
        &format!("{path}?start={size}"),
    )
    .await;
    assert_eq!(second.headers()["x-more-data"], "true");
    assert!(
        second
            .text()
            .await
            .unwrap()
            .starts_with("[web#1 test] line 1 of 3")
    );
    let last = send(
        &server,
        reqwest::Method::GET,
        &format!("{path}?start={size}"),
    )
    .await;
    assert!(
        last.headers().get("x-more-data").is_none(),
        "finished once its last step was read"
    );
    let rolled = send(
        &server,
        reqwest::Method::GET,
        &format!("{path}?start=99999"),
    )
    .await;
    assert!(
        rolled
            .text()
            .await
            .unwrap()
            .starts_with("[web#1 checkout] line 1")
    );
}

#[tokio::test]
async fn stop_signals_take_after_the_ignored_ones_and_a_crumb_is_required_when_set() {
    let mut data = JenkinsData::seeded();
    data.ignored_signals = 1;
    data.crumb_required = true;
    let server = start(data, TOKEN).await;
    let stop = "/job/acme/job/web/job/ci/1/stop";
    let refused = send(&server, reqwest::Method::POST, stop).await;
    assert_eq!(refused.status().as_u16(), 403);
    assert!(refused.text().await.unwrap().contains("No valid crumb"));
    server.state().data().crumb_required = false;
    send(&server, reqwest::Method::POST, stop).await;
    assert!(!server.state().data().builds.builds[35].is_finished());
    send(
        &server,
        reqwest::Method::POST,
        "/job/acme/job/web/job/ci/1/term",
    )
    .await;
    let build = &server.state().data().builds.builds[35];
    assert_eq!(
        build.stage,
        mosaic_fake_kit::builds::Stage::Finished(mosaic_fake_kit::builds::Outcome::Cancelled)
    );
}

#[tokio::test]
async fn errors_are_html_pages() {
    let server = start(JenkinsData::seeded(), TOKEN).await;
    let response = send(
        &server,
        reqwest::Method::GET,
        "/job/acme/job/api/job/ci/99/api/json",
    )
    .await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<title>Error 404 Not Found</title>")
    );
}
