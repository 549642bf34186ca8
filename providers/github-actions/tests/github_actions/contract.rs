//! Every operation of the `github-actions` adapter against GitHub's own API description
//! (`api/prism.json`, the Actions paths of GitHub's REST description) served by Prism: every
//! request must pass the description's validation, and every documented answer must read
//! into the unified model. The job-log redirect's target (GitHub's log storage) and the
//! older-server fallback are not in the description: they are checked against the fake.

use mosaic_core::OpId;
use mosaic_github_actions::GitHubActionsPlugin;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::{call, instance};
use serde_json::json;

const REPO: &str = "octocat/Hello-World";

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_parses() {
    let Some(prism) = PrismMock::shared("github-actions") else {
        return;
    };
    let provider = instance(
        &GitHubActionsPlugin::default(),
        &prism.base_url(),
        "ghp_contract",
    )
    .await;
    let calls = [
        (
            OpId::CiPipelinesList,
            json!({"repo": REPO, "per_page": 5, "cursor": "2"}),
        ),
        (
            OpId::CiRunsList,
            json!({"repo": REPO, "branch": "main", "status": "failure"}),
        ),
        (
            OpId::CiRunsList,
            json!({"repo": REPO, "pipeline": "ci.yml", "status": "running"}),
        ),
        (OpId::CiRunsGet, json!({"repo": REPO, "run_id": "30433642"})),
        (
            OpId::CiRunsTrigger,
            // By file name: the description's `workflow_id` is `oneOf` an integer and a string,
            // which a number in a path matches both of, so Prism refuses every numeric id.
            json!({"repo": REPO, "pipeline": "main.yml", "ref": "main", "inputs": {"name": "Mona"}}),
        ),
        (
            OpId::CiRunsCancel,
            json!({"repo": REPO, "run_id": "30433642"}),
        ),
    ];
    for (op, arguments) in calls {
        let answer = call(provider.as_ref(), op, arguments.clone()).await;
        assert!(answer.is_ok(), "{} {arguments}: {answer:?}", op.name());
    }
}
