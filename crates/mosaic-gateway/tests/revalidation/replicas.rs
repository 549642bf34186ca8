//! Revalidation shared through the Redis tier (the real Redis at 127.0.0.1:6379), against the
//! GitHub fake, with every answer cache class off so each read reaches the provider: what one
//! replica fetched another revalidates with a free `304`, and so does a gateway started after
//! the first one stopped; another token never meets those validators; an EU instance's never
//! reach a US Redis (as Redis itself shows); with Redis unreachable every read is answered and
//! revalidation goes on in process. Without Redis these tests say loudly that they did not run,
//! and fail under `CI`.

use super::{FIRST_TOKEN, SECOND_TOKEN, config_with, forge, issue_reads, read};
use mosaic_cache::testing::{keys_in_redis, redis_url, unique_prefix};
use mosaic_fakes::server::FakeServer;
use mosaic_gateway::Gateway;
use mosaic_gateway::status::CacheTierStatus;

/// The `, l2: {…}` part of the cache section: Redis at `url` under `prefix`, in `region`.
fn l2(url: &str, prefix: &str, region: &str) -> String {
    format!(r#", l2: {{ url: "{url}", prefix: "{prefix}", timeout: 500ms, region: {region} }}"#)
}

/// What a test shares: the test Redis, a prefix of the test's own, and the GitHub fake.
struct Estate {
    redis: String,
    prefix: String,
    server: FakeServer,
}

impl Estate {
    /// `None` (after saying so) when Redis is not there.
    async fn new(test: &str) -> Option<Self> {
        Some(Self {
            redis: redis_url().await?,
            prefix: unique_prefix(test),
            server: forge().await,
        })
    }

    /// A gateway with `token` over the shared Redis, declared in `region`, its instance
    /// labelled `labels`.
    async fn gateway(&self, token: &str, region: &str, labels: &str) -> Gateway {
        let l2 = l2(&self.redis, &self.prefix, region);
        gateway(&self.server.base_url(), token, &l2, labels).await
    }

    async fn validators_in_redis(&self) -> usize {
        let pattern = format!("{}:v:*", self.prefix);
        keys_in_redis(&self.redis, &pattern).await.len()
    }
}

async fn gateway(base_url: &str, token: &str, l2: &str, labels: &str) -> Gateway {
    Gateway::start(config_with(base_url, token, l2, labels))
        .await
        .unwrap_or_else(|error| panic!("{error}"))
}

fn tier(gateway: &Gateway, name: &str) -> CacheTierStatus {
    gateway
        .cache_tiers()
        .into_iter()
        .find(|tier| tier.tier == name)
        .unwrap_or_else(|| panic!("no tier {name}"))
}

#[tokio::test]
async fn a_replica_and_a_restarted_gateway_revalidate_what_another_fetched() {
    let Some(estate) = Estate::new("revalidation-replicas").await else {
        return;
    };
    let a = estate.gateway(FIRST_TOKEN, "eu", "{}").await;
    let b = estate.gateway(FIRST_TOKEN, "eu", "{}").await;

    let fetched = read(&a).await;
    assert_eq!(read(&b).await, fetched);
    assert_eq!(issue_reads(&estate.server), [(false, 200), (true, 304)]);
    assert_eq!(b.cache_stats().validators.revalidations, 1);
    assert_eq!(tier(&b, "l2").validator_hits, 1);

    drop((a, b));
    let restarted = estate.gateway(FIRST_TOKEN, "eu", "{}").await;
    assert_eq!(read(&restarted).await, fetched);
    assert_eq!(
        issue_reads(&estate.server),
        [(false, 200), (true, 304), (true, 304)]
    );
}

#[tokio::test]
async fn another_token_never_meets_the_validators_of_the_first() {
    let Some(estate) = Estate::new("revalidation-tokens").await else {
        return;
    };
    let first = estate.gateway(FIRST_TOKEN, "eu", "{}").await;
    let second = estate.gateway(SECOND_TOKEN, "eu", "{}").await;

    read(&first).await;
    read(&second).await;
    assert_eq!(issue_reads(&estate.server), [(false, 200), (false, 200)]);
    assert_eq!(tier(&second, "l2").validator_hits, 0);
    assert_eq!(estate.validators_in_redis().await, 2, "one per token");
}

#[tokio::test]
async fn an_eu_instances_validators_never_reach_a_us_redis() {
    let Some(estate) = Estate::new("revalidation-residency").await else {
        return;
    };
    let eu = "{ jurisdiction: eu }";
    let a = estate.gateway(FIRST_TOKEN, "us-east", eu).await;
    let b = estate.gateway(FIRST_TOKEN, "us-east", eu).await;

    read(&a).await;
    assert_eq!(estate.validators_in_redis().await, 0);
    assert_eq!(tier(&a, "l2").residency_refusals, 1);
    read(&b).await;
    read(&a).await;
    assert_eq!(
        issue_reads(&estate.server),
        [(false, 200), (false, 200), (true, 304)],
        "B fetches afresh; A revalidates from its own process"
    );

    // An EU Redis keeps them for every replica.
    let Some(in_eu) = Estate::new("revalidation-residency-eu").await else {
        return;
    };
    let a = in_eu.gateway(FIRST_TOKEN, "eu-west", eu).await;
    let b = in_eu.gateway(FIRST_TOKEN, "eu-west", eu).await;
    read(&a).await;
    read(&b).await;
    assert_eq!(in_eu.validators_in_redis().await, 1);
    assert_eq!(issue_reads(&in_eu.server), [(false, 200), (true, 304)]);
}

#[tokio::test]
async fn with_redis_unreachable_every_read_is_answered_and_revalidated_in_process() {
    let server = forge().await;
    let base_url = server.base_url();
    // A port nothing listens on: every connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .unwrap_or_else(|error| panic!("{error}"))
        .port();
    let down = l2(&format!("redis://127.0.0.1:{port}"), "down", "eu");
    let gateway = gateway(&base_url, FIRST_TOKEN, &down, "{}").await;

    let first = read(&gateway).await;
    assert_eq!(read(&gateway).await, first);
    assert_eq!(issue_reads(&server), [(false, 200), (true, 304)]);
    let l2 = tier(&gateway, "l2");
    assert!(l2.errors >= 1, "{l2:?}");
    assert_eq!(tier(&gateway, "l1").validator_hits, 1);
}
