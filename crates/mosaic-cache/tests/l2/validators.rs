//! Validators of conditional requests held by the tiers: what one replica kept another finds
//! in L2 (and copies into its process), and a new process finds after a restart; a forgotten
//! one is gone from both. L2 is only given what it may hold and what anyone could share: an EU
//! instance's bodies never reach a US Redis (as Redis itself shows), a build with no
//! fingerprint and a body past the size cap stay in process, another credential's scope never
//! meets them. Redis unreachable costs a lookup at most the tier's timeout, then nothing.

use crate::support::*;
use bytes::Bytes;
use mosaic_cache::testing::{keys_in_redis, query_redis, redis_url, unique_prefix};
use mosaic_cache::{
    AnswerCache, CacheSettings, MAX_SHARED_VALIDATOR_BYTES, RedisTier, TierName, TierReport,
};
use mosaic_plugin::{Validated, ValidatorKey, ValidatorScope, Validators};
use std::sync::Arc;
use std::time::Duration;

const ISSUES: &str = "https://api.github.com/repos/acme/api/issues?state=open";

fn forge(fingerprint: &str) -> ValidatorScope {
    ValidatorScope::new("forge", fingerprint)
}

fn validated(etag: &str) -> Validated {
    Validated {
        etag: etag.to_owned(),
        body: Bytes::from_static(b"[{\"number\":1}]"),
        next_cursor: Some("2".to_owned()),
    }
}

fn validators(replica: &Replica) -> Arc<dyn Validators> {
    replica.cache.validators()
}

fn report(cache: &AnswerCache, tier: &TierName) -> TierReport {
    cache
        .tier_reports()
        .into_iter()
        .find(|report| &report.tier == tier)
        .unwrap_or_else(|| panic!("no tier {tier}"))
}

/// A replica whose Redis declares `region` and keeps validators for `ttl`.
fn replica_with(url: &str, prefix: &str, region: Option<&str>, ttl: Duration) -> Replica {
    let cache_settings = CacheSettings::default();
    let mut redis = settings(url, prefix);
    redis.region = region.map(str::to_owned);
    redis.validator_ttl = ttl;
    let l2 = RedisTier::new(redis, cache_settings.longest_lifetime())
        .unwrap_or_else(|error| panic!("{error}"));
    Replica::over(Arc::new(l2), cache_settings)
}

#[tokio::test]
async fn what_one_replica_kept_another_and_a_restarted_one_find_until_it_is_forgotten() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("validators-shared");
    let key = forge("f1").key(ISSUES);
    let a = Replica::deaf(&url, &prefix);
    validators(&a).keep(key.clone(), validated("\"v1\"")).await;
    assert_eq!(validators_in_redis(&url, &prefix).await, 1);

    let b = Replica::deaf(&url, &prefix);
    let found = validators(&b).get(&key).await;
    assert_eq!(found.as_deref(), Some(&validated("\"v1\"")));
    assert_eq!(report(&b.cache, &TierName::L2).validator_hits, 1);
    // Copied into B's process: the next lookup does not ask Redis.
    assert!(validators(&b).get(&key).await.is_some());
    assert_eq!(report(&b.cache, &TierName::L1).validator_hits, 1);
    assert_eq!(report(&b.cache, &TierName::L2).validator_hits, 1);
    assert_eq!(b.cache.stats().validators.hits, 2);

    drop(a);
    let restarted = Replica::deaf(&url, &prefix);
    assert!(validators(&restarted).get(&key).await.is_some());

    validators(&b).forget(&key).await;
    assert_eq!(validators(&b).get(&key).await, None);
    assert_eq!(validators_in_redis(&url, &prefix).await, 0);
    assert_eq!(
        validators(&Replica::deaf(&url, &prefix)).get(&key).await,
        None
    );
}

#[tokio::test]
async fn redis_keeps_a_validator_for_its_ttl_and_none_when_it_is_zero() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("validators-ttl");
    let hour = Duration::from_secs(3600);
    let kept = replica_with(&url, &prefix, Some("eu"), hour);
    validators(&kept)
        .keep(forge("f1").key(ISSUES), validated("\"v1\""))
        .await;
    let names = keys_in_redis(&url, &format!("{prefix}:v:*")).await;
    let [name] = names.as_slice() else {
        panic!("one validator in Redis: {names:?}");
    };
    let ttl: i64 = query_redis(&url, redis::cmd("PTTL").arg(name)).await;
    assert!(ttl > 0 && ttl <= 3_600_000, "PTTL {ttl}");

    let off_prefix = unique_prefix("validators-off");
    let off = replica_with(&url, &off_prefix, Some("eu"), Duration::ZERO);
    let key = forge("f1").key(ISSUES);
    validators(&off)
        .keep(key.clone(), validated("\"v1\""))
        .await;
    assert_eq!(validators_in_redis(&url, &off_prefix).await, 0);
    assert!(
        validators(&off).get(&key).await.is_some(),
        "kept in process"
    );
}

