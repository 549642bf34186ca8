//! The whole request path over real sim providers, an in-memory SQLite store and the real
//! configuration loader: routing, failover, write safety, caching, stale-if-error, policy,
//! audit and hot reload; cached answers that keep to their route (`pipeline/routes.rs`), data
//! residency under hard constraints (`residency.rs`), what failed writes tell (`writes.rs`),
//! failover provenance (`failover.rs`), the live event stream (`events.rs`), the meta
//! operations under policy and audit (`meta.rs`), the instances' client-side rate limits
//! (`rate_limits.rs`), cost-aware routing of CI triggers (`costs.rs`), versions side by
//! side with a canary (`canary.rs`), replicas sharing the Redis cache tier (`replicas.rs`)
//! and cache warming per caller and route (`warming.rs`).

use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallError, CallRequest, Gateway, Source};
use serde_json::{Value, json};

#[path = "pipeline/canary.rs"]
mod canary;
#[path = "pipeline/costs.rs"]
mod costs;
#[path = "pipeline/events.rs"]
mod events;
#[path = "pipeline/failover.rs"]
mod failover;
#[path = "pipeline/meta.rs"]
mod meta;
#[path = "pipeline/rate_limits.rs"]
mod rate_limits;
#[path = "pipeline/replicas.rs"]
mod replicas;
#[path = "pipeline/residency.rs"]
mod residency;
#[path = "pipeline/routes.rs"]
mod routes;
#[path = "pipeline/runs.rs"]
mod runs;
#[path = "pipeline/warming.rs"]
mod warming;
#[path = "pipeline/writes.rs"]
mod writes;

/// A config with a primary and a read-only mirror sharing one dataset (unique per test, since
/// sim datasets are process-wide), with `primary_settings` merged into the primary's settings.
fn config(dataset: &str, primary_extra: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
executor:
  timeout: 2s
  retry: {{ max_attempts: 2, base_delay: 10ms, max_delay: 100ms }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies:
  - {{ name: no-internal-writes, effect: deny, operations: ["git.*.create"], resources: ["acme/internal-*"] }}
  - {{ name: allow-all, effect: allow }}
providers:
  - name: primary
    plugin: sim
    settings: {{ kinds: [git, pm], dataset: {dataset} {primary_extra} }}
  - name: mirror
    plugin: sim
    settings: {{ kinds: [git, pm], dataset: {dataset} }}
routes:
  - name: git
    kinds: [git, pm]
    targets:
      - instance: primary
      - instance: mirror
        read_only: true
"#
    )
}

async fn gateway(yaml: &str) -> Gateway {
    let registry = mosaic_providers::builtin();
    let config =
        mosaic_config::load(yaml, &|_| None, &registry).unwrap_or_else(|errors| panic!("{errors}"));
    Gateway::start(config).await.unwrap()
}

fn request(op: OpId, arguments: Value) -> CallRequest {
    CallRequest {
        op,
        arguments,
        provider: None,
    }
}

fn ctx() -> RequestContext {
    RequestContext::local("tester")
}

#[tokio::test]
async fn a_read_is_fetched_then_served_from_cache_and_a_write_invalidates_it() {
    let gateway = gateway(&config("pipeline-cache", "")).await;
    let list = || {
        request(
            OpId::GitIssuesList,
            json!({"repo": "acme/api", "per_page": 100}),
        )
    };
    let first = gateway.call(&ctx(), list()).await.unwrap();
    assert_eq!(
        (first.served.source, first.served.instance.as_str()),
        (Source::Provider, "primary")
    );
    let second = gateway.call(&ctx(), list()).await.unwrap();
    assert_eq!(second.served.source, Source::L1);
    let before = first.output.to_json()["items"].as_array().unwrap().len();

    let created = gateway
        .call(
            &ctx(),
            request(
                OpId::GitIssuesCreate,
                json!({"repo": "acme/api", "title": "cache test"}),
            ),
        )
        .await
        .unwrap();
    assert_eq!(created.served.instance, "primary");
    let after = gateway.call(&ctx(), list()).await.unwrap();
    assert_eq!(
        after.served.source,
        Source::Provider,
        "the write invalidated the cached list"
    );
    let items = after.output.to_json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), before + 1);
    assert!(items.iter().any(|issue| issue["title"] == "cache test"));
}

#[tokio::test]
async fn reads_fail_over_to_the_mirror_and_writes_are_never_sent_there() {
    let gateway = gateway(&config("pipeline-failover", ", down: true")).await;
    let read = gateway
        .call(
            &ctx(),
            request(OpId::GitIssuesGet, json!({"repo": "acme/api", "number": 1})),
        )
        .await;
    let read = read.unwrap();
    assert_eq!(read.served.instance, "mirror");
    assert_eq!(read.served.failed_over[0].instance, "primary");
    assert_eq!(read.served.failed_over[0].code, "unavailable");

    let write = gateway
        .call(
            &ctx(),
            request(
                OpId::GitIssuesCreate,
                json!({"repo": "acme/api", "title": "must not land"}),
            ),
        )
        .await;
    let error = write.unwrap_err();
    assert!(
        matches!(&error, CallError::WriteTargetDown { instance, .. } if instance == "primary"),
        "{error}"
    );
    assert!(error.to_string().contains("never sent to another system"));

    let search = json!({"repo": "acme/api", "state": "all", "per_page": 100});
    let listed = gateway
        .call(&ctx(), request(OpId::GitIssuesList, search))
        .await
        .unwrap();
    let titles = listed.output.to_json()["items"].to_string();
    assert!(!titles.contains("must not land"));
}

