//! What only GitLab does of merge requests' drafts and merges, against its fake (what every
//! forge does is the shared suite of `shared.rs`): drafts by title prefix, squash and merge
//! commits with the caller's message, rebase unsupported, and every refusal explained.

use crate::projects::NESTED;
use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::{REPO, call};
use serde_json::json;

#[tokio::test]
async fn a_draft_is_opened_by_title_and_refused_a_merge() {
    let (_server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
