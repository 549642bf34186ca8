//! The plugins folder of a running `mosaic serve`, changed under load: a manifest added, its
//! plugin upgraded in place, broken, and removed, while a loop of calls goes through the
//! manifest's instance to the Gitea fake. No call fails; each change shows in status; the
//! broken manifest is refused with its errors while the version before it keeps serving.

use mosaic_fakes::all_fakes::AllFakes;
use mosaic_fakes::exports::variables;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: hot } }
policies: [{ name: all, effect: allow }]
# Every call reaches the plugin: nothing is served from cache.
cache:
  classes:
    volatile: { ttl: 0s, stale_for: 0s }
    standard: { ttl: 0s, stale_for: 0s }
    stable: { ttl: 0s, stale_for: 0s }
plugins: { dir: "${PLUGINS_DIR}" }
providers:
  # No version: the instance follows the manifest's plugin as it is upgraded.
  - { name: forge, plugin: gitea-manifest, settings: { base_url: "${MOSAIC_GITEA_URL}", token: "${MOSAIC_GITEA_TOKEN}" } }
routes:
  - { name: all, targets: [{ instance: forge }] }
"#;

#[path = "common/serve.rs"]
mod serve;

use serve::Served as Gateway;

fn url(gateway: &Gateway, path: &str) -> String {
    format!("http://{}{path}", gateway.address)
}

/// Polls `/v1/providers` until `done` holds of it; the last status when it never does.
async fn until(gateway: &Gateway, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    let http = reqwest::Client::new();
    let mut status = Value::Null;
    // A bound so that a change never applied fails the test instead of hanging it.
    for _ in 0..400 {
        status = http
            .get(url(gateway, "/v1/providers"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if done(&status) {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{what} never showed; last status {status}\n{}",
        gateway.log()
    );
}

fn file<'a>(status: &'a Value, name: &str) -> Option<&'a Value> {
    status["plugins"]["files"]
        .as_array()?
        .iter()
        .find(|file| file["file"] == name)
}

fn instance_plugin(status: &Value) -> String {
    status["instances"][0]["plugin"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn write(path: &Path, text: &str) {
    // As editors save: beside the file, then renamed over it.
    let temporary = path.with_file_name(format!(
        ".{}.swp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manifests_change_under_load_without_a_failed_call() {
    let fakes = AllFakes::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let mut env: Vec<(String, String)> = fakes.mounts().iter().flat_map(variables).collect();
    tokio::spawn(fakes.serve(std::future::pending()));

    let root = std::env::temp_dir().join(format!("mosaic-hot-plugins-{}", std::process::id()));
    let plugins = root.join("plugins");
    std::fs::create_dir_all(&plugins).unwrap();
    let shipped = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plugins/gitea.yaml"),
    )
    .unwrap();
    std::fs::write(plugins.join("gitea.yaml"), &shipped).unwrap();
    std::fs::write(plugins.join("README.md"), "not a manifest").unwrap();
    let config = root.join("mosaic.yaml");
    std::fs::write(&config, CONFIG).unwrap();
    env.push(("PLUGINS_DIR".into(), plugins.display().to_string()));
    env.push(("RUST_LOG".into(), "info".into()));
    let gateway = Arc::new(Gateway::start(&config, env));
    let status = until(&gateway, "the manifest serving", |status| {
        instance_plugin(status) == "gitea-manifest@1.0.0"
    })
    .await;
    assert_eq!(
        file(&status, "gitea.yaml").unwrap()["serving"],
        "gitea-manifest@1.0.0"
    );
    assert!(file(&status, "README.md").is_none());

    // The load: calls one after another until told to stop, every answer checked.
    let stop = Arc::new(AtomicBool::new(false));
    let (calls, failed) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(Mutex::new(Vec::new())),
    );
    let load = {
        let (gateway, stop, calls, failed) = (
            Arc::clone(&gateway),
            Arc::clone(&stop),
            Arc::clone(&calls),
            Arc::clone(&failed),
        );
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            while !stop.load(Ordering::SeqCst) {
                let answer = http
                    .get(url(&gateway, "/v1/git.repos.get?repo=acme/internal-api"))
                    .send()
                    .await;
                calls.fetch_add(1, Ordering::SeqCst);
                match answer {
                    Ok(answer) if answer.status() == 200 => {}
                    Ok(answer) => {
                        let status = answer.status();
                        let body = answer.text().await.unwrap_or_default();
                        failed.lock().unwrap().push(format!("{status} {body}"));
                    }
                    Err(error) => failed.lock().unwrap().push(error.to_string()),
                }
            }
        })
    };

    // Added: a second manifest, another plugin.
    write(
        &plugins.join("extra.yaml"),
        &shipped.replace("name: gitea-manifest", "name: gitea-extra"),
    );
    until(&gateway, "the added manifest", |status| {
        file(status, "extra.yaml").is_some_and(|file| file["serving"] == "gitea-extra@1.0.0")
    })
    .await;

    // Changed: the plugin upgraded in place; its instance is rebuilt on the new version.
    let upgraded = shipped.replace("version: 1.0.0", "version: 1.1.0");
    write(&plugins.join("gitea.yaml"), &upgraded);
    until(&gateway, "the upgraded plugin serving", |status| {
        instance_plugin(status) == "gitea-manifest@1.1.0"
    })
    .await;

    // Broken: refused with its errors, the version before it serving on.
    let broken = upgraded.replace(
        "'.[] | {id: (.id | tostring)",
        "'.[] | {id: (.id | tostring",
    );
    write(&plugins.join("gitea.yaml"), &broken);
    let status = until(&gateway, "the refusal", |status| {
        file(status, "gitea.yaml").is_some_and(|file| file["rejected"].is_array())
    })
    .await;
    let refused = file(&status, "gitea.yaml").unwrap();
    assert_eq!(refused["serving"], "gitea-manifest@1.1.0", "{refused}");
    let errors = refused["rejected"].to_string();
    assert!(
        errors.contains("git.repos.list"),
        "the error names its place: {errors}"
    );
    assert_eq!(instance_plugin(&status), "gitea-manifest@1.1.0");

    // Removed: the unused manifest leaves; removing the one in use leaves its instance
    // serving, since the configuration naming it is then refused.
    std::fs::remove_file(plugins.join("extra.yaml")).unwrap();
    until(&gateway, "the removal", |status| {
        file(status, "extra.yaml").is_none()
    })
    .await;
    std::fs::remove_file(plugins.join("gitea.yaml")).unwrap();
    until(&gateway, "the in-use removal", |status| {
        status["plugins"]["files"]
            .as_array()
            .is_some_and(Vec::is_empty)
    })
    .await;
    // The configuration, which names the removed plugin, is loaded again and refused; calls
    // go on meanwhile and after.
    for _ in 0..400 {
        if gateway.log().contains("configuration change rejected") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let after = calls.load(Ordering::SeqCst) + 20;
    while calls.load(Ordering::SeqCst) < after {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::SeqCst);
    load.await.unwrap();

    let failed = failed.lock().unwrap().clone();
    assert!(
        failed.is_empty(),
        "{} of {} calls failed: {failed:?}",
        failed.len(),
        calls.load(Ordering::SeqCst)
    );
    assert!(calls.load(Ordering::SeqCst) > 40);
    let log = gateway.log();
    assert!(log.contains("plugin manifest refused"), "{log}");
    assert!(
        log.contains("configuration change rejected"),
        "the removal of the plugin in use is refused: {log}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
