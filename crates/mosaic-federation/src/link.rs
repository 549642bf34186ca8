//! What the gateway knows of one upstream at any moment: its connection state, the peer to
//! call while it is connected, the tools it last listed, and how often it was restarted.
//! The supervisor writes it; calls, `tools/list` and status read it.

use mosaic_config::{UpstreamSpec, UpstreamTransport};
use rmcp::RoleClient;
use rmcp::model::Tool;
use rmcp::service::Peer;
use serde::Serialize;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The connection state of an upstream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// Connecting for the first time.
    Starting,
    /// Connected; its tools are listed.
    Ready,
    /// The connection failed or ended; it is tried again after a backoff. The tools it last
    /// listed are still offered, and their calls answer "unavailable" until it is back.
    Restarting,
    /// Removed from the configuration: stopped for good.
    Stopped,
}

impl LinkState {
    /// The snake_case name status shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Starting => "starting",
            Self::Ready => "ready",
            Self::Restarting => "restarting",
            Self::Stopped => "stopped",
        }
    }
}

/// One upstream's live view.
pub(crate) struct Link {
    /// Its configuration.
    pub(crate) spec: UpstreamSpec,
    view: Mutex<View>,
}

#[derive(Clone)]
struct View {
    state: LinkState,
    reason: Option<String>,
    restarts: u64,
    pid: Option<u32>,
    peer: Option<Peer<RoleClient>>,
    tools: Arc<Vec<Tool>>,
}

/// A copy of the view, for status.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub(crate) state: LinkState,
    pub(crate) reason: Option<String>,
    pub(crate) restarts: u64,
    pub(crate) pid: Option<u32>,
}

impl Link {
    pub(crate) fn new(spec: UpstreamSpec) -> Self {
        Self {
            spec,
            view: Mutex::new(View {
                state: LinkState::Starting,
                reason: None,
                restarts: 0,
                pid: None,
                peer: None,
                tools: Arc::new(Vec::new()),
            }),
        }
    }

    fn view(&self) -> MutexGuard<'_, View> {
        // Every update is a plain assignment, so a panic elsewhere cannot leave it half-done.
        self.view.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `stdio` or `http`.
    pub(crate) fn transport(&self) -> &'static str {
        match self.spec.transport {
            UpstreamTransport::Stdio { .. } => "stdio",
            UpstreamTransport::Http { .. } => "http",
        }
    }

    /// Connected: calls go to `peer`.
    pub(crate) fn connected(&self, peer: Peer<RoleClient>, pid: Option<u32>) {
        let mut view = self.view();
        view.peer = Some(peer);
        view.pid = pid;
    }

    /// Its tools as just listed; the upstream is ready. Whether the list differs from the
    /// one before.
    pub(crate) fn listed(&self, tools: Vec<Tool>) -> bool {
        let mut view = self.view();
        view.state = LinkState::Ready;
        view.reason = None;
        let changed = *view.tools != tools;
        if changed {
            view.tools = Arc::new(tools);
        }
        changed
    }

    /// The connection failed or ended with `reason`; it is tried again (one more restart).
    pub(crate) fn lost(&self, reason: String) {
        let mut view = self.view();
        view.restarts += 1;
        view.state = LinkState::Restarting;
        view.reason = Some(reason);
        view.peer = None;
        view.pid = None;
    }

    /// Removed: stopped for good, its tools no longer offered.
    pub(crate) fn stopped(&self) {
        let mut view = self.view();
        view.state = LinkState::Stopped;
        view.peer = None;
        view.pid = None;
        view.tools = Arc::new(Vec::new());
    }

    /// The peer to call, or why there is none.
    pub(crate) fn peer(&self) -> Result<Peer<RoleClient>, String> {
        let view = self.view();
        match &view.peer {
            Some(peer) if view.state == LinkState::Ready => Ok(peer.clone()),
            _ => Err(match (&view.state, &view.reason) {
                (LinkState::Stopped, _) => "it was removed from the configuration".to_owned(),
                (_, Some(reason)) => format!("it is reconnecting after: {reason}"),
                (_, None) => "it is still connecting".to_owned(),
            }),
        }
    }

    /// The tools it last listed.
    pub(crate) fn tools(&self) -> Arc<Vec<Tool>> {
        Arc::clone(&self.view().tools)
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        let view = self.view();
        Snapshot {
            state: view.state,
            reason: view.reason.clone(),
            restarts: view.restarts,
            pid: view.pid,
        }
    }
}
