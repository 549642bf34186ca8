//! A provider that refuses the credentials, is down, cannot be reached or does not answer,
//! as every adapter with a fake must report it whatever its kind: `unauthenticated` and
//! unhealthy, `unavailable` (naming the address it could not reach), and never held past the
//! caller's deadline.

use super::call;
use super::subject::Seed;
use super::suite::Suite;
use mosaic_core::{Health, ProviderError};
use mosaic_fake_kit::server::Scripted;
use std::time::Duration;

/// Credentials the provider does not accept are `unauthenticated`, and the instance holding
/// them unhealthy; one with the right ones is healthy.
pub async fn credentials_the_provider_refuses_are_unauthenticated_and_unhealthy<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = suite.subject.seeded().await;
    let wrong = suite
        .subject
        .with_wrong_credential(&server.base_url())
        .await;
    let (op, arguments) = D::a_read();
    let refused = call(wrong.as_ref(), op, arguments).await.unwrap_err();
    assert!(
        matches!(refused, ProviderError::Unauthenticated(ref message) if !message.is_empty()),
        "{refused:?}"
    );
    let requests = server.state().requests();
    assert!(
        requests.iter().any(|seen| seen.status == 401),
        "{requests:?}"
    );
    assert!(matches!(wrong.health().await, Health::Unhealthy { ref reason } if !reason.is_empty()));
    assert_eq!(provider.health().await, Health::Healthy);
}

/// A 502 or 503, as a gateway in front answers them, is `unavailable` with the gateway's
/// message.
pub async fn a_provider_that_is_down_is_unavailable<D: Seed, P>(suite: &Suite<D, P>) {
    let (server, provider) = suite.subject.seeded().await;
    for status in [502, 503] {
        let knobs = &server.state().knobs;
        knobs.fail_next(Scripted::status(status, "upstream connect error"));
        let (op, arguments) = D::a_read();
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert!(
            matches!(error, ProviderError::Unavailable(ref message) if message.contains("upstream connect error")),
            "{status}: {error:?}"
        );
    }
}

/// Connection refused is `unavailable`, naming the address.
pub async fn an_unreachable_provider_is_unavailable_naming_its_address<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = suite.subject.seeded().await;
    drop(server);
    let (op, arguments) = D::a_read();
    let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
    assert!(
        matches!(error, ProviderError::Unavailable(ref message) if message.contains("cannot reach 127.0.0.1")),
        "{error:?}"
    );
}

/// Under a paused clock: the adapter has no waits of its own past the caller's deadline.
pub async fn a_provider_that_does_not_answer_is_cut_off_by_the_callers_deadline<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = suite.subject.seeded().await;
    server
        .state()
        .knobs
        .set_delay(Some(Duration::from_secs(3600)));
    let started = tokio::time::Instant::now();
    let (op, arguments) = D::a_read();
    let call = call(provider.as_ref(), op, arguments);
    // The executor wraps every call in the instance's timeout; the adapter must not hold on
    // past it (no retries or waits of its own).
    let outcome = tokio::time::timeout(Duration::from_secs(10), call).await;
    assert!(outcome.is_err());
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}
