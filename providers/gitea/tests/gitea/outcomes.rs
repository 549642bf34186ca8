//! What a caller is told of a write Gitea may have applied: an unreadable answer, a merge whose
//! read back fails, an edit whose labels fail after its fields were changed — all unconfirmed,
//! naming the number; label names refused, or a label lookup failing, before anything is
//! written stay ordinary errors.

use crate::behaviour::setup;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::forge::PullState;
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::write_outcome::{
    a_failed_lookup_before_the_write_is_not_unconfirmed,
    a_failure_after_the_write_leaves_it_unconfirmed, a_refused_write_is_an_ordinary_error,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

const REPO: &str = "acme/internal-api";

#[tokio::test]
async fn unreadable_answers_name_what_the_body_or_the_input_gives() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let create = || {
        (
            OpId::GitIssuesCreate,
            json!({"repo": REPO, "title": "Login fails", "labels": ["bug"]}),
        )
    };
    // Gitea sends no `Location`: truncated JSON names nothing, a misshapen answer its number.
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        r#"{"id": 9"#,
        None,
    )
    .await;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        r#"{"id": 900, "number": 50, "title": 7}"#,
        Some("50"),
    )
    .await;
    let titles: Vec<String> = {
        let forge = server.state().forge();
        let repo = forge.repo(REPO).unwrap();
        repo.issues
            .iter()
            .filter(|issue| issue.number >= 49)
            .map(|issue| issue.title.clone())
            .collect()
    };
    assert_eq!(titles, ["Login fails", "Login fails"], "Gitea created both");
    let edit = (
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "title": "Renamed"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(&server, provider, edit, "", Some("2")).await;
    let pull = (
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Try", "source_branch": "develop", "target_branch": "main"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        pull,
        r#"{"number": 51, "head": "develop"}"#,
        Some("51"),
    )
    .await;
}

#[tokio::test]
async fn a_merge_whose_read_back_fails_is_unconfirmed() {
    let (server, provider) = setup().await;
    let merge = (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46}));
    let reason =
        a_failure_after_the_write_leaves_it_unconfirmed(&server, provider.as_ref(), merge, "46")
            .await;
    assert!(
        reason.starts_with("reading the pull request back failed"),
        "{reason}"
    );
    let forge = server.state().forge();
    let pull = forge
        .repo(REPO)
        .unwrap()
        .pulls
        .iter()
        .find(|pull| pull.number == 46)
        .unwrap()
        .clone();
    assert_eq!(pull.state, PullState::Merged, "Gitea merged it");
}

#[tokio::test]
async fn an_edit_that_fails_after_its_first_request_is_unconfirmed() {
    let (server, provider) = setup().await;
    // Fields, then labels: the fields were changed when the labels failed.
    let both = (
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "title": "Renamed", "labels": ["feature"]}),
    );
    let reason =
        a_failure_after_the_write_leaves_it_unconfirmed(&server, provider.as_ref(), both, "2")
            .await;
    assert!(
        reason.starts_with("replacing its labels failed"),
        "{reason}"
    );
    // Labels alone, then the issue read back.
    let labels = (
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 3, "labels": ["feature"]}),
    );
    let reason =
        a_failure_after_the_write_leaves_it_unconfirmed(&server, provider.as_ref(), labels, "3")
            .await;
    assert!(reason.starts_with("reading it back failed"), "{reason}");
}

#[tokio::test]
async fn writes_refused_before_they_are_sent_stay_ordinary_errors() {
    let (server, provider) = setup().await;
    let unknown = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "labels": ["nope"]}),
    );
    let refused =
        a_refused_write_is_an_ordinary_error(&server, provider.as_ref(), unknown.clone()).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let failed = a_failed_lookup_before_the_write_is_not_unconfirmed(
        &server,
        provider.as_ref(),
        unknown,
        Scripted::status(503, "labels unavailable"),
    )
    .await;
    assert_eq!(
        failed,
        ProviderError::Unavailable("labels unavailable".into())
    );
}
