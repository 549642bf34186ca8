//! What only GitHub does with repositories, against its fake (what every forge does is the
//! shared suite of `shared.rs`): files over a megabyte read from their blob, directories and
//! unknown refs named, owners that are organizations or users, an Enterprise Server base URL
//! with its prefix, and nested paths refused.

use crate::shared::suite;
use mosaic_core::{Health, OpId, ProviderError};
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeServer, Style};
use mosaic_github::GitHubPlugin;
use mosaic_github_fake as github;
use mosaic_testkit::adapter::{REPO, TOKEN, call, instance};
use serde_json::json;

#[tokio::test]
async fn a_file_over_a_megabyte_is_read_from_its_blob() {
    let (server, provider) = suite().subject.seeded().await;
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
    let (_server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