#[tokio::test]
async fn an_eu_instances_validator_never_lands_in_a_us_redis() {
    let Some(url) = redis_url().await else { return };
    let eu_scope = forge("f1").with_jurisdiction(Some("eu"));
    let key = eu_scope.key(ISSUES);

    let us_prefix = unique_prefix("validators-us");
    let us = replica_with(&url, &us_prefix, Some("us-east"), Duration::from_secs(60));
    validators(&us).keep(key.clone(), validated("\"v1\"")).await;
    assert_eq!(validators_in_redis(&url, &us_prefix).await, 0);
    assert_eq!(report(&us.cache, &TierName::L2).residency_refusals, 1);
    assert_eq!(report(&us.cache, &TierName::L1).residency_refusals, 0);
    assert!(
        validators(&us).get(&key).await.is_some(),
        "kept by the process that fetched it"
    );

    let eu_prefix = unique_prefix("validators-eu");
    let eu = replica_with(&url, &eu_prefix, Some("eu-west"), Duration::from_secs(60));
    validators(&eu).keep(key.clone(), validated("\"v1\"")).await;
    assert_eq!(validators_in_redis(&url, &eu_prefix).await, 1);
    assert_eq!(report(&eu.cache, &TierName::L2).residency_refusals, 0);
    let peer = replica_with(&url, &eu_prefix, Some("eu-west"), Duration::from_secs(60));
    assert!(validators(&peer).get(&key).await.is_some());
    // The same instance unlabelled is another scope: it never meets the EU one's answers.
    let unlabelled = forge("f1").key(ISSUES);
    assert_eq!(validators(&peer).get(&unlabelled).await, None);
}

#[tokio::test]
async fn an_unshared_scope_and_a_body_past_the_cap_stay_in_process() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("validators-local");
    let replica = Replica::deaf(&url, &prefix);
    let unshared = ValidatorScope::unshared("forge").key(ISSUES);
    validators(&replica)
        .keep(unshared.clone(), validated("\"v1\""))
        .await;
    let huge = Validated {
        body: Bytes::from(vec![b' '; MAX_SHARED_VALIDATOR_BYTES]),
        ..validated("\"v2\"")
    };
    let big = forge("f1").key(ISSUES);
    validators(&replica).keep(big.clone(), huge).await;

    assert_eq!(validators_in_redis(&url, &prefix).await, 0);
    assert_eq!(report(&replica.cache, &TierName::L2).residency_refusals, 0);
    assert!(validators(&replica).get(&unshared).await.is_some());
    assert!(validators(&replica).get(&big).await.is_some());
}

#[tokio::test]
async fn two_credentials_never_share_a_validator() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("validators-scope");
    let first = Replica::deaf(&url, &prefix);
    let second = Replica::deaf(&url, &prefix);
    let (first_token, second_token) = (forge("token-a"), forge("token-b"));
    validators(&first)
        .keep(first_token.key(ISSUES), validated("\"a\""))
        .await;

    assert_eq!(
        validators(&second).get(&second_token.key(ISSUES)).await,
        None
    );
    validators(&second)
        .keep(second_token.key(ISSUES), validated("\"b\""))
        .await;
    assert_eq!(validators_in_redis(&url, &prefix).await, 2);
    let fresh = Replica::deaf(&url, &prefix);
    let etag = |key: ValidatorKey| {
        let validators = validators(&fresh);
        async move { validators.get(&key).await.map(|found| found.etag.clone()) }
    };
    assert_eq!(
        etag(first_token.key(ISSUES)).await.as_deref(),
        Some("\"a\"")
    );
    assert_eq!(
        etag(second_token.key(ISSUES)).await.as_deref(),
        Some("\"b\"")
    );
}

#[tokio::test(start_paused = true)]
async fn an_unanswering_redis_costs_a_lookup_its_timeout_then_nothing() {
    let url = black_hole().await;
    let replica = Replica::deaf(&url, "unanswered");
    let timeout = settings(&url, "unanswered").timeout;
    let store = validators(&replica);
    let key = forge("f1").key(ISSUES);

    // Each request to Redis gives up at the tier's timeout (on tokio's paused clock), until
    // the breaker opens after two failures.
    for _ in 0..2 {
        let started = tokio::time::Instant::now();
        assert_eq!(store.get(&key).await, None);
        assert!(started.elapsed() <= timeout, "{:?}", started.elapsed());
    }
    assert!(!report(&replica.cache, &TierName::L2).stats.available);

    // With the breaker open, Redis is not asked: no time passes, and the store works in
    // process.
    let started = tokio::time::Instant::now();
    store.keep(key.clone(), validated("\"v1\"")).await;
    assert!(store.get(&key).await.is_some());
    assert_eq!(started.elapsed(), Duration::ZERO);
    assert_eq!(report(&replica.cache, &TierName::L2).stats.errors, 2);
}
