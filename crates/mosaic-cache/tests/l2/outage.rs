//! Redis unreachable for one replica during a run of calls: every call is answered (from L1
//! or the provider), the tier's errors are counted and its breaker keeps requests away; once
//! Redis is reachable again the tier is back in use by itself.

use crate::support::*;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{CacheSettings, RedisTier};
use mosaic_core::RequestContext;
use std::sync::Arc;
use std::time::Duration;

#[tokio::test]
async fn calls_go_on_while_redis_is_unreachable_and_l2_is_used_again_after() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("outage");
    let proxy = Proxy::to(&url).await;
    let cache_settings = CacheSettings::default();
    let mut through_proxy = settings(&proxy.url, &prefix);
    through_proxy.timeout = Duration::from_millis(200);
    let l2 = RedisTier::new(through_proxy, cache_settings.longest_lifetime())
        .unwrap_or_else(|error| panic!("{error}"));
    let a = Replica::over(Arc::new(l2), cache_settings);
    let b = Replica::new(&url, &prefix).await;
    let alice = RequestContext::local("alice");

    let op = issues_of("acme/warm");
    assert_eq!(tier(&a.read(&key(&alice, &op), &op, "v").await), None);
    assert_eq!(
        a.cache.tier_reports()[1].fills,
        1,
        "L2 in use before the outage"
    );

    proxy.set_up(false);
    let mut answered = 0;
    for n in 0..40 {
        let op = issues_of(&format!("acme/down-{}", n % 10));
        let served = a.read(&key(&alice, &op), &op, "fetched while down").await;
        assert!(tier(&served) != Some("l2"));
        answered += 1;
    }
    assert_eq!(answered, 40, "no call failed");
    let during = a.cache.tier_reports();
    assert!(during[1].stats.errors >= 2, "the failures were counted");
    assert_eq!(
        during[0].hits, 30,
        "repeated reads were served from L1 meanwhile"
    );

    proxy.set_up(true);
    // B fills fresh keys; A finds one of them in L2 once its breaker lets a probe through and
    // the connection is made again. Pacing only: what is checked is that it happens.
    let mut back = false;
    for n in 0..200 {
        let op = issues_of(&format!("acme/up-{n}"));
        let key = key(&alice, &op);
        b.read(&key, &op, "filled by b").await;
        if tier(&a.read(&key, &op, "fetched by a").await) == Some("l2") {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(back, "L2 back in use after Redis returned");
    assert!(a.cache.tier_reports()[1].stats.available);
}
