//! What only GitLab does of issues and merge requests, against its fake (what every forge
//! does is the shared suite of `shared.rs`; projects, files and branches are `projects.rs`):
//! pages by `X-Next-Page`, its own messages, and issue filters.

use crate::shared::suite;
use mosaic_core::{Health, OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::{REPO, call};
use serde_json::json;

#[tokio::test]
async fn pages_follow_x_next_page_and_stop_at_its_empty_value() {
    let (server, provider) = suite().subject.seeded().await;
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
async fn gitlabs_own_refusals_keep_its_message() {
    let (server, provider) = suite().subject.seeded().await;
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
    server.state().knobs.fail_next(Scripted {
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
async fn open_issues_are_the_default_and_a_label_with_a_comma_is_refused() {
    let (_server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
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
