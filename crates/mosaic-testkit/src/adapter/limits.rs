//! Rate limits and quota, as every provider with a fake must handle them whatever its kind:
//! a 429 with `Retry-After` is `rate_limited` with that wait, the quota is read from every
//! answer, a spent one is refused as `rate_limited` until its reset, and it reads as full
//! again once its window has passed.

use super::call;
use super::subject::Seed;
use super::suite::Suite;
use mosaic_core::ProviderError;
use mosaic_fake_kit::server::Scripted;
use std::time::Duration;

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
    let (op, arguments) = D::a_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let own = provider.quota().map(|quota| (quota.limit, quota.remaining));
    let declared = suite.quota.map(|limit| (limit, limit - 1));
    assert_eq!(own, declared, "the provider's own quota, one request spent");

    server
        .state()
        .knobs
        .set_quota(100, 40, Duration::from_secs(60));
    let (op, arguments) = D::another_read();
    call(provider.as_ref(), op, arguments).await.unwrap();
    let quota = provider.quota().expect("a quota sent is read");
    assert_eq!((quota.limit, quota.remaining), (100, 39));
    assert!(
        quota
            .resets_in
            .is_some_and(|wait| wait <= Duration::from_secs(60)),
        "{quota:?}"
    );
}

/// The last request of a quota is answered and the quota read as spent, with its reset; the
/// next is refused (GitHub answers 403 with the reset time, Linear 400, the others 429) as
/// `rate_limited`, with a wait no longer than the time to the reset.
pub async fn a_spent_quota_is_reported_and_refused_as_rate_limited<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = suite.subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(5000, 1, Duration::from_secs(60));
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
    let (server, provider) = suite.subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(10, 1, Duration::from_secs(30));
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
