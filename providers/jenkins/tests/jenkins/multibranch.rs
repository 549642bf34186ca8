//! A multibranch project: its branch jobs listed as pipelines by the URLs Jenkins gives them
//! (a branch `feature/dark-mode` is the job `feature%2Fdark-mode`, at `…/job/feature%252Fdark-mode`),
//! their builds as runs, and a branch job triggered at its own branch only.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_jenkins_fake::JenkinsData;
use mosaic_testkit::adapter::call;
use serde_json::json;
use std::collections::BTreeMap;

const PROJECT: &str = "job/acme/job/web/job/ci";
const FEATURE: &str = "job/acme/job/web/job/ci/job/feature%252Fdark-mode";

/// The seed with `acme/web`'s `ci` as a multibranch project, with a finished build of
/// `feature/dark-mode` (its #2) beside the running one of `main`.
fn data() -> JenkinsData {
    let mut data = JenkinsData::seeded();
    let web_ci = data
        .builds
        .pipeline_named("acme/web", "ci")
        .expect("the seed's pipeline")
        .id;
    let feature = data
        .builds
        .trigger(web_ci, "feature/dark-mode", "push", BTreeMap::new())
        .expect("the seed's pipeline");
    data.builds.finish(feature);
    data.multibranch.push(web_ci);
    data
}

#[tokio::test]
async fn branch_jobs_are_pipelines_by_the_urls_jenkins_gives_them() {
    let (_server, provider) = suite().subject.start(data()).await;
    let page = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/web"}),
    )
    .await
    .unwrap();
    let pipelines: Vec<(&str, &str)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pipeline| {
            (
                pipeline["id"].as_str().unwrap(),
                pipeline["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pipelines,
        [
            (format!("{PROJECT}/job/main").as_str(), "ci/main"),
            (FEATURE, "ci/feature%2Fdark-mode")
        ]
    );

    let runs = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/web", "pipeline": FEATURE}),
    )
    .await
    .unwrap();
    let run = &runs["items"][0];
    assert_eq!(runs["items"].as_array().unwrap().len(), 1);
    assert_eq!(run["id"], format!("{FEATURE}#2"));
    assert_eq!(run["ref"], "feature/dark-mode");
    assert_eq!(run["status"], "success");
    let again = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/web", "run_id": run["id"]}),
    )
    .await
    .unwrap();
    assert_eq!(&again, run);
}

#[tokio::test]
async fn a_branch_job_builds_its_own_branch_and_no_other() {
    let (server, provider) = suite().subject.start(data()).await;
    let run = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": "acme/web", "pipeline": FEATURE, "ref": "feature/dark-mode"}),
    )
    .await
    .unwrap();
    assert_eq!(run["id"], format!("{FEATURE}#3"));
    assert_eq!(run["ref"], "feature/dark-mode");
    assert!(
        server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.method == "POST"
                && seen.path == format!("/jenkins/{FEATURE}/build")
                && seen.status == 201)
    );
    let elsewhere = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": "acme/web", "pipeline": FEATURE, "ref": "main"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&elsewhere, ProviderError::Invalid(message) if message.contains("no `BRANCH` parameter")),
        "{elsewhere:?}"
    );
}
