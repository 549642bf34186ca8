//! A running instance of a manifest plugin: one call is its operation's request rendered from
//! the input, sent, and the answer — or the refusal — mapped as the manifest says. It is the
//! gateway's [`Provider`] directly: the manifest's operations are data, not the kind SDK's
//! typed traits, so the one dispatch here is by operation id, and an operation the manifest
//! does not map is answered "not in this manifest".

use crate::client::Client;
use crate::compile::{Compiled, CompiledOp, Mapping, Paging, context_of};
use crate::expr::{RunError, Scope};
use crate::format::ErrorKind;
use crate::paging::next_link_page;
use crate::refusal::{Refusal, Refused, error_of_kind, refusal, refusal_of};
use mosaic_core::model::RunWaited;
use mosaic_core::{Health, OpId, Operation, Output, Provider, ProviderError, Quota, Support};
use mosaic_provider_kit::http::unconfirmed;
use reqwest::header::HeaderMap;
use serde_json::{Map, Value, json};
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

/// What an operation's lookups came to: their values, or a refusal that makes the answer
/// empty (a rule or a mapping of kind `empty`).
enum Looked {
    Found(Value),
    Empty,
}

impl ManifestInstance {
    /// Runs `operation` on `input` (the operation's arguments as JSON): the output as JSON.
    async fn run(&self, operation: &CompiledOp, input: &Value) -> Result<Value, ProviderError> {
        let page = operation
            .paging
            .as_ref()
            .map(|paging| paging.page_at(input))
            .transpose()?;
        let lookups = match self.look_up(operation, input).await? {
            Looked::Found(lookups) => lookups,
            Looked::Empty => return empty(operation, "a lookup"),
        };
        let request = operation
            .request(&self.manifest.templates, input, &lookups, page.as_ref())
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
            return match mapped {
                Refusal::Error(error) => Err(error),
                Refusal::Empty => empty(operation, &format!("HTTP {}", answer.status)),
            };
        }
        let misread = |problem: String| {
            if write {
                unconfirmed(None, format!("its answer could not be read ({problem})"))
            } else {
                ProviderError::Protocol(problem)
            }
        };
        let body = match operation.read_back(&self.manifest.templates, input, &lookups) {
            Some(read_back) => self.read_back(operation, input, read_back).await?,
            None => json_of(&answer.body).map_err(misread)?,
        };
        let scope = Scope {
            input,
            lookups: &lookups,
            base_url: self.client.base_url(),
        };
        let mut output = match operation.map(&body, &scope, None) {
            Ok(output) => output,
            Err(RunError::Refused { kind, message }) if !write => {
                return match kind {
                    ErrorKind::Empty => empty(operation, "the mapping"),
                    kind => Err(error_of_kind(kind, message, &|| {
                        ProviderError::RateLimited { retry_after: None }
                    })),
                };
            }
            Err(error) => {
                return Err(misread(format!(
                    "the answer to `{}` does not map: {error}",
                    operation.op.name()
                )));
            }
        };
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

