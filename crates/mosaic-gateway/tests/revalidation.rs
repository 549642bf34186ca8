//! Revalidation across reloads, against the GitHub fake: the validators an instance collected
//! outlive a reload that keeps its settings, so its next read is a free `304`; once its token
//! changes they are never used, and the new token collects its own. Across replicas and
//! restarts through the shared Redis tier: `replicas.rs`.

#[path = "revalidation/replicas.rs"]
mod replicas;

use mosaic_core::{OpId, RequestContext};
use mosaic_fakes::forge::Forge;
use mosaic_fakes::github;
use mosaic_fakes::server::{FakeServer, Style};
use mosaic_gateway::{CallRequest, Gateway};
use serde_json::{Value, json};

const FIRST_TOKEN: &str = "first-t0ken";
const SECOND_TOKEN: &str = "second-t0ken";
const ISSUE_PATH: &str = "/repos/acme/internal-api/issues/1";

/// A GitHub fake that takes both tokens, so what a reload changes is whose the answers are.
async fn forge() -> FakeServer {
    let accepted = [FIRST_TOKEN, SECOND_TOKEN]
        .into_iter()
        .map(|token| format!("Bearer {token}"))
        .collect();
    let style = Style {
        accepted,
        ..github::style(FIRST_TOKEN)
    };
    FakeServer::start(style, Forge::seeded(), github::routes()).await
}

/// One `github` instance at `base_url` with `token`, every answer cache class off, so that
/// each read reaches the provider and only revalidation can make it free.
fn config(base_url: &str, token: &str) -> mosaic_config::GatewayConfig {
    config_with(base_url, token, "", "{}")
}

/// [`config`] with more of the `cache` section (`, l2: {…}`) and the instance's `labels`.
fn config_with(
    base_url: &str,
    token: &str,
    cache: &str,
    labels: &str,
) -> mosaic_config::GatewayConfig {
    let off = "{ ttl: 0s, stale_for: 0s }";
    let yaml = format!(
        r#"
store: {{ url: "sqlite::memory:" }}
cache: {{ classes: {{ volatile: {off}, standard: {off}, stable: {off} }}{cache} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: forge, plugin: github, labels: {labels}, settings: {{ base_url: "{base_url}", token: {token} }} }}
routes:
  - {{ name: git, kinds: [git], targets: [{{ instance: forge }}] }}
"#
    );
    mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin())
        .unwrap_or_else(|errors| panic!("{errors}"))
}

/// Reads issue 1 through the gateway.
async fn read(gateway: &Gateway) -> Value {
    let request = CallRequest {
        op: OpId::GitIssuesGet,
        arguments: json!({ "repo": "acme/internal-api", "number": 1 }),
        provider: None,
    };
    let answer = gateway
        .call(&RequestContext::local("tester"), request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    answer.output.to_json()
}

/// The reads of issue 1 the forge saw: whether each was conditional, and its status.
fn issue_reads(server: &FakeServer) -> Vec<(bool, u16)> {
    let requests = server.state().requests().into_iter();
    requests
        .filter(|seen| seen.method == "GET" && seen.path == ISSUE_PATH)
        .map(|seen| (seen.conditional, seen.status))
        .collect()
}

#[tokio::test]
async fn a_reload_that_keeps_the_settings_keeps_the_validators() {
    let server = forge().await;
    let base_url = server.base_url();
    let gateway = Gateway::start(config(&base_url, FIRST_TOKEN))
        .await
        .unwrap();
    let first = read(&gateway).await;

    gateway
        .reload(config(&base_url, FIRST_TOKEN))
        .await
        .unwrap();
    let second = read(&gateway).await;

    assert_eq!(second, first);
    assert_eq!(issue_reads(&server), [(false, 200), (true, 304)]);
    assert_eq!(gateway.cache_stats().validators.revalidations, 1);
}

#[tokio::test]
async fn a_reload_with_another_token_never_revalidates_with_the_old_ones_answers() {
    let server = forge().await;
    let base_url = server.base_url();
    let gateway = Gateway::start(config(&base_url, FIRST_TOKEN))
        .await
        .unwrap();
    let first = read(&gateway).await;

    gateway
        .reload(config(&base_url, SECOND_TOKEN))
        .await
        .unwrap();
    let second = read(&gateway).await;
    let third = read(&gateway).await;

    assert_eq!((&second, &third), (&first, &first));
    assert_eq!(
        issue_reads(&server),
        [(false, 200), (false, 200), (true, 304)],
        "the second token fetches afresh, then revalidates its own answer"
    );
}
