//! What a tracker answers for what is missing or refused: a work item that does not exist,
//! credentials without the scope an operation needs, and a state the project lacks.

use super::Forbidden;
use crate::adapter::call;
use crate::adapter::suite::TrackerSuite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use serde_json::json;

/// A work item that does not exist is not found, by a read and by every write.
pub async fn a_missing_work_item_is_not_found_by_every_operation(suite: &TrackerSuite) {
    let (server, provider) = suite.subject.seeded().await;
    for (op, arguments) in [
        (OpId::PmIssuesGet, json!({"key": "PLAT-999"})),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "PLAT-999", "title": "x"}),
        ),
        (
            OpId::PmIssuesTransition,
            json!({"key": "PLAT-999", "to": "done"}),
        ),
        (
            OpId::PmIssuesComment,
            json!({"key": "PLAT-999", "body": "x"}),
        ),
    ] {
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert_eq!(
            error,
            ProviderError::NotFound("work item `PLAT-999`".into()),
            "{}",
            op.name()
        );
    }
    let applied = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.write && (200..300).contains(&seen.status))
        .count();
    assert_eq!(applied, 0, "nothing was written");
}

/// A work item that does not exist is not found when read.
pub async fn a_missing_work_item_is_not_found_when_read(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-999"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("work item `PLAT-999`".into())
    );
}

/// A refusal of what the credentials may do, in the tracker's error shape, is `forbidden`
/// with the tracker's message.
pub async fn a_refusal_of_the_credentials_scope_is_forbidden(suite: &TrackerSuite) {
    let (server, provider) = suite.subject.seeded().await;
    let message = "You do not have permission to browse PLAT.";
    let refusal = match suite.particulars.forbidden {
        Forbidden::Status403 => Scripted {
            status: 403,
            retry_after: None,
            body: (server.state().style.error_body)(message),
        },
        Forbidden::Scripted(refusal) => refusal(message),
    };
    server.state().knobs.fail_next(refusal);
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT"}),
    )
    .await
    .unwrap_err();
    assert_eq!(error, ProviderError::Forbidden(message.into()));
}

/// A transition to a state the project does not have is a conflict that says where the
/// item can go, and nothing is written.
pub async fn a_transition_to_a_state_the_project_lacks_is_a_conflict_and_writes_nothing(
    suite: &TrackerSuite,
) {
    let (server, provider) = suite.subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "QA"}),
    )
    .await
    .unwrap_err();
    let explained = "no transition takes PLAT-1 from `Todo` to state `QA`; it can move to: ";
    assert!(
        matches!(&error, ProviderError::Conflict(message) if message.starts_with(explained)),
        "{error:?}"
    );
    let requests = server.state().requests();
    assert!(requests.iter().all(|seen| !seen.write), "{requests:?}");
}
