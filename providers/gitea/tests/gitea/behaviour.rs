//! Reads against the Gitea fake: pages as Gitea serves them, rate limits behind a proxy,
//! revalidation only where validators are offered, error mapping, files, commit paging of one
//! path, repository lists. The forge-neutral checks are the shared ones of `support`.

use mosaic_core::{Health, OpId, Provider, ProviderError};
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeServer, Scripted, Style};
use mosaic_gitea::GiteaPlugin;
use mosaic_gitea_fake as gitea;
use mosaic_testkit::adapter::behaviour::{self as shared, TOKEN};
use mosaic_testkit::adapter::{all_pages, call, instance};
use serde_json::{Value, json};
use std::sync::Arc;

pub async fn setup() -> (FakeServer, Arc<dyn Provider>) {
    shared::setup(&GiteaPlugin::default(), gitea::start).await
}

const REPO: &str = "acme/internal-api";

fn numbers(items: &[Value]) -> Vec<u64> {
    let mut numbers: Vec<u64> = items
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers
}

#[tokio::test]
async fn issues_page_through_with_limit_and_without_pull_requests() {
    let (server, provider) = setup().await;
    let (issues, pages) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "per_page": 10}),
    )
    .await;
    // 45 issues and 3 pull requests: five pages of ten, the pull requests left out by Gitea.
    assert_eq!(pages, 5);
    assert_eq!(numbers(&issues), (1..=45).collect::<Vec<_>>());
    let requests = server.state().requests();
    assert_eq!(requests.len(), 5);
    for seen in &requests {
        assert_eq!(seen.path, "/api/v1/repos/acme/internal-api/issues");
        let query = seen.query.as_deref().unwrap_or_default();
        assert!(
            query.contains("limit=10") && query.contains("type=issues"),
            "{query}"
        );
    }
    assert!(
        requests
            .iter()
            .any(|seen| seen.query.as_deref().unwrap().contains("page=5"))
    );
}

#[tokio::test]
async fn a_page_holds_what_gitea_serves_and_the_cursor_goes_on() {
    let (server, provider) = setup().await;
    for n in 0..10 {
        let title = format!("Extra {n}");
        server.state().forge().open_issue(REPO, &title, None, "ben");
    }
    let args = json!({"repo": REPO, "state": "all", "per_page": 100});
    let first = call(provider.as_ref(), OpId::GitIssuesList, args.clone())
        .await
        .unwrap();
    // Gitea serves at most 50 (`[api] MAX_RESPONSE_ITEMS`) whatever is asked.
    assert_eq!(first["items"].as_array().unwrap().len(), 50);
    assert_eq!(first["next_cursor"], "2");
    let (all, pages) = all_pages(provider.as_ref(), OpId::GitIssuesList, args).await;
    assert_eq!((all.len(), pages), (55, 2));
}

#[tokio::test]
async fn too_many_requests_carries_retry_after() {
    shared::too_many_requests_carries_retry_after(setup().await).await;
}

#[tokio::test]
async fn a_quota_sent_by_a_proxy_is_reported_and_a_spent_one_refused() {
    let (server, provider) = setup().await;
    call(provider.as_ref(), OpId::GitReposGet, json!({"repo": REPO}))
        .await
        .unwrap();
    assert_eq!(
        provider.quota(),
        None,
        "Gitea itself sends no rate-limit headers"
    );
    shared::a_spent_quota_is_reported_and_refused_as_rate_limited((server, provider)).await;
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_comes_back_after_its_reset() {
    shared::a_spent_quota_comes_back_after_its_reset(setup().await).await;
}

#[tokio::test]
async fn gitea_offers_no_validators_so_reads_are_not_conditional() {
    let (server, provider) = setup().await;
    let args = json!({"repo": REPO, "number": 1});
    let first = call(provider.as_ref(), OpId::GitIssuesGet, args.clone())
        .await
        .unwrap();
    let second = call(provider.as_ref(), OpId::GitIssuesGet, args)
        .await
        .unwrap();
    assert_eq!(first, second);
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .all(|seen| !seen.conditional && seen.status == 200)
    );
}

