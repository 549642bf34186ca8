//! An operation's lookups: GETs sent before its request, each answer mapped to one value the
//! request's templates read as `lookups.NAME` and the expressions as `$lookups.NAME` — the id
//! of a status a category names, the keys of the projects an answer refers to by id. Each
//! lookup is sent only when its `when` holds on the input, and sees the lookups before it; a
//! lookup without a request only computes a value from those.

use super::operation::expression;
use super::request::{self, Request, RequestParts};
use crate::errors::Problems;
use crate::expr::{Expression, RunError, Scope};
use crate::format::Lookup;
use crate::template::{TemplateError, Templates, TemplatesBuilder};
use reqwest::Method;
use serde_json::Value;

/// A lookup ready to run.
#[derive(Debug)]
pub(crate) struct CompiledLookup {
    pub(crate) name: String,
    when: Option<Expression>,
    /// None for a lookup that only computes.
    request: Option<RequestParts>,
    output: Expression,
    /// Where it is written (`operations."pm.issues.search".lookups[0]`), for problems.
    pub(crate) at: String,
}

/// Compiles the lookups of the operation at `base`; those with a problem are left out (the
/// problem is reported, so the operation does not compile).
pub(crate) fn compile_all(
    lookups: &[Lookup],
    base: &str,
    templates: &mut TemplatesBuilder,
    problems: &mut Problems,
) -> Vec<CompiledLookup> {
    let mut compiled: Vec<CompiledLookup> = Vec::new();
    for (index, lookup) in lookups.iter().enumerate() {
        let at = format!("{base}.lookups[{index}]");
        let well_named = lookup
            .name
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic())
            && lookup
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_named {
            problems.push(
                format!("{at}.name"),
                format!(
                    "`{}` must be letters, digits and `_`, starting with a letter",
                    lookup.name
                ),
            );
        }
        if lookups[..index]
            .iter()
            .any(|other| other.name == lookup.name)
        {
            problems.push(
                format!("{at}.name"),
                format!("`{}` names an earlier lookup too", lookup.name),
            );
        }
        let request = lookup.request.as_ref().map(|written| {
            let method =
                request::method_of(&written.method, &format!("{at}.request.method"), problems);
            if method.as_ref().is_some_and(|method| *method != Method::GET) {
                problems.push(
                    format!("{at}.request.method"),
                    "a lookup is a GET: it is sent before the operation and changes nothing",
                );
            }
            RequestParts::compile(
                written,
                Method::GET,
                &format!("{at}.request"),
                templates,
                problems,
            )
        });
        match (&lookup.request, &lookup.example) {
            (Some(_), None) => problems.push(
                format!("{at}.example"),
                "a lookup that sends a request needs a sample answer of it",
            ),
            (None, Some(_)) => problems.push(
                format!("{at}.example"),
                "a lookup without a request computes its value: it has no answer to sample",
            ),
            _ => {}
        }
        let when = lookup
            .when
            .as_deref()
            .and_then(|code| expression(code, &format!("{at}.when"), problems));
        let output = expression(&lookup.output, &format!("{at}.output"), problems);
        if let Some(output) = output {
            compiled.push(CompiledLookup {
                name: lookup.name.clone(),
                when,
                request,
                output,
                at,
            });
        }
    }
    compiled
}

impl CompiledLookup {
    /// Whether it is sent for `input`: its `when` gives `true`, or it has none.
    pub(crate) fn applies(&self, input: &Value) -> Result<bool, RunError> {
        match &self.when {
            Some(when) => Ok(when.run_one(input, input)? == Value::Bool(true)),
            None => Ok(true),
        }
    }

    /// Its request, over `context` (the input and the earlier lookups); `None` for a lookup
    /// that only computes.
    pub(crate) fn request(
        &self,
        templates: &Templates,
        context: &Value,
    ) -> Option<Result<Request, TemplateError>> {
        self.request
            .as_ref()
            .map(|request| request.render(templates, context))
    }

    /// Its value: the output of its mapping on `answer`, the earlier lookups in `scope`.
    pub(crate) fn value(&self, answer: &Value, scope: &Scope<'_>) -> Result<Value, RunError> {
        self.output.run_one_with(answer, scope)
    }
}
