//! What the tests that call `mosaic serve` over HTTP share besides the server itself: a fresh
//! directory and a free port for what they start beside it, and REST answers read whole, with
//! the headers the tests look at.

use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// A fresh directory `<name>-<pid>` below the target's temporary directory.
pub fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A loopback port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap()
}

/// One answer: its status, headers and JSON body (`null` when it has none).
pub struct Answer {
    pub status: u16,
    headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The header's value, empty when absent or not text.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// Sends `request` and reads the whole answer.
pub async fn send(request: reqwest::RequestBuilder) -> Result<Answer, reqwest::Error> {
    let response = request.send().await?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// The titles of a list answer's items.
pub fn titles(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["title"].as_str().map(str::to_owned))
        .collect()
}
