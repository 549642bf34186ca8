//! The write outcomes a provider declares, case by case, and the shared checks of
//! `write_outcome.rs` run on each, every case on a fresh fake: an accepted write answered
//! with something unreadable, a write whose next request fails, writes refused, and a lookup
//! before a write that fails. Whether the adapter's writes are followed by a request of
//! their own (a read back, a second step) or preceded by lookups is declared too; an adapter
//! that does neither is shown to send its writes alone.

use super::subject::Seed;
use super::suite::Suite;
use super::write_outcome::{
    self, a_failed_lookup_before_the_write_is_not_unconfirmed,
    a_refused_write_is_an_ordinary_error, an_unreadable_answer_leaves_the_write_unconfirmed,
};
use super::{Started, call};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use serde_json::Value;

/// A write: the operation and its arguments.
pub type Write = (OpId, Value);

/// What a caller is told of a provider's writes that go wrong.
pub struct WriteOutcomes {
    /// Writes the provider applies but answers with a body that cannot be read.
    pub unreadable: Vec<Unreadable>,
    /// What follows a write.
    pub after_the_write: AfterTheWrite,
    /// Writes refused, by the adapter before anything is sent or by the provider.
    pub refused: Vec<Refused>,
    /// What precedes a write.
    pub before_the_write: BeforeTheWrite,
}

/// A write answered 2xx with `answer` in place of the provider's body.
pub struct Unreadable {
    /// The write.
    pub write: Write,
    /// The body answered.
    pub answer: &'static str,
    /// The id the outcome names: from the body, the headers, or the input.
    pub names: Option<&'static str>,
}

/// What an adapter sends after a write has been applied.
pub enum AfterTheWrite {
    /// Nothing: every write is one request, answered with the written resource.
    Nothing,
    /// Requests of its own: these writes, whose next request fails.
    Requests(Vec<FailingAfter>),
}

/// A write whose next request (the read back, the write's second step) fails.
pub struct FailingAfter {
    /// The write.
    pub write: Write,
    /// The id the outcome names.
    pub names: &'static str,
    /// How the outcome's reason begins: which step failed.
    pub reason: &'static str,
}

/// A write that is refused.
pub struct Refused {
    /// The write.
    pub write: Write,
    /// The error it is refused with.
    pub error: Expected,
}

/// An error as a check expects it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Of this kind (its `code()`), whatever its message.
    Kind(&'static str),
    /// Exactly this one.
    Exactly(ProviderError),
}

impl Expected {
    /// Asserts that `error` is as expected.
    #[track_caller]
    pub fn assert(&self, error: &ProviderError, context: &Value) {
        match self {
            Self::Kind(code) => assert_eq!(error.code(), *code, "{context}: {error:?}"),
            Self::Exactly(expected) => assert_eq!(error, expected, "{context}"),
        }
    }
}

/// What an adapter asks the provider before it writes.
pub enum BeforeTheWrite {
    /// Nothing: it sends its writes alone.
    Nothing,
    /// A lookup (labels, people, the project), which is made to fail with `failure` before
    /// `write`, and the error it is answered with.
    Lookup {
        /// The write.
        write: Write,
        /// What the lookup is answered.
        failure: Scripted,
        /// The error the write is answered with.
        error: ProviderError,
    },
}

/// Every declared unreadable answer is `WriteUnconfirmed` naming its id, the write sent once.
pub async fn an_accepted_but_unreadable_answer_leaves_the_write_unconfirmed<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    assert!(
        !suite.write_outcomes.unreadable.is_empty(),
        "no case declared"
    );
    for case in &suite.write_outcomes.unreadable {
        let (server, provider) = suite.subject.seeded().await;
        let write = case.write.clone();
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider.as_ref(),
            write,
            case.answer,
            case.names,
        )
        .await;
    }
}

/// Every declared write whose next request fails is `WriteUnconfirmed`, naming its id and
/// the step that failed; an adapter that sends nothing after a write is untouched by a
/// failure set off after it, which only the next call meets.
pub async fn a_failure_after_the_write_leaves_it_unconfirmed<D: Seed, P>(suite: &Suite<D, P>) {
    let outcomes = &suite.write_outcomes;
    let cases = match &outcomes.after_the_write {
        AfterTheWrite::Requests(cases) => cases,
        AfterTheWrite::Nothing => {
            for case in &outcomes.unreadable {
                let (server, provider) = suite.subject.seeded().await;
                let failure = Scripted::status(503, "set off by the write");
                server.state().knobs.fail_after_next_write(failure);
                let (op, arguments) = case.write.clone();
                call(provider.as_ref(), op, arguments.clone())
                    .await
                    .unwrap_or_else(|error| panic!("{arguments}: {error:?}"));
                next_call_meets_the_failure::<D>(&(server, provider)).await;
            }
            return;
        }
    };
    assert!(!cases.is_empty(), "no case declared");
    for case in cases {
        let (server, provider) = suite.subject.seeded().await;
        let reason = write_outcome::a_failure_after_the_write_leaves_it_unconfirmed(
            &server,
            provider.as_ref(),
            case.write.clone(),
            case.names,
        )
        .await;
        assert!(reason.starts_with(case.reason), "{reason}");
    }
}

/// The failure a write set off is met by the next request.
async fn next_call_meets_the_failure<D: Seed>((_server, provider): &Started<D>) {
    let (op, arguments) = D::a_read();
    let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
    assert!(matches!(error, ProviderError::Unavailable(_)), "{error:?}");
}

/// Every declared refusal is an ordinary error, and nothing was written.
pub async fn a_refused_write_is_an_ordinary_error_and_nothing_is_written<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    assert!(!suite.write_outcomes.refused.is_empty(), "no case declared");
    for case in &suite.write_outcomes.refused {
        let (server, provider) = suite.subject.seeded().await;
        let write = case.write.clone();
        let error = a_refused_write_is_an_ordinary_error(&server, provider.as_ref(), write).await;
        case.error.assert(&error, &case.write.1);
    }
}

/// A lookup the adapter makes before a write fails: the error as it is, and nothing sent to
/// write; an adapter that looks nothing up sends nothing before its writes (and, unless it
/// declares requests after a write, nothing after them either).
pub async fn a_failed_lookup_before_the_write_is_an_ordinary_error<D: Seed, P>(
    suite: &Suite<D, P>,
) {
    let outcomes = &suite.write_outcomes;
    match &outcomes.before_the_write {
        BeforeTheWrite::Lookup {
            write,
            failure,
            error,
        } => {
            let (server, provider) = suite.subject.seeded().await;
            let answered = a_failed_lookup_before_the_write_is_not_unconfirmed(
                &server,
                provider.as_ref(),
                write.clone(),
                failure.clone(),
            )
            .await;
            assert_eq!(&answered, error);
        }
        BeforeTheWrite::Nothing => {
            for case in &outcomes.unreadable {
                let (server, provider) = suite.subject.seeded().await;
                let (op, arguments) = case.write.clone();
                call(provider.as_ref(), op, arguments.clone())
                    .await
                    .unwrap_or_else(|error| panic!("{arguments}: {error:?}"));
                let requests = server.state().requests();
                // Nothing before the write; after it, only what the adapter declares it
                // sends after a write (a read back).
                let reads_back = matches!(outcomes.after_the_write, AfterTheWrite::Requests(_));
                let alone = match requests.iter().position(|seen| seen.write) {
                    Some(0) => reads_back || requests.iter().all(|seen| seen.write),
                    Some(_) | None => false,
                };
                assert!(
                    alone,
                    "{arguments}: only writes were sent, and what follows one: {requests:?}"
                );
            }
        }
    }
}
