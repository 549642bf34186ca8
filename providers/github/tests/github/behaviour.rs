//! Reads against the GitHub fake: pages with pull requests left out, rate limits primary and
//! secondary, quota, revalidation of items and pages, error mapping, an unreachable or silent
//! forge, files large and small, owners, and an Enterprise Server base URL with its prefix.
//! The forge-neutral checks are the shared ones of `support`.

use mosaic_core::{Health, OpId, Provider, ProviderError};
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeServer, Scripted, Style};
use mosaic_github::GitHubPlugin;
use mosaic_github_fake as github;
use mosaic_testkit::adapter::behaviour::{self as shared, TOKEN};
use mosaic_testkit::adapter::{all_pages, call, instance};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

pub async fn setup() -> (FakeServer, Arc<dyn Provider>) {
    shared::setup(&GitHubPlugin::default(), github::start).await
}

pub const REPO: &str = "acme/internal-api";

fn numbers(items: &[Value]) -> Vec<u64> {
    items
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn issues_page_through_to_the_end() {
    shared::issues_page_through_to_the_end(setup().await).await;
}

#[tokio::test]
async fn pull_requests_are_left_out_of_issue_pages_and_the_cursor_goes_on() {
    let (server, provider) = setup().await;
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
    let (_server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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
async fn too_many_requests_carries_retry_after() {
    shared::too_many_requests_carries_retry_after(setup().await).await;
}

#[tokio::test]
async fn a_secondary_rate_limit_is_rate_limited_with_or_without_retry_after() {
    let (server, provider) = setup().await;
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
async fn a_spent_quota_is_reported_and_refused_as_rate_limited() {
    let (server, provider) = setup().await;
    // Another repository than the shared check reads, which must not be a free 304.
    call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "acme/internal-web"}),
    )
    .await
    .unwrap();
    let quota = provider
        .quota()
        .expect("GitHub reports its quota on every answer");
    assert_eq!((quota.remaining, quota.limit), (4999, 5000));
    shared::a_spent_quota_is_reported_and_refused_as_rate_limited((server, provider)).await;
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_comes_back_after_its_reset() {
    shared::a_spent_quota_comes_back_after_its_reset(setup().await).await;
}

#[tokio::test]
async fn the_health_check_costs_no_quota_and_answers_when_it_is_spent() {
    let (server, provider) = setup().await;
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
async fn a_revalidated_read_is_free_and_the_same() {
    shared::a_revalidated_read_is_free_and_the_same(setup().await).await;
}

#[tokio::test]
async fn a_revalidated_page_keeps_its_cursor() {
    let (server, provider) = setup().await;
    let args = json!({"repo": REPO, "per_page": 5});
    let first = call(provider.as_ref(), OpId::GitCommitsList, args.clone())
        .await
        .unwrap();
    let remaining = provider.quota().unwrap().remaining;
    let again = call(provider.as_ref(), OpId::GitCommitsList, args)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(again["next_cursor"], "2");
    assert_eq!(provider.quota().unwrap().remaining, remaining);
    let last = server.state().requests().pop().unwrap();
    assert!(last.conditional);
    assert_eq!(last.status, 304);
}

#[tokio::test]
async fn error_statuses_become_typed_errors() {
    let (server, provider) = setup().await;
    let wrong = instance(&GitHubPlugin::default(), &server.base_url(), "wrong").await;
    shared::error_statuses_become_typed_errors((server, provider), wrong).await;
}

#[tokio::test]
async fn githubs_own_refusals_keep_its_message() {
    let (server, provider) = setup().await;
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

#[tokio::test]
async fn an_unreachable_forge_is_unavailable() {
    shared::an_unreachable_forge_is_unavailable(setup().await).await;
}

#[tokio::test(start_paused = true)]
async fn a_forge_that_does_not_answer_is_cut_off_by_the_callers_deadline() {
    shared::a_forge_that_does_not_answer_is_cut_off(setup().await).await;
}

#[tokio::test]
async fn files_are_decoded_as_text_or_kept_as_base64() {
    shared::files_are_decoded_as_text_or_kept_as_base64(setup().await).await;
}

#[tokio::test]
async fn a_file_over_a_megabyte_is_read_from_its_blob() {
    let (server, provider) = setup().await;
    let text = "0123456789abcdef\n".repeat(70_000);
    server
        .state()
        .forge()
        .repo_mut(REPO)
        .unwrap()
        .files
        .insert("data/large.txt".into(), text.clone().into_bytes());
    let file = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "data/large.txt", "ref": "develop"}),
    )
    .await
    .unwrap();
    assert_eq!(file["encoding"], "utf8");
    assert_eq!(file["content"].as_str().unwrap(), text);
    assert_eq!(file["ref"], "develop");
    assert_eq!(file["size"], text.len());
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert_eq!(paths[0], "/repos/acme/internal-api/contents/data/large.txt");
    assert!(
        paths[1].starts_with("/repos/acme/internal-api/git/blobs/"),
        "{paths:?}"
    );
}

#[tokio::test]
async fn directories_and_unknown_refs_are_named() {
    let (_server, provider) = setup().await;
    let directory = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "src"}),
    )
    .await;
    assert_eq!(
        directory.unwrap_err(),
        ProviderError::Invalid("`src` is a directory, not a file".into())
    );
    let unknown_ref = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "README.md", "ref": "v9"}),
    )
    .await;
    assert_eq!(
        unknown_ref.unwrap_err(),
        ProviderError::NotFound("`README.md` at `v9` in `acme/internal-api`".into())
    );
}

