//! Progress of a long call as MCP's `notifications/progress`: each [`WaitProgress`] the
//! gateway reports, sent to the client under the request's progress token, in order, with
//! `progress` the number of reads so far (it only grows, as the protocol requires).

use mosaic_gateway::WaitProgress;
use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::Peer;
use tokio::sync::mpsc::UnboundedReceiver;

/// Sends every report heard until the call ends (its sender dropped). A client that cannot
/// be reached any more only stops hearing: the call goes on.
pub(crate) async fn forward(
    mut heard: UnboundedReceiver<WaitProgress>,
    token: ProgressToken,
    peer: Peer<RoleServer>,
) {
    while let Some(report) = heard.recv().await {
        let mut notification =
            ProgressNotificationParam::new(token.clone(), f64::from(report.polls));
        notification.message = Some(report.message());
        if peer.notify_progress(notification).await.is_err() {
            return;
        }
    }
}
