//! What the L2 tests share: replicas over one Redis, fills and lookups, and a TCP proxy the
//! test can cut to make Redis unreachable for one replica.

use mosaic_cache::testing::keys_in_redis;
use mosaic_cache::{
    AnswerCache, BreakerSettings, CacheKey, CacheSettings, DEFAULT_VALIDATOR_TTL, Fill, Lookup,
    MemoryTier, Origin, RedisSettings, RedisTier, Served, Tier, TierName,
};
use mosaic_core::{CacheClass, OpId, Operation, Output, RequestContext};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// An upstream failure.
#[derive(Debug, PartialEq)]
pub struct Upstream;

/// One gateway replica's cache: its own L1 over the shared L2.
pub struct Replica {
    pub cache: AnswerCache,
    pub l2: Arc<RedisTier>,
}

/// How long a write waits for the other replicas' acknowledgements: long, so that a loaded
/// machine never turns an acknowledgement the test relies on into a timeout; the tests that
/// want one make it short (`acks.rs`).
pub const ACK_TIMEOUT: Duration = Duration::from_secs(5);

pub fn settings(url: &str, prefix: &str) -> RedisSettings {
    RedisSettings {
        url: url.to_owned(),
        prefix: prefix.to_owned(),
        timeout: Duration::from_millis(500),
        region: Some("eu".into()),
        breaker: BreakerSettings {
            failures_to_open: 2,
            open_for: Duration::from_millis(50),
        },
        ack_timeout: ACK_TIMEOUT,
        validator_ttl: DEFAULT_VALIDATOR_TTL,
    }
}

impl Replica {
    /// A replica listening to the others' invalidations, once it listens.
    pub async fn new(url: &str, prefix: &str) -> Self {
        let replica = Self::deaf(url, prefix);
        replica.l2.listen_for(&replica.cache);
        let mut listening = replica.l2.listening();
        bounded(listening.wait_for(|on| *on))
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        replica
    }

    /// A replica that does not listen: only what Redis checks protects it.
    pub fn deaf(url: &str, prefix: &str) -> Self {
        let cache_settings = CacheSettings::default();
        let l2 = RedisTier::new(settings(url, prefix), cache_settings.longest_lifetime())
            .unwrap_or_else(|error| panic!("{error}"));
        Self::over(Arc::new(l2), cache_settings)
    }

    pub fn over(l2: Arc<RedisTier>, settings: CacheSettings) -> Self {
        let l1 = MemoryTier::new(TierName::L1, 1000);
        let tiers: Vec<Arc<dyn Tier>> = vec![Arc::new(l1), l2.clone()];
        Self {
            cache: AnswerCache::with_tiers(settings, tiers),
            l2,
        }
    }

    /// Serves `key`, fetching `marker` on a miss.
    pub async fn read(&self, key: &CacheKey, op: &Operation, marker: &str) -> Served<Upstream> {
        let fill = fill(op, marker);
        self.cache
            .get_or_fetch(key, CacheClass::Standard, || async {
                Ok::<_, Upstream>(fill)
            })
            .await
            .unwrap_or_else(|error| panic!("{error:?}"))
    }
}

/// Waits for something the test knows will happen; the bound only keeps a broken build from
/// hanging, it is not what the test checks.
pub async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .unwrap_or_else(|_| panic!("waited 10 s for an event that never came"))
}

pub fn issues_of(repo: &str) -> Operation {
    Operation::parse(OpId::GitIssuesList, json!({ "repo": repo }))
        .unwrap_or_else(|error| panic!("{error}"))
}

pub fn create_issue(repo: &str) -> Operation {
    Operation::parse(OpId::GitIssuesCreate, json!({ "repo": repo, "title": "t" }))
        .unwrap_or_else(|error| panic!("{error}"))
}

pub fn key(context: &RequestContext, op: &Operation) -> CacheKey {
    CacheKey::for_call(context, op, &["gh"])
}

pub fn fill(op: &Operation, marker: &str) -> Fill {
    let output = Output::from_json(op.op_id(), json!({ "items": [], "next_cursor": marker }))
        .unwrap_or_else(|error| panic!("{error}"));
    Fill {
        output: Arc::new(output),
        instance: "gh".into(),
        tags: vec![op.spec().read_tag(&op.resource())],
        jurisdiction: None,
    }
}

/// The tags a write of `op` invalidates.
pub fn write_tags(op: &Operation) -> Vec<String> {
    op.spec().write_tags(&op.resource())
}

pub fn marker(output: &Output) -> String {
    output.to_json()["next_cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The tier a served answer came from, `None` when fetched.
pub fn tier(served: &Served<Upstream>) -> Option<&str> {
    match &served.origin {
        Origin::Hit { tier, .. } => Some(tier.as_str()),
        _ => None,
    }
}

pub fn marker_of_lookup(lookup: &Lookup) -> Option<String> {
    match lookup {
        Lookup::Fresh { answer, .. } => Some(marker(&answer.output)),
        _ => None,
    }
}

/// How many entries Redis holds under `prefix`.
pub async fn entries_in_redis(url: &str, prefix: &str) -> usize {
    keys_in_redis(url, &format!("{prefix}:a:*")).await.len()
}

/// How many validators Redis holds under `prefix`.
pub async fn validators_in_redis(url: &str, prefix: &str) -> usize {
    keys_in_redis(url, &format!("{prefix}:v:*")).await.len()
}

/// A TCP proxy in front of Redis that the test turns off (every connection cut, new ones
/// refused) and on again.
pub struct Proxy {
    pub url: String,
    up: watch::Sender<bool>,
}

impl Proxy {
    pub async fn to(url: &str) -> Self {
        let target = url
            .trim_start_matches("redis://")
            .trim_end_matches('/')
            .to_owned();
        let (listener, address) = loopback().await;
        let (up, _) = watch::channel(true);
        let state = up.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mut cut = state.subscribe();
                if !*cut.borrow_and_update() {
                    continue;
                }
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let (mut client, mut server) = (client, server);
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Self {
            url: format!("redis://{address}"),
            up,
        }
    }

    pub fn set_up(&self, up: bool) {
        self.up.send_replace(up);
    }
}

/// A listener on a free loopback port, and its address.
async fn loopback() -> (TcpListener, std::net::SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"));
    (listener, address)
}

/// The URL of a Redis that accepts connections and never answers: every request to it waits
/// for the tier's timeout.
pub async fn black_hole() -> String {
    let (listener, address) = loopback().await;
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((connection, _)) = listener.accept().await {
            held.push(connection);
        }
    });
    format!("redis://{address}")
}
