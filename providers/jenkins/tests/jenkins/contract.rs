//! The `jenkins` adapter against Jenkins' own description of its remote access API
//! (`api/prism.json`, trimmed from the description collection) served by Prism, for what the
//! description covers: the root and a top-level job's JSON, the queue, a queue item, and the
//! console. The instance maps the repository to Jenkins' root, since the description knows
//! only top-level jobs (`/job/{name}`). What it lacks is checked against the fake instead
//! (`api/README.md`).
//!
//! The description has no examples, so Prism answers values made from its schemas (`"url":
//! "string"`), and a queue item with the schema of the whole queue: such answers cannot be
//! read, and are expected as `bad_upstream_answer` naming what is wrong with them. That an
//! answer came back at all is the check of the request: Prism refuses a request that breaks
//! the description (`invalid_input`, `not_found`, `unauthenticated`).

use mosaic_core::{Health, OpId};
use mosaic_jenkins::JenkinsPlugin;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::Expect::Error;
use mosaic_testkit::adapter::contract::drive;
use mosaic_testkit::adapter::instance_with;
use serde_json::json;

#[tokio::test]
async fn every_request_the_description_covers_is_valid_and_its_answers_parse() {
    let Some(prism) = PrismMock::shared("jenkins") else {
        return;
    };
    let settings = json!({
        "user": "ana", "api_token": "contract",
        "repositories": [{"repo": "acme/*", "folder": ""}],
        "queue_wait_seconds": 0
    });
    let provider = instance_with(&JenkinsPlugin::default(), &prism.base_url(), settings).await;
    let calls = [
        (
            OpId::CiPipelinesList,
            json!({"repo": "acme/api"}),
            Error("bad_upstream_answer", "job URL `string` is not a URL"),
        ),
        (
            OpId::CiRunsList,
            json!({"repo": "acme/api", "pipeline": "job/ci"}),
            Error("bad_upstream_answer", "job URL `string` is not a URL"),
        ),
        (
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": "job/ci#queue-7"}),
            Error("bad_upstream_answer", "missing field `id`"),
        ),
        (
            OpId::CiRunsLogs,
            json!({"repo": "acme/api", "run_id": "job/ci#7", "offset": 0}),
            Error("bad_upstream_answer", "X-Text-Size"),
        ),
    ];
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(provider.health().await, Health::Healthy);
}
