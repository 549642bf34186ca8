//! The response mappings: jq programs (jaq), parsed and compiled when the manifest loads and
//! run on each answer. A program reads the answer as `.`, the operation's input as `$input`,
//! what the operation's lookups found as `$lookups` (`null` where there are none) and the
//! instance's base URL as `$base_url` (for providers whose answers carry no links); it
//! cannot load modules (the loader has no file access) and sees no environment (`$ENV` is not
//! defined). Besides jq's standard library it has `is_utf8`, which says whether a string (a
//! decoded file, say) is valid UTF-8 text. `halt` and `halt_error` end the program with an
//! error, never the process.
//!
//! A program refuses the call with `error({refusal: KIND, message: TEXT})`, `KIND` one of the
//! error kinds of a manifest's error rules (`not_found`, `conflict`, `empty`, …): the call
//! answers that typed error ([`RunError::Refused`]) rather than a mapping failure.
//!
//! jq has no fuel counter: a program bounds its own work by what it is written to do, and the
//! manifest's examples run every mapping once before the manifest is accepted. What it yields
//! is bounded ([`MAX_OUTPUTS`]), so an endless stream (`repeat(.)`) ends in an error rather
//! than in memory exhaustion.

use crate::format::ErrorKind;
use jaq_core::data::JustLut;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::native::{Fun, bome, run, v};
use jaq_core::{Compiler, Ctx, Native, Vars, compile};
use jaq_json::Val;
use std::sync::Arc;

type Data = JustLut<Val>;

/// The most outputs one run may yield: far more items than any page holds.
pub const MAX_OUTPUTS: usize = 10_000;

/// A compiled program.
#[derive(Clone)]
pub struct Expression {
    filter: Arc<compile::Filter<Native<Data>>>,
}

impl std::fmt::Debug for Expression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Expression")
    }
}

/// A program that would not parse, compile or run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ExpressionError(pub String);

/// What a program sees besides the answer.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// The operation's input, `$input`.
    pub input: &'a serde_json::Value,
    /// What its lookups found, `$lookups`.
    pub lookups: &'a serde_json::Value,
    /// The instance's base URL without a trailing `/`, `$base_url`.
    pub base_url: &'a str,
}

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

/// The natives of this module, beside jq's: `is_utf8`, whether the input is a string of
/// valid UTF-8.
fn own_funs<D: for<'a> jaq_core::DataT<V<'a> = Val>>() -> impl Iterator<Item = Fun<D>> {
    let is_utf8: jaq_core::native::Filter<jaq_core::RunPtr<D>> = ("is_utf8", v(0), |cv| {
        let valid = match &cv.1 {
            Val::TStr(bytes) | Val::BStr(bytes) => std::str::from_utf8(bytes).is_ok(),
            _ => false,
        };
        bome(Ok(Val::from(valid)))
    });
    std::iter::once(run::<D>(is_utf8))
}