#[tokio::test]
async fn behind_a_proxy_with_etags_a_revalidated_read_is_free_and_the_same() {
    let style = Style {
        etags: true,
        unmetered: Vec::new(),
        error_body: mosaic_fake_kit::server::message_body,
        reset_in_millis: false,
        ..gitea::style(TOKEN)
    };
    let server = gitea::start_with(style, Forge::seeded()).await;
    let provider = instance(&GiteaPlugin::default(), &server.base_url(), TOKEN).await;
    shared::a_revalidated_read_is_free_and_the_same((server, provider)).await;
}

#[tokio::test]
async fn error_statuses_become_typed_errors() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let missing = call(provider, OpId::GitReposGet, json!({"repo": "acme/nothing"})).await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `acme/nothing`".into())
    );
    let issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 99}),
    )
    .await;
    assert_eq!(
        issue.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#99".into())
    );

    let knobs = &server.state().knobs;
    knobs.fail_next(Scripted::status(
        403,
        "token does not have at least one of required scope(s): [read:repository]",
    ));
    let forbidden = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        forbidden.unwrap_err(),
        ProviderError::Forbidden(
            "token does not have at least one of required scope(s): [read:repository]".into()
        )
    );

    let same_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "main", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        same_branch.unwrap_err(),
        ProviderError::Invalid(
            "Invalid PullRequest: There are no changes between the head and the base".into()
        )
    );
    let no_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "no-such-branch", "target_branch": "main"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(no_branch, ProviderError::NotFound(ref m) if m.contains("no-such-branch")),
        "{no_branch:?}"
    );
    let unknown_assignee = call(
        provider,
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(unknown_assignee, ProviderError::Invalid(ref m) if m.contains("Assignee does not exist") && m.contains("nobody")),
        "{unknown_assignee:?}"
    );

    knobs.fail_next(Scripted::status(502, "Bad Gateway"));
    let down = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert!(
        matches!(down, Err(ProviderError::Unavailable(_))),
        "{down:?}"
    );

    let wrong = instance(&GiteaPlugin::default(), &server.base_url(), "wrong").await;
    let refused = call(wrong.as_ref(), OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        refused.unwrap_err(),
        ProviderError::Unauthenticated("Bad credentials".into())
    );
    assert!(matches!(wrong.health().await, Health::Unhealthy { .. }));
    assert_eq!(provider.health().await, Health::Healthy);
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
async fn files_name_their_ref_and_directories_are_refused() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let at_develop = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "src/main.rs", "ref": "develop"}),
    )
    .await
    .unwrap();
    assert_eq!(at_develop["ref"], "develop");
    assert_eq!(at_develop["encoding"], "utf8");
    assert!(
        at_develop["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/acme/internal-api/src/branch/develop/src/main.rs")
    );
    let directory = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "src"}),
    )
    .await;
    assert_eq!(
        directory.unwrap_err(),
        ProviderError::Invalid("`src` is a directory, not a file".into())
    );
    let missing = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "nope.md"}),
    )
    .await;
    assert!(matches!(missing, Err(ProviderError::NotFound(ref m)) if m.contains("nope.md")));
    // The default branch's name came with the file: no request for the repository.
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.path.contains("/contents/"))
    );
}

#[tokio::test]
async fn one_paths_commits_are_cut_into_the_callers_pages() {
    let (server, provider) = setup().await;
    let args = json!({"repo": REPO, "path": "README.md", "per_page": 5});
    let (commits, pages) = all_pages(provider.as_ref(), OpId::GitCommitsList, args).await;
    // 17 of the 35 seeded commits touch README.md: four pages of at most five.
    assert_eq!((commits.len(), pages), (17, 4));
    let mut shas: Vec<&str> = commits.iter().map(|c| c["sha"].as_str().unwrap()).collect();
    shas.dedup();
    assert_eq!(shas.len(), 17, "no commit twice");
    // Gitea served them all at once; each caller page re-read its one page.
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .all(|seen| seen.query.as_deref().unwrap().contains("page=1"))
    );

    let untouched = call(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "path": "never/touched.txt"}),
    )
    .await
    .unwrap();
    assert_eq!(untouched, json!({"items": []}));
    let no_repo = call(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": "acme/nothing", "path": "README.md"}),
    )
    .await;
    assert!(
        matches!(no_repo, Err(ProviderError::NotFound(_))),
        "{no_repo:?}"
    );
}

