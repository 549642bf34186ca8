//! What only Gitea does, against its fake (what every forge does is the shared suite of
//! `shared.rs`): issue pages without pull requests and no larger than Gitea serves, its own
//! messages, files at a ref, one path's commits cut into the caller's pages, the token's
//! repositories, and label names it does not know.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::{REPO, all_pages, call};
use serde_json::json;

#[tokio::test]
async fn issue_pages_ask_gitea_for_issues_only() {
    let (server, provider) = suite().subject.seeded().await;
    let (issues, pages) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "per_page": 10}),
    )
    .await;
    // 45 issues and 3 pull requests: five pages of ten, the pull requests left out by Gitea.
    assert_eq!((issues.len(), pages), (45, 5));
    for seen in server.state().requests() {
        assert_eq!(seen.path, "/api/v1/repos/acme/internal-api/issues");
        let query = seen.query.as_deref().unwrap_or_default();
        assert!(query.contains("type=issues"), "{query}");
    }
}

#[tokio::test]
async fn a_page_holds_what_gitea_serves_and_the_cursor_goes_on() {
    let (server, provider) = suite().subject.seeded().await;
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
async fn giteas_own_refusals_keep_its_message() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let missing = call(provider, OpId::GitReposGet, json!({"repo": "acme/nothing"})).await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `acme/nothing`".into())
    );
    let scope = "token does not have at least one of required scope(s): [read:repository]";
    server.state().knobs.fail_next(Scripted::status(403, scope));
    let forbidden = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        forbidden.unwrap_err(),
        ProviderError::Forbidden(scope.into())
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
}

#[tokio::test]
async fn files_name_their_ref_and_directories_are_refused() {
    let (server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
async fn repositories_are_listed_for_the_token_without_nested_groups() {
    let (_server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let mine = call(provider, OpId::GitReposList, json!({})).await.unwrap();
    let names: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|repo| repo["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "acme/internal-api",
            "acme/internal-web",
            "acme-oss/toolkit",
            "client-a/portal"
        ],
        "a nested group cannot exist on Gitea"
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
async fn an_issue_get_of_a_pull_request_points_at_pulls_get() {
    let (_server, provider) = suite().subject.seeded().await;
    let pull_as_issue = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await;
    assert!(
        matches!(pull_as_issue, Err(ProviderError::NotFound(ref m)) if m.contains("git.pulls.get")),
        "{pull_as_issue:?}"
    );
}

#[tokio::test]
async fn an_unknown_label_name_matches_nothing_without_listing() {
    let (server, provider) = suite().subject.seeded().await;
    let none = call(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "labels": ["bug", "no-such-label"]}),
    )
    .await
    .unwrap();
    assert_eq!(none, json!({"items": []}));
    let issue_lists = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/issues"))
        .count();
    assert_eq!(
        issue_lists, 0,
        "Gitea would have ignored the unknown name and listed all"
    );
}
