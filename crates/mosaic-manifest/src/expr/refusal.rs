//! How a run that gave no output ended: a failure, or a refusal the program made on purpose
//! with `error({refusal: KIND, message: TEXT})`, or a `halt`, which jaq would otherwise answer
//! by ending the process.

use super::{ExpressionError, from_val};
use crate::format::ErrorKind;
use jaq_json::Val;

/// Why a run gave no output: the program failed, or it refused the call on purpose.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// It failed (a type error, `error("…")`, too many outputs).
    #[error("{0}")]
    Failed(ExpressionError),
    /// It refused the call: `error({refusal: "conflict", message: "…"})`.
    #[error("{}: {message}", kind_name(*kind))]
    Refused {
        /// The error it is.
        kind: ErrorKind,
        /// What it says.
        message: String,
    },
}

impl From<ExpressionError> for RunError {
    fn from(error: ExpressionError) -> Self {
        Self::Failed(error)
    }
}

/// The name a refusal gives its kind, as error rules write it.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "not_found",
        ErrorKind::Forbidden => "forbidden",
        ErrorKind::Unauthenticated => "unauthenticated",
        ErrorKind::Conflict => "conflict",
        ErrorKind::InvalidInput => "invalid_input",
        ErrorKind::RateLimited => "rate_limited",
        ErrorKind::Unavailable => "unavailable",
        ErrorKind::Empty => "empty",
    }
}

/// The refusal an error value stands for: an object whose `refusal` names a kind.
fn refusal_of(value: &serde_json::Value) -> Option<Result<RunError, ExpressionError>> {
    let kind = value.get("refusal")?;
    let message = value
        .get("message")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned();
    Some(
        serde_json::from_value::<ErrorKind>(kind.clone())
            .map(|kind| RunError::Refused { kind, message })
            .map_err(|_| {
                ExpressionError(format!(
                    "the program refused the call with an unknown kind {kind} (one of not_found, forbidden, unauthenticated, conflict, invalid_input, rate_limited, unavailable, empty)"
                ))
            }),
    )
}

/// What an exception of a run means: a refusal, a failure, or a halt (which jaq would
/// otherwise answer by ending the process).
pub(super) fn failure(exception: jaq_core::Exn<'_, Val>) -> RunError {
    let error = match exception.get_err() {
        Ok(error) => error,
        Err(_) => return ExpressionError("the program called `halt`".into()).into(),
    };
    let value = error.into_val();
    if let Ok(json) = from_val(&value)
        && let Some(refusal) = refusal_of(&json)
    {
        return refusal.unwrap_or_else(RunError::Failed);
    }
    let text = match &value {
        Val::TStr(bytes) | Val::BStr(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        other => other.to_string(),
    };
    ExpressionError(format!("the program failed: {text}")).into()
}
