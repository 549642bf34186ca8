//! What only Gitea tells a caller of a write it may have applied (the declared cases run in
//! the shared suite, `shared.rs`): unreadable answers hid writes that were made, and a merge
//! whose read back failed was merged.

use crate::shared::{labelled_create, suite};
use mosaic_core::OpId;
use mosaic_fake_kit::forge::PullState;
use mosaic_testkit::adapter::REPO;
use mosaic_testkit::adapter::write_outcome::{
    a_failure_after_the_write_leaves_it_unconfirmed,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

#[tokio::test]
async fn creates_answered_unreadably_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    for (answer, names) in [
        (r#"{"id": 9"#, None),
        (r#"{"id": 900, "number": 50, "title": 7}"#, Some("50")),
    ] {
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider,
            labelled_create(),
            answer,
            names,
        )
        .await;
    }
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
}

#[tokio::test]
async fn a_merge_whose_read_back_fails_was_merged() {
    let (server, provider) = suite().subject.seeded().await;
    let merge = (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46}));
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider.as_ref(), merge, "46").await;
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
