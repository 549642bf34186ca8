//! A running instance of a manifest plugin: one call is its operation's request rendered from
//! the input, sent, and the answer — or the refusal — mapped as the manifest says. It is the
//! gateway's [`Provider`] directly: the manifest's operations are data, not the kind SDK's
//! typed traits, so the one dispatch here is by operation id, and an operation the manifest
//! does not map is answered "not in this manifest".

use crate::client::Client;
use crate::compile::{Compiled, CompiledOp, Mapping, Paging};
use crate::paging::next_link_page;
use crate::refusal::{Refusal, refusal};
use mosaic_core::model::RunWaited;
use mosaic_core::{Health, OpId, Operation, Output, Provider, ProviderError, Quota, Support};
use mosaic_provider_kit::http::unconfirmed;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::SystemTime;

/// Why an operation of a served kind is not available.
pub(crate) const NOT_IN_MANIFEST: &str = "not in this manifest";

/// Whether the manifest serves `op`; `ci.runs.wait` wherever `ci.runs.get` is mapped (the
/// gateway waits by reading the run again).
pub(crate) fn support(manifest: &Compiled, op: OpId) -> Support {
    let mapped = match op {
        OpId::CiRunsWait => OpId::CiRunsGet,
        other => other,
    };
    if manifest.operation(mapped).is_some() {
        Support::Supported
    } else {
        Support::unsupported(NOT_IN_MANIFEST)
    }
}

/// A running instance.
pub(crate) struct ManifestInstance {
    pub(crate) manifest: Arc<Compiled>,
    pub(crate) client: Client,
}

impl ManifestInstance {
    /// Runs `operation` on `input` (the operation's arguments as JSON): the output as JSON.
    async fn run(&self, operation: &CompiledOp, input: &Value) -> Result<Value, ProviderError> {
        let page = operation
            .paging
            .as_ref()
            .map(|paging| paging.page_at(input))
            .transpose()?;
        let request = operation
            .request(&self.manifest.templates, input, page.as_ref())
            .map_err(|error| {
                ProviderError::Invalid(format!("the request cannot be made: {error}"))
            })?;
        let link_page = match &operation.paging {
            Some(Paging::LinkHeader { page, .. }) => Some(page.as_str()),
            _ => None,
        };
        let cursor_of =
            |headers: &HeaderMap| link_page.and_then(|name| next_link_page(headers, name));
        let answer = self.client.send(&request, &cursor_of).await?;
        let write = !operation.op.spec().is_read();
        if !answer.status.is_success() {
            let mapped = refusal(
                &self.manifest,
                Some(operation),
                input,
                answer.status,
                &answer.headers,
                &answer.body,
                SystemTime::now(),
            );
            return match (mapped, &operation.mapping) {
                (Refusal::Error(error), _) => Err(error),
                (Refusal::Empty, Mapping::Items(_)) => Ok(json!({"items": []})),
                (Refusal::Empty, Mapping::Output(_)) => Err(ProviderError::Protocol(format!(
                    "the provider answered HTTP {}, which the manifest maps to an empty answer, but `{}` answers one object",
                    answer.status,
                    operation.op.name()
                ))),
            };
        }
        let misread = |problem: String| {
            if write {
                unconfirmed(None, format!("its answer could not be read ({problem})"))
            } else {
                ProviderError::Protocol(problem)
            }
        };
        let body: Value = if answer.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&answer.body)
                .map_err(|error| misread(format!("the answer is not JSON: {error}")))?
        };
        let mut output = operation.map(&body, input, None).map_err(|error| {
            misread(format!(
                "the answer to `{}` does not map: {error}",
                operation.op.name()
            ))
        })?;
        if let (Some(paging), Some(page)) = (&operation.paging, &page) {
            let next = match paging {
                Paging::LinkHeader { .. } => answer.header_cursor.clone(),
                _ => {
                    let sent = output["items"].as_array().map_or(0, Vec::len);
                    paging.next_cursor(page, &answer.headers, &body, input, sent)?
                }
            };
            if let Some(next) = next {
                output["next_cursor"] = json!(next);
            }
        }
        Ok(output)
    }
}

#[async_trait::async_trait]
impl Provider for ManifestInstance {
    fn supports(&self, op: OpId) -> Support {
        support(&self.manifest, op)
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        let op = operation.op_id();
        let unsupported = || ProviderError::Unsupported {
            operation: op.name().to_owned(),
            reason: NOT_IN_MANIFEST.to_owned(),
        };
        let mut input = operation.arguments();
        let mapped = if op == OpId::CiRunsWait {
            // One look at the run: the gateway does the waiting (see `Instance::run_poll_interval`).
            input = json!({"repo": input["repo"], "run_id": input["run_id"]});
            OpId::CiRunsGet
        } else {
            op
        };
        let compiled = self.manifest.operation(mapped).ok_or_else(unsupported)?;
        let output = self.run(compiled, &input).await?;
        let write = !op.spec().is_read();
        let typed = |op: OpId, output: Value| {
            Output::from_json(op, output).map_err(|error| {
                let problem = format!(
                    "the mapped answer does not read as `{}`'s output: {error}",
                    op.name()
                );
                if write {
                    unconfirmed(None, problem)
                } else {
                    ProviderError::Protocol(problem)
                }
            })
        };
        if op == OpId::CiRunsWait {
            let Output::CiRunsGet(run) = typed(OpId::CiRunsGet, output)? else {
                return Err(ProviderError::Protocol(
                    "a run read as another output".into(),
                ));
            };
            return Ok(Output::CiRunsWait(RunWaited {
                finished: run.status.is_finished(),
                run,
                polls: 1,
                waited_ms: 0,
            }));
        }
        typed(op, output)
    }

    /// `GET` of the manifest's health path; without one, healthy without a probe.
    async fn health(&self) -> Health {
        let Some(path) = &self.manifest.health else {
            return Health::Healthy;
        };
        let request = crate::compile::Request {
            method: reqwest::Method::GET,
            path: path.clone(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        };
        let answer = match self.client.send(&request, &|_| None).await {
            Ok(answer) => answer,
            Err(error) => {
                return Health::Unhealthy {
                    reason: error.to_string(),
                };
            }
        };
        if answer.status.is_success() {
            return Health::Healthy;
        }
        let reason = match refusal(
            &self.manifest,
            None,
            &Value::Null,
            answer.status,
            &answer.headers,
            &answer.body,
            SystemTime::now(),
        ) {
            Refusal::Error(error) => error.to_string(),
            Refusal::Empty => format!("the health check answered HTTP {}", answer.status),
        };
        Health::Unhealthy { reason }
    }

    fn quota(&self) -> Option<Quota> {
        self.client.quota()
    }
}
