//! Behaviour against the fake: pages, rate limits and quota, revalidation, error mapping.

use crate::support::{all_pages, call, instance};
use mosaic_core::{OpId, Provider, ProviderError};
use mosaic_fakes::forge::Forge;
use mosaic_fakes::github;
use mosaic_fakes::server::{FakeServer, Scripted};
use mosaic_providers::github::GitHubPlugin;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

async fn setup() -> (FakeServer, Arc<dyn Provider>) {
    let server = github::start(Forge::seeded(), "t0ken").await;
    let provider = instance(&GitHubPlugin, &server.base_url(), "t0ken").await;
    (server, provider)
}

#[tokio::test]
async fn issues_page_through_link_headers_without_pull_requests() {
    let (server, provider) = setup().await;
    let (issues, pages) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": "acme/internal-api", "state": "all", "per_page": 10}),
    )
    .await;
    // 45 issues and 3 pull requests: five pages of ten, the pull requests left out.
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

#[tokio::test]
async fn too_many_requests_carries_retry_after() {
    let (server, provider) = setup().await;
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

#[tokio::test]
async fn a_spent_quota_is_reported_and_refused_as_rate_limited() {
    let (server, provider) = setup().await;
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
    let quota = provider.quota().expect("GitHub reports its quota");
    assert_eq!((quota.remaining, quota.limit), (0, 5000));
    let resets_in = quota.resets_in.expect("and when it resets");
    assert!(resets_in <= Duration::from_secs(60) && resets_in > Duration::from_secs(50));

    // GitHub answers a spent quota with 403 and the reset time.
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

#[tokio::test]
async fn a_revalidated_read_is_free_and_the_same() {
    let (server, provider) = setup().await;
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

#[tokio::test]
async fn error_statuses_become_typed_errors() {
    let (server, provider) = setup().await;
    let missing = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/nothing"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        missing,
        ProviderError::NotFound("repository `acme/nothing`".into())
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
    assert_eq!(
        invalid,
        ProviderError::Invalid("Validation Failed; head: invalid".into())
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

    let wrong_token = instance(&GitHubPlugin, &server.base_url(), "wrong").await;
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

#[tokio::test]
async fn an_unreachable_forge_is_unavailable() {
    let (server, provider) = setup().await;
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

#[tokio::test(start_paused = true)]
async fn a_forge_that_does_not_answer_is_cut_off_by_the_callers_deadline() {
    let (server, provider) = setup().await;
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

#[tokio::test]
async fn files_are_decoded_as_text_or_kept_as_base64() {
    let (_server, provider) = setup().await;
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
    let nested = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "client-a/platform/backend"}),
    )
    .await
    .unwrap_err();
    assert!(matches!(nested, ProviderError::Invalid(_)), "{nested:?}");
}
