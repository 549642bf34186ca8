//! Hot reload under load: valid changes swap providers and routes atomically without failing
//! a single call in flight; an invalid change, and a valid one that would serve no call (an
//! empty file, the first lines of a good one), is refused and the old configuration serves on.

use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallRequest, Gateway, Source};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

fn config(target: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
auth: {{ anonymous: {{ tenant: default, principal: loader }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: blue, plugin: sim, settings: {{ kinds: [pm], dataset: reload-blue, latency: {{ distribution: uniform, mean: 2ms, stddev: 1ms }} }} }}
  - {{ name: green, plugin: sim, settings: {{ kinds: [pm], dataset: reload-green, latency: {{ distribution: uniform, mean: 2ms, stddev: 1ms }} }} }}
routes:
  - {{ name: pm, kinds: [pm], targets: [{{ instance: {target} }}] }}
"#
    )
}

/// The first lines of `text`, up to (not including) the line starting with `section`.
fn prefix<'t>(text: &'t str, section: &str) -> &'t str {
    &text[..text
        .find(&format!("\n{section}"))
        .expect("the section is in the file")
        + 1]
}

fn load(yaml: &str) -> Result<mosaic_config::GatewayConfig, mosaic_config::ConfigErrors> {
    mosaic_config::load(yaml, &|_| None, &mosaic_providers::builtin())
}

/// Concurrent callers, each calling in a loop until stopped, counting calls and failures.
struct Callers {
    stop: Arc<AtomicBool>,
    calls: Arc<AtomicUsize>,
    failures: Arc<AtomicUsize>,
    workers: Vec<JoinHandle<()>>,
}

