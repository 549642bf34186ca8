//! Telling clients that their tool list changed (a federated upstream listed other tools, or
//! a reload added or removed one): `notifications/tools/list_changed` to 2025-11-25 sessions
//! (and stdio), and on the subscription stream (`subscriptions/listen` with
//! `toolsListChanged`) of 2026-07-28 clients, which have no session to send it on.

use mosaic_gateway::Gateway;
use rmcp::RoleServer;
use rmcp::service::{Peer, SubscriptionContext};
use std::time::Duration;

/// How often a session's notifier checks that its session is still open while nothing
/// changes, so that it ends soon after its session does.
const SESSION_CHECK: Duration = Duration::from_secs(30);

/// Sends `notifications/tools/list_changed` to `peer` on every change of the tools, until
/// its session ends or the gateway shuts down.
pub(crate) fn spawn_for_session(gateway: &Gateway, peer: Peer<RoleServer>) {
    let mut changes = gateway.federated_changes();
    changes.borrow_and_update();
    let draining = gateway.draining();
    tokio::spawn(async move {
        tokio::pin!(draining);
        loop {
            tokio::select! {
                changed = changes.changed() => {
                    if changed.is_err() || peer.is_transport_closed() {
                        return;
                    }
                    if peer.notify_tool_list_changed().await.is_err() {
                        return;
                    }
                }
                () = tokio::time::sleep(SESSION_CHECK) => {
                    if peer.is_transport_closed() {
                        return;
                    }
                }
                () = &mut draining => return,
            }
        }
    });
}

/// Serves one 2026-07-28 subscription: a `notifications/tools/list_changed` on it at every
/// change of the tools, until the client cancels it or the gateway shuts down.
pub(crate) async fn serve_subscription(gateway: &Gateway, subscription: SubscriptionContext) {
    let mut changes = gateway.federated_changes();
    changes.borrow_and_update();
    let draining = gateway.draining();
    tokio::pin!(draining);
    loop {
        tokio::select! {
            changed = changes.changed() => {
                if changed.is_err() || subscription.sink().notify_tool_list_changed().await.is_err() {
                    return;
                }
            }
            () = subscription.cancelled() => return,
            () = &mut draining => return,
        }
    }
}
