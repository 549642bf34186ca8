//! A mapping that its examples run quickly but a live answer would keep busy without end is
//! stopped by the step bound: the call answers a provider error naming the operation and the
//! bound, and the instance keeps serving.

use mosaic_core::{OpId, Operation, ProviderError};
use mosaic_fakes::forge::Forge;
use mosaic_plugin::BuildContext;
use serde_json::json;
use std::path::Path;

const TOKEN: &str = "t0ken";

/// `git.repos.get` counting up to its repository's id times 10¹²: nothing on the example
/// (id 0), forever on any repository the fake holds.
const MANIFEST: &str = r#"
name: slow-forge
version: 1.0.0
description: A forge whose repository mapping loops on live answers
kinds: [git]
auth: {type: header, name: Authorization, prefix: "token "}
operations:
  git.repos.get:
    request: {path: '/repos/{{ repo | path }}'}
    response:
      output: '([range(.id * 1e12)] | length) as $spin | {id: (.id | tostring), full_name, name, owner: .owner.login, description: null, default_branch: "main", private: false, updated_at: null, web_url: ""}'
    examples:
      - input: {repo: acme/api}
        answer: {id: 0, full_name: acme/api, name: api, owner: {login: acme}}
  git.branches.list:
    request: {path: '/repos/{{ repo | path }}/branches'}
    pagination: none
    response:
      items: '.[] | {name, commit_sha: (.commit.id // ""), protected: (.protected // false)}'
    examples:
      - input: {repo: acme/api}
        answer: [{name: main, commit: {id: abc}, protected: true}]
"#;

#[tokio::test]
async fn a_mapping_that_runs_out_of_fuel_answers_a_provider_error_naming_the_operation() {
    let plugin = mosaic_manifest::load(MANIFEST, Path::new("slow.yaml"))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let server = mosaic_fakes::gitea::start(Forge::seeded(), TOKEN).await;
    let settings = json!({"base_url": server.base_url(), "token": TOKEN});
    let instance = plugin
        .validate(&settings)
        .expect("settings validate")
        .build(&BuildContext::new("slow"))
        .await
        .expect("it builds");
    let get = Operation::parse(OpId::GitReposGet, json!({"repo": "acme/internal-api"})).unwrap();
    let error = instance
        .call(&get)
        .await
        .expect_err("the mapping is cut off");
    let text = error.to_string();
    assert!(matches!(error, ProviderError::Protocol(_)), "{error:?}");
    assert!(text.contains("`git.repos.get`"), "{text}");
    assert!(
        text.contains("ran out of fuel") && text.contains("1000000 steps"),
        "{text}"
    );
    // The instance is unharmed: its other mappings still answer.
    let branches =
        Operation::parse(OpId::GitBranchesList, json!({"repo": "acme/internal-api"})).unwrap();
    assert!(instance.call(&branches).await.is_ok());
}
