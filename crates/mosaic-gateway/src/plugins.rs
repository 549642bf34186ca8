//! The plugin meta operations: the installed plugins with their versions and the state of
//! every split's canary (`mosaic.plugins.status`), and an operator promoting a canary (it
//! takes all the traffic of its split) or rolling it back (it gets none) under
//! `mosaic.plugins.manage`, whose resource is the canary's instance name. Like every meta
//! operation they are decided by policy and audited; a decision is answered once its audit
//! record is committed, as a write is.

use crate::answer::CallError;
use crate::canary::{CanaryStatus, CanaryWatch, DecidedBy};
use crate::gateway::Gateway;
use crate::pipeline::{Trail, authorize};
use crate::record::Finished;
use mosaic_core::{Fault, RequestContext, ServiceKind, meta};
use mosaic_plugin::PluginSet;
use mosaic_routing::CanaryState;
use serde::Serialize;
use std::sync::Arc;
use tokio::time::Instant;

/// What `mosaic.plugins.status` answers.
#[derive(Clone, Debug, Serialize)]
pub struct PluginsReport {
    /// Every installed plugin, each version on its own.
    pub plugins: Vec<InstalledPlugin>,
    /// Every split's canary and where it stands.
    pub canaries: Vec<CanaryStatus>,
}

/// One installed plugin at one version.
#[derive(Clone, Debug, Serialize)]
pub struct InstalledPlugin {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// What it talks to.
    pub description: String,
    /// The kinds it serves.
    pub kinds: Vec<ServiceKind>,
    /// The running instances of this version.
    pub instances: Vec<String>,
}

/// Why a decision about a canary was not made.
#[derive(Debug, thiserror::Error)]
pub enum CanaryError {
    /// Refused like any call: unauthenticated, denied by policy.
    #[error(transparent)]
    Call(#[from] CallError),
    /// No split of the running configuration has this canary: the caller's mistake, a
    /// resource that does not exist (`404`).
    #[error("`{canary}` is not the canary of any split; {known}")]
    Unknown {
        /// The instance named.
        canary: String,
        /// The canaries there are, as a phrase.
        known: String,
    },
}

impl CanaryError {
    /// A short stable name for payloads, audit and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Call(error) => error.code(),
            Self::Unknown { .. } => "not_found",
        }
    }

    /// Whose fault it is.
    pub fn fault(&self) -> Fault {
        match self {
            Self::Call(error) => error.fault(),
            Self::Unknown { .. } => Fault::Caller,
        }
    }
}

/// What an operator does to a canary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CanaryAction {
    /// It takes all the traffic of its split.
    Promote,
    /// It gets none of it.
    RollBack,
}

impl Gateway {
    /// The plugin set `mosaic.plugins.status` lists (`watch` installs the one it reads the
    /// configuration against). Without one, the plugins of the running instances are listed.
    pub fn install_plugins(&self, plugins: PluginSet) {
        *self
            .shared
            .plugins
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(plugins);
    }

    /// `mosaic.plugins.status`: the installed plugins and every canary's state. It addresses
    /// no resource in particular, so only policy rules that match every resource decide it.
    pub async fn plugins_status(&self, ctx: &RequestContext) -> Result<PluginsReport, CallError> {
        let started = Instant::now();
        let mut trail = Trail::default();
        let runtime = self.shared.runtime.load_full();
        let result =
            authorize(&runtime.policies, ctx, meta::PLUGINS_STATUS, "", &mut trail).map(|()| {
                PluginsReport {
                    plugins: self.installed(),
                    canaries: runtime
                        .canaries
                        .iter()
                        .map(|watch| watch.status())
                        .collect(),
                }
            });
        self.finish_meta(
            ctx,
            meta::PLUGINS_STATUS,
            trail,
            result.as_ref().err().map(|e| (e.code(), e.fault())),
            started,
            false,
        )
        .await;
        result
    }

