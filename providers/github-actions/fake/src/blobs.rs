//! The log storage host: where GitHub's job-log redirects point (a signed, short-lived URL on
//! another host). One per process, on a loopback port of its own and a thread of its own, so
//! that it outlives any one test's runtime and is another origin than every fake's API.
//!
//! Each log is kept as it was when its redirect was answered, under a download id, with a
//! signature in its URL (`?sig=…`, refused with 403 when wrong, as an expired URL is). Every
//! download records the headers it came with, so a test can check that no credentials
//! reached the storage host ([`BlobHost::requests`]).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The headers of one download, names in lower case.
pub type Headers = Vec<(String, String)>;

/// The log storage host.
#[derive(Debug)]
pub struct BlobHost {
    origin: String,
    blobs: Mutex<BTreeMap<u64, Blob>>,
}

#[derive(Debug)]
struct Blob {
    content: String,
    downloads: Vec<Headers>,
}

/// The process's storage host, started when first asked for.
pub fn host() -> &'static BlobHost {
    static HOST: OnceLock<Arc<BlobHost>> = OnceLock::new();
    HOST.get_or_init(start)
}

fn start() -> Arc<BlobHost> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    listener
        .set_nonblocking(true)
        .expect("a listener can be made non-blocking");
    let host = Arc::new(BlobHost {
        origin: format!("http://{address}"),
        blobs: Mutex::new(BTreeMap::new()),
    });
    let served = Arc::clone(&host);
    std::thread::Builder::new()
        .name("fake-log-storage".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the storage host");
            runtime.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
                let app = Router::new()
                    .route("/blobs/{id}", get(download))
                    .with_state(served);
                // Serving ends only with the process.
                let _ = axum::serve(listener, app).await;
            });
        })
        .expect("start the storage host's thread");
    host
}

fn signature(id: u64) -> String {
    format!("{:016x}", id.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

impl BlobHost {
    /// Keeps `content` and answers its download id and signed URL.
    pub fn put(&self, content: String) -> (u64, String) {
        let mut blobs = lock(&self.blobs);
        let id = blobs.keys().next_back().map_or(1, |last| last + 1);
        blobs.insert(
            id,
            Blob {
                content,
                downloads: Vec::new(),
            },
        );
        let url = format!("{}/blobs/{id}?sig={}", self.origin, signature(id));
        (id, url)
    }

    /// The headers of every download of `id` so far.
    pub fn requests(&self, id: u64) -> Vec<Headers> {
        lock(&self.blobs)
            .get(&id)
            .map(|blob| blob.downloads.clone())
            .unwrap_or_default()
    }

    /// Where it is reached (`http://127.0.0.1:PORT`).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

async fn download(
    State(host): State<Arc<BlobHost>>,
    Path(id): Path<u64>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let seen: Headers = headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    let mut blobs = lock(&host.blobs);
    let Some(blob) = blobs.get_mut(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    blob.downloads.push(seen);
    if params.get("sig") != Some(&signature(id)) {
        return (StatusCode::FORBIDDEN, "AuthenticationFailed").into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        blob.content.clone(),
    )
        .into_response()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}
