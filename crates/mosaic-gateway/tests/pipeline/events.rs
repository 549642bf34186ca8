//! The live event stream a dashboard subscribes to: every try at an instance, then the
//! finished call, in order; a subscriber that does not keep up is told what it missed and
//! slows no call.

use super::{ctx, gateway, request};
use mosaic_core::OpId;
use mosaic_gateway::observe::{EVENT_BUFFER, Event, EventSubscription, RecvError, TryRecvError};
use serde_json::json;

/// A primary and its read mirror on one dataset, `primary` settings extra; one attempt per
/// instance, and reads cached for an hour.
fn estate(dataset: &str, primary: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor: {{ retry: {{ max_attempts: 1 }} }}
cache: {{ classes: {{ standard: {{ ttl: 1h, stale_for: 0s }} }} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: primary, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} {primary} }} }}
  - {{ name: mirror, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}
routes:
  - {{ name: git, targets: [{{ instance: primary }}, {{ instance: mirror, read_only: true }}] }}
"#
    )
}

/// Every event waiting, in order.
fn drain(events: &mut EventSubscription) -> Vec<Event> {
    let mut drained = Vec::new();
    loop {
        match events.try_recv() {
            Ok(event) => drained.push(event),
            Err(TryRecvError::Empty) => return drained,
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_failover_read_shows_both_tries_then_the_call_served_by_the_second() {
    let gateway = gateway(&estate("events-failover", ", down: true")).await;
    let mut events = gateway.subscribe_events();
    let mut caller = ctx();
    caller.trace_id = "trace-failover".into();
    let read = request(OpId::GitIssuesGet, json!({"repo": "acme/api", "number": 1}));
    let answer = gateway.call(&caller, read).await.unwrap();
    assert_eq!(answer.served.instance, "mirror");

    let drained = drain(&mut events);
    let [
        Event::Attempt(first),
        Event::Attempt(second),
        Event::Finished(finished),
    ] = drained.as_slice()
    else {
        panic!("two tries then the call, in order: {drained:?}");
    };
    assert_eq!(
        (&*first.instance, first.number, first.outcome.code()),
        ("primary", 1, "unavailable")
    );
    assert_eq!(
        (&*second.instance, second.number, second.outcome.code()),
        ("mirror", 1, "ok")
    );
    assert_eq!(first.operation, OpId::GitIssuesGet);
    assert_eq!(
        (
            finished.operation,
            finished.served_by.as_deref(),
            finished.failed_over.as_deref(),
            finished.source,
            finished.outcome,
        ),
        (
            "git.issues.get",
            Some("mirror"),
            Some("primary"),
            "provider",
            "ok"
        )
    );
    assert_eq!(
        (finished.tenant.as_str(), finished.principal.as_str()),
        ("default", "tester")
    );
    assert_eq!(finished.trace_id, "trace-failover");
}

#[tokio::test]
async fn a_subscriber_that_falls_behind_is_told_how_many_it_missed_and_calls_go_on() {
    let gateway = gateway(&estate("events-lagging", "")).await;
    let mut lagging = gateway.subscribe_events();
    let read = || request(OpId::GitIssuesGet, json!({"repo": "acme/api", "number": 1}));
    // The first read is fetched (a try and the call), every other one answered from the cache
    // (the call alone): eleven events more than the stream keeps.
    let calls = EVENT_BUFFER + 10;
    for _ in 0..calls {
        gateway.call(&ctx(), read()).await.unwrap();
    }
    assert_eq!(lagging.recv().await, Err(RecvError::Lagged(11)));
    // What it kept is the newest calls; and a call made now is seen after them.
    assert_eq!(drain(&mut lagging).len(), EVENT_BUFFER);
    gateway.call(&ctx(), read()).await.unwrap();
    assert!(matches!(lagging.recv().await, Ok(Event::Finished(_))));
}
