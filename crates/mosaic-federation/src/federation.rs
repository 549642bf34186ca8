//! The [`Federation`] handle: the running upstreams of the current configuration, the tools
//! they offer, and their calls. Applying a configuration starts the upstreams it adds,
//! restarts those it changes and stops (and reaps) those it removes; the others keep their
//! connection.

use crate::catalog::Catalog;
use crate::link::{Link, LinkState};
use crate::relay::Relay;
use crate::supervisor::{OnChange, supervise};
use arc_swap::ArcSwap;
use mosaic_config::UpstreamSpec;
use mosaic_core::ProviderError;
use rmcp::model::{
    CallToolRequest, CallToolRequestParams, CallToolResult, CancelledNotificationParam,
    ClientRequest, ErrorCode, JsonObject, RequestId, ServerResult,
};
use rmcp::service::{Peer, PeerRequestOptions};
use rmcp::{RoleClient, ServiceError};
use serde::Serialize;
use std::sync::{Arc, Weak};
use tokio::sync::{Mutex, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// The federated upstreams. Cheap to clone; every clone shares them.
#[derive(Clone)]
pub struct Federation {
    inner: Arc<Inner>,
}

struct Inner {
    /// The running upstreams, in configuration order.
    members: Mutex<Vec<Member>>,
    /// The links of `members`, readable without waiting for an apply in progress.
    links: ArcSwap<Vec<Arc<Link>>>,
    /// The offered tools.
    catalog: ArcSwap<Catalog>,
    /// Bumped whenever the offered tools change.
    version: watch::Sender<u64>,
}

struct Member {
    link: Arc<Link>,
    stop: CancellationToken,
    task: JoinHandle<()>,
}

/// The live state of one upstream, for status.
#[derive(Clone, Debug, Serialize)]
pub struct UpstreamStatus {
    /// Its name.
    pub name: String,
    /// `stdio` or `http`.
    pub transport: &'static str,
    /// `starting`, `ready`, `restarting` or `stopped`.
    pub state: LinkState,
    /// Why it last failed, while it is not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Connections lost (and tried again) since it was started.
    pub restarts: u64,
    /// The process id of a running stdio server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    /// Tools offered.
    pub tools: usize,
    /// Tools not offered because their name was taken, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

impl Default for Federation {
    fn default() -> Self {
        Self::new()
    }
}

impl Federation {
    /// No upstreams yet.
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                members: Mutex::new(Vec::new()),
                links: ArcSwap::from_pointee(Vec::new()),
                catalog: ArcSwap::from_pointee(Catalog::default()),
                version: watch::Sender::new(0),
            }),
        }
    }

    /// Makes `specs` the running upstreams: an unchanged one keeps running, a changed one
    /// is stopped and started again, a removed one is stopped and its processes reaped
    /// before this returns.
    pub async fn apply(&self, specs: Vec<UpstreamSpec>) {
        let mut members = self.inner.members.lock().await;
        let mut old: Vec<Member> = std::mem::take(&mut *members);
        let mut kept = Vec::with_capacity(specs.len());
        for spec in specs {
            match old.iter().position(|member| member.link.spec == spec) {
                Some(index) => kept.push(old.swap_remove(index)),
                None => kept.push(self.start(spec)),
            }
        }
        // Stopped before the new list is published, so a replaced upstream's old process is
        // gone before its successor's tools are offered.
        for member in old {
            member.stop.cancel();
            let _ = member.task.await;
        }
        *members = kept;
        self.inner.links.store(Arc::new(
            members.iter().map(|m| Arc::clone(&m.link)).collect(),
        ));
        drop(members);
        self.inner.rebuild();
    }

    fn start(&self, spec: UpstreamSpec) -> Member {
        let link = Arc::new(Link::new(spec));
        let stop = CancellationToken::new();
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        let on_change: OnChange = Arc::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.rebuild();
            }
        });
        let task = tokio::spawn(supervise(Arc::clone(&link), stop.clone(), on_change));
        Member { link, stop, task }
    }

    /// Stops every upstream and reaps their processes.
    pub async fn shutdown(&self) {
        self.apply(Vec::new()).await;
    }

    /// The offered tools as they are now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.inner.catalog.load_full()
    }

    /// Told (a new value) whenever the offered tools change.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.inner.version.subscribe()
    }

    /// The configuration of upstream `name`.
    pub fn spec(&self, name: &str) -> Option<UpstreamSpec> {
        self.link(name).map(|link| link.spec.clone())
    }

    fn link(&self, name: &str) -> Option<Arc<Link>> {
        self.inner
            .links
            .load()
            .iter()
            .find(|link| link.spec.name == name)
            .cloned()
    }

    /// Calls `tool` (the upstream's own name) of `upstream` once; what the upstream sends
    /// during the call goes to `relay`'s caller. An error the upstream answers in the tool
    /// result (`isError`) is a result; what fails the call is an error.
    pub async fn call(
        &self,
        upstream: &str,
        tool: &str,
        arguments: Option<JsonObject>,
        relay: Option<&Relay>,
    ) -> Result<CallToolResult, ProviderError> {
        let link = self.link(upstream).ok_or_else(|| {
            ProviderError::Unavailable(format!(
                "upstream `{upstream}` was removed from the configuration"
            ))
        })?;
        let peer = link.peer().map_err(|reason| {
            ProviderError::Unavailable(format!("upstream `{upstream}`: {reason}"))
        })?;
        let mut params = CallToolRequestParams::new(tool.to_owned());
        params.arguments = arguments;
        let mut request = CallToolRequest::new(params);
        if let Some(relay) = relay {
            // Read by the connection's transport, which routes the call's messages to it.
            request.extensions.insert(relay.clone());
        }
        let answer = send(&peer, ClientRequest::CallToolRequest(request)).await;
        match answer.map_err(|error| classify(upstream, error))? {
            ServerResult::CallToolResult(result) => Ok(result),
            // A bare `{}` answer: a result with no content, as the SDK's own client reads it.
            ServerResult::EmptyResult(_) => Ok(CallToolResult::default()),
            other => Err(ProviderError::Protocol(format!(
                "upstream `{upstream}` answered tools/call with another result: {other:?}"
            ))),
        }
    }

    /// The live state of every upstream, in configuration order.
    pub fn statuses(&self) -> Vec<UpstreamStatus> {
        let catalog = self.catalog();
        self.inner
            .links
            .load()
            .iter()
            .map(|link| {
                let snapshot = link.snapshot();
                UpstreamStatus {
                    name: link.spec.name.clone(),
                    transport: link.transport(),
                    state: snapshot.state,
                    reason: snapshot.reason,
                    restarts: snapshot.restarts,
                    pid: snapshot.pid,
                    tools: catalog
                        .tools()
                        .iter()
                        .filter(|tool| tool.upstream == link.spec.name)
                        .count(),
                    conflicts: catalog.conflicts(&link.spec.name).to_vec(),
                }
            })
            .collect()
    }
}

