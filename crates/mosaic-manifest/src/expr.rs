//! The response mappings: jq programs (jaq), parsed and compiled when the manifest loads and
//! run on each answer. A program reads the answer as `.`, the operation's input as `$input`,
//! what the operation's lookups found as `$lookups` (`null` where there are none) and the
//! instance's base URL as `$base_url` (for providers whose answers carry no links); it
//! cannot load modules (the loader has no file access) and sees no environment (`$ENV` is not
//! defined, nor `env`). Besides jq's standard library it has `is_utf8`, which says whether a
//! string (a decoded file, say) is valid UTF-8 text. `halt` and `halt_error` end the program
//! with an error, never the process.
//!
//! A program refuses the call with `error({refusal: KIND, message: TEXT})`, `KIND` one of the
//! error kinds of a manifest's error rules (`not_found`, `conflict`, `empty`, …): the call
//! answers that typed error ([`RunError::Refused`]) rather than a mapping failure
//! (`refusal.rs`).
//!
//! What a run may do is bounded, so that no answer makes a mapping hang, and the program's
//! own code cannot nest the stack away:
//! - its steps, by fuel ([`STEPS`], `fuel.rs`): `until(false; .)` or `last(range(1e12))`
//!   ends in an error;
//! - how deep it nests: a program's own definitions may not recurse (`program.rs`; refused
//!   when the manifest loads), so only jq's builtins nest, and they follow the data
//!   (`walk`, `paths`) or loop without nesting (`repeat`, `until`: jaq runs tail calls in
//!   constant stack);
//! - what it yields: at most [`MAX_OUTPUTS`] outputs of at most [`MAX_OUTPUT_BYTES`] in all.
//!
//! Not bounded: the memory one step allocates (`"x" * 1e9`), and the depth of values a
//! program nests itself (`reduce .[] as $x (null; [.])` over a long answer), whose drop
//! recurses as deep as they are.
//!
//! - `prelude.rs`: jq's standard definitions, parsed once, pruned to what a program calls.
//! - `compiled.rs`: each program text compiled once per process.
//! - `natives.rs`: the filters implemented in Rust.

mod compiled;
mod fuel;
mod natives;
mod prelude;
mod program;
mod refusal;

pub(crate) use compiled::forget_all;
pub use fuel::STEPS;
pub use refusal::RunError;

use fuel::{Metered, run_with_fuel};
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Native, Vars, compile};
use jaq_json::Val;
use std::sync::Arc;

/// The most outputs one run may yield: far more items than any page holds.
pub const MAX_OUTPUTS: usize = 10_000;

/// The most JSON one run may yield, all outputs together: far more than any page maps to.
pub const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// A compiled program.
#[derive(Clone)]
pub struct Expression {
    filter: Arc<compile::Filter<Native<Metered>>>,
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

impl Expression {
    /// Parses, checks and compiles `code`, or gives back what compiling the same text gave
    /// before (`compiled.rs`).
    pub fn compile(code: &str) -> Result<Self, ExpressionError> {
        compiled::get_or_compile(code, Self::compile_anew)
    }

    /// Parses, checks and compiles `code`.
    fn compile_anew(code: &str) -> Result<Self, ExpressionError> {
        // The program read on its own, to know what it calls; one that does not read
        // (a syntax error, an `import`) gets the whole library, and the loader says why.
        let parsed = jaq_core::load::parse(code, |parser| parser.term());
        let defs = match &parsed {
            Some(term) => {
                if let Some(name) = program::recursive_definition(term) {
                    return Err(ExpressionError(format!(
                        "the definition `{name}` calls itself (directly or through other definitions): a mapping may not recurse, as it could nest without end; use jq's builtins (`recurse`, `walk`, `paths`, `reduce`, `until`)"
                    )));
                }
                prelude::for_calls(program::calls(term))
            }
            None => prelude::all(),
        };
        let arena = Arena::default();
        let program = File { code, path: () };
        let modules = Loader::new(defs)
            .load(&arena, program)
            .map_err(|errors| ExpressionError(load_errors(code, errors)))?;
        let filter = Compiler::default()
            .with_funs(natives::natives())
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
        let vars = [to_val(scope.input)?, to_val(scope.lookups)?, base_url];
        run_with_fuel(&self.filter.lut, STEPS, |meter| {
            let ctx = Ctx::<Metered>::new(meter, Vars::new(vars));
            let mut outputs = Vec::new();
            let mut bytes = 0;
            for output in self.filter.id.run((ctx, answer)) {
                if outputs.len() == MAX_OUTPUTS {
                    return Err(ExpressionError(format!(
                        "the program gave more than {MAX_OUTPUTS} outputs"
                    ))
                    .into());
                }
                let value = output.map_err(refusal::failure)?;
                let text = value.to_string();
                bytes += text.len();
                if bytes > MAX_OUTPUT_BYTES {
                    return Err(ExpressionError(format!(
                        "the program gave more than {MAX_OUTPUT_BYTES} bytes of JSON"
                    ))
                    .into());
                }
                outputs.push(from_text(&text)?);
            }
            Ok(outputs)
        })
        .unwrap_or_else(|fuel::OutOfFuel| {
            Err(ExpressionError(format!(
                "the program ran out of fuel (it may take at most {STEPS} steps per answer)"
            ))
            .into())
        })
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

fn to_val(value: &serde_json::Value) -> Result<Val, ExpressionError> {
    serde::Deserialize::deserialize(value)
        .map_err(|error: serde_json::Error| ExpressionError(format!("cannot read JSON: {error}")))
}

fn from_val(value: &Val) -> Result<serde_json::Value, ExpressionError> {
    from_text(&value.to_string())
}

fn from_text(text: &str) -> Result<serde_json::Value, ExpressionError> {
    serde_json::from_str(text)
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