#[tokio::test]
async fn owners_are_organizations_or_users() {
    let (server, provider) = setup().await;
    let list = |owner: &str| {
        let provider = provider.clone();
        let args = json!({"owner": owner, "per_page": 100});
        async move { call(provider.as_ref(), OpId::GitReposList, args).await }
    };
    let acme = list("acme").await.unwrap();
    let names: Vec<&str> = acme["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|repo| repo["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme/internal-api", "acme/internal-web"]);
    let ana = list("ana").await.unwrap();
    assert_eq!(ana["items"], json!([]));
    let nobody = list("nobody").await.unwrap_err();
    assert_eq!(nobody, ProviderError::NotFound("owner `nobody`".into()));
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| format!("{} {}", seen.status, seen.path))
        .collect();
    assert_eq!(
        paths,
        [
            "200 /orgs/acme/repos",
            "404 /orgs/ana/repos",
            "200 /users/ana/repos",
            "404 /orgs/nobody/repos",
            "404 /users/nobody/repos",
        ]
    );
    let mine = call(
        provider.as_ref(),
        OpId::GitReposList,
        json!({"per_page": 2}),
    )
    .await
    .unwrap();
    assert_eq!(mine["next_cursor"], "2");
}

#[tokio::test]
async fn an_enterprise_server_is_reached_below_its_api_prefix() {
    let style = Style {
        prefix: "/api/v3".into(),
        ..github::style(TOKEN)
    };
    let server = FakeServer::start(style, Forge::seeded(), github::routes()).await;
    assert!(server.base_url().ends_with("/api/v3"));
    let provider = instance(&GitHubPlugin::default(), &server.base_url(), TOKEN).await;
    let repo = call(provider.as_ref(), OpId::GitReposGet, json!({"repo": REPO}))
        .await
        .unwrap();
    assert_eq!(repo["web_url"], "https://github.com/acme/internal-api");
    assert_eq!(provider.health().await, Health::Healthy);
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert_eq!(
        paths,
        ["/api/v3/repos/acme/internal-api", "/api/v3/rate_limit"]
    );
}

#[tokio::test]
async fn nested_repository_paths_are_refused_before_any_request() {
    let (server, provider) = setup().await;
    let nested = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "client-a/platform/backend"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        nested,
        ProviderError::Invalid(
            "GitHub repositories are `owner/name`, got `client-a/platform/backend`".into()
        )
    );
    assert!(server.state().requests().is_empty());
}
