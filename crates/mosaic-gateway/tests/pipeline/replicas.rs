//! Two gateway replicas sharing the Redis cache tier (L2, the real Redis at 127.0.0.1:6379)
//! and one provider truth (a sim dataset): what one fetched the other serves from L2; a write
//! through one is seen by the next read through the other; a read racing a write on the
//! other replica leaves no pre-write answer in any tier; and the tiers show in the counters.
//! Without Redis these tests say loudly that they did not run, and fail under `CI`.

use super::request;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_core::{OpId, Operation, Output, Provider, ProviderError, RequestContext};
use mosaic_gateway::{CallAnswer, CallRequest, Gateway, Source};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor, Plugins};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

fn estate(dataset: &str, url: &str, prefix: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
cache: {{ l2: {{ url: "{url}", prefix: "{prefix}", timeout: 500ms, region: eu }} }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: primary, plugin: sim, settings: {{ kinds: [git], dataset: {dataset} }} }}
routes:
  - {{ name: git, targets: [{{ instance: primary }}] }}
"#
    )
}

/// Two replicas of one estate, each with its own L1, sharing Redis under `prefix`; the first
/// built over `plugins`.
async fn replicas(dataset: &str, plugins: &Plugins) -> Option<(Gateway, Gateway)> {
    let url = redis_url().await?;
    let yaml = estate(dataset, &url, &unique_prefix(dataset));
    let start = |plugins: &Plugins| {
        let config = mosaic_config::load(&yaml, &|_| None, plugins)
            .unwrap_or_else(|errors| panic!("{errors}"));
        Gateway::start(config)
    };
    let a = start(plugins).await.unwrap();
    let b = start(&mosaic_providers::builtin()).await.unwrap();
    Some((a, b))
}

fn list() -> CallRequest {
    request(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "state": "all", "per_page": 100}),
    )
}

fn create(title: &str) -> CallRequest {
    request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": title}),
    )
}

fn ctx() -> RequestContext {
    RequestContext::local("tester")
}

fn titles(answer: &CallAnswer) -> Vec<String> {
    answer.output.to_json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Waits until `gateway` has applied `count` invalidations announced by other replicas.
/// Pacing only; the bound keeps a broken build from hanging.
async fn heard(gateway: &Gateway, count: u64) {
    let wait = async {
        while gateway.cache_stats().remote_invalidations < count {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), wait)
        .await
        .expect("the other replica's invalidation was never announced");
}

#[tokio::test]
async fn a_write_through_one_replica_is_seen_by_the_next_read_through_the_other() {
    let Some((a, b)) = replicas("replicas-write", &mosaic_providers::builtin()).await else {
        return;
    };
    let fetched = a.call(&ctx(), list()).await.unwrap();
    assert_eq!(fetched.served.source, Source::Provider);
    let shared = b.call(&ctx(), list()).await.unwrap();
    assert_eq!(shared.served.source, Source::L2, "served from Redis");
    assert_eq!(titles(&shared), titles(&fetched));

    a.call(&ctx(), create("written through a")).await.unwrap();
    // B's L1 holds the list too; A's write reaches it through the channel.
    heard(&b, 1).await;
    let after = b.call(&ctx(), list()).await.unwrap();
    assert_eq!(after.served.source, Source::Provider);
    assert!(titles(&after).contains(&"written through a".to_owned()));

    // And a replica that never held the list in L1 is answered fresh without any wait:
    // Redis refuses the old entry itself.
    b.call(&ctx(), create("written through b")).await.unwrap();
    let fresh = a.call(&ctx(), list()).await.unwrap();
    assert!(titles(&fresh).contains(&"written through b".to_owned()));

    let tiers = b.cache_tiers();
    let names: Vec<&str> = tiers.iter().map(|tier| tier.tier.as_str()).collect();
    assert_eq!(names, ["l1", "l2"]);
    assert_eq!(tiers[1].region.as_deref(), Some("eu"));
    assert!(tiers[1].available);
    assert_eq!(tiers[1].hits, 1);
    assert!(tiers[1].invalidations >= 1);
    assert_eq!(tiers[1].errors, 0);
}

/// Releases a held read when the test says so.
#[derive(Default)]
struct Gate {
    armed: AtomicBool,
    reached: Notify,
    release: Notify,
}

/// The sim, except that once armed, the next read it answers is held after the sim has
/// answered it (with the data as it was then) until the test releases it.
struct HeldSim {
    sim: Arc<dyn Plugin>,
    gate: Arc<Gate>,
}

impl Plugin for HeldSim {
    fn descriptor(&self) -> &PluginDescriptor {
        self.sim.descriptor()
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<mosaic_core::FieldError>> {
        let builder = self.sim.validate(settings)?;
        Ok(Box::new(HeldBuilder {
            builder,
            gate: Arc::clone(&self.gate),
        }))
    }
}

#[derive(Debug)]
struct HeldBuilder {
    builder: Box<dyn InstanceBuilder>,
    gate: Arc<Gate>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Gate")
    }
}

#[async_trait::async_trait]
impl InstanceBuilder for HeldBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, mosaic_core::BuildError> {
        let inner = self.builder.build(context).await?;
        Ok(Arc::new(Held {
            inner,
            gate: self.gate,
        }))
    }
}

