//! What a fake's own tests send it: a [`Caller`] holds the headers a provider's clients send
//! with every request (its credentials, an API version) and sends JSON to a running
//! [`FakeServer`], so that each fake's tests name only those headers and then read like the
//! wire they check. Behind the `client` feature, which only dev-dependencies turn on: the
//! fakes themselves never make requests.

use crate::server::FakeServer;
pub use reqwest::Method;
use serde_json::Value;

/// The headers one kind of caller sends with every request; [`Caller::new`] sends none.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    headers: Vec<(&'static str, String)>,
}

impl Caller {
    /// A caller that sends no header of its own.
    pub fn new() -> Self {
        Self::default()
    }

    /// This caller, sending `name: value` too.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Sends `method path` (below the fake's base URL) with this caller's headers and `body`
    /// as JSON when there is one: the whole answer, for tests of its headers.
    pub async fn request<D: Send + 'static>(
        &self,
        server: &FakeServer<D>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut request =
            reqwest::Client::new().request(method, format!("{}{path}", server.base_url()));
        for (name, value) in &self.headers {
            request = request.header(*name, value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request
            .send()
            .await
            .unwrap_or_else(|error| panic!("the fake did not answer {path}: {error}"))
    }

    /// [`request`](Self::request), answered as its status and JSON body (`null` when the body
    /// is empty or not JSON, as a 204's is).
    pub async fn send<D: Send + 'static>(
        &self,
        server: &FakeServer<D>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let response = self.request(server, method, path, body).await;
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A GET of `path`, answered as its status and JSON body.
    pub async fn get<D: Send + 'static>(&self, server: &FakeServer<D>, path: &str) -> (u16, Value) {
        self.send(server, Method::GET, path, None).await
    }
}
