//! What only GitLab tells a caller of a write it may have applied (the declared cases run in
//! the shared suite, `shared.rs`): creates answered unreadably were made all the same.

use crate::shared::{plain_create, suite};
use mosaic_testkit::adapter::REPO;
use mosaic_testkit::adapter::write_outcome::an_unreadable_answer_leaves_the_write_unconfirmed;

#[tokio::test]
async fn creates_answered_unreadably_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let locked = r#"{"id": 9001, "iid": 50, "title": "Login fails", "state": "locked"}"#;
    for (answer, names) in [("<html>502</html>", None), (locked, Some("50"))] {
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider.as_ref(),
            plain_create(),
            answer,
            names,
        )
        .await;
    }
    let created: Vec<u64> = {
        let forge = server.state().forge();
        let repo = forge.repo(REPO).unwrap();
        repo.issues
            .iter()
            .filter(|issue| issue.title == "Login fails")
            .map(|issue| issue.number)
            .collect()
    };
    assert_eq!(created.len(), 2, "GitLab created both: {created:?}");
}