struct Held {
    inner: Arc<dyn Provider>,
    gate: Arc<Gate>,
}

#[async_trait::async_trait]
impl Provider for Held {
    fn supports(&self, op: OpId) -> mosaic_core::Support {
        self.inner.supports(op)
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        let answer = self.inner.call(operation).await;
        if operation.spec().is_read() && self.gate.armed.swap(false, Ordering::SeqCst) {
            self.gate.reached.notify_one();
            self.gate.release.notified().await;
        }
        answer
    }

    async fn health(&self) -> mosaic_core::Health {
        self.inner.health().await
    }

    fn quota(&self) -> Option<mosaic_core::Quota> {
        self.inner.quota()
    }
}

#[tokio::test]
async fn a_read_racing_a_write_on_the_other_replica_leaves_no_pre_write_answer_cached() {
    let gate = Arc::new(Gate::default());
    let sim = mosaic_providers::builtin()
        .find("sim", None)
        .expect("sim is built in")
        .clone();
    let plugins: Plugins = [Arc::new(HeldSim {
        sim,
        gate: Arc::clone(&gate),
    }) as Arc<dyn Plugin>]
    .into_iter()
    .collect();
    let Some((a, b)) = replicas("replicas-race", &plugins).await else {
        return;
    };

    gate.armed.store(true, Ordering::SeqCst);
    let racing = {
        let a = a.clone();
        tokio::spawn(async move { a.call(&ctx(), list()).await })
    };
    // The provider has answered A's read with the list as it was; its answer is held.
    gate.reached.notified().await;
    b.call(&ctx(), create("written during the read"))
        .await
        .unwrap();
    gate.release.notify_one();
    let raced = racing.await.unwrap().unwrap();
    assert_eq!(raced.served.source, Source::Provider);
    assert!(
        !titles(&raced).contains(&"written during the read".to_owned()),
        "the racing read carries what the provider said before the write"
    );

    // Neither replica serves that answer afterwards, from any tier.
    for replica in [&a, &b] {
        let next = replica.call(&ctx(), list()).await.unwrap();
        assert!(
            titles(&next).contains(&"written during the read".to_owned()),
            "served {:?} without the write",
            next.served.source
        );
    }
}

#[tokio::test]
async fn a_gateway_whose_redis_is_unreachable_starts_and_answers_every_call() {
    // A port nothing listens on: bound, then released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("redis://{}", closed.local_addr().unwrap());
    drop(closed);
    let yaml = estate("replicas-unreachable", &url, &unique_prefix("unreachable"));
    let config = mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin())
        .unwrap_or_else(|errors| panic!("{errors}"));
    let gateway = Gateway::start(config).await.unwrap();

    let mut sources = Vec::new();
    for number in 1..=10 {
        let read = request(
            OpId::GitIssuesGet,
            json!({"repo": "acme/api", "number": number % 3 + 1}),
        );
        sources.push(gateway.call(&ctx(), read).await.unwrap().served.source);
    }
    assert!(!sources.contains(&Source::L2));
    assert_eq!(
        sources
            .iter()
            .filter(|source| **source == Source::L1)
            .count(),
        7,
        "repeated reads are served from L1 meanwhile"
    );
    gateway
        .call(&ctx(), create("while redis is away"))
        .await
        .unwrap();
    let l2 = &gateway.cache_tiers()[1];
    assert!(l2.errors >= 1, "{l2:?}");
    assert!(!l2.available, "its breaker keeps requests away");
}
