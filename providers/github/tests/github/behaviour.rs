//! What only GitHub does of issues, pull requests and limits, against its fake (what every
//! forge does is the shared suite of `shared.rs`; repositories and files are
//! `repositories.rs`): pull requests left out of issue pages, `merged` read from closed pull
//! requests, secondary rate limits, a health check that costs no quota, and GitHub's own
//! messages.

use crate::shared::suite;
use mosaic_core::{Health, OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_github::GitHubPlugin;
use mosaic_testkit::adapter::{REPO, all_pages, call, instance};
use serde_json::{Value, json};
use std::time::Duration;

fn numbers(items: &[Value]) -> Vec<u64> {
    items
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn pull_requests_are_left_out_of_issue_pages_and_the_cursor_goes_on() {
    let (server, provider) = suite().subject.seeded().await;
    let first = call(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "per_page": 10}),
    )
    .await
    .unwrap();
    // GitHub's first page of ten is #48–#39, three of them pull requests.
    let items = first["items"].as_array().unwrap();
    assert_eq!(numbers(items), (39..=45).rev().collect::<Vec<_>>());
    assert_eq!(first["next_cursor"], "2");
    let seen = server.state().requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/repos/acme/internal-api/issues");
    let query = seen[0].query.as_deref().unwrap();
    for part in ["per_page=10", "page=1", "state=all"] {
        assert!(query.contains(part), "{query}");
    }

    let bugs = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "open", "labels": ["bug"], "per_page": 100}),
    )
    .await
    .0;
    // Even numbers carry `bug`; every third is closed.
    let expected: Vec<u64> = (1..=45)
        .rev()
        .filter(|n| n % 2 == 0 && n % 3 != 0)
        .collect();
    assert_eq!(numbers(&bugs), expected);
}

#[tokio::test]
async fn an_issue_get_of_a_pull_request_points_at_pulls_get() {
    let (_server, provider) = suite().subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound(
            "issue acme/internal-api#46 (it is a pull request: use git.pulls.get)".into()
        )
    );
}

#[tokio::test]
async fn merged_pull_requests_are_closed_ones_with_a_merge() {
    let (server, provider) = suite().subject.seeded().await;
    let list = |state: &str| {
        let provider = provider.clone();
        let args = json!({"repo": REPO, "state": state});
        async move {
            let page = call(provider.as_ref(), OpId::GitPullsList, args)
                .await
                .unwrap();
            page["items"].as_array().unwrap().clone()
        }
    };
    let merged = list("merged").await;
    assert_eq!(numbers(&merged), [47]);
    assert_eq!(merged[0]["state"], "merged");
    assert_eq!(numbers(&list("closed").await), [48, 47]);
    assert_eq!(numbers(&list("open").await), [46]);
    assert_eq!(numbers(&list("all").await), [48, 47, 46]);
    let states: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.query.unwrap_or_default())
        .collect();
    assert!(
        states[0].contains("state=closed"),
        "GitHub has no `merged` filter: {states:?}"
    );
}

#[tokio::test]
async fn a_secondary_rate_limit_is_rate_limited_with_or_without_retry_after() {
    let (server, provider) = suite().subject.seeded().await;
    let message =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
    let knobs = &server.state().knobs;
    knobs.fail_next(Scripted::status(403, message));
    let bare = call(provider.as_ref(), OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        bare.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        },
        "GitHub asks for at least a minute"
    );
    knobs.fail_next(Scripted {
        retry_after: Some(30),
        ..Scripted::status(403, message)
    });
    let told = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Too fast"}),
    )
    .await;
    assert_eq!(
        told.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
}

#[tokio::test]
async fn the_health_check_costs_no_quota_and_answers_when_it_is_spent() {
    let (server, provider) = suite().subject.seeded().await;
    server
        .state()
        .knobs
        .set_quota(5000, 0, Duration::from_secs(600));
    assert_eq!(provider.health().await, Health::Healthy);
    let quota = provider.quota().unwrap();
    assert_eq!(quota.remaining, 0);
    assert!(
        quota
            .resets_in
            .is_some_and(|wait| wait <= Duration::from_secs(600))
    );
    let seen = server.state().requests();
    assert_eq!(
        (seen[0].path.as_str(), seen[0].status),
        ("/rate_limit", 200)
    );
    let wrong = instance(&GitHubPlugin::default(), &server.base_url(), "wrong").await;
    assert!(
        matches!(wrong.health().await, Health::Unhealthy { ref reason } if reason.contains("Bad credentials"))
    );
}

#[tokio::test]
async fn githubs_own_refusals_keep_its_message() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let missing = call(provider, OpId::GitReposGet, json!({"repo": "acme/nothing"})).await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `acme/nothing`".into())
    );
    let no_issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 99}),
    )
    .await;
    assert_eq!(
        no_issue.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#99".into())
    );
    let no_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "no-such-branch", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        no_branch.unwrap_err(),
        ProviderError::Invalid("Validation Failed; head: invalid".into())
    );
    server
        .state()
        .knobs
        .fail_next(Scripted::status(502, "Server Error"));
    let down = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        down.unwrap_err(),
        ProviderError::Unavailable("Server Error".into())
    );
}