    /// Sends the lookups of `operation` that apply to `input`, in order: what they found, by
    /// name (`null` for those not sent). Nothing is written yet, so every failure is an
    /// ordinary error.
    async fn look_up(
        &self,
        operation: &CompiledOp,
        input: &Value,
    ) -> Result<Looked, ProviderError> {
        let mut found = Map::new();
        for lookup in &operation.lookups {
            let failed = |error: RunError| match error {
                RunError::Refused {
                    kind: ErrorKind::Empty,
                    ..
                } => Ok(Looked::Empty),
                RunError::Refused { kind, message } => Err(error_of_kind(kind, message, &|| {
                    ProviderError::RateLimited { retry_after: None }
                })),
                RunError::Failed(error) => Err(ProviderError::Protocol(format!(
                    "the lookup `{}` does not map: {error}",
                    lookup.name
                ))),
            };
            let applies = match lookup.applies(input) {
                Ok(applies) => applies,
                Err(error) => return failed(error),
            };
            if !applies {
                found.insert(lookup.name.clone(), Value::Null);
                continue;
            }
            let earlier = Value::Object(found.clone());
            let body = match lookup
                .request(&self.manifest.templates, &context_of(input, &earlier, None))
            {
                None => Value::Null,
                Some(request) => {
                    let request = request.map_err(|error| {
                        ProviderError::Invalid(format!(
                            "the lookup `{}` cannot be made: {error}",
                            lookup.name
                        ))
                    })?;
                    match self.send_lookup(operation, input, &request).await? {
                        Some(body) => body,
                        None => return Ok(Looked::Empty),
                    }
                }
            };
            let scope = Scope {
                input,
                lookups: &earlier,
                base_url: self.client.base_url(),
            };
            match lookup.value(&body, &scope) {
                Ok(value) => {
                    found.insert(lookup.name.clone(), value);
                }
                Err(error) => return failed(error),
            }
        }
        Ok(Looked::Found(Value::Object(found)))
    }

    /// Sends one lookup's request: its answer as JSON, or `None` when its refusal means an
    /// empty answer.
    async fn send_lookup(
        &self,
        operation: &CompiledOp,
        input: &Value,
        request: &crate::compile::Request,
    ) -> Result<Option<Value>, ProviderError> {
        let answer = self.client.send(request, &|_| None).await?;
        if !answer.status.is_success() {
            return match self.refused_besides_the_write(operation, input, &answer) {
                Refusal::Error(error) => Err(error),
                Refusal::Empty => Ok(None),
            };
        }
        json_of(&answer.body)
            .map(Some)
            .map_err(|problem| ProviderError::Protocol(format!("a lookup: {problem}")))
    }

    /// Reads back a write the provider accepted: its answer, which the response maps. Any
    /// failure leaves the write unconfirmed.
    async fn read_back(
        &self,
        operation: &CompiledOp,
        input: &Value,
        request: Result<crate::compile::Request, crate::template::TemplateError>,
    ) -> Result<Value, ProviderError> {
        let failed = |why: String| {
            unconfirmed(
                None,
                format!("it was sent, but reading it back failed: {why}"),
            )
        };
        let request = request.map_err(|error| failed(error.to_string()))?;
        let answer = self
            .client
            .send(&request, &|_| None)
            .await
            .map_err(|error| failed(error.to_string()))?;
        if !answer.status.is_success() {
            let why = match self.refused_besides_the_write(operation, input, &answer) {
                Refusal::Error(error) => error.to_string(),
                Refusal::Empty => format!("HTTP {}", answer.status),
            };
            return Err(failed(why));
        }
        json_of(&answer.body).map_err(failed)
    }

    /// The refusal of a request of `operation` other than its write (a lookup, a read back):
    /// its rules apply, and a 5xx says nothing of the write.
    fn refused_besides_the_write(
        &self,
        operation: &CompiledOp,
        input: &Value,
        answer: &crate::client::Answer,
    ) -> Refusal {
        let refused = Refused {
            status: answer.status,
            headers: &answer.headers,
            body: &answer.body,
        };
        let now = SystemTime::now();
        refusal_of(&self.manifest, Some(operation), input, &refused, false, now)
    }
}

/// A body as JSON: `null` when empty (a `204`).
fn json_of(body: &[u8]) -> Result<Value, String> {
    if body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body).map_err(|error| format!("the answer is not JSON: {error}"))
}

/// The empty answer a refusal of kind `empty` (from `source`) means: a list with no items; an
/// operation answering one object has no empty answer.
fn empty(operation: &CompiledOp, source: &str) -> Result<Value, ProviderError> {
    match &operation.mapping {
        Mapping::Items(_) => Ok(json!({"items": []})),
        Mapping::Output(_) => Err(ProviderError::Protocol(format!(
            "{source} answered what the manifest maps to an empty answer, but `{}` answers one object",
            operation.op.name()
        ))),
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