impl Expression {
    /// Parses and compiles `code`.
    pub fn compile(code: &str) -> Result<Self, ExpressionError> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs::<Data>()
            .chain(jaq_std::funs::<Data>())
            .chain(jaq_json::funs::<Data>())
            .chain(own_funs::<Data>());
        let arena = Arena::default();
        let program = File { code, path: () };
        let modules = Loader::new(defs)
            .load(&arena, program)
            .map_err(|errors| ExpressionError(load_errors(code, errors)))?;
        let filter = Compiler::default()
            .with_funs(funs)
            .with_global_vars(["$input", "$lookups", "$base_url"])
            .compile(modules)
            .map_err(|errors| {
                let names: Vec<String> = errors
                    .into_iter()
                    .flat_map(|(_, undefined)| undefined)
                    .map(|(name, kind)| format!("{} `{name}` is not defined", kind.as_str()))
                    .collect();
                ExpressionError(names.join("; "))
            })?;
        Ok(Self {
            filter: Arc::new(filter),
        })
    }

    /// Every output of the program on `answer`, with `input` as `$input`, no lookups and no
    /// base URL.
    pub fn run(
        &self,
        answer: &serde_json::Value,
        input: &serde_json::Value,
    ) -> Result<Vec<serde_json::Value>, RunError> {
        let scope = Scope {
            input,
            lookups: &serde_json::Value::Null,
            base_url: "",
        };
        self.run_with(answer, &scope)
    }

    /// Every output of the program on `answer` in `scope`.
    pub fn run_with(
        &self,
        answer: &serde_json::Value,
        scope: &Scope<'_>,
    ) -> Result<Vec<serde_json::Value>, RunError> {
        let answer = to_val(answer)?;
        let base_url = Val::from(scope.base_url.to_owned());
        let vars = Vars::new([to_val(scope.input)?, to_val(scope.lookups)?, base_url]);
        let ctx = Ctx::<Data>::new(&self.filter.lut, vars);
        let mut outputs = Vec::new();
        for output in self.filter.id.run((ctx, answer)) {
            if outputs.len() == MAX_OUTPUTS {
                return Err(ExpressionError(format!(
                    "the program gave more than {MAX_OUTPUTS} outputs"
                ))
                .into());
            }
            let value = match output {
                Ok(value) => value,
                Err(exception) => return Err(failure(exception)),
            };
            outputs.push(from_val(&value)?);
        }
        Ok(outputs)
    }

    /// The program's one output on `answer`; none or several is an error.
    pub fn run_one(
        &self,
        answer: &serde_json::Value,
        input: &serde_json::Value,
    ) -> Result<serde_json::Value, RunError> {
        let scope = Scope {
            input,
            lookups: &serde_json::Value::Null,
            base_url: "",
        };
        self.run_one_with(answer, &scope)
    }

    /// The program's one output on `answer` in `scope`; none or several is an error.
    pub fn run_one_with(
        &self,
        answer: &serde_json::Value,
        scope: &Scope<'_>,
    ) -> Result<serde_json::Value, RunError> {
        let mut outputs = self.run_with(answer, scope)?;
        match outputs.len() {
            1 => Ok(outputs.remove(0)),
            count => Err(ExpressionError(format!(
                "the program gave {count} outputs where one was expected"
            ))
            .into()),
        }
    }
}

/// What an exception of a run means: a refusal, a failure, or a halt (which jaq would
/// otherwise answer by ending the process).
fn failure(exception: jaq_core::Exn<'_, Val>) -> RunError {
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

fn to_val(value: &serde_json::Value) -> Result<Val, ExpressionError> {
    serde::Deserialize::deserialize(value)
        .map_err(|error: serde_json::Error| ExpressionError(format!("cannot read JSON: {error}")))
}

fn from_val(value: &Val) -> Result<serde_json::Value, ExpressionError> {
    serde_json::from_str(&value.to_string())
        .map_err(|error| ExpressionError(format!("the program gave no JSON value: {error}")))
}

/// Lex and parse errors as text, each at its column in the program.
fn load_errors(code: &str, errors: jaq_core::load::Errors<&str, ()>) -> String {
    let column = |rest: &str| code.len().saturating_sub(rest.len()) + 1;
    let mut found = Vec::new();
    for (_, error) in errors {
        match error {
            jaq_core::load::Error::Io(io) => found.extend(
                io.into_iter()
                    .map(|(path, why)| format!("cannot import `{path}`: {why}")),
            ),
            jaq_core::load::Error::Lex(lex) => {
                found.extend(lex.into_iter().map(|(expected, at)| {
                    format!("expected {} at column {}", expected.as_str(), column(at))
                }))
            }
            jaq_core::load::Error::Parse(parse) => {
                found.extend(parse.into_iter().map(|(expected, at)| {
                    format!("expected {} at column {}", expected.as_str(), column(at))
                }))
            }
        }
    }
    format!("the program does not parse: {}", found.join("; "))
}

#[cfg(test)]
#[path = "expr_tests.rs"]
mod tests;
