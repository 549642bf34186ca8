//! What a knowledge base answers for what is missing or refused: a page that does not exist,
//! and refusals of the credentials, of what they may see, and of what is not there, each with
//! the base's own message.

use super::runbook;
use crate::adapter::call;
use crate::adapter::subject::Seed;
use crate::adapter::suite::KbSuite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use serde_json::json;

/// A page that does not exist is not found, by a read and by an update, and nothing is
/// written.
pub async fn a_missing_page_is_not_found_by_every_operation<D: Seed>(suite: &KbSuite<D>) {
    let (server, provider) = suite.subject.seeded().await;
    let missing = (suite.particulars.page_id)(999_999);
    for (op, arguments) in [
        (
            OpId::KbPagesGet,
            json!({"space": "ENG", "page_id": missing}),
        ),
        (
            OpId::KbPagesUpdate,
            json!({"space": "ENG", "page_id": missing, "title": "x"}),
        ),
    ] {
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert!(
            matches!(&error, ProviderError::NotFound(message) if !message.is_empty()),
            "{}: {error:?}",
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

/// The error a refusal's message is expected in.
type Refusal = fn(String) -> ProviderError;

/// 401, 403 and 404 in the base's error shape, answered to the read of the page itself (not
/// to a lookup before it, such as Confluence's of the space), are `unauthenticated`,
/// `forbidden` and `not_found` carrying the base's own message.
pub async fn refusals_carry_the_providers_message<D: Seed>(suite: &KbSuite<D>) {
    let (server, provider) = suite.subject.seeded().await;
    let id = (suite.particulars.page_id)(runbook(1));
    let cases: [(u16, &str, Refusal); 3] = [
        (
            401,
            "The owner of the used API token does not have permission to make API calls",
            ProviderError::Unauthenticated,
        ),
        (
            403,
            "You do not have permission to access the requested page.",
            ProviderError::Forbidden,
        ),
        (404, "Page Not Found", ProviderError::NotFound),
    ];
    for (status, message, expected) in cases {
        server.state().knobs.fail_next_to(
            &id,
            Scripted {
                status,
                retry_after: None,
                body: (suite.particulars.error_body)(status, message),
            },
        );
        let error = call(
            provider.as_ref(),
            OpId::KbPagesGet,
            json!({"space": "ENG", "page_id": id}),
        )
        .await
        .unwrap_err();
        // The base's message, whole, in the error its status means; an adapter may say
        // around it what it was reading (`no page `1009` in space `ENG` (Page Not Found)`).
        assert_eq!(
            std::mem::discriminant(&error),
            std::mem::discriminant(&expected(String::new())),
            "{status}: {error:?}"
        );
        assert!(error.to_string().contains(message), "{status}: {error}");
    }
}
