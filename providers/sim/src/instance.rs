//! One running `sim` instance: the operations it serves, its behaviour and its dataset.

use super::client::Behaviour;
use super::config::Validated;
use super::dataset::Dataset;
use super::mapping;
use mosaic_core::{
    Health, OpId, Operation, Output, Provider, ProviderError, Quota, ServiceKind, Support,
};
use std::sync::Arc;

/// A running simulated provider instance.
pub(crate) struct SimProvider {
    kinds: Vec<ServiceKind>,
    /// Indexed by `OpId as usize`: disabled by the `unsupported` setting.
    disabled: Box<[bool]>,
    /// Indexed by `OpId as usize`: writes answered as unconfirmed (`unconfirmed_writes`).
    unconfirmed: Box<[bool]>,
    behaviour: Behaviour,
    dataset: Arc<Dataset>,
}

impl SimProvider {
    pub(crate) fn new(validated: &Validated, dataset: Arc<Dataset>) -> Self {
        let mut disabled = vec![false; OpId::ALL.len()].into_boxed_slice();
        for op in &validated.unsupported {
            disabled[*op as usize] = true;
        }
        let mut unconfirmed = vec![false; OpId::ALL.len()].into_boxed_slice();
        for op in &validated.unconfirmed {
            unconfirmed[*op as usize] = true;
        }
        Self {
            kinds: validated.settings.kinds.clone(),
            disabled,
            unconfirmed,
            behaviour: Behaviour::new(validated),
            dataset,
        }
    }
}

#[async_trait::async_trait]
impl Provider for SimProvider {
    fn supports(&self, op: OpId) -> Support {
        let kind = op.spec().kind;
        if !self.kinds.contains(&kind) {
            let served: Vec<&str> = self.kinds.iter().map(|kind| kind.as_str()).collect();
            return Support::unsupported(format!(
                "this instance serves {} only, not {kind}",
                served.join(", ")
            ));
        }
        if self.disabled.get(op as usize).copied().unwrap_or(false) {
            return Support::unsupported("disabled by the instance's `unsupported` setting");
        }
        Support::Supported
    }

    /// Unsupported operations are refused before anything else, as an adapter would without
    /// calling its API; then the behaviour script runs, then the data answers.
    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        let op = operation.op_id();
        if let Support::Unsupported { reason } = self.supports(op) {
            return Err(ProviderError::Unsupported {
                operation: op.name().to_owned(),
                reason: reason.into_owned(),
            });
        }
        self.behaviour.admit().await?;
        let output = mapping::execute(&self.dataset, operation)?;
        if self.unconfirmed.get(op as usize).copied().unwrap_or(false) {
            // Applied, but answered as a provider whose answer cannot be read would be.
            return Err(ProviderError::WriteUnconfirmed {
                id: written_id(&output),
                reason: "the simulated provider withheld its answer (`unconfirmed_writes`)".into(),
            });
        }
        Ok(output)
    }

    async fn health(&self) -> Health {
        self.behaviour.health()
    }

    fn quota(&self) -> Option<Quota> {
        self.behaviour.quota()
    }
}

/// The native id (or, for trackers, the key) of what a write answered with.
fn written_id(output: &Output) -> Option<String> {
    let answer = output.to_json();
    ["id", "key"]
        .iter()
        .find_map(|field| match answer.get(field)? {
            serde_json::Value::String(id) => Some(id.clone()),
            serde_json::Value::Number(id) => Some(id.to_string()),
            _ => None,
        })
}
