//! Versions side by side: `sim@1.0.0` and `sim@1.1.0` behind one split, the new version the
//! canary and failing half its calls. Each principal keeps its version; the canary is rolled
//! back on its own once it made enough calls, and then gets none; the state holds across a
//! reload of the same file; an operator promotes it; audit records and the status name the
//! version.

use super::request;
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallError, CanaryAction, CanaryError, Gateway};
use mosaic_routing::CanaryState;
use serde_json::json;
use std::collections::HashMap;

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
# The breaker would hold the failing canary back after a few failures in a row; here it
# lets it fail long enough to be judged on its error rate.
executor: { retry: { max_attempts: 1 }, breaker: { failure_threshold: 1000 } }
auth: { anonymous: { tenant: acme, principal: nobody } }
policies:
  - { name: no-promotions-for-bots, effect: deny, principals: [bot], operations: [mosaic.plugins.manage] }
  - { name: all, effect: allow }
providers:
  - { name: tracker-v1, plugin: sim@1.0.0, labels: { system: tracker }, settings: { kinds: [pm], dataset: canary-tracker } }
  - { name: tracker-v2, plugin: sim@1.1.0, labels: { system: tracker }, settings: { kinds: [pm], dataset: canary-tracker, error_rate: 0.5, seed_rng: 7 } }
routes:
  - name: tracker
    kinds: [pm]
    targets:
      - split:
          - { instance: tracker-v1, weight: 70 }
          - { instance: tracker-v2, weight: 30, canary: true }
        rollback: { window: 10m, min_calls: 20, margin: 0.1 }
"#;

/// The built-in plugins and `sim@1.1.0`.
fn registry() -> mosaic_plugin::Plugins {
    let builtin = mosaic_providers::builtin();
    let sim = builtin.find("sim", None).expect("sim is built in").clone();
    builtin
        .iter()
        .cloned()
        .chain([mosaic_testkit::versioned::at_version(sim, "1.1.0")])
        .collect()
}

fn load() -> mosaic_config::GatewayConfig {
    mosaic_config::load(CONFIG, &|_| None, &registry()).unwrap_or_else(|errors| panic!("{errors}"))
}

fn caller(principal: &str) -> RequestContext {
    let mut ctx = RequestContext::local(principal);
    ctx.tenant = "acme".into();
    ctx
}

/// The version `principal` sticks to, as the plan explains it.
fn sticky(gateway: &Gateway, principal: &str) -> String {
    let explained = gateway
        .explain_plan(&caller(principal), &search(0))
        .expect("a plan");
    explained.splits[0].chosen.clone().expect("a member")
}

/// A search no earlier call made, so it reaches a provider rather than the cache.
fn search(n: usize) -> mosaic_gateway::CallRequest {
    request(
        OpId::PmIssuesSearch,
        json!({ "text": format!("canary-{n}") }),
    )
}

#[tokio::test]
async fn a_failing_canary_is_rolled_back_on_its_own_and_each_principal_keeps_its_version() {
    let gateway = Gateway::start(load()).await.unwrap();
    let principals: Vec<String> = (0..400).map(|n| format!("user-{n}")).collect();
    let chosen: HashMap<&str, String> = principals
        .iter()
        .map(|p| (p.as_str(), sticky(&gateway, p)))
        .collect();
    let on_canary = chosen.values().filter(|v| *v == "tracker-v2").count();
    assert!(
        (90..150).contains(&on_canary),
        "{on_canary} of 400 principals on the canary (weight 30%)"
    );
    for p in &principals {
        assert_eq!(
            sticky(&gateway, p),
            chosen[p.as_str()],
            "{p} keeps its version"
        );
    }

    // Calls until the canary is judged: its failures fall back to the baseline, so every
    // call is answered, and each answer comes from the caller's own version when it can.
    let mut n = 0;
    for p in principals.iter().cycle().take(2000) {
        n += 1;
        let answer = gateway.call(&caller(p), search(n)).await.expect("answered");
        if chosen[p.as_str()] == "tracker-v1" {
            assert_eq!(answer.served.instance, "tracker-v1", "{p}");
        }
        if status(&gateway).await.state == CanaryState::RolledBack {
            break;
        }
    }
    let rolled_back = status(&gateway).await;
    assert_eq!(
        rolled_back.state,
        CanaryState::RolledBack,
        "after {n} calls"
    );
    assert!(rolled_back.window.calls >= 20 && rolled_back.window.error_rate > 0.1);
    let decision = rolled_back.decision.clone().expect("a decision");
    assert_eq!(decision.by, mosaic_gateway::canary::DecidedBy::Automatic);
    assert!(
        decision.reason.contains("points worse"),
        "{}",
        decision.reason
    );

    // Rolled back: nobody gets the canary, and it is called no more.
    let calls_before = canary_calls(&gateway).await;
    for (k, p) in principals.iter().enumerate().take(100) {
        assert_eq!(sticky(&gateway, p), "tracker-v1");
        let answer = gateway.call(&caller(p), search(10_000 + k)).await.unwrap();
        assert_eq!(answer.served.instance, "tracker-v1");
    }
    assert_eq!(canary_calls(&gateway).await, calls_before);

    // The same file again: still rolled back.
    gateway.reload(load()).await.unwrap();
    assert_eq!(status(&gateway).await.state, CanaryState::RolledBack);
    assert_eq!(status(&gateway).await.decision, Some(decision));

    // A bot may not promote it; an operator may, and then everybody gets the canary.
    let refused = gateway
        .decide_canary(&caller("bot"), "tracker-v2", CanaryAction::Promote)
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            CanaryError::Call(CallError::Denied {
                operation: "mosaic.plugins.manage",
                ..
            })
        ),
        "{refused:?}"
    );
    let unknown = gateway
        .decide_canary(&caller("ops"), "tracker-v1", CanaryAction::Promote)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found", "{unknown}");
    let promoted = gateway
        .decide_canary(&caller("ops"), "tracker-v2", CanaryAction::Promote)
        .await
        .unwrap();
    assert_eq!(promoted.state, CanaryState::Promoted);
    assert!(
        principals
            .iter()
            .all(|p| sticky(&gateway, p) == "tracker-v2")
    );
    let explained = gateway.explain_plan(&caller("user-1"), &search(0)).unwrap();
    assert_eq!(
        explained.splits[0].canary_state.as_deref(),
        Some("promoted")
    );

    // Audit records name the version that served, and the operator's decision.
    gateway.flush_audit().await;
    let records = gateway.store().tail(500, None).await.unwrap();
    assert!(records.iter().any(|record| {
        record
            .call
            .reasons
            .iter()
            .any(|reason| reason == "served by tracker-v1 running sim@1.0.0")
    }));
    assert!(
        records
            .iter()
            .any(|record| record.call.operation == "mosaic.plugins.manage"
                && record.call.outcome == "ok"
                && record.call.principal == "ops")
    );

    // Both versions are listed as installed, each with its instance.
    let report = gateway.plugins_status(&caller("ops")).await.unwrap();
    let sim: Vec<(&str, &[String])> = report
        .plugins
        .iter()
        .filter(|plugin| plugin.name == "sim")
        .map(|plugin| (plugin.version.as_str(), plugin.instances.as_slice()))
        .collect();
    assert_eq!(
        sim,
        [
            ("1.0.0", &["tracker-v1".to_owned()][..]),
            ("1.1.0", &["tracker-v2".to_owned()][..])
        ]
    );
    assert_eq!(report.canaries.len(), 1);
}