#[tokio::test]
async fn every_call_is_audited_with_its_outcome() {
    let gateway = gateway(&config("pipeline-audit", "")).await;
    gateway
        .call(&ctx(), request(OpId::PmIssuesGet, json!({"key": "PLAT-1"})))
        .await
        .ok();
    let denied = gateway
        .call(
            &ctx(),
            request(
                OpId::GitIssuesCreate,
                json!({"repo": "acme/internal-tools", "title": "x"}),
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(denied.code(), "denied");
    let invalid = gateway
        .call(&ctx(), request(OpId::GitIssuesList, json!({"repo": 7})))
        .await
        .unwrap_err();
    assert!(
        matches!(&invalid, CallError::InvalidArguments(error) if error.path == "repo"),
        "{invalid}"
    );
    gateway.flush_audit().await;
    let records = gateway.store().tail(10, None).await.unwrap();
    let outcomes: Vec<_> = records
        .iter()
        .map(|r| (r.call.operation.as_str(), r.call.outcome.as_str()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("pm.issues.get", outcomes[0].1),
            ("git.issues.create", "denied"),
            ("git.issues.list", "invalid_arguments")
        ]
    );
    assert_eq!(records[1].call.fault.as_deref(), Some("caller"));
    assert!(records[1].call.reasons[0].contains("no-internal-writes"));
    assert_eq!(gateway.store().verify().await.unwrap().records, 3);
}

#[tokio::test]
async fn a_write_is_answered_only_once_its_audit_record_is_stored() {
    let gateway = gateway(&config("pipeline-audit-commit", "")).await;
    let created = request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": "audited before answered"}),
    );
    gateway.call(&ctx(), created).await.unwrap();
    let denied = request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/internal-tools", "title": "x"}),
    );
    assert_eq!(
        gateway.call(&ctx(), denied).await.unwrap_err().code(),
        "denied"
    );
    // No flush: each answer came after its record's commit, whatever the outcome.
    let records = gateway.store().tail(10, None).await.unwrap();
    let outcomes: Vec<_> = records.iter().map(|r| r.call.outcome.as_str()).collect();
    assert_eq!(outcomes, ["ok", "denied"]);
}

#[tokio::test]
async fn a_pinned_instance_serves_alone_and_a_bad_pin_is_explained() {
    let gateway = gateway(&config("pipeline-pin", "")).await;
    let mut pinned = request(OpId::GitReposGet, json!({"repo": "acme/api"}));
    pinned.provider = Some("mirror".into());
    assert_eq!(
        gateway.call(&ctx(), pinned).await.unwrap().served.instance,
        "mirror"
    );
    let mut write = request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": "t"}),
    );
    write.provider = Some("mirror".into());
    let error = gateway.call(&ctx(), write).await.unwrap_err();
    assert_eq!(error.code(), "bad_pin");
}

#[tokio::test]
async fn explain_shows_the_plan_without_calling() {
    let gateway = gateway(&config("pipeline-explain", "")).await;
    let create = request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": "t"}),
    );
    let explanation = gateway.explain(&ctx(), &create).await.unwrap();
    assert_eq!(explanation.rule.as_deref(), Some("git"));
    assert_eq!(explanation.candidates.len(), 1);
    assert_eq!(explanation.candidates[0].instance, "primary");
    assert_eq!(explanation.excluded[0].instance, "mirror");
}

#[tokio::test]
async fn anonymous_access_follows_the_configuration() {
    let gateway = gateway(&config("pipeline-auth", "")).await;
    assert_eq!(gateway.authenticate(None).unwrap().principal, "tester");
    assert_eq!(
        gateway
            .authenticate(Some("unknown-key"))
            .unwrap_err()
            .code(),
        "unauthenticated"
    );
}

#[tokio::test]
async fn health_checks_show_a_down_instance_in_the_status() {
    let gateway = gateway(&config("pipeline-health", ", down: true")).await;
    let probed = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        loop {
            let statuses = gateway.providers_status(&ctx()).await.unwrap();
            let primary = statuses
                .iter()
                .find(|status| status.name == "primary")
                .unwrap();
            if matches!(primary.health, mosaic_core::Health::Unhealthy { .. }) {
                return statuses;
            }
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the first health probe runs at start");
    let mirror = probed
        .iter()
        .find(|status| status.name == "mirror")
        .unwrap();
    assert_eq!(mirror.health, mosaic_core::Health::Healthy);
    assert_eq!(mirror.plugin, "sim@1.0.0");
}
