//! Client-side rate limits through the whole path: a refusal's error, audit record and
//! failover; the plugin's default and the instance's opt-out; reloads that keep a limiter
//! whose limit stays and replace one whose limit changes.
//!
//! The limits here allow one request an hour, so a second call is refused at once: nothing
//! waits, and the real clock these tests run on (SQLite's) never matters. Waiting within the
//! deadline and the steady rate are the executor's tests, on paused time.

use super::request;
use mosaic_core::{FieldError, OpId, RequestContext};
use mosaic_gateway::{CallError, CallRequest, Gateway};
use mosaic_plugin::{InstanceBuilder, Plugin, PluginDescriptor, Plugins, RateLimit};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// One sim instance `kb`, with `extra` written into its entry (a `rate_limit`, say), and a
/// read mirror without a limit when `mirror` is set; one attempt per instance.
fn estate(dataset: &str, extra: &str, mirror: bool) -> String {
    let mirror_entry = if mirror {
        format!(
            "\n  - {{ name: mirror, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}"
        )
    } else {
        String::new()
    };
    let mirror_target = if mirror {
        ", { instance: mirror, read_only: true }"
    } else {
        ""
    };
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor: {{ retry: {{ max_attempts: 1 }} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: primary, plugin: sim, {extra} settings: {{ kinds: [git], dataset: {dataset} }} }}{mirror_entry}
routes:
  - {{ name: git, targets: [{{ instance: primary }}{mirror_target}] }}
"#
    )
}

const HOURLY: &str = "rate_limit: { requests: 1, per: 1h },";

/// The sim plugin, declaring one request an hour as its documented limit.
struct HourlySim {
    sim: Arc<dyn Plugin>,
    descriptor: PluginDescriptor,
}

impl Plugin for HourlySim {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        self.sim.validate(settings)
    }
}

fn hourly_sim() -> Plugins {
    let sim = mosaic_providers::builtin()
        .find("sim", None)
        .expect("sim is built in")
        .clone();
    let descriptor = sim
        .descriptor()
        .clone()
        .with_default_rate_limit(RateLimit::new(1, Duration::from_secs(3600)));
    [Arc::new(HourlySim { sim, descriptor }) as Arc<dyn Plugin>]
        .into_iter()
        .collect()
}

fn config(yaml: &str, plugins: &Plugins) -> mosaic_config::GatewayConfig {
    mosaic_config::load(yaml, &|_| None, plugins).unwrap_or_else(|errors| panic!("{errors}"))
}

/// A caller that waits two seconds at most.
fn hurried() -> RequestContext {
    RequestContext {
        deadline: Some(Duration::from_secs(2)),
        ..RequestContext::local("tester")
    }
}

/// A read of issue `number`: a different number each time, so the cache never answers.
fn issue(number: u64) -> CallRequest {
    request(
        OpId::GitIssuesGet,
        json!({"repo": "acme/api", "number": number}),
    )
}

/// Whether the call was refused by the limit: `rate_limited` at `primary`, with a wait far
/// beyond the caller's two seconds.
fn refused(result: &Result<mosaic_gateway::CallAnswer, CallError>) -> bool {
    matches!(
        result,
        Err(CallError::RateLimitRefused { instance, refusal })
            if instance == "primary" && refusal.wait > Duration::from_secs(60)
    )
}

