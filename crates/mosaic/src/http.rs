//! The HTTP application `serve` and `demo` listen with: MCP at `/mcp`, REST at `/v1`, health,
//! readiness, metrics and the OpenAPI document, over one gateway.

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use mosaic_gateway::{Gateway, metrics};
use std::net::SocketAddr;
use std::sync::OnceLock;

/// The process-wide Prometheus recorder; installed once, rendered by `/metrics`. Every metric
/// is described (`# HELP`), and latencies are histograms with the gateway's buckets: the
/// exporter would render them as summaries otherwise, which cannot be aggregated across
/// replicas.
fn prometheus() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let installed = PrometheusBuilder::new()
                .set_buckets(metrics::LATENCY_BUCKETS)
                .and_then(|builder| {
                    builder.set_buckets_for_metric(
                        Matcher::Full(metrics::CACHE_TIER_DURATION.to_owned()),
                        metrics::CACHE_TIER_BUCKETS,
                    )
                })
                .and_then(PrometheusBuilder::install_recorder);
            match installed {
                Ok(handle) => {
                    metrics::describe();
                    Some(handle)
                }
                Err(error) => {
                    tracing::warn!(%error, "metrics recorder not installed; /metrics will be empty");
                    None
                }
            }
        })
        .clone()
}

/// The axum application over `gateway`.
pub fn app(gateway: Gateway) -> axum::Router {
    mosaic_mcp::http_service(gateway.clone()).merge(mosaic_rest::router(gateway, prometheus()))
}

/// Serves `app` on `listen` until Ctrl-C or SIGTERM, then drains within the configuration's
/// `server.shutdown_timeout`: readiness drops and streams end at once, requests in progress
/// are answered (those still running at the deadline are cut), and the audit queue is
/// stored (waiting at most as long again) before returning.
pub async fn serve(
    gateway: Gateway,
    listen: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|error| anyhow::anyhow!("cannot listen on {listen}: {error}"))?;
    let local = listener.local_addr()?;
    on_ready(local);
    let options = gateway.http_options();
    let shutdown = {
        let gateway = gateway.clone();
        async move {
            shutdown_signal().await;
            gateway.begin_shutdown();
        }
    };
    let drained = mosaic_edge::serve(listener, app(gateway.clone()), &options, shutdown).await;
    if drained.cut > 0 {
        tracing::warn!(
            connections = drained.cut,
            "closed connections whose requests were still running at the shutdown deadline"
        );
    }
    let deadline = options.shutdown_timeout;
    if tokio::time::timeout(deadline, gateway.shutdown())
        .await
        .is_err()
    {
        tracing::error!(
            "the audit queue was not stored within {}; records still queued are lost",
            mosaic_config::format_duration(deadline)
        );
    }
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: draining connections");
}