async fn status(gateway: &Gateway) -> mosaic_gateway::canary::CanaryStatus {
    gateway
        .providers_status(&caller("ops"))
        .await
        .unwrap()
        .into_iter()
        .find_map(|instance| instance.canary)
        .expect("tracker-v2 is a canary")
}

async fn canary_calls(gateway: &Gateway) -> u64 {
    gateway
        .providers_status(&caller("ops"))
        .await
        .unwrap()
        .into_iter()
        .find(|instance| instance.name == "tracker-v2")
        .map(|instance| instance.calls)
        .unwrap()
}

/// [`CONFIG`] on the SQLite file `database`, with the canary at `version`.
fn on_file(database: &std::path::Path, version: &str) -> mosaic_config::GatewayConfig {
    let text = CONFIG
        .replace(
            r#"store: { url: "sqlite::memory:" }"#,
            &format!(r#"store: {{ url: "sqlite://{}" }}"#, database.display()),
        )
        .replace("plugin: sim@1.1.0", &format!("plugin: sim@{version}"));
    let builtin = mosaic_providers::builtin();
    let sim = builtin.find("sim", None).expect("sim is built in").clone();
    let registry: mosaic_plugin::Plugins = builtin
        .iter()
        .cloned()
        .chain(["1.1.0", "1.2.0"].map(|v| mosaic_testkit::versioned::at_version(sim.clone(), v)))
        .collect();
    mosaic_config::load(&text, &|_| None, &registry).unwrap_or_else(|errors| panic!("{errors}"))
}

#[tokio::test]
async fn a_rollback_holds_across_a_restart_on_the_same_store_and_a_new_version_is_on_trial() {
    let dir = std::env::temp_dir().join(format!(
        "mosaic_canary_restart_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.subsec_nanos())
    ));
    let database = dir.join("mosaic.db");
    let gateway = Gateway::start(on_file(&database, "1.1.0")).await.unwrap();
    assert_eq!(status(&gateway).await.state, CanaryState::Active);
    let rolled_back = gateway
        .decide_canary(&caller("ops"), "tracker-v2", CanaryAction::RollBack)
        .await
        .unwrap();
    gateway.shutdown().await;
    drop(gateway);

    // A new gateway on the same store: still rolled back, by the same operator.
    let restarted = Gateway::start(on_file(&database, "1.1.0")).await.unwrap();
    let after = status(&restarted).await;
    assert_eq!(after.state, CanaryState::RolledBack);
    assert_eq!(after.decision, rolled_back.decision);
    assert_eq!(
        after.decision.as_ref().map(|decision| &decision.by),
        Some(&mosaic_gateway::canary::DecidedBy::Operator {
            tenant: "acme".into(),
            principal: "ops".into()
        })
    );
    assert!(
        (0..50).all(|n| sticky(&restarted, &format!("user-{n}")) == "tracker-v1"),
        "a rolled-back canary gets none of its split"
    );
    restarted.shutdown().await;
    drop(restarted);

    // A new version of the canary starts on trial; the old one's decision stays kept.
    let upgraded = Gateway::start(on_file(&database, "1.2.0")).await.unwrap();
    let trial = status(&upgraded).await;
    assert_eq!(
        (trial.state, trial.plugin.as_str(), trial.decision),
        (CanaryState::Active, "sim@1.2.0", None)
    );
    let kept = upgraded.store().canary_decisions().await.unwrap();
    assert_eq!(
        kept.iter()
            .map(|record| (record.plugin.as_str(), record.state.as_str()))
            .collect::<Vec<_>>(),
        [("sim@1.1.0", "rolled_back")]
    );
    upgraded.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