#[tokio::test]
async fn a_call_past_the_limit_is_refused_as_rate_limited_and_audited() {
    let yaml = estate("limits-refused", HOURLY, false);
    let gateway = Gateway::start(config(&yaml, &mosaic_providers::builtin()))
        .await
        .unwrap();
    gateway.call(&hurried(), issue(1)).await.unwrap();
    let second = gateway.call(&hurried(), issue(2)).await;
    assert!(refused(&second), "{second:?}");
    let error = second.unwrap_err();
    assert_eq!(
        (error.code(), error.fault()),
        ("rate_limited", mosaic_core::Fault::Provider)
    );
    assert!(
        error
            .to_string()
            .starts_with("primary: not sent: its client-side rate limit of 1 request per 1h"),
        "the top-level error names the instance, the limit and the wait: {error}"
    );

    // A write is refused the same way before its deadline, and so provably not performed.
    let write = gateway
        .call(
            &hurried(),
            request(
                OpId::GitIssuesCreate,
                json!({"repo": "acme/api", "title": "too soon"}),
            ),
        )
        .await;
    assert!(refused(&write), "{write:?}");

    gateway.flush_audit().await;
    let records = gateway.store().tail(10, None).await.unwrap();
    let outcomes: Vec<&str> = records.iter().map(|r| r.call.outcome.as_str()).collect();
    assert_eq!(outcomes, ["ok", "rate_limited", "rate_limited"]);
}

#[tokio::test]
async fn a_read_refused_by_the_limit_fails_over_to_the_mirror() {
    let yaml = estate("limits-failover", HOURLY, true);
    let gateway = Gateway::start(config(&yaml, &mosaic_providers::builtin()))
        .await
        .unwrap();
    gateway.call(&hurried(), issue(1)).await.unwrap();
    let answer = gateway.call(&hurried(), issue(2)).await.unwrap();
    assert_eq!(answer.served.instance, "mirror");
    let given_up = &answer.served.failed_over[0];
    assert_eq!(
        (given_up.instance.as_str(), given_up.code),
        ("primary", "rate_limited")
    );
    assert!(
        given_up
            .message
            .contains("client-side rate limit of 1 request per 1h (burst 1)"),
        "{}",
        given_up.message
    );
}

#[tokio::test]
async fn the_plugins_default_limit_applies_unless_the_instance_turns_it_off() {
    let plugins = hourly_sim();
    let defaulted = Gateway::start(config(&estate("limits-default", "", false), &plugins))
        .await
        .unwrap();
    defaulted.call(&hurried(), issue(1)).await.unwrap();
    let second = defaulted.call(&hurried(), issue(2)).await;
    assert!(refused(&second), "{second:?}");

    let yaml = estate("limits-off", "rate_limit: off,", false);
    let unlimited = Gateway::start(config(&yaml, &plugins)).await.unwrap();
    for number in 1..=3 {
        unlimited.call(&hurried(), issue(number)).await.unwrap();
    }
}

#[tokio::test]
async fn a_reload_keeps_the_limiter_while_the_limit_stays_and_replaces_it_when_it_changes() {
    let builtin = mosaic_providers::builtin();
    let yaml = estate("limits-reload", HOURLY, false);
    let gateway = Gateway::start(config(&yaml, &builtin)).await.unwrap();
    gateway.call(&hurried(), issue(1)).await.unwrap();

    // The same limit: the permit spent before the reload stays spent.
    gateway.reload(config(&yaml, &builtin)).await.unwrap();
    let kept = gateway.call(&hurried(), issue(2)).await;
    assert!(refused(&kept), "{kept:?}");

    // A new limit starts with a full bucket.
    let twice_hourly = estate(
        "limits-reload",
        "rate_limit: { requests: 2, per: 1h },",
        false,
    );
    gateway
        .reload(config(&twice_hourly, &builtin))
        .await
        .unwrap();
    gateway.call(&hurried(), issue(3)).await.unwrap();
    gateway.call(&hurried(), issue(4)).await.unwrap();
    let spent = gateway.call(&hurried(), issue(5)).await;
    assert!(refused(&spent), "{spent:?}");

    // No limit at all, then the old one again: afresh, since it changed in between.
    gateway
        .reload(config(&estate("limits-reload", "", false), &builtin))
        .await
        .unwrap();
    gateway.call(&hurried(), issue(6)).await.unwrap();
    gateway.reload(config(&yaml, &builtin)).await.unwrap();
    gateway.call(&hurried(), issue(7)).await.unwrap();
}
