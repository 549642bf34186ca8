//! Rate limits and quota, as every provider with a fake must handle them whatever its kind:
//! a 429 with `Retry-After` is `rate_limited` with that wait, the quota is read from every
//! answer, a spent one is refused as `rate_limited` until its reset, and it reads as full
//! again once its window has passed.
//!
//! A read costs what it sends: one request on most providers, two on Notion (a page, then
//! its Markdown). The checks count the requests from the fake's log rather than assume one.

use super::call;
use super::subject::Seed;
use super::suite::Suite;
use mosaic_core::ProviderError;
use mosaic_fake_kit::server::{FakeServer, Scripted};
use std::time::Duration;

/// The requests of the fake's log from the `from`th on that cost quota: all but those to its
/// unmetered paths (GitHub's `/rate_limit`).
fn metered_since<D: Send + 'static>(server: &FakeServer<D>, from: usize) -> u64 {
    let state = server.state();
    let style = &state.style;
    let metered = state
        .requests()
        .into_iter()
        .skip(from)
        .filter(|seen| {
            let path = seen.path.strip_prefix(style.prefix.as_str());
            !style.unmetered.iter().any(|free| path == Some(*free))
        })
        .count();
    u64::try_from(metered).expect("a count of requests")
}

/// The quota requests one [`Seed::a_read`] costs, counted on a fake and an instance of its
/// own.
async fn cost_of_a_read<D: Seed, P>(suite: &Suite<D, P>) -> u64 {
    let (server, provider) = suite.subject.seeded().await;
    let from = server.state().requests().len();
    let (op, arguments) = D::a_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    metered_since(&server, from)
}

/// A 429 with `Retry-After: 7` is `rate_limited` with a wait of seven seconds, whether a
/// gateway in front answers it or the provider, in its own error shape.
pub async fn a_429_with_retry_after_is_rate_limited_with_that_wait<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = suite.subject.seeded().await;
    let gateways = Scripted::too_many_requests(7);
    let providers = Scripted {
        // The message the fakes' own quota refusals carry, which each renders in its shape.
        body: (server.state().style.error_body)("API rate limit exceeded"),
        ..gateways.clone()
    };
    for refusal in [gateways, providers] {
        let body = refusal.body.clone();
        server.state().knobs.fail_next(refusal);
        let (op, arguments) = D::a_read();
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert_eq!(
            error,
            ProviderError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            },
            "{body}"
        );
    }
}

/// The quota is read from every answer: the provider's own (or none, as declared), then one
/// a proxy or a changed plan sets, with the time to its reset.
pub async fn the_quota_is_read_from_every_answer<D: Seed, P>(suite: &Suite<D, P>) {
    let (server, provider) = suite.subject.seeded().await;
    let from = server.state().requests().len();
    let (op, arguments) = D::a_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let spent = metered_since(&server, from);
    let own = provider.quota().map(|quota| (quota.limit, quota.remaining));
    let declared = suite.quota.map(|limit| (limit, limit - spent));
    assert_eq!(
        own, declared,
        "the provider's own quota, the read's requests spent"
    );

    server
        .state()
        .knobs
        .set_quota(100, 40, Duration::from_secs(60));
    let from = server.state().requests().len();
    let (op, arguments) = D::another_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let spent = metered_since(&server, from);
    let quota = provider.quota().expect("a quota sent is read");
    assert_eq!((quota.limit, quota.remaining), (100, 40 - spent));
    assert!(
        quota
            .resets_in
            .is_some_and(|wait| wait <= Duration::from_secs(60)),
        "{quota:?}"
    );
}

/// The last requests of a quota, a read's, are answered and the quota read as spent, with its
/// reset; the next is refused (GitHub answers 403 with the reset time, Linear 400, the others 429) as
/// `rate_limited`, with a wait no longer than the time to the reset.
pub async fn a_spent_quota_is_reported_and_refused_as_rate_limited<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let cost = cost_of_a_read(suite).await;
    let (server, provider) = suite.subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(5000, cost, Duration::from_secs(60));
    let (op, arguments) = D::a_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let quota = provider.quota().expect("the provider reports its quota");
    assert_eq!((quota.remaining, quota.limit), (0, 5000));
    let resets_in = quota.resets_in.expect("and when it resets");
    assert!(resets_in <= Duration::from_secs(60) && resets_in > Duration::from_secs(50));

    let (op, arguments) = D::another_read();
    let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
    assert!(
        matches!(error, ProviderError::RateLimited { retry_after: Some(wait) } if wait <= Duration::from_secs(60)),
        "{error:?}"
    );
}

/// A spent quota reads as full again once its window has passed (on a paused clock).
pub async fn a_spent_quota_comes_back_after_its_reset<D: Seed, P>(suite: &Suite<D, P>) {
    let cost = cost_of_a_read(suite).await;
    let (server, provider) = suite.subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(10, cost, Duration::from_secs(30));
    let (op, arguments) = D::a_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let spent = provider.quota().unwrap();
    assert_eq!(spent.remaining, 0);
    assert!(
        spent
            .resets_in
            .is_some_and(|wait| wait <= Duration::from_secs(30))
    );
    tokio::time::advance(Duration::from_secs(31)).await;
    let renewed = provider.quota().unwrap();
    assert_eq!(
        (renewed.remaining, renewed.limit, renewed.resets_in),
        (10, 10, None)
    );
}
