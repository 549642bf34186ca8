//! One operation exercised: parse the arguments, call the provider with panics caught, and
//! check the answer against what the operation promises.

use super::inputs::{Args, args};
use super::{Check, Suite};
use crate::schema;
use mosaic_core::{OpId, Operation, Output, Provider, ProviderError, Support};
use serde_json::Value;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

/// How many schema problems one failure lists before summarizing the rest.
const SHOWN_PROBLEMS: usize = 5;

/// A call that answered, or the message of the panic it raised instead.
pub(super) type Guarded = Result<Result<Output, ProviderError>, String>;

/// Calls the provider, turning a panic into an `Err` with its message.
pub(super) async fn call(provider: &dyn Provider, operation: &Operation) -> Guarded {
    CatchPanic(provider.call(operation)).await
}

/// Polls a boxed future and catches a panic raised while polling it.
struct CatchPanic<F>(F);

impl<F: Future + Unpin> Future for CatchPanic<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".into());
                Poll::Ready(Err(message))
            }
        }
    }
}

impl Suite<'_> {
    /// Parses arguments the suite built; a failure means the fixture holds malformed values.
    pub(super) fn parse(&mut self, op: OpId, arguments: Value) -> Option<Operation> {
        self.report.checks += 1;
        match Operation::parse(op, arguments.clone()) {
            Ok(operation) => Some(operation),
            Err(error) => {
                self.report.fail(
                    op,
                    Check::Fixture,
                    format!(
                        "the fixture gave arguments the catalog refuses ({arguments}): {error}"
                    ),
                );
                None
            }
        }
    }

    /// Exercises `op` with arguments from the fixture and returns the output as JSON when
    /// the operation is supported and answered.
    pub(super) async fn exercise(&mut self, op: OpId) -> Option<Value> {
        let Args {
            value,
            mut missing,
            conflict_ok,
        } = args(op, self.fixture, &self.created);
        let operation = self.parse(op, value)?;
        if let Support::Unsupported { .. } = self.provider.supports(op) {
            self.report.unsupported.push(op);
            self.expect_unsupported(op, &operation).await;
            return None;
        }
        self.report.supported.push(op);
        self.report.checks += 1;
        if !missing.is_empty() {
            missing.sort_unstable();
            missing.dedup();
            self.report.fail(
                op,
                Check::Fixture,
                format!("supported, but the fixture lacks {}", missing.join(", ")),
            );
            return None;
        }
        match call(self.provider, &operation).await {
            Ok(Ok(output)) => self.verify(op, &output),
            Ok(Err(ProviderError::Conflict(_))) if conflict_ok => None,
            Ok(Err(error)) => {
                self.report.fail(
                    op,
                    Check::Answer,
                    format!(
                        "valid input {} answered {}: {error}",
                        operation.arguments(),
                        error.code()
                    ),
                );
                None
            }
            Err(panic) => {
                self.report
                    .fail(op, Check::Answer, format!("the provider panicked: {panic}"));
                None
            }
        }
    }

    async fn expect_unsupported(&mut self, op: OpId, operation: &Operation) {
        self.report.checks += 1;
        let problem = match call(self.provider, operation).await {
            Ok(Err(ProviderError::Unsupported {
                operation: named, ..
            })) if named == op.name() => return,
            Ok(Err(ProviderError::Unsupported {
                operation: named, ..
            })) => {
                format!(
                    "answered Unsupported naming `{named}` instead of `{}`",
                    op.name()
                )
            }
            Ok(Err(error)) => format!(
                "declared unsupported, but answered {}: {error}",
                error.code()
            ),
            Ok(Ok(_)) => "declared unsupported, but answered Ok".into(),
            Err(panic) => format!("the provider panicked: {panic}"),
        };
        self.report.fail(op, Check::Unsupported, problem);
    }

    /// Checks an answer: the operation it belongs to, the JSON round trip and the schema.
    pub(super) fn verify(&mut self, op: OpId, output: &Output) -> Option<Value> {
        self.report.checks += 3;
        if output.op_id() != op {
            self.report.fail(
                op,
                Check::OutputKind,
                format!("answered an output of {}", output.op_id().name()),
            );
            return None;
        }
        let json = output.to_json();
        match Output::from_json(op, json.clone()) {
            Ok(back) if back == *output => {}
            Ok(_) => self.report.fail(
                op,
                Check::RoundTrip,
                "the output changed in a JSON round trip",
            ),
            Err(error) => self.report.fail(
                op,
                Check::RoundTrip,
                format!("the output's JSON does not read back: {error}"),
            ),
        }
        let problems = schema::validate(op.output_schema().as_value(), &json);
        if !problems.is_empty() {
            let mut shown: Vec<String> = problems.iter().take(SHOWN_PROBLEMS).cloned().collect();
            if problems.len() > SHOWN_PROBLEMS {
                shown.push(format!("and {} more", problems.len() - SHOWN_PROBLEMS));
            }
            self.report.fail(op, Check::Schema, shown.join("; "));
        }
        Some(json)
    }
}
