//! A server on a free loopback port with short timeouts, and a raw client to misbehave with.

use axum::Router;
use axum::body::Bytes;
use axum::routing::{get, post};
use mosaic_config::ServerConfig;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Upper bound on any wait in these tests, only so that a regression fails instead of hanging.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The server section with `extra` YAML keys (short timeouts, small caps) on top of defaults.
pub fn options(extra: &str) -> ServerConfig {
    let yaml = format!(
        "server: {{ listen: \"127.0.0.1:0\", {extra} }}\nstore: {{ url: \"sqlite::memory:\" }}\n"
    );
    mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin())
        .unwrap()
        .server
}

/// `GET /` answers `ok`, `GET /slow` after 300 ms, `GET /never` never, `POST /echo` its body
/// (read through the edge's body limits).
pub fn app(options: &ServerConfig) -> Router {
    Router::new()
        .route("/", get(|| async { "ok" }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                "slow"
            }),
        )
        .route("/never", get(std::future::pending::<&'static str>))
        .route("/echo", post(|body: Bytes| async move { body }))
        .layer(axum::middleware::from_fn_with_state(
            mosaic_edge::body::BodyLimits::from(options),
            mosaic_edge::body::buffer,
        ))
}

/// A running server and the means to stop it.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    pub served: JoinHandle<mosaic_edge::Drained>,
}

impl Running {
    /// Starts the drain.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Waits until the server has drained.
    pub async fn drained(self) -> mosaic_edge::Drained {
        tokio::time::timeout(PATIENCE, self.served)
            .await
            .expect("the server drained in time")
            .unwrap()
    }
}

/// Serves [`app`] under `options` on a free port.
pub async fn start(options: ServerConfig) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let served = tokio::spawn(async move {
        let app = app(&options);
        mosaic_edge::serve(listener, app, &options, async {
            let _ = stopped.await;
        })
        .await
    });
    Running {
        addr,
        stop: Some(stop),
        served,
    }
}

/// A raw connection to `addr`.
pub async fn connect(addr: SocketAddr) -> TcpStream {
    TcpStream::connect(addr).await.unwrap()
}

/// Everything the server sends until it closes the connection (`None` if it never does).
pub async fn read_until_closed(stream: &mut TcpStream) -> Option<String> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&received).into_owned())
}

/// Sends `request` and reads one whole answer (the server closes after it: `Connection:
/// close` is sent).
pub async fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut stream = connect(addr).await;
    stream.write_all(request.as_bytes()).await.unwrap();
    read_until_closed(&mut stream)
        .await
        .expect("the server answered and closed")
}

/// Sends `bytes` one at a time, `every` apart, until the server closes the connection;
/// whether it did before they were all sent.
pub async fn trickle(stream: &mut TcpStream, bytes: &[u8], every: Duration) -> bool {
    for byte in bytes {
        if stream.write_all(&[*byte]).await.is_err() {
            return true;
        }
        tokio::time::sleep(every).await;
        // A closed connection shows as a readable end of stream.
        let mut probe = [0u8; 1024];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(1), stream.read(&mut probe)).await
        {
            return true;
        }
    }
    false
}
