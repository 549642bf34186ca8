//! Reads against the GitLab fake: pages by `X-Next-Page`, rate limits and quota, revalidation,
//! error mapping, a silent or unreachable forge, files, nested-group projects, repository
//! lists. The forge-neutral checks are the shared ones of `support`.

use mosaic_core::{Health, OpId, Provider, ProviderError};
use mosaic_fake_kit::server::{FakeServer, Scripted};
use mosaic_gitlab::GitLabPlugin;
use mosaic_gitlab_fake as gitlab;
use mosaic_testkit::adapter::behaviour as shared;
use mosaic_testkit::adapter::{all_pages, call, instance};
use serde_json::{Value, json};
use std::sync::Arc;

pub async fn setup() -> (FakeServer, Arc<dyn Provider>) {
    shared::setup(&GitLabPlugin::default(), gitlab::start).await
}

pub const REPO: &str = "acme/internal-api";
pub const NESTED: &str = "client-a/platform/backend";

pub fn numbers(items: &[Value]) -> Vec<u64> {
    let mut numbers: Vec<u64> = items
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers
}

#[tokio::test]
async fn issues_page_through_to_the_end() {
    shared::issues_page_through_to_the_end(setup().await).await;
}

#[tokio::test]
async fn pages_follow_x_next_page_and_stop_at_its_empty_value() {
    let (server, provider) = setup().await;
    let args = json!({"repo": REPO, "state": "all", "per_page": 20});
    let first = call(provider.as_ref(), OpId::GitIssuesList, args.clone())
        .await
        .unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    assert_eq!(first["next_cursor"], "2");
    let last = call(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "per_page": 20, "cursor": "3"}),
    )
    .await
    .unwrap();
    assert_eq!(last["items"].as_array().unwrap().len(), 5);
    assert_eq!(
        last.get("next_cursor"),
        None,
        "GitLab's empty X-Next-Page ends the list"
    );
    for seen in server.state().requests() {
        assert_eq!(seen.path, "/api/v4/projects/acme%2Finternal-api/issues");
        let query = seen.query.unwrap();
        assert!(
            query.contains("state=all") && query.contains("per_page=20"),
            "{query}"
        );
    }
    let bad = call(
        provider.as_ref(),
        OpId::GitIssuesList,
        json!({"repo": REPO, "cursor": "eyJpZCI6IjEwIn0"}),
    )
    .await;
    assert!(matches!(bad, Err(ProviderError::Invalid(_))), "{bad:?}");
}

#[tokio::test]
async fn too_many_requests_carries_retry_after() {
    shared::too_many_requests_carries_retry_after(setup().await).await;
}

#[tokio::test]
async fn a_spent_quota_is_reported_and_refused_as_rate_limited() {
    let (server, provider) = setup().await;
    // Another project than the shared check reads: a repeated read would be a free 304.
    call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": NESTED}),
    )
    .await
    .unwrap();
    let quota = provider.quota().expect("GitLab sends RateLimit-* headers");
    assert_eq!((quota.limit, quota.remaining), (2000, 1999));
    shared::a_spent_quota_is_reported_and_refused_as_rate_limited((server, provider)).await;
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_comes_back_after_its_reset() {
    shared::a_spent_quota_comes_back_after_its_reset(setup().await).await;
}

#[tokio::test]
async fn a_revalidated_read_is_free_and_the_same() {
    shared::a_revalidated_read_is_free_and_the_same(setup().await).await;
}

#[tokio::test]
async fn a_revalidated_page_keeps_its_cursor() {
    let (server, provider) = setup().await;
    let args = json!({"repo": NESTED, "state": "all", "per_page": 2});
    let first = call(provider.as_ref(), OpId::GitIssuesList, args.clone())
        .await
        .unwrap();
    let again = call(provider.as_ref(), OpId::GitIssuesList, args)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(again["next_cursor"], "2");
    let last = server.state().requests().pop().unwrap();
    assert!(last.conditional && last.status == 304, "{last:?}");
}

