//! Running every example of a manifest through its operation before the manifest is accepted:
//! the input must be a valid call of the operation, its lookups must map their own sample
//! answers, the request (and a write's read back) must render, and the mapped answer must fit the catalog's output schema (the one MCP tools publish as `outputSchema`)
//! and read back as the operation's typed output.

use super::operation::{Mapping, is_list};
use super::{Compiled, CompiledOp, context_of};
use crate::errors::Problems;
use crate::expr::Scope;
use crate::format::OperationManifest;
use mosaic_core::{OpId, Operation, Output};
use reqwest::header::HeaderMap;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The output schema validator of every catalog operation, compiled once.
fn validator(op: OpId) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<Vec<jsonschema::Validator>> = OnceLock::new();
    &VALIDATORS.get_or_init(|| {
        OpId::ALL
            .iter()
            .map(|op| {
                jsonschema::validator_for(op.output_schema().as_value())
                    .expect("the catalog's output schemas compile")
            })
            .collect()
    })[op as usize]
}

/// Checks the examples of every compiled operation of `compiled`.
pub(super) fn check(
    compiled: &Compiled,
    written: &BTreeMap<String, OperationManifest>,
    problems: &mut Problems,
) {
    let mut mapped = MappedLookups::default();
    for (op, operation) in &compiled.operations {
        let base = format!("operations.\"{}\"", op.name());
        let Some(manifest) = written.get(op.name()) else {
            continue;
        };
        let mapped_at = match operation.mapping {
            Mapping::Items(_) => format!("{base}.response.items"),
            Mapping::Output(_) => format!("{base}.response.output"),
        };
        for (index, example) in manifest.examples.iter().enumerate() {
            let at = format!("{base}.examples[{index}]");
            let call = match Operation::parse(*op, example.input.clone()) {
                Ok(call) => call,
                Err(error) => {
                    problems.push(
                        format!("{at}.input"),
                        format!("not a valid input of `{}`: {error}", op.name()),
                    );
                    continue;
                }
            };
            let input = call.arguments();
            let page = match operation
                .paging
                .as_ref()
                .map(|paging| paging.page_at(&input))
            {
                Some(Ok(page)) => Some(page),
                Some(Err(error)) => {
                    problems.push(format!("{at}.input"), error.to_string());
                    continue;
                }
                None => None,
            };
            let Some(lookups) = lookups_of(
                compiled,
                operation,
                manifest,
                &input,
                index,
                &mut mapped,
                problems,
            ) else {
                continue;
            };
            let rendered = operation.request(&compiled.templates, &input, &lookups, page.as_ref());
            if let Err(error) = rendered {
                problems.push(
                    format!("{base}.request"),
                    format!("example {index}: {error}"),
                );
                continue;
            }
            if let Some(Err(error)) = operation.read_back(&compiled.templates, &input, &lookups) {
                problems.push(
                    format!("{base}.read_back"),
                    format!("example {index}: {error}"),
                );
                continue;
            }
            let next = match (&operation.paging, &page) {
                (Some(paging), Some(page)) if is_list(*op) => {
                    match paging.next_cursor(page, &HeaderMap::new(), &example.answer, &input, 0) {
                        Ok(next) => next,
                        Err(error) => {
                            problems.push(
                                format!("{base}.pagination"),
                                format!("example {index}: {error}"),
                            );
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let scope = Scope {
                input: &input,
                lookups: &lookups,
                base_url: example_base_url(compiled),
            };
            let output = match operation.map(&example.answer, &scope, next) {
                Ok(output) => output,
                Err(error) => {
                    problems.push(mapped_at.clone(), format!("example {index}: {error}"));
                    continue;
                }
            };
            let mut fits = true;
            for error in validator(*op).iter_errors(&output) {
                fits = false;
                let location = error.instance_path().to_string();
                let location = if location.is_empty() {
                    "/".to_owned()
                } else {
                    location
                };
                problems.push(
                    mapped_at.clone(),
                    format!("example {index}: the output at `{location}` does not fit the output schema of `{}`: {error}", op.name()),
                );
            }
            if fits && let Err(error) = Output::from_json(*op, output) {
                problems.push(
                    mapped_at.clone(),
                    format!(
                        "example {index}: the output does not read as `{}`'s: {error}",
                        op.name()
                    ),
                );
            }
        }
    }
}

/// What the lookups of `operation` find for the input of example `index`, each from its own
/// sample answer; `None` when one of them has a problem (reported).
fn lookups_of(
    compiled: &Compiled,
    operation: &CompiledOp,
    manifest: &OperationManifest,
    input: &Value,
    index: usize,
    mapped: &mut MappedLookups,
    problems: &mut Problems,
) -> Option<Value> {
    let mut found = Map::new();
    for (lookup, written) in operation.lookups.iter().zip(&manifest.lookups) {
        let applies = match lookup.applies(input) {
            Ok(applies) => applies,
            Err(error) => {
                problems.push(
                    format!("{}.when", lookup.at),
                    format!("example {index}: {error}"),
                );
                return None;
            }
        };
        if !applies {
            found.insert(lookup.name.clone(), Value::Null);
            continue;
        }
        let earlier = Value::Object(found.clone());
        let context = context_of(input, &earlier, None);
        if let Some(Err(error)) = lookup.request(&compiled.templates, &context) {
            problems.push(
                format!("{}.request", lookup.at),
                format!("example {index}: {error}"),
            );
            return None;
        }
        let answer = written.example.clone().unwrap_or(Value::Null);
        let scope = Scope {
            input,
            lookups: &earlier,
            base_url: example_base_url(compiled),
        };
        let value = mapped.get_or_map(&written.output, &answer, &scope, || {
            lookup
                .value(&answer, &scope)
                .map_err(|error| error.to_string())
        });
        match value {
            Ok(value) => {
                found.insert(lookup.name.clone(), value);
            }
            Err(error) => {
                problems.push(
                    format!("{}.output", lookup.at),
                    format!("example {index}: {error}"),
                );
                return None;
            }
        }
    }
    Some(Value::Object(found))
}

/// What the lookups' programs made of their sample answers, so that a lookup several
/// operations share (a YAML anchor) is mapped once for all their examples, not once each: the
/// same program on the same answer, with the same values of whatever of `$input`,
/// `$lookups` and `$base_url` its text names, gives the same value.
#[derive(Default)]
struct MappedLookups {
    values: HashMap<String, Result<Value, String>>,
}

impl MappedLookups {
    fn get_or_map(
        &mut self,
        program: &str,
        answer: &Value,
        scope: &Scope<'_>,
        map: impl FnOnce() -> Result<Value, String>,
    ) -> Result<Value, String> {
        // A program that does not name a variable cannot read it (names are not built at run
        // time), so the key leaves out the ones its text does not name.
        let named = |variable: &str| program.contains(variable);
        let key = serde_json::json!([
            program,
            answer,
            named("$input").then_some(scope.input),
            named("$lookups").then_some(scope.lookups),
            named("$base_url").then_some(scope.base_url),
        ])
        .to_string();
        self.values.entry(key).or_insert_with(map).clone()
    }
}

/// The base URL examples are mapped with: the manifest's default, or a placeholder.
fn example_base_url(compiled: &Compiled) -> &str {
    compiled
        .default_base_url
        .as_ref()
        .map_or(EXAMPLE_BASE_URL, |url| url.as_str().trim_end_matches('/'))
}

/// The base URL of examples when a manifest names no default (a reserved domain).
pub(crate) const EXAMPLE_BASE_URL: &str = "https://provider.example";
