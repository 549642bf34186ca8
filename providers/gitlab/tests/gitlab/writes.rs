//! Writes against the GitLab fake: assignees by user id, labels by name, `state_event`
//! updates, notes, drafts by title prefix, and merges with every refusal explained.

use crate::behaviour::{NESTED, REPO, setup};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::call;
use serde_json::json;

#[tokio::test]
async fn an_issue_is_created_with_assignees_by_id_and_labels_by_name() {
    let (server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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
    let (server, provider) = setup().await;
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

#[tokio::test]
async fn a_draft_is_opened_by_title_and_refused_a_merge() {
    let (_server, provider) = setup().await;
    let draft = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Rework", "body": "WIP", "source_branch": "develop", "target_branch": "main", "draft": true}),
    )
    .await
    .unwrap();
    assert_eq!(draft["title"], "Draft: Rework");
    assert_eq!(draft["draft"], true);
    assert_eq!(draft["state"], "open");
    assert_eq!(draft["number"], 49);
    let refused = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 49}),
    )
    .await;
    assert_eq!(
        refused.unwrap_err(),
        ProviderError::Conflict("merge request acme/internal-api!49 is a draft".into())
    );
}

#[tokio::test]
async fn a_squash_merge_lands_on_the_target_with_the_callers_message() {
    let (server, provider) = setup().await;
    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 46, "method": "squash", "commit_message": "Login, squashed"}),
    )
    .await
    .unwrap();
    assert_eq!(merged["merged"], true);
    assert_eq!(merged["message"], "merged merge request !46");
    let repo = server.state().forge().repo(REPO).unwrap().clone();
    assert_eq!(merged["sha"], repo.branch("main").unwrap().sha.as_str());
    assert_eq!(repo.commits[0].message, "Login, squashed");
    let put = server
        .state()
        .requests()
        .into_iter()
        .find(|seen| seen.method == "PUT")
        .unwrap();
    assert_eq!(
        put.path,
        "/api/v4/projects/acme%2Finternal-api/merge_requests/46/merge"
    );
    let pull = call(
        provider.as_ref(),
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await
    .unwrap();
    assert_eq!(pull["state"], "merged");
}

#[tokio::test]
async fn a_merge_commit_takes_the_callers_message_and_rebase_is_unsupported() {
    let (server, provider) = setup().await;
    let rebase = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": NESTED, "number": 4, "method": "rebase"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(rebase, ProviderError::Unsupported { ref operation, ref reason } if operation == "git.pulls.merge" && reason.contains("`rebase`")),
        "{rebase:?}"
    );
    assert!(
        server.state().requests().is_empty(),
        "refused before any request"
    );
    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": NESTED, "number": 4, "commit_message": "Merge feature/x"}),
    )
    .await
    .unwrap();
    assert_eq!(merged["merged"], true);
    let forge = server.state().forge();
    assert_eq!(
        forge.repo(NESTED).unwrap().commits[0].message,
        "Merge feature/x"
    );
}

#[tokio::test]
async fn every_merge_refusal_says_why() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let refusal = |number: u64| async move {
        call(
            provider,
            OpId::GitPullsMerge,
            json!({"repo": REPO, "number": number}),
        )
        .await
        .unwrap_err()
    };
    assert_eq!(
        refusal(48).await,
        ProviderError::Conflict("merge request acme/internal-api!48 is closed".into())
    );
    server
        .state()
        .forge()
        .repo_mut(REPO)
        .unwrap()
        .pull_mut(46)
        .unwrap()
        .mergeable = false;
    assert_eq!(
        refusal(46).await,
        ProviderError::Conflict(
            "merge request acme/internal-api!46 has conflicts with `main`".into()
        )
    );
    assert_eq!(
        refusal(999).await,
        ProviderError::NotFound("merge request acme/internal-api!999".into())
    );
    // GitLab answers 401 when this token may not merge; the read that explains it works.
    server
        .state()
        .forge()
        .repo_mut(REPO)
        .unwrap()
        .pull_mut(46)
        .unwrap()
        .mergeable = true;
    server
        .state()
        .knobs
        .fail_next(Scripted::status(401, "401 Unauthorized"));
    assert_eq!(
        refusal(46).await,
        ProviderError::Forbidden(
            "the token may not merge merge request acme/internal-api!46 into `main`".into()
        )
    );
    server
        .state()
        .knobs
        .fail_next(Scripted::status(422, "Branch cannot be merged"));
    assert_eq!(
        refusal(46).await,
        ProviderError::Conflict(
            "merge request acme/internal-api!46 was refused by GitLab (Branch cannot be merged)"
                .into()
        )
    );
}
