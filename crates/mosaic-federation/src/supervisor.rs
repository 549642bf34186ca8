//! The task that keeps one upstream connected: connect, list its tools, read them again on
//! `notifications/tools/list_changed` and every `refresh`, and when the connection fails or
//! ends (a stdio server that exits or is killed, an HTTP server that goes away) connect again
//! after a jittered exponential backoff (`backon`), slept on tokio's clock. Stopping it closes
//! the connection, which kills a stdio server's whole process group and waits for it.

use crate::connect::{Connection, connect};
use crate::link::Link;
use crate::listener::Listener;
use backon::{BackoffBuilder, ExponentialBuilder};
use rmcp::RoleClient;
use rmcp::model::Tool;
use rmcp::service::Peer;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// The first restart's delay, before jitter.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// The longest delay between two restarts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Called whenever an upstream's tools changed, to rebuild the offered tool list.
pub(crate) type OnChange = Arc<dyn Fn() + Send + Sync>;

/// Runs until `stop` is cancelled.
pub(crate) async fn supervise(link: Arc<Link>, stop: CancellationToken, on_change: OnChange) {
    let mut backoff = fresh_backoff();
    loop {
        let tools_changed = Arc::new(Notify::new());
        let listener = Listener {
            tools_changed: Arc::clone(&tools_changed),
            routes: Arc::default(),
        };
        let connected = tokio::select! {
            connected = connect(&link.spec.transport, listener) => connected,
            () = stop.cancelled() => break,
        };
        let reason = match connected {
            Ok((connection, pid)) => {
                let served = serve(&link, connection, pid, &tools_changed, &stop, &on_change).await;
                match served {
                    Served::Stopped => break,
                    Served::Lost { reason, was_ready } => {
                        if was_ready {
                            // It worked for a while: the next failure starts the backoff over.
                            backoff = fresh_backoff();
                        }
                        reason
                    }
                }
            }
            Err(error) => error.to_string(),
        };
        tracing::warn!(upstream = %link.spec.name, %reason, "upstream MCP server lost; reconnecting");
        link.lost(reason);
        let delay = backoff.next().unwrap_or(MAX_BACKOFF);
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = stop.cancelled() => break,
        }
    }
    link.stopped();
    on_change();
}

/// How one connection ended.
enum Served {
    /// Stopped on purpose; the connection is closed.
    Stopped,
    /// It failed or ended.
    Lost { reason: String, was_ready: bool },
}

/// Serves one connection until it ends or `stop` is cancelled.
async fn serve(
    link: &Link,
    connection: Connection,
    pid: Option<u32>,
    tools_changed: &Notify,
    stop: &CancellationToken,
    on_change: &OnChange,
) -> Served {
    let peer = connection.peer().clone();
    let closing = connection.cancellation_token();
    // The service loop ends when the transport closes (the process exited, the server went
    // away) or when it is cancelled; waiting for it in a task lets the loop below watch it.
    let mut ended = tokio::spawn(connection.waiting());
    link.connected(peer.clone(), pid);
    let mut was_ready = false;
    let mut refresh = tokio::time::interval(link.spec.refresh);
    loop {
        tokio::select! {
            // The first tick is immediate: the first listing.
            _ = refresh.tick() => {}
            () = tools_changed.notified() => {}
            quit = &mut ended => {
                let reason = match quit {
                    Ok(reason) => format!("the connection ended ({reason:?})"),
                    Err(error) => format!("the connection's task failed: {error}"),
                };
                return Served::Lost { reason, was_ready };
            }
            () = stop.cancelled() => {
                closing.cancel();
                // Dropping the transport kills the process group; the service loop ends
                // after it has closed the transport.
                let _ = ended.await;
                return Served::Stopped;
            }
        }
        match list_tools(&peer).await {
            Ok(tools) => {
                was_ready = true;
                if link.listed(tools) {
                    on_change();
                }
            }
            Err(reason) => {
                closing.cancel();
                let _ = ended.await;
                return Served::Lost { reason, was_ready };
            }
        }
    }
}

/// Every page of the upstream's tool list.
async fn list_tools(peer: &Peer<RoleClient>) -> Result<Vec<Tool>, String> {
    peer.list_all_tools()
        .await
        .map_err(|error| format!("tools/list failed: {error}"))
}

fn fresh_backoff() -> impl Iterator<Item = Duration> {
    ExponentialBuilder::default()
        .with_min_delay(FIRST_BACKOFF)
        .with_max_delay(MAX_BACKOFF)
        .with_jitter()
        .without_max_times()
        .build()
}
