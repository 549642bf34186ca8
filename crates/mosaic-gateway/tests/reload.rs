//! Hot reload under load: valid changes swap providers and routes atomically without failing
//! a single call in flight; an invalid change is rejected and the old configuration serves on.

use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallRequest, Gateway};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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

fn load(yaml: &str) -> Result<mosaic_config::GatewayConfig, mosaic_config::ConfigErrors> {
    mosaic_config::load(yaml, &|_| None, &mosaic_providers::Registry::builtin())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_and_invalid_changes_under_load_fail_no_call() {
    let gateway = Gateway::start(load(&config("blue")).unwrap())
        .await
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (calls, failures) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut load_tasks = Vec::new();
    for worker in 0..8 {
        let (gateway, stop, calls, failures) = (
            gateway.clone(),
            stop.clone(),
            calls.clone(),
            failures.clone(),
        );
        load_tasks.push(tokio::spawn(async move {
            let ctx = RequestContext::local("loader");
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                // Distinct arguments, so calls reach the providers instead of the cache.
                let key = format!("PLAT-{}", 1 + (n + worker) % 3);
                n += 1;
                let call = CallRequest {
                    op: OpId::PmIssuesGet,
                    arguments: json!({ "key": key }),
                    provider: None,
                };
                calls.fetch_add(1, Ordering::Relaxed);
                if let Err(error) = gateway.call(&ctx, call).await {
                    eprintln!("call failed during reload: {error}");
                    failures.fetch_add(1, Ordering::Relaxed);
                }
                let search = CallRequest {
                    op: OpId::PmIssuesSearch,
                    arguments: json!({ "text": format!("{n}") }),
                    provider: None,
                };
                calls.fetch_add(1, Ordering::Relaxed);
                if gateway.call(&ctx, search).await.is_err() {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }

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
        let seen = calls.load(Ordering::Relaxed);
        while calls.load(Ordering::Relaxed) < seen + 16 {
            tokio::task::yield_now().await;
        }
    }
    drop(sender);
    applier.await.unwrap();
    stop.store(true, Ordering::Relaxed);
    for task in load_tasks {
        task.await.unwrap();
    }

    assert!(calls.load(Ordering::Relaxed) > 100, "the load kept running");
    assert_eq!(failures.load(Ordering::Relaxed), 0);
    // The last valid change (round 19: blue) is the one serving.
    let ctx = RequestContext::local("loader");
    let explanation = gateway
        .explain_plan(
            &ctx,
            &CallRequest {
                op: OpId::PmIssuesGet,
                arguments: json!({"key": "PLAT-1"}),
                provider: None,
            },
        )
        .unwrap();
    assert_eq!(explanation.candidates[0].instance, "blue");
}
