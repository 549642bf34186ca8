//! Data residency over sim instances: a route's hard constraint (`require: {jurisdiction:
//! eu}`) holds through failover, pins and cache hits, and when every instance inside it is
//! down the caller is told which constraint held while no other instance is asked; the audit
//! record carries the decision.

use super::{gateway, request};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::observe::{Event, EventSubscription, TryRecvError};
use mosaic_gateway::{CallError, CallRequest, Gateway, Source};
use serde_json::json;

/// EU callers read and write in `eu-kb` only (`us-kb` is listed too, to show that failover
/// never reaches it); everyone else in `us-kb`. `eu_extra` is merged into eu-kb's settings.
fn estate(prefix: &str, eu_extra: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor: {{ retry: {{ max_attempts: 1 }} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: us-kb, plugin: sim, region: us, labels: {{ jurisdiction: us }}, settings: {{ kinds: [kb], dataset: {prefix}-us }} }}
  - {{ name: eu-kb, plugin: sim, region: eu, labels: {{ jurisdiction: eu }}, settings: {{ kinds: [kb], dataset: {prefix}-eu {eu_extra} }} }}
routes:
  - name: eu-docs
    regions: [eu]
    require: {{ jurisdiction: eu }}
    targets: [{{ instance: eu-kb }}, {{ instance: us-kb }}]
  - {{ name: docs, targets: [{{ instance: us-kb }}] }}
"#
    )
}

fn from(region: &str) -> RequestContext {
    let mut ctx = RequestContext::local("tester");
    ctx.region = Some(region.to_owned());
    ctx
}

fn search() -> CallRequest {
    request(
        OpId::KbPagesSearch,
        json!({"query": "on-call", "space": "ENG"}),
    )
}

fn create() -> CallRequest {
    request(
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Runbook", "body": "Stay in the EU."}),
    )
}

/// The instances tried since the last call, in order.
fn tried(events: &mut EventSubscription) -> Vec<String> {
    let mut instances = Vec::new();
    loop {
        match events.try_recv() {
            Ok(Event::Attempt(attempt)) => instances.push(attempt.instance.to_string()),
            Ok(Event::Finished(_)) => {}
            Err(TryRecvError::Empty) => return instances,
            Err(other) => panic!("{other:?}"),
        }
    }
}

async fn audited_reasons(gateway: &Gateway) -> Vec<Vec<String>> {
    gateway.flush_audit().await;
    let records = gateway.store().tail(10, None).await.unwrap();
    records
        .into_iter()
        .map(|record| record.call.reasons)
        .collect()
}

#[tokio::test]
async fn eu_callers_are_served_inside_the_constraint_and_the_audit_says_so() {
    let gateway = gateway(&estate("residency-served", "")).await;
    let answer = gateway.call(&from("eu"), search()).await.unwrap();
    assert_eq!(answer.served.instance, "eu-kb");
    assert_eq!(answer.served.rule.as_deref(), Some("eu-docs"));
    let reasons = audited_reasons(&gateway).await;
    assert_eq!(
        reasons[0].last().map(String::as_str),
        Some(
            "residency: route rule `eu-docs` requires jurisdiction=eu; caller region `eu`; served by `eu-kb`"
        )
    );
}

#[tokio::test]
async fn with_every_eu_instance_down_reads_and_writes_name_the_constraint_and_ask_no_one_else() {
    let gateway = gateway(&estate("residency-down", ", down: true")).await;
    let mut events = gateway.subscribe_events();
    for (call, write) in [(search(), false), (create(), true)] {
        let error = gateway.call(&from("eu"), call).await.unwrap_err();
        assert!(
            matches!(&error, CallError::ConstraintUnavailable { constraint, rule, .. }
                if constraint == "jurisdiction=eu" && rule == "eu-docs"),
            "{error}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with("no instance meeting jurisdiction=eu is available: eu-kb is down"),
            "{message}"
        );
        assert_eq!(message.ends_with("was not performed"), write, "{message}");
        assert_eq!(tried(&mut events), ["eu-kb"], "us-kb must never be asked");
    }
    let reasons = audited_reasons(&gateway).await;
    assert!(
        reasons.iter().all(|reasons| reasons.last().is_some_and(|last| last
            == "residency: route rule `eu-docs` requires jurisdiction=eu; caller region `eu`; not served")),
        "{reasons:?}"
    );
    // A US caller is untouched by the EU outage.
    let us = gateway.call(&from("us"), search()).await.unwrap();
    assert_eq!(us.served.instance, "us-kb");
}

#[tokio::test]
async fn an_eu_caller_cannot_pin_an_instance_outside_the_constraint() {
    let gateway = gateway(&estate("residency-pin", ", down: true")).await;
    let mut events = gateway.subscribe_events();
    for mut call in [search(), create()] {
        call.provider = Some("us-kb".into());
        let error = gateway.call(&from("eu"), call).await.unwrap_err();
        assert_eq!(error.code(), "bad_pin");
        assert!(
            error
                .to_string()
                .contains("route rule `eu-docs` requires jurisdiction=eu, the instance has `us`"),
            "{error}"
        );
    }
    assert!(
        tried(&mut events).is_empty(),
        "a refused pin asks no instance"
    );
}

#[tokio::test]
async fn a_us_answer_in_cache_is_never_served_to_an_eu_caller() {
    let gateway = gateway(&estate("residency-cache", "")).await;
    let us = gateway.call(&from("us"), search()).await.unwrap();
    assert_eq!(
        (us.served.source, us.served.instance.as_str()),
        (Source::Provider, "us-kb")
    );
    let cached = gateway.call(&from("us"), search()).await.unwrap();
    assert_eq!(cached.served.source, Source::L1);

    let eu = gateway.call(&from("eu"), search()).await.unwrap();
    assert_eq!(
        (eu.served.source, eu.served.instance.as_str()),
        (Source::Provider, "eu-kb"),
        "the US answer must not be served inside the EU constraint"
    );
}
