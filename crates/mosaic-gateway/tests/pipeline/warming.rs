//! Cache warming through the whole path, on a paused clock once the gateway has started: each
//! caller's hot read is refreshed with that caller's own plan, from the instance that served
//! it, a route with warming off is never refreshed, and a read the caller would no longer make
//! (after a reload) is not refreshed again.

use super::{ctx, gateway, request};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::observe::{Event, EventSubscription, TryRecvError};
use mosaic_gateway::{Gateway, Source};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;

/// Three tenants, each routed to an instance of its own over one dataset; `initech`'s route
/// leaves warming off. Reads are fresh for 30 s; three lookups make one hot.
fn estate(dataset: &str) -> String {
    estate_routing_acme_to(dataset, "for-acme")
}

/// [`estate`], with `acme` routed to `acme_target`.
fn estate_routing_acme_to(dataset: &str, acme_target: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor: {{ retry: {{ max_attempts: 1 }} }}
cache:
  classes: {{ standard: {{ ttl: 30s, stale_for: 0s }} }}
  warming: {{ enabled: true, min_hits: 3 }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: for-acme, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}
  - {{ name: for-globex, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}
  - {{ name: for-initech, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}
routes:
  - {{ name: acme, tenants: [acme], targets: [{{ instance: {acme_target} }}] }}
  - {{ name: globex, tenants: [globex], targets: [{{ instance: for-globex }}] }}
  - {{ name: initech, tenants: [initech], warming: false, targets: [{{ instance: for-initech }}] }}
"#
    )
}

/// A caller of `tenant` with credentials of `scope`.
fn caller(tenant: &str, scope: &str) -> RequestContext {
    RequestContext {
        tenant: tenant.into(),
        credential_scope: scope.into(),
        ..ctx()
    }
}

/// Two callers of `acme` with credentials of different scopes, one of `globex`, one of
/// `initech`.
const CALLERS: [(&str, &str); 4] = [
    ("acme", "acme"),
    ("acme", "acme-ci"),
    ("globex", "globex"),
    ("initech", "initech"),
];

async fn list(gateway: &Gateway, caller: &RequestContext) -> mosaic_gateway::CallAnswer {
    let read = request(OpId::GitIssuesList, json!({"repo": "acme/api"}));
    gateway.call(caller, read).await.unwrap()
}

/// Attempts sent to each instance since the last call, from the event stream.
fn attempts(events: &mut EventSubscription) -> BTreeMap<String, usize> {
    let mut sent = BTreeMap::new();
    loop {
        match events.try_recv() {
            Ok(Event::Attempt(attempt)) => {
                *sent.entry(attempt.instance.to_string()).or_default() += 1;
            }
            Ok(Event::Finished(_)) => {}
            Err(TryRecvError::Empty) => return sent,
            Err(other) => panic!("{other:?}"),
        }
    }
}

/// Lets `seconds` pass a second at a time, the warmer running at each.
async fn pass(seconds: u64) {
    for _ in 0..seconds {
        tokio::time::advance(Duration::from_secs(1)).await;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

#[tokio::test]
async fn each_callers_hot_read_is_refreshed_as_that_caller_and_an_unwarmed_route_never_is() {
    let gateway = gateway(&estate("warming-callers")).await;
    // Started on the real clock (SQLite's); from here on tokio's clock moves when told.
    tokio::time::pause();
    let mut events = gateway.subscribe_events();
    for (tenant, scope) in CALLERS {
        for _ in 0..4 {
            list(&gateway, &caller(tenant, scope)).await;
        }
    }
    let filled = attempts(&mut events);
    let per_caller = BTreeMap::from([
        ("for-acme".to_owned(), 2),
        ("for-globex".to_owned(), 1),
        ("for-initech".to_owned(), 1),
    ]);
    assert_eq!(filled, per_caller, "one fill per caller, the rest hits");

    // Fresh for 30 s; refreshed within the last 3 s.
    pass(26).await;
    assert_eq!(attempts(&mut events), BTreeMap::new(), "not yet due");
    pass(2).await;
    assert_eq!(
        attempts(&mut events),
        BTreeMap::from([("for-acme".to_owned(), 2), ("for-globex".to_owned(), 1)]),
        "each caller's read refreshed on its own route, once per credential scope; the \
         unwarmed route not at all"
    );

    pass(3).await;
    for (tenant, scope) in &CALLERS[..3] {
        let answer = list(&gateway, &caller(tenant, scope)).await;
        assert_eq!(
            (answer.served.source, answer.served.instance.as_str()),
            (Source::L1, format!("for-{tenant}").as_str()),
            "{tenant} ({scope})'s read after the first answer expired"
        );
    }
    let unwarmed = list(&gateway, &caller("initech", "initech")).await;
    assert_eq!(
        unwarmed.served.source,
        Source::Provider,
        "expired, then fetched"
    );
    assert_eq!(
        attempts(&mut events).len(),
        1,
        "only initech's read was sent"
    );
    let warming = gateway.cache_stats().warming;
    assert_eq!((warming.refreshes, warming.hits_earned), (3, 3));
    let status = gateway.cache_warming().expect("warming is on");
    assert_eq!((status.refreshes, status.tracked), (3, 3));
}

#[tokio::test]
async fn a_reload_that_routes_the_caller_elsewhere_ends_the_refreshes_of_its_old_read() {
    let dataset = "warming-reload";
    let gateway = gateway(&estate(dataset)).await;
    tokio::time::pause();
    let mut events = gateway.subscribe_events();
    let acme = caller("acme", "acme");
    for _ in 0..4 {
        list(&gateway, &acme).await;
    }
    let reload = |yaml: String| {
        let config = mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin())
            .unwrap_or_else(|errors| panic!("{errors}"));
        let gateway = gateway.clone();
        async move { gateway.reload(config).await.unwrap() }
    };
    // The same configuration again: the caller's read is planned as before.
    reload(estate(dataset)).await;
    pass(28).await;
    attempts(&mut events);
    assert_eq!(gateway.cache_stats().warming.refreshes, 1);

    // Now acme's reads go to another instance: its old entry is not refreshed again.
    reload(estate_routing_acme_to(dataset, "for-globex")).await;
    pass(30).await;
    assert_eq!(
        attempts(&mut events),
        BTreeMap::new(),
        "nothing sent for a read the caller would no longer make"
    );
    let warming = gateway.cache_stats().warming;
    assert_eq!((warming.refreshes, warming.tracked), (1, 0));
    let rerouted = list(&gateway, &acme).await;
    assert_eq!(
        (rerouted.served.source, rerouted.served.instance.as_str()),
        (Source::Provider, "for-globex")
    );
}
