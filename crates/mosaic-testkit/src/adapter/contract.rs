//! Contract checks: an adapter against Prism serving the provider's own API description.
//! Every operation is called with valid input; Prism refuses a request that breaks the
//! description (422 and the like, which the adapter reports as `invalid_input`), and the
//! documented example answer must parse into the unified model (else `bad_upstream_answer`).

use super::call;
use mosaic_core::{OpId, Provider};
use serde_json::Value;

/// What a call against the description must answer.
pub enum Expect {
    /// The documented answer, as the unified model.
    Ok,
    /// The documented answer, understood as this error (a directory where a file was asked
    /// for): the error's code and a word of its message.
    Error(&'static str, &'static str),
}

/// Calls every `(operation, arguments, expectation)` and describes every call that answered
/// otherwise.
pub async fn drive(provider: &dyn Provider, calls: &[(OpId, Value, Expect)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (op, arguments, expect) in calls {
        let outcome = call(provider, *op, arguments.clone()).await;
        let problem = match (expect, &outcome) {
            (Expect::Ok, Ok(_)) => continue,
            (Expect::Error(code, word), Err(error))
                if error.code() == *code && error.to_string().contains(word) =>
            {
                continue;
            }
            (Expect::Ok, Err(error)) => format!("{} ({error})", error.code()),
            (Expect::Error(code, word), Err(error)) => {
                format!(
                    "expected {code} mentioning `{word}`, got {} ({error})",
                    error.code()
                )
            }
            (Expect::Error(code, _), Ok(output)) => format!("expected {code}, got {output}"),
        };
        failures.push(format!("{} {arguments}: {problem}", op.name()));
    }
    failures
}

/// Every `git.*` operation of the catalog must be among `calls`.
pub fn assert_covers_every_git_operation(calls: &[(OpId, Value, Expect)]) {
    for op in OpId::ALL.iter().filter(|op| op.name().starts_with("git.")) {
        assert!(
            calls.iter().any(|(called, _, _)| called == op),
            "{} is not driven against the description",
            op.name()
        );
    }
}
