//! Revalidation of repeated reads (RFC 9110 §13.1.2, `If-None-Match`): where the provider, or
//! a proxy in front of it, tags answers with an `ETag`, a second identical read is
//! conditional, answered `304 Not Modified` from the stored answer — the same, cursor
//! included, and free of quota — and a change is seen; where no validators come, reads are
//! sent in full. How a provider comes by validators is declared as a [`Revalidation`].

use super::call;
use super::subject::{Seed, Started};
use super::suite::Suite;
use mosaic_fake_kit::server::Style;
use std::time::Duration;

/// Where validators come from for a provider's reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revalidation {
    /// The provider tags its answers itself (GitHub, GitLab).
    Native,
    /// The provider sends none, but honours them when a proxy in front adds them (Gitea).
    ThroughAProxy,
    /// Reads are never conditional: they are POSTs (a GraphQL API).
    Never,
}

/// The fake as `revalidation` says validators reach the adapter: a proxy adding `ETag`s
/// where the provider sends none.
async fn with_validators<D: Seed, P>(suite: &Suite<D, P>) -> Started<D> {
    match suite.revalidation {
        Revalidation::Native => suite.subject.seeded().await,
        Revalidation::ThroughAProxy | Revalidation::Never => {
            let proxied = |style: Style| Style {
                etags: true,
                ..style
            };
            suite.subject.start_styled(D::seeded(), proxied).await
        }
    }
}

/// A second identical read is conditional, answered 304 from the stored answer, the same and
/// free of quota, and a change since is seen; reads that are never conditional are sent in
/// full however validators are offered.
pub async fn a_repeated_read_is_revalidated_where_validators_are_offered<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let (server, provider) = with_validators(suite).await;
    // A quota makes "free" observable whatever the provider sends of its own.
    server
        .state()
        .knobs
        .set_quota(100, 100, Duration::from_secs(3600));
    let (op, arguments) = D::a_read();
    let first = call(provider.as_ref(), op, arguments.clone())
        .await
        .unwrap();
    let remaining = provider.quota().unwrap().remaining;
    let second = call(provider.as_ref(), op, arguments.clone())
        .await
        .unwrap();
    assert_eq!(first, second);
    let last = server.state().requests().pop().unwrap();
    if suite.revalidation == Revalidation::Never {
        assert!(!last.conditional && last.status == 200, "{last:?}");
        return;
    }
    assert!(last.conditional && last.status == 304, "{last:?}");
    assert_eq!(
        provider.quota().unwrap().remaining,
        remaining,
        "a 304 costs no quota"
    );

    // A change is seen: the validator no longer matches.
    D::rename_what_is_read(&mut server.state().data(), "Renamed");
    let third = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(D::renamed(&third), "Renamed");
}

/// Without validators (a proxy that strips them, a provider that sends none), a repeated
/// read is sent again in full and answered the same.
pub async fn without_validators_a_repeated_read_is_sent_in_full<D: Seed, P>(suite: &Suite<D, P>) {
    let stripped = |style: Style| Style {
        etags: false,
        ..style
    };
    let (server, provider) = suite.subject.start_styled(D::seeded(), stripped).await;
    let (op, arguments) = D::a_read();
    let first = call(provider.as_ref(), op, arguments.clone())
        .await
        .unwrap();
    let second = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(first, second);
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .all(|seen| !seen.conditional && seen.status == 200),
        "{requests:?}"
    );
}

/// A page read again is revalidated like any read, and keeps the cursor to the next page,
/// which a 304 does not repeat (GitHub's `Link`, GitLab's `X-Next-Page` come with the full
/// answer only).
pub async fn a_revalidated_page_keeps_its_cursor<D: Seed, P>(suite: &Suite<D, P>) {
    let (server, provider) = with_validators(suite).await;
    let (op, arguments) = D::a_page();
    let first = call(provider.as_ref(), op, arguments.clone())
        .await
        .unwrap();
    let again = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(first, again);
    assert!(again["next_cursor"].is_string(), "{again}");
    let last = server.state().requests().pop().unwrap();
    let revalidated = suite.revalidation != Revalidation::Never;
    assert_eq!(
        (last.conditional, last.status),
        if revalidated {
            (true, 304)
        } else {
            (false, 200)
        },
        "{last:?}"
    );
}
