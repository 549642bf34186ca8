//! One accepted connection: HTTP/1.1 served by hyper over the watched socket, and a watchdog
//! that closes the connection when its head or idle timeout passes and, once the server
//! drains, as soon as nothing on it is in progress.

use super::Draining;
use super::activity::{Activity, RequestGuard, Timeouts};
use super::io::Watched;
use axum::Router;
use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tower::ServiceExt;

/// Serves `stream` with `app` until the client leaves, a timeout passes, or — after `drain`
/// turns `true` — the request in progress is answered.
pub(crate) async fn serve(
    stream: TcpStream,
    app: Router,
    timeouts: Timeouts,
    mut drain: watch::Receiver<bool>,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched::new(stream, Arc::clone(&activity)));
    let service = hyper::service::service_fn({
        let activity = Arc::clone(&activity);
        let draining = Draining(drain.clone());
        move |mut request: http::Request<Incoming>| {
            let guard = activity.begin();
            request.extensions_mut().insert(draining.clone());
            let answer = app.clone().oneshot(request.map(Body::new));
            async move {
                let response = answer
                    .await
                    .unwrap_or_else(|never: Infallible| match never {});
                Ok::<_, Infallible>(response.map(|body| {
                    Body::new(Guarded {
                        body,
                        _guard: guard,
                    })
                }))
            }
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        // The watchdog enforces the head timeout itself, separately from the idle one.
        .header_read_timeout(None)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut draining = false;
    loop {
        if draining && activity.quiet() {
            return;
        }
        let deadline = activity.deadline(timeouts);
        tokio::select! {
            outcome = connection.as_mut() => {
                if let Err(error) = outcome {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            () = activity.changed() => {}
            () = sleep_until(deadline.map(|(at, _)| at)) => {
                // Only if the deadline still holds: the phase may have changed meanwhile.
                if let Some((at, timeout)) = activity.deadline(timeouts)
                    && at <= tokio::time::Instant::now()
                {
                    tracing::debug!(timeout, "closing a connection past its timeout");
                    return;
                }
            }
            _ = drain.wait_for(|drain| *drain), if !draining => {
                draining = true;
                // Answers the request in progress, then closes; idle connections close now.
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// A response body that holds its request's [`RequestGuard`] until hyper is done with it.
struct Guarded {
    body: Body,
    _guard: RequestGuard,
}

impl http_body::Body for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
