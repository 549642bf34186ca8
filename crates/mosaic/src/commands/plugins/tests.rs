//! `mosaic plugins` against a gateway served on 127.0.0.1: two versions of `sim` side by
//! side, listed; the canary rolled back and promoted by the command, refused without the key.

use super::{Decision, PluginsCommand, Remote, run_to};
use mosaic_gateway::Gateway;

/// The key the configuration accepts for `ops` (its SHA-256 is below).
const KEY: &str = "s3cret";

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
auth:
  anonymous: { tenant: acme, principal: stranger }
  api_keys:
    - { name: ops, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: ops }
policies:
  - { name: only-ops-decide, effect: deny, principals: [stranger], operations: [mosaic.plugins.manage] }
  - { name: all, effect: allow }
providers:
  - { name: tracker-v1, plugin: sim@1.0.0, settings: { kinds: [pm], dataset: cli-versions } }
  - { name: tracker-v2, plugin: sim@1.1.0, settings: { kinds: [pm], dataset: cli-versions } }
routes:
  - name: tracker
    kinds: [pm]
    targets:
      - split: [{ instance: tracker-v1, weight: 90 }, { instance: tracker-v2, weight: 10, canary: true }]
"#;

/// Serves a gateway of `CONFIG` on a free port of 127.0.0.1; its base URL.
async fn serve() -> (Gateway, String) {
    let builtin = mosaic_providers::builtin();
    let sim = builtin.find("sim", None).unwrap().clone();
    let registry: mosaic_plugin::Plugins = builtin
        .iter()
        .cloned()
        .chain([mosaic_testkit::versioned::at_version(sim, "1.1.0")])
        .collect();
    let config = mosaic_config::load(CONFIG, &|_| None, &registry).unwrap();
    let gateway = Gateway::start(config).await.unwrap();
    gateway.install_plugins(mosaic_plugin::PluginSet::new(registry));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = crate::http::app(gateway.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (gateway, url)
}

fn remote(url: &str, key: Option<&str>) -> Remote {
    Remote {
        url: url.to_owned(),
        api_key: key.map(str::to_owned),
        json: false,
    }
}

async fn output(command: PluginsCommand) -> anyhow::Result<String> {
    let mut out = Vec::new();
    run_to(command, &mut out).await?;
    Ok(String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn the_command_lists_versions_and_rolls_back_and_promotes_the_canary() {
    let (_gateway, url) = serve().await;
    let listed = output(PluginsCommand::List(remote(&url, None)))
        .await
        .unwrap();
    let sims: Vec<Vec<&str>> = listed
        .lines()
        .filter(|line| line.starts_with("sim@"))
        .map(|line| line.split_whitespace().collect())
        .collect();
    assert_eq!(
        sims,
        [
            ["sim@1.0.0", "git,ci,kb,pm", "tracker-v1"],
            ["sim@1.1.0", "git,ci,kb,pm", "tracker-v2"]
        ],
        "{listed}"
    );
    assert!(listed.starts_with("PLUGIN "), "{listed}");

    let status = output(PluginsCommand::Status(remote(&url, None)))
        .await
        .unwrap();
    assert!(
        status.starts_with("tracker-v2 (sim@1.1.0) in rule `tracker`: active\n"),
        "{status}"
    );
    assert!(status.contains("rollback: over 5m, after 20 calls, at 5.0 points above the baseline"));

    let decision = |key: Option<&str>| Decision {
        instance: "tracker-v2".into(),
        remote: remote(&url, key),
    };
    let refused = output(PluginsCommand::Rollback(decision(None)))
        .await
        .unwrap_err();
    assert!(
        refused.to_string().starts_with("403 Forbidden: denied:"),
        "{refused}"
    );

    let rolled_back = output(PluginsCommand::Rollback(decision(Some(KEY))))
        .await
        .unwrap();
    assert!(rolled_back.contains(": rolled back\n"), "{rolled_back}");
    assert!(rolled_back.contains("decided by operator acme/ops: rolled back by an operator"));

    let promoted = output(PluginsCommand::Promote(decision(Some(KEY))))
        .await
        .unwrap();
    assert!(promoted.contains(": promoted\n"), "{promoted}");

    let unknown = output(PluginsCommand::Promote(Decision {
        instance: "tracker-v1".into(),
        remote: remote(&url, Some(KEY)),
    }))
    .await
    .unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("`tracker-v1` is not the canary of any split; canaries: tracker-v2"),
        "{unknown}"
    );
}

#[tokio::test]
async fn a_gateway_that_is_not_there_is_named() {
    let error = output(PluginsCommand::List(remote("http://127.0.0.1:9", None)))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("cannot reach the gateway at http://127.0.0.1:9/"),
        "{error}"
    );
    let error = output(PluginsCommand::List(remote("ftp://127.0.0.1", None)))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "--url `ftp://127.0.0.1` must be an http:// or https:// URL"
    );
}