    /// `mosaic.plugins.manage` on the canary `canary`: promotes it or rolls it back, until
    /// the next decision. Its calls so far in the window are forgotten.
    pub async fn decide_canary(
        &self,
        ctx: &RequestContext,
        canary: &str,
        action: CanaryAction,
    ) -> Result<CanaryStatus, CanaryError> {
        let started = Instant::now();
        let mut trail = Trail {
            resource: canary.to_owned(),
            ..Trail::default()
        };
        let runtime = self.shared.runtime.load_full();
        let result = authorize(
            &runtime.policies,
            ctx,
            meta::PLUGINS_MANAGE,
            canary,
            &mut trail,
        )
        .map_err(CanaryError::from)
        .and_then(|()| find(&runtime.canaries, canary))
        .map(|watch| {
            let (state, sentence) = match action {
                CanaryAction::Promote => (
                    CanaryState::Promoted,
                    "promoted by an operator: it takes all the traffic of its split",
                ),
                CanaryAction::RollBack => (
                    CanaryState::RolledBack,
                    "rolled back by an operator: it gets none of its split's traffic until promoted",
                ),
            };
            let by = DecidedBy::Operator {
                tenant: ctx.tenant.clone(),
                principal: ctx.principal.clone(),
            };
            watch.decide(state, by, sentence.to_owned());
            let status = watch.status();
            if action == CanaryAction::RollBack {
                metrics::counter!(crate::metrics::CANARY_ROLLBACKS, "instance" => canary.to_owned(), "plugin" => status.plugin.clone(), "by" => "operator")
                    .increment(1);
            }
            tracing::warn!(canary, plugin = %status.plugin, principal = %ctx.principal, state = state.as_str(), "canary {sentence}");
            trail
                .reasons
                .push(format!("canary {canary} ({}) {sentence}", status.plugin));
            status
        });
        self.finish_meta(
            ctx,
            meta::PLUGINS_MANAGE,
            trail,
            result.as_ref().err().map(|e| (e.code(), e.fault())),
            started,
            true,
        )
        .await;
        result
    }

    /// The installed plugins, each with its running instances.
    fn installed(&self) -> Vec<InstalledPlugin> {
        let runtime = self.shared.runtime.load();
        let instances_of = |id: &str| -> Vec<String> {
            runtime
                .instances
                .iter()
                .filter(|instance| instance.plugin == id)
                .map(|instance| instance.name.clone())
                .collect()
        };
        let set = self
            .shared
            .plugins
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut listed: Vec<InstalledPlugin> = match set {
            Some(set) => set
                .snapshot()
                .iter()
                .map(|plugin| {
                    let descriptor = plugin.descriptor();
                    InstalledPlugin {
                        name: descriptor.name.clone(),
                        version: descriptor.version.clone(),
                        description: descriptor.description.clone(),
                        kinds: descriptor.kinds.clone(),
                        instances: instances_of(&descriptor.id()),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        // Running instances of a plugin the set no longer holds (or of any plugin, when no set
        // was installed) are listed by what the instance knows.
        for instance in &runtime.instances {
            let listed_already = listed.iter().any(|plugin| {
                *plugin.name == *instance.plugin_name && *plugin.version == *instance.plugin_version
            });
            if !listed_already {
                listed.push(InstalledPlugin {
                    name: instance.plugin_name.to_string(),
                    version: instance.plugin_version.to_string(),
                    description: String::new(),
                    kinds: instance.kinds.clone(),
                    instances: instances_of(&instance.plugin),
                });
            }
        }
        listed
    }

    /// Records one plugin meta call as every call is recorded (`error`: its code and fault);
    /// `committed` waits for its audit record.
    async fn finish_meta(
        &self,
        ctx: &RequestContext,
        operation: &'static str,
        trail: Trail,
        error: Option<(&'static str, Fault)>,
        started: Instant,
        committed: bool,
    ) {
        let finished = Finished {
            operation,
            trail,
            outcome: error.map_or("ok", |(code, _)| code),
            source: "none",
            instance: None,
            failed_over: None,
            fault: error.map(|(_, fault)| fault),
            elapsed: started.elapsed(),
        };
        self.record(ctx, finished, committed).await;
    }
}

/// The watch over `canary`, or a caller's error naming the canaries there are.
fn find(watches: &[Arc<CanaryWatch>], canary: &str) -> Result<Arc<CanaryWatch>, CanaryError> {
    watches
        .iter()
        .find(|watch| watch.canary() == canary)
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = watches.iter().map(|watch| watch.canary()).collect();
            let known = if known.is_empty() {
                "no split has a canary".to_owned()
            } else {
                format!("canaries: {}", known.join(", "))
            };
            CanaryError::Unknown {
                canary: canary.to_owned(),
                known,
            }
        })
}
