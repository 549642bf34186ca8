//! What only GitLab does: nested-group projects as URL-encoded ids, `iid`s, assignees by
//! member id, `X-Next-Page`, draft and merge methods.

use crate::support::behaviour::setup;
use crate::support::{all_pages, call};
use mosaic_core::{OpId, ProviderError};
use mosaic_fakes::gitlab;
use mosaic_providers::gitlab::GitLabPlugin;
use serde_json::json;

#[tokio::test]
async fn nested_group_projects_are_addressed_by_their_encoded_path() {
    let (server, provider) = setup(&GitLabPlugin, gitlab::start).await;
    let repo = call(
        provider.as_ref(),
        OpId::GitReposGet,
        json!({"repo": "client-a/platform/backend"}),
    )
    .await
    .unwrap();
    assert_eq!(repo["full_name"], "client-a/platform/backend");
    assert_eq!(repo["owner"], "client-a/platform");
    assert_eq!(repo["name"], "backend");
    let issue = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": "client-a/platform/backend", "number": 2}),
    )
    .await
    .unwrap();
    assert_eq!(issue["number"], 2);
    assert!(
        issue["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/client-a/platform/backend/-/issues/2")
    );
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert!(
        paths.contains(&"/api/v4/projects/client-a%2Fplatform%2Fbackend".to_owned()),
        "{paths:?}"
    );
    assert!(paths.contains(&"/api/v4/projects/client-a%2Fplatform%2Fbackend/issues/2".to_owned()));

    let group = call(
        provider.as_ref(),
        OpId::GitReposList,
        json!({"owner": "client-a/platform"}),
    )
    .await
    .unwrap();
    assert_eq!(group["items"][0]["full_name"], "client-a/platform/backend");
}

#[tokio::test]
async fn pages_follow_x_next_page() {
    let (server, provider) = setup(&GitLabPlugin, gitlab::start).await;
    let (commits, pages) = all_pages(
        provider.as_ref(),
        OpId::GitCommitsList,
        json!({"repo": "acme/internal-api", "per_page": 10}),
    )
    .await;
    assert_eq!((commits.len(), pages), (35, 4));
    // Only the page number travels in the cursor: the adapter asked for pages 2, 3 and 4.
    let asked: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .filter_map(|seen| seen.query)
        .collect();
    assert!(
        asked.iter().any(|query| query.contains("page=4")),
        "{asked:?}"
    );
}

#[tokio::test]
async fn assignees_are_members_looked_up_by_login() {
    let (_server, provider) = setup(&GitLabPlugin, gitlab::start).await;
    let issue = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": "client-a/portal", "title": "Assigned", "assignees": ["ben"], "labels": ["bug", "ui"]}),
    )
    .await
    .unwrap();
    assert_eq!(issue["assignees"], json!(["ben"]));
    assert_eq!(issue["labels"], json!(["bug", "ui"]));
    let stranger = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": "client-a/portal", "title": "Assigned", "assignees": ["mallory"]}),
    )
    .await
    .unwrap_err();
    assert!(
        stranger.to_string().contains("`mallory` is not a member"),
        "{stranger}"
    );
}

#[tokio::test]
async fn state_changes_use_state_events_and_merges_name_their_method() {
    let (_server, provider) = setup(&GitLabPlugin, gitlab::start).await;
    let closed = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": "acme/internal-api", "number": 1, "state": "closed"}),
    )
    .await
    .unwrap();
    assert_eq!(closed["state"], "closed");

    let draft = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": "acme/internal-api", "title": "Try", "source_branch": "develop", "target_branch": "main", "draft": true}),
    )
    .await
    .unwrap();
    assert_eq!(
        (draft["title"].as_str(), draft["draft"].as_bool()),
        (Some("Draft: Try"), Some(true))
    );

    let rebase = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": "acme/internal-api", "number": 46, "method": "rebase"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&rebase, ProviderError::Unsupported { reason, .. } if reason.contains("merge method")),
        "{rebase:?}"
    );

    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": "acme/internal-api", "number": 46, "method": "squash"}),
    )
    .await
    .unwrap();
    assert_eq!(merged["merged"], true);
    let listed = call(
        provider.as_ref(),
        OpId::GitPullsList,
        json!({"repo": "acme/internal-api", "state": "merged"}),
    )
    .await
    .unwrap();
    let numbers: Vec<u64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pull| pull["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, vec![47, 46]);
}
