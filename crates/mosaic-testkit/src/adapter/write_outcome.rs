//! What every adapter that writes must tell its caller about a write, against the provider's
//! stateful fake: once the provider may have applied it — it answered 2xx, however unreadable,
//! or what followed failed (a read back, the write's next request, mapping the answer) — the
//! outcome is `WriteUnconfirmed`, naming the native id when one is known, never an error that
//! reads as "not performed"; a write refused before it was sent, or by the provider, is an
//! ordinary error and nothing was applied. The checks are written once; `outcomes.rs` runs
//! them on the cases each provider declares, and a provider's own tests on what only it does.

use super::call;
use mosaic_core::{OpId, Provider, ProviderError};
use mosaic_fake_kit::server::{FakeServer, Scripted, Seen};
use serde_json::Value;

/// What the request after a write answers when it is made to fail.
pub const AFTER_WRITE_REFUSAL: &str = "refused after the write";

/// The writes of the server's log from request `from` on, with their statuses.
fn writes_since<D: Send + 'static>(server: &FakeServer<D>, from: usize) -> Vec<Seen> {
    server
        .state()
        .requests()
        .into_iter()
        .skip(from)
        .filter(|seen| seen.write)
        .collect()
}

/// Asserts that the provider accepted exactly one write since `from`: the write was
/// performed, and the adapter did not repeat it.
fn applied_once<D: Send + 'static>(server: &FakeServer<D>, from: usize) {
    let writes = writes_since(server, from);
    let accepted = writes
        .iter()
        .filter(|seen| (200..300).contains(&seen.status))
        .count();
    assert_eq!(accepted, 1, "one write applied: {writes:?}");
}

/// Asserts that `error` is `WriteUnconfirmed` naming `id`; its reason.
fn unconfirmed(error: ProviderError, id: Option<&str>) -> String {
    match error {
        ProviderError::WriteUnconfirmed { id: named, reason } => {
            assert_eq!(named.as_deref(), id, "the id named ({reason})");
            reason
        }
        other => panic!("expected an unconfirmed write, got {other:?}"),
    }
}

/// The provider applies `op` with `arguments` but answers `body` (same 2xx status and
/// headers): `WriteUnconfirmed` naming `id`, what the body or the headers give (or the
/// adapter knew already), and the write sent once.
pub async fn an_unreadable_answer_leaves_the_write_unconfirmed<D: Send + 'static>(
    server: &FakeServer<D>,
    provider: &dyn Provider,
    (op, arguments): (OpId, Value),
    body: &str,
    id: Option<&str>,
) {
    let from = server.state().requests().len();
    server.state().knobs.garble_next_write(body);
    let error = call(provider, op, arguments).await.unwrap_err();
    let reason = unconfirmed(error, id);
    assert!(!reason.is_empty());
    applied_once(server, from);
}

/// The provider applies `op` with `arguments`, then the request that follows it fails (the
/// read back, or the write's next request): `WriteUnconfirmed` naming `id`, saying what
/// failed; the reason, for the caller to check the step.
pub async fn a_failure_after_the_write_leaves_it_unconfirmed<D: Send + 'static>(
    server: &FakeServer<D>,
    provider: &dyn Provider,
    (op, arguments): (OpId, Value),
    id: &str,
) -> String {
    let from = server.state().requests().len();
    server
        .state()
        .knobs
        .fail_after_next_write(Scripted::status(503, AFTER_WRITE_REFUSAL));
    let error = call(provider, op, arguments).await.unwrap_err();
    let reason = unconfirmed(error, Some(id));
    assert!(reason.contains(AFTER_WRITE_REFUSAL), "{reason}");
    applied_once(server, from);
    reason
}

/// `op` with `arguments` is refused, by the adapter before anything is written or by the
/// provider: an ordinary error, and no write was applied. The error, for the caller to check
/// its kind.
pub async fn a_refused_write_is_an_ordinary_error<D: Send + 'static>(
    server: &FakeServer<D>,
    provider: &dyn Provider,
    (op, arguments): (OpId, Value),
) -> ProviderError {
    let from = server.state().requests().len();
    let error = call(provider, op, arguments).await.unwrap_err();
    assert!(
        !matches!(error, ProviderError::WriteUnconfirmed { .. }),
        "a refused write was not performed: {error:?}"
    );
    let applied: Vec<Seen> = writes_since(server, from)
        .into_iter()
        .filter(|seen| (200..300).contains(&seen.status))
        .collect();
    assert!(applied.is_empty(), "nothing was written: {applied:?}");
    error
}

/// A lookup the adapter makes before `op` (labels, people, the project) fails: the error as
/// it is, and nothing was sent to write.
pub async fn a_failed_lookup_before_the_write_is_not_unconfirmed<D: Send + 'static>(
    server: &FakeServer<D>,
    provider: &dyn Provider,
    write: (OpId, Value),
    failure: Scripted,
) -> ProviderError {
    let from = server.state().requests().len();
    server.state().knobs.fail_next(failure);
    let error = a_refused_write_is_an_ordinary_error(server, provider, write).await;
    assert!(
        writes_since(server, from).is_empty(),
        "the write was never sent"
    );
    error
}