#[tokio::test]
async fn commits_page_through_a_branch() {
    let (_server, provider) = setup().await;
    let (commits, pages) = all_pages(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "ref": "main", "per_page": 10}),
    )
    .await;
    assert_eq!((commits.len(), pages), (35, 4));
    assert_eq!(commits[0]["author_name"], "Chloé Martin");
    assert!(
        commits[0]["author_email"]
            .as_str()
            .unwrap()
            .ends_with("@acme.dev")
    );
}

#[tokio::test]
async fn repositories_are_listed_for_the_token_or_an_owner() {
    let (_server, provider) = setup().await;
    let provider = provider.as_ref();
    let names = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|repo| repo["full_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let mine = call(provider, OpId::GitReposList, json!({})).await.unwrap();
    assert_eq!(
        names(&mine),
        [
            "acme/internal-api",
            "acme/internal-web",
            "acme-oss/toolkit",
            "client-a/portal"
        ],
        "a nested group cannot exist on Gitea"
    );
    let org = call(provider, OpId::GitReposList, json!({"owner": "acme"}))
        .await
        .unwrap();
    assert_eq!(names(&org), ["acme/internal-api", "acme/internal-web"]);
    let user = call(provider, OpId::GitReposList, json!({"owner": "ana"}))
        .await
        .unwrap();
    assert_eq!(names(&user), Vec::<String>::new());
    let nobody = call(provider, OpId::GitReposList, json!({"owner": "nobody"})).await;
    assert_eq!(
        nobody.unwrap_err(),
        ProviderError::NotFound("owner `nobody`".into())
    );
    let repo = call(
        provider,
        OpId::GitReposGet,
        json!({"repo": "acme-oss/toolkit"}),
    )
    .await
    .unwrap();
    assert_eq!(repo["private"], false);
    assert_eq!(repo["owner"], "acme-oss");
    assert!(
        repo["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/acme-oss/toolkit")
    );
}

#[tokio::test]
async fn a_pull_request_is_not_an_issue_and_lists_filter_by_state() {
    let (_server, provider) = setup().await;
    let provider = provider.as_ref();
    let pull_as_issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await;
    assert!(
        matches!(pull_as_issue, Err(ProviderError::NotFound(ref m)) if m.contains("git.pulls.get")),
        "{pull_as_issue:?}"
    );
    let list = |state: &'static str| async move {
        let page = call(
            provider,
            OpId::GitPullsList,
            json!({"repo": REPO, "state": state}),
        )
        .await;
        numbers(page.unwrap()["items"].as_array().unwrap())
    };
    assert_eq!(list("open").await, [46]);
    assert_eq!(list("closed").await, [47, 48], "closed includes merged");
    assert_eq!(list("merged").await, [47]);
    assert_eq!(list("all").await, [46, 47, 48]);
    let merged = call(
        provider,
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 47}),
    )
    .await
    .unwrap();
    assert_eq!(merged["state"], "merged");
    assert_eq!(
        (
            merged["source_branch"].as_str(),
            merged["target_branch"].as_str()
        ),
        (Some("develop"), Some("main"))
    );
}

#[tokio::test]
async fn label_filters_match_all_names_and_an_unknown_name_matches_nothing() {
    let (server, provider) = setup().await;
    let (bugs, _) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "labels": ["bug"], "per_page": 50}),
    )
    .await;
    assert_eq!(numbers(&bugs), (2..=44).step_by(2).collect::<Vec<_>>());
    let before = server.state().requests().len();
    let none = call(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "labels": ["bug", "no-such-label"]}),
    )
    .await
    .unwrap();
    assert_eq!(none, json!({"items": []}));
    let issue_lists = server.state().requests()[before..]
        .iter()
        .filter(|seen| seen.path.ends_with("/issues"))
        .count();
    assert_eq!(
        issue_lists, 0,
        "Gitea would have ignored the unknown name and listed all"
    );
}
