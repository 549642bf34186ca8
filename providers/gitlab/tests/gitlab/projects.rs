//! What only GitLab does with projects, against its fake (what every forge does is the shared
//! suite of `shared.rs`): files as one encoded path segment with GitLab's reasons when they
//! are missing, nested-group projects as one encoded id, repositories of the token, a group
//! or a user, commit links and branches.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::{REPO, call};
use serde_json::{Value, json};

/// The seed's project in a nested group.
pub const NESTED: &str = "client-a/platform/backend";

#[tokio::test]
async fn a_file_is_one_encoded_path_segment_with_its_web_url() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let readme = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "README.md"}),
    )
    .await
    .unwrap();
    assert_eq!(readme["ref"], "main", "the default branch, named");
    assert_eq!(
        readme["web_url"],
        format!(
            "{}/acme/internal-api/-/blob/main/README.md",
            server.state().origin
        )
    );
    let nested = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "src/main.rs", "ref": "feature/login"}),
    )
    .await
    .unwrap();
    assert_eq!(nested["path"], "src/main.rs");
    assert_eq!(nested["ref"], "feature/login");
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert!(
        paths.contains(
            &"/api/v4/projects/acme%2Finternal-api/repository/files/src%2Fmain.rs".into()
        ),
        "the file path is one encoded segment: {paths:?}"
    );
}

#[tokio::test]
async fn missing_files_refs_and_directories_are_not_found_with_gitlabs_reason() {
    let (_server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let missing = |path: &'static str, git_ref: &'static str| async move {
        let args = json!({"repo": REPO, "path": path, "ref": git_ref});
        match call(provider, OpId::GitFilesGet, args).await {
            Err(ProviderError::NotFound(message)) => message,
            other => panic!("{path}@{git_ref}: {other:?}"),
        }
    };
    assert_eq!(
        missing("nope.md", "main").await,
        "`nope.md` at `main` in `acme/internal-api` (GitLab: 404 File Not Found)"
    );
    assert!(
        missing("src", "main").await.contains("404 File Not Found"),
        "a directory"
    );
    assert!(
        missing("README.md", "no-such-ref")
            .await
            .contains("404 Commit Not Found")
    );
    let escape = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "../secrets", "ref": "main"}),
    )
    .await;
    assert!(
        matches!(escape, Err(ProviderError::Invalid(_))),
        "{escape:?}"
    );
}

#[tokio::test]
async fn a_nested_group_project_is_one_encoded_id() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let repo = call(provider, OpId::GitReposGet, json!({"repo": NESTED}))
        .await
        .unwrap();
    assert_eq!(repo["full_name"], NESTED);
    assert_eq!(
        (repo["owner"].as_str(), repo["name"].as_str()),
        (Some("client-a/platform"), Some("backend"))
    );
    assert_eq!(repo["private"], true);
    assert_eq!(
        repo["web_url"],
        format!("{}/{NESTED}", server.state().origin)
    );
    let issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": NESTED, "number": 2}),
    )
    .await
    .unwrap();
    assert_eq!(issue["number"], 2);
    assert_ne!(issue["id"], "2", "the id is GitLab's global one");
    let readme = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": NESTED, "path": "README.md"}),
    )
    .await
    .unwrap();
    assert_eq!(readme["content"], "# backend\n");
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/v4/projects/client-a%2Fplatform%2Fbackend",
            "/api/v4/projects/client-a%2Fplatform%2Fbackend/issues/2",
            "/api/v4/projects/client-a%2Fplatform%2Fbackend",
            "/api/v4/projects/client-a%2Fplatform%2Fbackend/repository/files/README.md",
        ]
    );
    let dotted = call(
        provider,
        OpId::GitReposGet,
        json!({"repo": "client-a/../admin"}),
    )
    .await;
    assert!(
        matches!(dotted, Err(ProviderError::Invalid(_))),
        "{dotted:?}"
    );
    assert_eq!(
        server.state().requests().len(),
        4,
        "refused before any request"
    );
}

#[tokio::test]
async fn repositories_are_listed_for_the_token_a_group_or_a_user() {
    let (server, provider) = suite().subject.seeded().await;
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
    let mine = call(provider, OpId::GitReposList, json!({})).await.unwrap();
    assert_eq!(
        names(&mine),
        [
            "acme-oss/toolkit",
            "acme/internal-api",
            "acme/internal-web",
            "client-a/platform/backend",
            "client-a/portal"
        ]
    );
    assert!(
        server.state().requests()[0]
            .query
            .as_deref()
            .unwrap()
            .contains("membership=true")
    );
    let group = call(provider, OpId::GitReposList, json!({"owner": "client-a"}))
        .await
        .unwrap();
    assert_eq!(names(&group), ["client-a/portal"], "not the subgroup's");
    let subgroup = call(
        provider,
        OpId::GitReposList,
        json!({"owner": "client-a/platform"}),
    )
    .await
    .unwrap();
    assert_eq!(names(&subgroup), [NESTED]);
    let user = call(provider, OpId::GitReposList, json!({"owner": "ana"}))
        .await
        .unwrap();
    assert_eq!(names(&user), Vec::<String>::new());
    let tried: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert!(tried.ends_with(&[
        "/api/v4/groups/ana/projects".into(),
        "/api/v4/users/ana/projects".into()
    ]));
    let nobody = call(provider, OpId::GitReposList, json!({"owner": "nobody"})).await;
    assert_eq!(
        nobody.unwrap_err(),
        ProviderError::NotFound("owner `nobody`".into())
    );
    let no_group = call(
        provider,
        OpId::GitReposList,
        json!({"owner": "client-a/nothing"}),
    )
    .await;
    assert_eq!(
        no_group.unwrap_err(),
        ProviderError::NotFound("owner `client-a/nothing`".into())
    );
}

#[tokio::test]
async fn commits_link_to_gitlab_and_an_unknown_ref_has_none() {
    let (_server, provider) = suite().subject.seeded().await;
    let page = call(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "ref": "main", "per_page": 10}),
    )
    .await
    .unwrap();
    assert!(
        page["items"][0]["web_url"]
            .as_str()
            .unwrap()
            .contains("/acme/internal-api/-/commit/")
    );
    let unknown = call(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "ref": "no-such-branch"}),
    )
    .await
    .unwrap();
    assert_eq!(unknown, json!({"items": []}));
}

#[tokio::test]
async fn branches_are_listed_with_their_tips() {
    let (_server, provider) = suite().subject.seeded().await;
    let page = call(
        provider.as_ref(),
        OpId::GitBranchesList,
        json!({"repo": REPO}),
    )
    .await
    .unwrap();
    let branches = page["items"].as_array().unwrap();
    let names: Vec<&str> = branches
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["develop", "feature/login", "main"],
        "by name, as GitLab sorts them"
    );
    assert_eq!(branches[2]["protected"], true);
    assert_eq!(branches[2]["commit_sha"].as_str().unwrap().len(), 40);
}
