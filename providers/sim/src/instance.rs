//! One running `sim` instance: the operations it serves, its behaviour and its dataset, as an
//! [`Instance`] of the kind SDKs.
//!
//! Every resource trait is implemented where that resource's code lives (`mapping/`), and
//! every one of their methods runs through [`SimProvider::read`] or [`SimProvider::write`]:
//! the one place the behaviour script (outages, rate limits, latency, random failures) and
//! the `unconfirmed_writes` setting wrap a call, so no operation can skip them. Which
//! operations the instance serves is decided by [`Instance::supports`] alone, with the reasons
//! the settings give: the dispatch asks it before any resource is called, so an unsupported
//! operation is refused before the script runs, as an adapter would without calling its API.

use super::client::Behaviour;
use super::config::Validated;
use super::dataset::{Dataset, State};
use mosaic_core::{Health, OpId, ProviderError, Quota, ServiceKind, Support};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{
    CiPipelines, CiRuns, GitIssues, GitPulls, GitRepos, KbPages, KbSpaces, PmProjects, PmWorkItems,
};
use serde::Serialize;
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
    /// The `run_poll_interval` setting.
    run_poll_interval: Option<std::time::Duration>,
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
            run_poll_interval: validated.settings.run_poll_interval.map(|text| text.0),
            kinds: validated.settings.kinds.clone(),
            disabled,
            unconfirmed,
            behaviour: Behaviour::new(validated),
            dataset,
        }
    }

    /// A read: the behaviour script runs, then `answer` reads the dataset under its shared
    /// lock (taken after the script's wait, so no lock is held across it).
    pub(crate) async fn read<T>(
        &self,
        answer: impl FnOnce(&State) -> Result<T, ProviderError> + Send,
    ) -> Result<T, ProviderError> {
        self.behaviour.admit().await?;
        answer(&self.dataset.read())
    }

    /// A read that moves simulated time on (a triggered run advancing as it is read): the
    /// behaviour script runs, then `answer` reads the dataset under its exclusive lock.
    pub(crate) async fn observe<T>(
        &self,
        answer: impl FnOnce(&mut State) -> Result<T, ProviderError> + Send,
    ) -> Result<T, ProviderError> {
        self.behaviour.admit().await?;
        answer(&mut self.dataset.write())
    }

    /// A write `op`: the behaviour script runs, then `apply` changes the dataset under its
    /// exclusive lock. A write named in `unconfirmed_writes` is applied but answered as a
    /// provider whose answer cannot be read would be.
    pub(crate) async fn write<T: Serialize>(
        &self,
        op: OpId,
        apply: impl FnOnce(&mut State) -> Result<T, ProviderError> + Send,
    ) -> Result<T, ProviderError> {
        self.behaviour.admit().await?;
        let answer = apply(&mut self.dataset.write())?;
        if self.unconfirmed.get(op as usize).copied().unwrap_or(false) {
            return Err(ProviderError::WriteUnconfirmed {
                id: written_id(&answer),
                reason: "the simulated provider withheld its answer (`unconfirmed_writes`)".into(),
            });
        }
        Ok(answer)
    }
}

#[async_trait::async_trait]
impl Instance for SimProvider {
    /// The `run_poll_interval` setting, or the default.
    fn run_poll_interval(&self) -> std::time::Duration {
        self.run_poll_interval
            .unwrap_or(mosaic_core::DEFAULT_RUN_POLL_INTERVAL)
    }

    /// The kinds the instance is configured with, less the operations of its `unsupported`
    /// setting.
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

    /// Unhealthy while scripted down or inside an outage window.
    async fn health(&self) -> Health {
        self.behaviour.health()
    }

    /// The scripted rate limit's state, when there is one.
    fn quota(&self) -> Option<Quota> {
        self.behaviour.quota()
    }

    // Every resource is there: `supports` says which kinds this instance serves, with the
    // reasons its settings give, and the dispatch asks it first.

    fn git_repos(&self) -> Option<&dyn GitRepos> {
        Some(self)
    }

    fn git_issues(&self) -> Option<&dyn GitIssues> {
        Some(self)
    }

    fn git_pulls(&self) -> Option<&dyn GitPulls> {
        Some(self)
    }

    fn ci_pipelines(&self) -> Option<&dyn CiPipelines> {
        Some(self)
    }

    fn ci_runs(&self) -> Option<&dyn CiRuns> {
        Some(self)
    }

    fn kb_spaces(&self) -> Option<&dyn KbSpaces> {
        Some(self)
    }

    fn kb_pages(&self) -> Option<&dyn KbPages> {
        Some(self)
    }

    fn pm_projects(&self) -> Option<&dyn PmProjects> {
        Some(self)
    }

    fn pm_work_items(&self) -> Option<&dyn PmWorkItems> {
        Some(self)
    }
}

/// The native id (or, for trackers, the key) of what a write answered with.
fn written_id(answer: &impl Serialize) -> Option<String> {
    let answer = serde_json::to_value(answer).ok()?;
    ["id", "key"]
        .iter()
        .find_map(|field| match answer.get(field)? {
            serde_json::Value::String(id) => Some(id.clone()),
            serde_json::Value::Number(id) => Some(id.to_string()),
            _ => None,
        })
}