impl Callers {
    fn start(gateway: &Gateway) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (calls, failures) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let workers = (0..8)
            .map(|worker| {
                let (gateway, stop, calls, failures) = (
                    gateway.clone(),
                    stop.clone(),
                    calls.clone(),
                    failures.clone(),
                );
                tokio::spawn(async move {
                    let ctx = RequestContext::local("loader");
                    let mut n = 0u32;
                    while !stop.load(Ordering::Relaxed) {
                        // Distinct arguments, so calls reach the providers instead of the cache.
                        let key = format!("PLAT-{}", 1 + (n + worker) % 3);
                        n += 1;
                        for (op, arguments) in [
                            (OpId::PmIssuesGet, json!({ "key": key })),
                            (OpId::PmIssuesSearch, json!({ "text": format!("{n}") })),
                        ] {
                            calls.fetch_add(1, Ordering::Relaxed);
                            let call = CallRequest {
                                op,
                                arguments,
                                provider: None,
                            };
                            if let Err(error) = gateway.call(&ctx, call).await {
                                eprintln!("call failed during reload: {error}");
                                failures.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                })
            })
            .collect();
        Self {
            stop,
            calls,
            failures,
            workers,
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }

    /// Lets at least `count` more calls run.
    async fn run_calls(&self, count: usize) {
        let seen = self.calls();
        while self.calls() < seen + count {
            tokio::task::yield_now().await;
        }
    }

    /// Stops the callers; the calls made and how many failed.
    async fn finish(mut self) -> (usize, usize) {
        self.stop.store(true, Ordering::Relaxed);
        for worker in std::mem::take(&mut self.workers) {
            worker.await.unwrap();
        }
        (self.calls(), self.failures.load(Ordering::Relaxed))
    }
}

/// The instance that serves `pm.issues.get` now.
fn serving(gateway: &Gateway) -> String {
    let explanation = gateway
        .explain_plan(
            &RequestContext::local("loader"),
            &CallRequest {
                op: OpId::PmIssuesGet,
                arguments: json!({"key": "PLAT-1"}),
                provider: None,
            },
        )
        .unwrap();
    explanation.candidates[0].instance.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_and_invalid_changes_under_load_fail_no_call() {
    let gateway = Gateway::start(load(&config("blue")).unwrap())
        .await
        .unwrap();
    let callers = Callers::start(&gateway);
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let applier = tokio::spawn(gateway.clone().apply_changes("test.yaml".into(), receiver));
    for round in 0..20 {
        let target = if round % 2 == 0 { "green" } else { "blue" };
        sender.send(load(&config(target))).await.unwrap();
        // An invalid change in between must change nothing.
        sender
            .send(load("providers: [{ name: x, plugin: nope }]"))
            .await
            .unwrap();
        // Let some calls run on each configuration before the next change.
        callers.run_calls(16).await;
    }
    drop(sender);
    applier.await.unwrap();
    let (calls, failures) = callers.finish().await;

    assert!(calls > 100, "the load kept running");
    assert_eq!(failures, 0);
    // The last valid change (round 19: blue) is the one serving.
    assert_eq!(serving(&gateway), "blue");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_and_half_written_files_are_refused_under_load() {
    let gateway = Gateway::start(load(&config("blue")).unwrap())
        .await
        .unwrap();
    let callers = Callers::start(&gateway);
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let applier = tokio::spawn(gateway.clone().apply_changes("test.yaml".into(), receiver));
    for round in 0..10 {
        let good = config(if round % 2 == 0 { "green" } else { "blue" });
        // Each of these loads without an error, and each would serve no call.
        for half_written in [
            "",
            "# nothing here yet\n",
            prefix(&good, "auth:"),
            prefix(&good, "providers:"),
            prefix(&good, "routes:"),
        ] {
            let change = load(half_written);
            assert!(change.is_ok(), "{half_written:?} is a valid file");
            sender.send(change).await.unwrap();
            callers.run_calls(8).await;
        }
        sender.send(load(&good)).await.unwrap();
        callers.run_calls(8).await;
    }
    drop(sender);
    applier.await.unwrap();
    let (calls, failures) = callers.finish().await;

    assert!(calls > 100, "the load kept running");
    assert_eq!(failures, 0, "of {calls} calls");
    assert_eq!(serving(&gateway), "blue", "the last complete file serves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_emptied_or_cut_short_on_disk_never_goes_live() {
    let dir = TempDir::new();
    let path = dir.0.join("mosaic.yaml");
    std::fs::write(&path, config("blue")).unwrap();
    let gateway = Gateway::start(load(&config("blue")).unwrap())
        .await
        .unwrap();
    let _watch = gateway
        .watch(path.clone(), mosaic_providers::builtin_set())
        .unwrap();
    let callers = Callers::start(&gateway);

    // Each state stays on disk long past the watcher's settle time (twice its debounce), so
    // an old watcher would apply it while the callers keep calling.
    let settled = 4 * mosaic_config::ConfigWatcher::DEBOUNCE;
    std::fs::write(&path, "").unwrap();
    tokio::time::sleep(settled).await;
    std::fs::write(&path, prefix(&config("green"), "routes:")).unwrap();
    tokio::time::sleep(settled).await;
    assert_eq!(serving(&gateway), "blue");

    // A complete file goes live as usual.
    std::fs::write(&path, config("green")).unwrap();
    tokio::time::timeout(Duration::from_secs(10), async {
        while serving(&gateway) != "green" {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the complete file is applied within 10 s");
    let (calls, failures) = callers.finish().await;
    assert!(calls > 100, "the load kept running");
    assert_eq!(failures, 0, "of {calls} calls");
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "mosaic-gateway-reload-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The source of a `pm.issues.get` of `PLAT-1`.
async fn source_of_a_read(gateway: &Gateway) -> Source {
    let call = CallRequest {
        op: OpId::PmIssuesGet,
        arguments: json!({ "key": "PLAT-1" }),
        provider: None,
    };
    let answer = gateway
        .call(&RequestContext::local("loader"), call)
        .await
        .expect("the read is served");
    answer.served.source
}

#[tokio::test]
async fn a_reload_that_changes_an_instances_settings_serves_none_of_its_cached_answers() {
    let gateway = Gateway::start(load(&config("blue")).unwrap())
        .await
        .unwrap();
    assert_eq!(source_of_a_read(&gateway).await, Source::Provider);
    assert_eq!(source_of_a_read(&gateway).await, Source::L1);

    // The same file again keeps what was cached.
    gateway
        .reload(load(&config("blue")).unwrap())
        .await
        .unwrap();
    assert_eq!(source_of_a_read(&gateway).await, Source::L1);

    // Blue's settings change (another data set: an operator's new token or base URL alike):
    // what it answered before is not served.
    let changed = config("blue").replace("dataset: reload-blue", "dataset: reload-blue-2");
    gateway.reload(load(&changed).unwrap()).await.unwrap();
    assert_eq!(source_of_a_read(&gateway).await, Source::Provider);
    assert_eq!(source_of_a_read(&gateway).await, Source::L1);
}
