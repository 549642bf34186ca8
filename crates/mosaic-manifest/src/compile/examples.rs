//! Running every example of a manifest through its operation before the manifest is accepted:
//! the input must be a valid call of the operation, the request must render, and the mapped
//! answer must fit the catalog's output schema (the one MCP tools publish as `outputSchema`)
//! and read back as the operation's typed output.

use super::Compiled;
use super::operation::{Mapping, is_list};
use crate::errors::Problems;
use crate::format::OperationManifest;
use mosaic_core::{OpId, Operation, Output};
use reqwest::header::HeaderMap;
use std::collections::BTreeMap;
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
            if let Err(error) = operation.request(&compiled.templates, &input, page.as_ref()) {
                problems.push(
                    format!("{base}.request"),
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
            let output = match operation.map(&example.answer, &input, next) {
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
