//! Behaviour every forge adapter must show against its stateful fake: pages, rate limits and
//! quota, revalidation, error mapping, an unreachable or silent forge, file decoding. The
//! checks are written once; each forge's `behaviour.rs` runs them against its fake, beside the
//! checks only that forge needs.

use super::{all_pages, call, instance};
use mosaic_core::{OpId, Provider, ProviderError};
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeServer, Scripted};
use mosaic_plugin::Plugin;
use serde_json::json;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// The token the fakes accept in these tests.
pub const TOKEN: &str = "t0ken";

/// A fake of the seed and an instance of `plugin` pointed at it.
pub async fn setup<F>(
    plugin: &dyn Plugin,
    start: impl FnOnce(Forge, &'static str) -> F,
) -> (FakeServer, Arc<dyn Provider>)
where
    F: Future<Output = FakeServer>,
{
    let server = start(Forge::seeded(), TOKEN).await;
    let provider = instance(plugin, &server.base_url(), TOKEN).await;
    (server, provider)
}

type Setup = (FakeServer, Arc<dyn Provider>);

/// 45 issues (and 3 pull requests, which are not issues) in five pages of ten.
pub async fn issues_page_through_to_the_end((server, provider): Setup) {
    let (issues, pages) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": "acme/internal-api", "state": "all", "per_page": 10}),
    )
    .await;
    assert_eq!(pages, 5);
    assert_eq!(issues.len(), 45);
    let mut numbers: Vec<u64> = issues
        .iter()
        .map(|issue| issue["number"].as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers, (1..=45).collect::<Vec<_>>());
    let pages_asked: Vec<_> = server
        .state()
        .requests()
        .into_iter()
        .filter_map(|seen| seen.query)
        .collect();
    assert!(
        pages_asked.iter().any(|query| query.contains("page=5")),
        "{pages_asked:?}"
    );
    assert!(
        pages_asked
            .iter()
            .all(|query| query.contains("per_page=10"))
    );
}

/// A 429 with `Retry-After` is `rate_limited` with that wait.
pub async fn too_many_requests_carries_retry_after((server, provider): Setup) {
    server
        .state()
        .knobs
        .fail_next(Scripted::too_many_requests(7));
    let error = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
}

/// The quota is read from every answer; a spent one is refused as `rate_limited`.
pub async fn a_spent_quota_is_reported_and_refused_as_rate_limited((server, provider): Setup) {
    server
        .state()
        .knobs
        .set_quota(5000, 1, Duration::from_secs(60));
    call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap();
    let quota = provider.quota().expect("the forge reports its quota");
    assert_eq!((quota.remaining, quota.limit), (0, 5000));
    let resets_in = quota.resets_in.expect("and when it resets");
    assert!(resets_in <= Duration::from_secs(60) && resets_in > Duration::from_secs(50));

    // GitHub answers a spent quota with 403 and the reset time, the others with 429.
    let error = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme-oss/toolkit"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, ProviderError::RateLimited { retry_after: Some(wait) } if wait <= Duration::from_secs(60)),
        "{error:?}"
    );
}

/// A spent quota reads as full again once its window has passed (on a paused clock).
pub async fn a_spent_quota_comes_back_after_its_reset((server, provider): Setup) {
    server
        .state()
        .knobs
        .set_quota(10, 1, Duration::from_secs(30));
    call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap();
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

/// A second identical read is conditional, answered 304 from the stored answer, and free.
pub async fn a_revalidated_read_is_free_and_the_same((server, provider): Setup) {
    // A quota makes "free" observable on every forge (Gitea keeps none by default).
    server
        .state()
        .knobs
        .set_quota(100, 100, Duration::from_secs(3600));
    let args = json!({"repo": "acme/internal-api", "number": 1});
    let first = call(provider.as_ref(), OpId::GitIssuesGet, args.clone())
        .await
        .unwrap();
    let remaining = provider.quota().unwrap().remaining;
    let second = call(provider.as_ref(), OpId::GitIssuesGet, args)
        .await
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(
        provider.quota().unwrap().remaining,
        remaining,
        "a 304 costs no quota"
    );
    let log = server.state().requests();
    let last = log.last().unwrap();
    assert!(last.conditional);
    assert_eq!(last.status, 304);

    // A change is seen: the validator no longer matches.
    server
        .state()
        .forge()
        .repo_mut("acme/internal-api")
        .unwrap()
        .issue_mut(1)
        .unwrap()
        .title = "Renamed".into();
    let third = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": "acme/internal-api", "number": 1}),
    )
    .await
    .unwrap();
    assert_eq!(third["title"], "Renamed");
}

/// 404, 403, 422, 405 and 401, each as its typed error.
pub async fn error_statuses_become_typed_errors(
    (server, provider): Setup,
    wrong_token: Arc<dyn Provider>,
) {
    let missing = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/nothing"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&missing, ProviderError::NotFound(message) if message.contains("`acme/nothing`")),
        "{missing:?}"
    );

    server.state().knobs.fail_next(Scripted::status(
        403,
        "Must have admin rights to Repository.",
    ));
    let forbidden = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        forbidden,
        ProviderError::Forbidden("Must have admin rights to Repository.".into())
    );

    let invalid = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": "acme/internal-api", "title": "t", "source_branch": "no-such-branch", "target_branch": "main"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&invalid, ProviderError::Invalid(message) if !message.is_empty()),
        "{invalid:?}"
    );

    let merged_twice = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": "acme/internal-api", "number": 47}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(merged_twice, ProviderError::Conflict(_)),
        "{merged_twice:?}"
    );

    let refused = call(
        wrong_token.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        refused,
        ProviderError::Unauthenticated("Bad credentials".into())
    );
}

/// Connection refused is `unavailable`, naming the address.
pub async fn an_unreachable_forge_is_unavailable((server, provider): Setup) {
    drop(server);
    let error = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, ProviderError::Unavailable(ref message) if message.contains("cannot reach 127.0.0.1")),
        "{error:?}"
    );
}

/// Under a paused clock: the adapter has no waits of its own past the caller's deadline.
pub async fn a_forge_that_does_not_answer_is_cut_off((server, provider): Setup) {
    server
        .state()
        .knobs
        .set_delay(Some(Duration::from_secs(3600)));
    let started = tokio::time::Instant::now();
    let call = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-api"}),
    );
    // The executor wraps every call in the instance's timeout; the adapter must not hold on
    // past it (no retries or waits of its own).
    let outcome = tokio::time::timeout(Duration::from_secs(10), call).await;
    assert!(outcome.is_err());
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}

/// Text files come decoded, binary ones as base64; without a ref, the default branch.
pub async fn files_are_decoded_as_text_or_kept_as_base64((_server, provider): Setup) {
    let readme = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": "acme/internal-api", "path": "README.md"}),
    )
    .await
    .unwrap();
    assert_eq!(readme["encoding"], "utf8");
    assert!(
        readme["content"]
            .as_str()
            .unwrap()
            .starts_with("# internal-api")
    );
    assert_eq!(readme["ref"], "main");
    let logo = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": "acme/internal-api", "path": "assets/logo.png", "ref": "main"}),
    )
    .await
    .unwrap();
    assert_eq!(logo["encoding"], "base64");
    assert_eq!(logo["content"], "iVBORw0KGgoA//6A");
}