impl Inner {
    /// Rebuilds the offered tools from every upstream's last list, telling subscribers when
    /// they changed.
    fn rebuild(&self) {
        let links = self.links.load();
        let catalog = Catalog::build(&links);
        if !catalog.same_tools(&self.catalog.load()) {
            self.catalog.store(Arc::new(catalog));
            self.version.send_modify(|version| *version += 1);
        } else {
            // The conflicts may differ even when the offered tools do not.
            self.catalog.store(Arc::new(catalog));
        }
    }
}

/// Sends `request` and waits for its answer; a request given up on (its caller's future
/// dropped: a timeout, a caller that went away) is cancelled upstream, which also closes its
/// route to the caller.
async fn send(
    peer: &Peer<RoleClient>,
    request: ClientRequest,
) -> Result<ServerResult, ServiceError> {
    let handle = peer
        .send_request_with_option(request, PeerRequestOptions::no_options())
        .await?;
    let abandoned = Abandoned {
        peer: Some(peer.clone()),
        id: handle.id.clone(),
    };
    let answer = handle.await_response().await;
    abandoned.answered();
    answer
}

/// Cancels a request upstream unless it was answered.
struct Abandoned {
    peer: Option<Peer<RoleClient>>,
    id: RequestId,
}

impl Abandoned {
    fn answered(mut self) {
        self.peer = None;
    }
}

impl Drop for Abandoned {
    fn drop(&mut self) {
        if let Some(peer) = self.peer.take() {
            let cancelled = CancelledNotificationParam::new(
                Some(self.id.clone()),
                Some("the gateway stopped waiting for the answer".to_owned()),
            );
            // Drop cannot wait; the notification goes out on its own task.
            tokio::spawn(async move {
                let _ = peer.notify_cancelled(cancelled).await;
            });
        }
    }
}

/// What a failed call tells its caller, typed so that retries and breakers can decide on it:
/// the upstream's refusal of the arguments or of an unknown tool is the caller's mistake;
/// a lost connection or a timeout is transient.
fn classify(upstream: &str, error: ServiceError) -> ProviderError {
    match error {
        ServiceError::McpError(error) if error.code == ErrorCode::INVALID_PARAMS => {
            ProviderError::Invalid(error.message.into_owned())
        }
        ServiceError::McpError(error) if error.code == ErrorCode::METHOD_NOT_FOUND => {
            ProviderError::NotFound(error.message.into_owned())
        }
        ServiceError::McpError(error) => ProviderError::Protocol(format!(
            "upstream `{upstream}` answered error {}: {}",
            error.code.0, error.message
        )),
        ServiceError::Timeout { timeout } => ProviderError::Timeout(timeout),
        ServiceError::TransportSend(_)
        | ServiceError::TransportClosed
        | ServiceError::Cancelled { .. } => {
            ProviderError::Unavailable(format!("upstream `{upstream}`: {error}"))
        }
        other => ProviderError::Protocol(format!("upstream `{upstream}`: {other}")),
    }
}