#[tokio::test]
async fn error_statuses_become_typed_errors() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let missing = call(
        provider,
        OpId::GitReposGet,
        json!({"repo": "client-a/platform/nothing"}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `client-a/platform/nothing`".into())
    );
    // A merge request's number is no issue's on GitLab.
    let issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await;
    assert_eq!(
        issue.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#46".into())
    );
    let mr = call(
        provider,
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 1}),
    )
    .await;
    assert_eq!(
        mr.unwrap_err(),
        ProviderError::NotFound("merge request acme/internal-api!1".into())
    );

    let knobs = &server.state().knobs;
    knobs.fail_next(Scripted::status(403, "403 Forbidden"));
    let forbidden = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        forbidden.unwrap_err(),
        ProviderError::Forbidden("403 Forbidden".into())
    );

    let no_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "no-such-branch", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        no_branch.unwrap_err(),
        ProviderError::Invalid("Source branch \"no-such-branch\" does not exist".into())
    );
    let same_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "main", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        same_branch.unwrap_err(),
        ProviderError::Invalid("You can't use same project/branch for source and target".into())
    );
    let twice = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "feature/login", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        twice.unwrap_err(),
        ProviderError::Conflict(
            "Another open merge request already exists for this source branch: !46".into()
        )
    );
    // GitLab's model validation: a map of field to problems.
    knobs.fail_next(Scripted {
        status: 400,
        retry_after: None,
        body: json!({"message": {"title": ["is too long (maximum is 255 characters)"]}}),
    });
    let too_long = call(
        provider,
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "x"}),
    )
    .await;
    assert_eq!(
        too_long.unwrap_err(),
        ProviderError::Invalid("title is too long (maximum is 255 characters)".into())
    );
    let merged_twice = call(
        provider,
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 47}),
    )
    .await;
    assert_eq!(
        merged_twice.unwrap_err(),
        ProviderError::Conflict("merge request acme/internal-api!47 is already merged".into())
    );

    knobs.fail_next(Scripted::status(502, "502 Bad Gateway"));
    let down = call(provider, OpId::GitReposGet, json!({"repo": REPO})).await;
    assert!(
        matches!(down, Err(ProviderError::Unavailable(_))),
        "{down:?}"
    );

    let wrong = instance(&GitLabPlugin::default(), &server.base_url(), "wrong").await;
    let refused = call(wrong.as_ref(), OpId::GitReposGet, json!({"repo": REPO})).await;
    assert_eq!(
        refused.unwrap_err(),
        ProviderError::Unauthenticated("Bad credentials".into())
    );
    assert!(matches!(wrong.health().await, Health::Unhealthy { .. }));
    assert_eq!(provider.health().await, Health::Healthy);
    assert!(
        server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.path == "/api/v4/version")
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
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let readme = call(
        provider,
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
    assert_eq!(readme["ref"], "main", "the default branch, named");
    assert_eq!(
        readme["web_url"],
        format!(
            "{}/acme/internal-api/-/blob/main/README.md",
            server.state().origin
        )
    );
    let logo = call(
        provider,
        OpId::GitFilesGet,
        json!({"repo": REPO, "path": "assets/logo.png", "ref": "main"}),
    )
    .await
    .unwrap();
    assert_eq!(logo["encoding"], "base64");
    assert_eq!(logo["content"], "iVBORw0KGgoA//6A");
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
    let (_server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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
async fn commits_page_through_a_branch_or_one_path() {
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
    assert!(
        commits[0]["web_url"]
            .as_str()
            .unwrap()
            .contains("/acme/internal-api/-/commit/")
    );
    let (readme, _) = all_pages(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": REPO, "path": "README.md", "per_page": 5}),
    )
    .await;
    assert_eq!(readme.len(), 17);
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
    let (_server, provider) = setup().await;
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

#[tokio::test]
async fn merge_requests_filter_by_state_and_issues_by_label() {
    let (_server, provider) = setup().await;
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
    assert!(merged["merged_at"].is_string());
    assert_eq!(
        (
            merged["source_branch"].as_str(),
            merged["target_branch"].as_str()
        ),
        (Some("develop"), Some("main"))
    );
    let (bugs, _) = all_pages(
        provider,
        OpId::GitIssuesList,
        json!({"repo": REPO, "state": "all", "labels": ["bug"], "per_page": 50}),
    )
    .await;
    assert_eq!(numbers(&bugs), (2..=44).step_by(2).collect::<Vec<_>>());
    let open = call(
        provider,
        OpId::GitIssuesList,
        json!({"repo": REPO, "per_page": 100}),
    )
    .await
    .unwrap();
    assert_eq!(
        open["items"].as_array().unwrap().len(),
        30,
        "issues 1–45 but every third"
    );
    let comma = call(
        provider,
        OpId::GitIssuesList,
        json!({"repo": REPO, "labels": ["a,b"]}),
    )
    .await;
    assert!(
        matches!(comma, Err(ProviderError::Invalid(ref m)) if m.contains("`a,b`")),
        "{comma:?}"
    );
}
