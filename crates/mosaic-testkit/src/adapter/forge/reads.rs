//! Reads every forge must answer alike on the forge seed: issues in pages and by label, pull
//! requests by state, repositories by owner, commits of a branch or a path, files decoded.

use super::{REPO, numbers};
use crate::adapter::suite::ForgeSuite;
use crate::adapter::{all_pages, call};
use mosaic_core::{OpId, ProviderError};
use serde_json::{Value, json};

/// 45 issues (and 3 pull requests, which are not issues) in five pages of ten, one request
/// each, every one asking for ten.
pub async fn issues_page_through_to_the_end(suite: &ForgeSuite) {
    let (server, provider) = suite.subject.seeded().await;
    let (issues, pages) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "per_page": 10}),
    )
    .await;
    assert_eq!(pages, 5);
    assert_eq!(issues.len(), 45);
    let mut unique = numbers(&issues);
    unique.dedup();
    assert_eq!(unique, (1..=45).collect::<Vec<_>>());
    let asked: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.query.unwrap_or_default())
        .collect();
    assert_eq!(asked.len(), pages, "one request a page: {asked:?}");
    assert!(
        asked.iter().any(|query| query.contains("page=5")),
        "{asked:?}"
    );
    let size = format!("{}=10", suite.particulars.page_size_parameter);
    assert!(asked.iter().all(|query| query.contains(&size)), "{asked:?}");
}

/// Issues filtered by a label are those that carry it: the seed's even numbers.
pub async fn issues_filter_by_label(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let (bugs, _) = all_pages(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "labels": ["bug"], "per_page": 50}),
    )
    .await;
    assert_eq!(numbers(&bugs), (2..=44).step_by(2).collect::<Vec<_>>());
}

/// `closed` holds the merged pull requests too, `merged` only those; a merged one reads as
/// merged, from its branch into its target.
pub async fn pull_requests_filter_by_state_with_merged_among_closed(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
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
    assert!(merged["merged_at"].is_string(), "{merged}");
    assert_eq!(
        (
            merged["source_branch"].as_str(),
            merged["target_branch"].as_str()
        ),
        (Some("develop"), Some("main"))
    );
}

/// An organization's repositories, a user's (none), and an owner that does not exist.
pub async fn repositories_are_listed_by_owner_and_an_unknown_owner_is_not_found(
    suite: &ForgeSuite,
) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let names = |page: &Value| -> Vec<String> {
        let mut names: Vec<String> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|repo| repo["full_name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    let list = |owner: &'static str| async move {
        let arguments = json!({"owner": owner, "per_page": 100});
        call(provider, OpId::GitReposList, arguments).await
    };
    let acme = list("acme").await.unwrap();
    assert_eq!(names(&acme), ["acme/internal-api", "acme/internal-web"]);
    let ana = list("ana").await.unwrap();
    assert_eq!(names(&ana), Vec::<String>::new());
    let nobody = list("nobody").await.unwrap_err();
    assert_eq!(nobody, ProviderError::NotFound("owner `nobody`".into()));
}

/// A branch's 35 commits in four pages of ten, newest first with their authors; one path's
/// 17 in pages of five.
pub async fn commits_page_through_a_branch(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
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
    let (readme, _) = all_pages(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "path": "README.md", "per_page": 5}),
    )
    .await;
    let mut shas: Vec<&str> = readme.iter().map(|c| c["sha"].as_str().unwrap()).collect();
    shas.sort_unstable();
    shas.dedup();
    assert_eq!(shas.len(), 17, "17 of the seed's commits touch README.md");
}

/// Text files come decoded, binary ones as base64; without a ref, the default branch.
pub async fn files_are_decoded_as_text_or_kept_as_base64(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let readme = call(
        provider.as_ref(),
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "README.md"}),
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
        json!({"repo": REPO, "path": "assets/logo.png", "ref": "main"}),
    )
    .await
    .unwrap();
    assert_eq!(logo["encoding"], "base64");
    assert_eq!(logo["content"], "iVBORw0KGgoA//6A");
}
