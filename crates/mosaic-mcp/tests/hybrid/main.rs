//! The hybrid Git estate of `examples/hybrid-git.yaml`, end to end: the example file itself is
//! loaded with its base URLs pointed at stateful fakes of Gitea (primary and read mirror),
//! GitHub and GitLab, and an MCP client calls tools over HTTP. Each repository pattern must
//! land on its forge, and a read must fail over to the mirror when the primary is down while
//! a write must not.

use example::call;
use mosaic_fakes::forge::Forge;
use mosaic_fakes::server::FakeServer;
use mosaic_fakes::{gitea, github, gitlab};
use rmcp::RoleClient;
use rmcp::model::CallToolResult;
use rmcp::service::RunningService;
use serde_json::{Value, json};
use std::collections::HashMap;

#[path = "../common/example.rs"]
mod example;

const EXAMPLE: &str = include_str!("../../../../examples/hybrid-git.yaml");

/// The agents' API key; the example holds only its SHA-256.
const KEY: &str = "s3cret";
const KEY_SHA256: &str = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

struct Estate {
    gitea: Option<FakeServer>,
    mirror: FakeServer,
    github: FakeServer,
    gitlab: FakeServer,
    client: RunningService<RoleClient, ()>,
}

/// Starts the four fakes, the gateway on the example configuration, and an MCP client.
async fn estate() -> Estate {
    let gitea = gitea::start(Forge::seeded(), "gitea-token").await;
    // The mirror holds the same repositories, as a mirror does.
    let mirror = gitea::start(Forge::seeded(), "mirror-token").await;
    let github = github::start(Forge::seeded(), "github-token").await;
    let gitlab = gitlab::start(Forge::seeded(), "gitlab-token").await;
    let env: HashMap<&str, String> = HashMap::from([
        ("MOSAIC_STORE", "sqlite::memory:".to_owned()),
        ("MOSAIC_AGENT_KEY_SHA256", KEY_SHA256.to_owned()),
        ("MOSAIC_GITEA_URL", gitea.base_url()),
        ("MOSAIC_GITEA_TOKEN", "gitea-token".to_owned()),
        ("MOSAIC_GITEA_MIRROR_URL", mirror.base_url()),
        ("MOSAIC_GITEA_MIRROR_TOKEN", "mirror-token".to_owned()),
        ("MOSAIC_GITHUB_URL", github.base_url()),
        ("MOSAIC_GITHUB_TOKEN", "github-token".to_owned()),
        ("MOSAIC_GITLAB_URL", gitlab.base_url()),
        ("MOSAIC_GITLAB_TOKEN", "gitlab-token".to_owned()),
    ]);
    let served = example::serve("hybrid-git.yaml", EXAMPLE, env).await;
    let client = example::client(served.address, KEY, HashMap::new()).await;
    Estate {
        gitea: Some(gitea),
        mirror,
        github,
        gitlab,
        client,
    }
}

/// The instance that served a successful call.
fn served_by(result: &CallToolResult) -> Value {
    assert_eq!(result.is_error, Some(false), "{result:?}");
    result.meta.as_ref().unwrap().0["mosaic/served"].clone()
}

/// Whether a fake saw a request whose path ends with `suffix`.
fn saw(server: &FakeServer, method: &str, suffix: &str) -> bool {
    server
        .state()
        .requests()
        .iter()
        .any(|seen| seen.method == method && seen.path.ends_with(suffix))
}

