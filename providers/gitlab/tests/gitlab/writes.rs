//! What only GitLab does of writes, against its fake (what every forge does is the shared
//! suite of `shared.rs`; merges are `merges.rs`): assignees by user id, labels by name,
//! `state_event` updates, and notes.

use crate::projects::NESTED;
use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::{REPO, call};
use serde_json::json;

#[tokio::test]
async fn an_issue_is_created_with_assignees_by_id_and_labels_by_name() {
    let (server, provider) = suite().subject.seeded().await;
    let created = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": NESTED, "title": "Labelled", "body": "Body", "labels": ["docs", "new-label"], "assignees": ["ben", "Chloe"]}),
    )
    .await
    .unwrap();
    assert_eq!(created["labels"], json!(["docs", "new-label"]));
    assert_eq!(created["assignees"], json!(["ben", "chloe"]));
    assert_eq!(created["author"], "ana");
    assert_eq!(created["state"], "open");
    assert_eq!(created["body"], "Body");
    assert_eq!(created["number"], 5, "the next number of the project");
    let stored = server.state().forge().repo(NESTED).unwrap().clone();
    assert!(
        stored.labels.iter().any(|label| label.name == "new-label"),
        "GitLab creates labels it does not know"
    );
    let post = server
        .state()
        .requests()
        .into_iter()
        .find(|seen| seen.method == "POST")
        .unwrap();
    assert_eq!(
        post.path,
        "/api/v4/projects/client-a%2Fplatform%2Fbackend/issues"
    );
    let lookups: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.path.ends_with("/users"))
        .map(|seen| seen.query.unwrap_or_default())
        .collect();
    assert_eq!(lookups.len(), 2, "one lookup per username: {lookups:?}");
}

#[tokio::test]
async fn an_unknown_assignee_is_refused_before_anything_is_written() {
    let (server, provider) = suite().subject.seeded().await;
    let unknown = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["ben", "nobody", "an"]}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        unknown,
        ProviderError::Invalid(
            "users `nobody`, `an` are not among the users of `acme/internal-api` who can be assigned".into()
        )
    );
    let requests = server.state().requests();
    assert!(
        requests.iter().all(|seen| seen.method == "GET"),
        "{requests:?}"
    );
    let missing = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": "acme/nothing", "title": "t", "assignees": ["ben"]}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `acme/nothing`".into())
    );
}

#[tokio::test]
async fn an_update_closes_reopens_and_replaces_in_one_request() {
    let (server, provider) = suite().subject.seeded().await;
    let closed = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "title": "Renamed", "state": "closed", "labels": [], "assignees": ["chloe"]}),
    )
    .await
    .unwrap();
    assert_eq!(closed["title"], "Renamed");
    assert_eq!(closed["state"], "closed");
    assert_eq!(
        closed["labels"],
        json!([]),
        "an empty list removes every label"
    );
    assert_eq!(closed["assignees"], json!(["chloe"]));
    let puts = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method == "PUT")
        .count();
    assert_eq!(puts, 1);
    let stored = server.state().forge().repo(REPO).unwrap().issues[1].clone();
    assert!(!stored.open && stored.closed_at.is_some());

    let reopened = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "state": "open", "assignees": []}),
    )
    .await
    .unwrap();
    assert_eq!(reopened["state"], "open");
    assert_eq!(reopened["assignees"], json!([]));
    assert_eq!(reopened["title"], "Renamed", "untouched fields stay");

    let before = server.state().requests().len();
    let unchanged = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2}),
    )
    .await
    .unwrap();
    assert_eq!(unchanged, reopened);
    let after = &server.state().requests()[before..];
    assert!(
        after.iter().all(|seen| seen.method == "GET"),
        "nothing to write: {after:?}"
    );
    let gone = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 999, "title": "x"}),
    )
    .await;
    assert_eq!(
        gone.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#999".into())
    );
}

#[tokio::test]
async fn comments_are_notes_anchored_on_their_page() {
    let (server, provider) = suite().subject.seeded().await;
    let origin = server.state().origin.clone();
    let on_issue = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": NESTED, "number": 1, "body": "Seen it."}),
    )
    .await
    .unwrap();
    assert_eq!(on_issue["body"], "Seen it.");
    assert_eq!(on_issue["author"], "ana");
    let id = on_issue["id"].as_str().unwrap();
    assert_eq!(
        on_issue["web_url"],
        format!("{origin}/{NESTED}/-/issues/1#note_{id}")
    );
    let on_mr = call(
        provider.as_ref(),
        OpId::GitPullsComment,
        json!({"repo": NESTED, "number": 4, "body": "Looks good."}),
    )
    .await
    .unwrap();
    let id = on_mr["id"].as_str().unwrap();
    assert_eq!(
        on_mr["web_url"],
        format!("{origin}/{NESTED}/-/merge_requests/4#note_{id}")
    );
    let issue = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": NESTED, "number": 1}),
    )
    .await
    .unwrap();
    assert_eq!(issue["comments"], 1);
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method == "POST")
        .map(|seen| seen.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/v4/projects/client-a%2Fplatform%2Fbackend/issues/1/notes",
            "/api/v4/projects/client-a%2Fplatform%2Fbackend/merge_requests/4/notes",
        ]
    );
    // A merge request's number is not an issue's, nor the other way round.
    let wrong = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": NESTED, "number": 4, "body": "x"}),
    )
    .await;
    assert_eq!(
        wrong.unwrap_err(),
        ProviderError::NotFound(format!("issue {NESTED}#4"))
    );
    let wrong = call(
        provider.as_ref(),
        OpId::GitPullsComment,
        json!({"repo": NESTED, "number": 1, "body": "x"}),
    )
    .await;
    assert_eq!(
        wrong.unwrap_err(),
        ProviderError::NotFound(format!("merge request {NESTED}!1"))
    );
}
