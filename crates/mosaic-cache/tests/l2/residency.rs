//! Residency per tier: an answer of an instance with a jurisdiction is kept only by the tiers
//! whose region may hold it. An EU answer is absent from a US Redis, as Redis itself shows,
//! is served from L1 on the replica that fetched it, and the refusal is counted; an EU Redis
//! keeps it for the other replicas.

use crate::support::*;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{CacheSettings, RedisTier, TierName};
use mosaic_core::{CacheClass, RequestContext};
use std::sync::Arc;

/// A replica whose Redis declares `region`.
fn replica_in(url: &str, prefix: &str, region: Option<&str>) -> Replica {
    let cache_settings = CacheSettings::default();
    let mut redis = settings(url, prefix);
    redis.region = region.map(str::to_owned);
    let l2 = RedisTier::new(redis, cache_settings.longest_lifetime())
        .unwrap_or_else(|error| panic!("{error}"));
    Replica::over(Arc::new(l2), cache_settings)
}

/// Serves `key`, fetching an answer of `jurisdiction` on a miss.
async fn read_from(
    replica: &Replica,
    key: &mosaic_cache::CacheKey,
    jurisdiction: Option<&str>,
) -> mosaic_cache::Served<Upstream> {
    let op = issues_of("acme/api");
    let mut fill = fill(&op, "fetched");
    fill.jurisdiction = jurisdiction.map(str::to_owned);
    replica
        .cache
        .get_or_fetch(key, CacheClass::Standard, || async {
            Ok::<_, Upstream>(fill)
        })
        .await
        .unwrap_or_else(|error| panic!("{error:?}"))
}

fn refusals(replica: &Replica, tier: &TierName) -> u64 {
    replica
        .cache
        .tier_reports()
        .into_iter()
        .find(|report| &report.tier == tier)
        .map(|report| report.residency_refusals)
        .unwrap_or_else(|| panic!("no tier {tier}"))
}

#[tokio::test]
async fn an_eu_answer_never_lands_in_a_us_redis() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("residency-us");
    let us = replica_in(&url, &prefix, Some("us-east"));
    let key = key(&RequestContext::local("someone"), &issues_of("acme/api"));

    let served = read_from(&us, &key, Some("eu")).await;
    assert_eq!(tier(&served), None, "fetched");
    assert_eq!(
        entries_in_redis(&url, &prefix).await,
        0,
        "nothing in the US Redis"
    );
    assert_eq!(refusals(&us, &TierName::L2), 1);
    assert_eq!(refusals(&us, &TierName::L1), 0);
    // The process that fetched it keeps it in memory.
    let again = read_from(&us, &key, Some("eu")).await;
    assert_eq!(tier(&again), Some("l1"));

    // An answer without a jurisdiction goes to the same Redis as before.
    let other = key_for_repo("acme/web");
    read_from(&us, &other, None).await;
    assert_eq!(entries_in_redis(&url, &prefix).await, 1);
}

#[tokio::test]
async fn an_eu_redis_keeps_eu_answers_and_an_undeclared_one_keeps_none() {
    let Some(url) = redis_url().await else { return };
    let key = key(&RequestContext::local("someone"), &issues_of("acme/api"));

    let eu_prefix = unique_prefix("residency-eu");
    let eu = replica_in(&url, &eu_prefix, Some("eu-west"));
    read_from(&eu, &key, Some("eu")).await;
    assert_eq!(entries_in_redis(&url, &eu_prefix).await, 1);
    assert_eq!(refusals(&eu, &TierName::L2), 0);
    // Another EU replica is served it from Redis, jurisdiction and all.
    let peer = replica_in(&url, &eu_prefix, Some("eu-west"));
    let served = read_from(&peer, &key, Some("eu")).await;
    assert_eq!(tier(&served), Some("l2"));
    assert_eq!(served.answer.jurisdiction.as_deref(), Some("eu"));

    let unknown_prefix = unique_prefix("residency-unknown");
    let unknown = replica_in(&url, &unknown_prefix, None);
    read_from(&unknown, &key, Some("eu")).await;
    assert_eq!(entries_in_redis(&url, &unknown_prefix).await, 0);
    assert_eq!(refusals(&unknown, &TierName::L2), 1);
}

fn key_for_repo(repo: &str) -> mosaic_cache::CacheKey {
    key(&RequestContext::local("someone"), &issues_of(repo))
}