#[tokio::test]
async fn each_repository_pattern_lands_on_its_forge() {
    let estate = estate().await;

    let internal = call(
        &estate.client,
        "git_issues_list",
        json!({"repo": "acme/internal-api", "per_page": 5}),
    )
    .await;
    assert_eq!(served_by(&internal)["instance"], "gitea-internal");
    let items = &internal.structured_content.as_ref().unwrap()["items"];
    assert_eq!(items.as_array().unwrap().len(), 5);
    assert!(saw(
        estate.gitea.as_ref().unwrap(),
        "GET",
        "/api/v1/repos/acme/internal-api/issues"
    ));

    let oss = call(
        &estate.client,
        "git_repos_get",
        json!({"repo": "acme-oss/toolkit"}),
    )
    .await;
    assert_eq!(served_by(&oss)["instance"], "github");
    assert_eq!(
        oss.structured_content.as_ref().unwrap()["full_name"],
        "acme-oss/toolkit"
    );
    assert!(saw(&estate.github, "GET", "/repos/acme-oss/toolkit"));

    let client = call(
        &estate.client,
        "git_issues_get",
        json!({"repo": "client-a/platform/backend", "number": 2}),
    )
    .await;
    assert_eq!(served_by(&client)["instance"], "gitlab");
    assert_eq!(client.structured_content.as_ref().unwrap()["number"], 2);
    assert!(saw(
        &estate.gitlab,
        "GET",
        "/api/v4/projects/client-a%2Fplatform%2Fbackend/issues/2"
    ));

    let created = call(
        &estate.client,
        "git_issues_create",
        json!({"repo": "acme/internal-api", "title": "Filed through MosAIc"}),
    )
    .await;
    assert_eq!(served_by(&created)["instance"], "gitea-internal");
    let number = created.structured_content.as_ref().unwrap()["number"]
        .as_u64()
        .unwrap();
    let stored = estate.gitea.as_ref().unwrap().state().forge();
    let repo = stored.repo("acme/internal-api").unwrap();
    assert!(
        repo.issues
            .iter()
            .any(|issue| issue.number == number && issue.title == "Filed through MosAIc")
    );
    drop(stored);

    // Nothing of acme's internal repositories went anywhere else.
    for other in [&estate.github, &estate.gitlab, &estate.mirror] {
        assert!(
            !other
                .state()
                .requests()
                .iter()
                .any(|seen| seen.path.contains("internal-api"))
        );
    }
}

#[tokio::test]
async fn reads_fail_over_to_the_mirror_and_writes_do_not() {
    let mut estate = estate().await;
    // The primary goes away: its port refuses connections.
    drop(estate.gitea.take());

    let read = call(
        &estate.client,
        "git_issues_get",
        json!({"repo": "acme/internal-web", "number": 1}),
    )
    .await;
    let served = served_by(&read);
    assert_eq!(served["instance"], "gitea-mirror");
    assert_eq!(served["failed_over"][0]["instance"], "gitea-internal");
    assert_eq!(served["failed_over"][0]["code"], "unavailable");
    assert!(saw(
        &estate.mirror,
        "GET",
        "/api/v1/repos/acme/internal-web/issues/1"
    ));

    let write = call(
        &estate.client,
        "git_issues_comment",
        json!({"repo": "acme/internal-web", "number": 1, "body": "must not land on the mirror"}),
    )
    .await;
    assert_eq!(write.is_error, Some(true));
    let error = &write.meta.as_ref().unwrap().0["mosaic/error"];
    assert_eq!(error["code"], "write_target_unavailable", "{error}");
    assert!(
        !estate
            .mirror
            .state()
            .requests()
            .iter()
            .any(|seen| seen.method == "POST")
    );
}

#[tokio::test]
async fn a_spent_quota_shows_in_the_status_and_stops_calls_until_it_resets() {
    let estate = estate().await;
    // GitHub has one request left in this window, which resets in ten minutes.
    estate
        .github
        .state()
        .knobs
        .set_quota(5000, 1, std::time::Duration::from_secs(600));
    let first = call(
        &estate.client,
        "git_repos_get",
        json!({"repo": "acme-oss/toolkit"}),
    )
    .await;
    assert_eq!(served_by(&first)["instance"], "github");

    let status = call(&estate.client, "mosaic_providers_status", json!({})).await;
    let instances = status.structured_content.as_ref().unwrap()["instances"].clone();
    let github = instances
        .as_array()
        .unwrap()
        .iter()
        .find(|instance| instance["name"] == "github")
        .unwrap()
        .clone();
    assert_eq!(github["quota"]["remaining"], 0, "{github}");
    assert_eq!(github["quota"]["limit"], 5000);

    // The next call is not sent: the gateway knows the answer would be a refusal.
    let seen_before = estate.github.state().requests().len();
    let refused = call(
        &estate.client,
        "git_issues_list",
        json!({"repo": "acme-oss/toolkit"}),
    )
    .await;
    assert_eq!(refused.is_error, Some(true));
    let error = &refused.meta.as_ref().unwrap().0["mosaic/error"];
    assert_eq!(error["code"], "rate_limited", "{error}");
    assert!(
        error["retry_after_ms"].as_u64().unwrap() > 500_000,
        "{error}"
    );
    assert_eq!(estate.github.state().requests().len(), seen_before);
}
