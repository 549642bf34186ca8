//! The real adapters against the fakes, as the README shows it: every fake on one port
//! (what `mosaic-fakes serve` runs), their exports in the environment, and the real
//! `mosaic serve --config examples/hybrid-git.yaml` in front of them. REST calls go through
//! the `github`, `gitea` and `gitlab` adapters to the fakes, each below its own prefix, and a
//! write lands in the fake's data.

use mosaic_fakes::all_fakes::AllFakes;
use mosaic_fakes::exports::variables;
use mosaic_fakes::forge::Forge;
use serde_json::{Value, json};
use std::path::PathBuf;

/// The agents' API key; the example holds only its SHA-256.
const KEY: &str = "s3cret";
const KEY_SHA256: &str = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

#[path = "common/serve.rs"]
mod serve;

/// A running `mosaic serve` over the example.
struct Gateway(serve::Served);

impl Gateway {
    /// Starts `mosaic serve` on a free port with `env` added to its environment.
    fn start(mut env: Vec<(String, String)>) -> Gateway {
        let example =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/hybrid-git.yaml");
        env.push(("MOSAIC_STORE".into(), "sqlite::memory:".into()));
        env.push(("MOSAIC_AGENT_KEY_SHA256".into(), KEY_SHA256.into()));
        Gateway(serve::Served::start(&example, env))
    }

    /// A REST call with the agents' key: the status, the instance that served it, the body.
    async fn call(&self, request: reqwest::RequestBuilder) -> (u16, String, Value) {
        let response = request.bearer_auth(KEY).send().await.expect("call mosaic");
        let status = response.status().as_u16();
        let instance = response
            .headers()
            .get("x-mosaic-instance")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response.json().await.unwrap_or(Value::Null);
        assert!(status < 500, "{status} {body}\n{}", self.0.log());
        (status, instance, body)
    }

    /// The REST URL of `operation` (with its query string, for a read).
    fn url(&self, operation: &str) -> String {
        format!("http://{}/v1/{operation}", self.0.address)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hybrid_git_example_reaches_each_forge_fake_below_its_prefix() {
    let fakes = AllFakes::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let env: Vec<(String, String)> = fakes.mounts().iter().flat_map(variables).collect();
    let forge_state = |name: &str| fakes.state::<Forge>(name).expect("a forge fake is mounted");
    let (github, gitea) = (forge_state("github"), forge_state("gitea"));
    tokio::spawn(fakes.serve(std::future::pending()));
    let gateway = Gateway::start(env);
    let http = reqwest::Client::new();

    let get = |operation_and_query: &str| http.get(gateway.url(operation_and_query));
    let (status, instance, repo) = gateway
        .call(get("git.repos.get?repo=acme-oss/toolkit"))
        .await;
    assert_eq!((status, instance.as_str()), (200, "github"), "{repo}");
    assert_eq!(repo["full_name"], "acme-oss/toolkit");
    let saw = |requests: Vec<mosaic_fakes::server::Seen>, method: &str, path: &str| {
        requests
            .iter()
            .any(|seen| seen.method == method && seen.path == path && seen.status < 300)
    };
    assert!(saw(github.requests(), "GET", "/repos/acme-oss/toolkit"));

    let (status, instance, issues) = gateway
        .call(get("git.issues.list?repo=acme/internal-api&per_page=5"))
        .await;
    assert_eq!(
        (status, instance.as_str()),
        (200, "gitea-internal"),
        "{issues}"
    );
    assert_eq!(issues["items"].as_array().map(Vec::len), Some(5));
    assert!(saw(
        gitea.requests(),
        "GET",
        "/api/v1/repos/acme/internal-api/issues"
    ));

    let (status, instance, issue) = gateway
        .call(get(
            "git.issues.get?repo=client-a/platform/backend&number=2",
        ))
        .await;
    assert_eq!((status, instance.as_str()), (200, "gitlab"), "{issue}");
    assert_eq!(issue["number"], 2);

    let (status, instance, created) = gateway
        .call(
            http.post(gateway.url("git.issues.create"))
                .json(&json!({"repo": "acme-oss/toolkit", "title": "Filed through MosAIc"})),
        )
        .await;
    assert_eq!((status, instance.as_str()), (200, "github"), "{created}");
    let number = created["number"].as_u64().expect("the new issue's number");
    let forge = github.forge();
    let repo = forge.repo("acme-oss/toolkit").unwrap();
    assert!(
        repo.issues
            .iter()
            .any(|issue| issue.number == number && issue.title == "Filed through MosAIc"),
        "the write landed in the GitHub fake"
    );
}
