//! The HTTP/1.1 server both fronts are served by, over our own accept loop (axum's `serve`
//! cannot bound a client's time): at most `server.max_connections` connections at once
//! (further clients wait in the listen queue), every connection closed when its request head
//! or its wait for the next request takes too long, and a drain on shutdown that answers the
//! requests in progress for at most `server.shutdown_timeout`, then closes what is left.

mod activity;
mod connection;
mod io;

use activity::Timeouts;
use axum::Router;
use mosaic_config::ServerConfig;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

/// Whether the server has begun to drain, in the extensions of every request it serves, so
/// that work not yet begun (a body still arriving) can be abandoned at once.
#[derive(Clone, Debug)]
pub struct Draining(watch::Receiver<bool>);

impl Draining {
    /// Resolves once the drain has begun.
    pub async fn started(&mut self) {
        // An error means the server is gone: drained, as far as the request can tell.
        let _ = self.0.wait_for(|draining| *draining).await;
    }
}

/// How a server's drain ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drained {
    /// Connections still busy at the shutdown deadline, closed mid-request.
    pub cut: usize,
}

/// Serves `app` on `listener` under the limits of `options` until `shutdown` resolves, then
/// drains: accepts nothing more, closes connections with nothing in progress, lets the others
/// finish their request for up to `options.shutdown_timeout`, and closes the rest.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    options: &ServerConfig,
    shutdown: impl Future<Output = ()>,
) -> Drained {
    let timeouts = Timeouts {
        header_read: options.header_read_timeout,
        idle: options.idle_timeout,
    };
    let slots = Arc::new(Semaphore::new(options.max_connections));
    let (drain, draining) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        // A slot first: past the cap, clients wait in the kernel's listen queue, unread.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        match accepted {
            Ok((stream, _peer)) => {
                let app = app.clone();
                let draining = draining.clone();
                connections.spawn(async move {
                    connection::serve(stream, app, timeouts, draining).await;
                    drop(slot);
                });
            }
            Err(error) => {
                // Out of file descriptors or a connection reset before it was taken: keep
                // serving the others, without spinning on a failure that persists.
                tracing::warn!(%error, "could not accept a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    drop(listener);
    drain.send_replace(true);
    let finished = tokio::time::timeout(options.shutdown_timeout, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    let cut = match finished {
        Ok(()) => 0,
        Err(_) => {
            let cut = connections.len();
            connections.shutdown().await;
            cut
        }
    };
    Drained { cut }
}
