//! The REST calls `mosaic plugins` makes: `GET /v1/plugins` and `POST
//! /v1/plugins/canaries/{instance}/{promote|rollback}`, with the API key as a bearer token.
//! A refusal is reported with the gateway's own error code and message.

use super::Remote;
use anyhow::Context;
use serde_json::Value;

/// A client of one gateway.
pub(crate) struct Client {
    base: reqwest::Url,
    api_key: Option<String>,
    http: reqwest::Client,
}

impl Client {
    /// A client of the gateway at `remote.url`.
    pub(crate) fn new(remote: &Remote) -> anyhow::Result<Self> {
        let base = reqwest::Url::parse(&remote.url)
            .with_context(|| format!("--url `{}` is not a URL", remote.url))?;
        if !matches!(base.scheme(), "http" | "https") {
            anyhow::bail!("--url `{}` must be an http:// or https:// URL", remote.url);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("mosaic-cli/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            base,
            api_key: remote.api_key.clone(),
            http,
        })
    }

    /// `GET /v1/plugins`.
    pub(crate) async fn status(&self) -> anyhow::Result<Value> {
        self.send(self.http.get(self.url(&["v1", "plugins"])?))
            .await
    }

    /// `POST /v1/plugins/canaries/{instance}/{action}`.
    pub(crate) async fn decide(&self, instance: &str, action: &str) -> anyhow::Result<Value> {
        let url = self.url(&["v1", "plugins", "canaries", instance, action])?;
        self.send(self.http.post(url)).await
    }

    /// The base URL with `segments` appended, each escaped.
    fn url(&self, segments: &[&str]) -> anyhow::Result<reqwest::Url> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| anyhow::anyhow!("--url `{}` cannot take a path", self.base))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> anyhow::Result<Value> {
        let request = match &self.api_key {
            Some(key) => request.bearer_auth(key),
            None => request,
        };
        let response = request
            .send()
            .await
            .with_context(|| format!("cannot reach the gateway at {}", self.base))?;
        let status = response.status();
        let body: Value = response.json().await.with_context(|| {
            format!(
                "the gateway at {} answered {status} without JSON",
                self.base
            )
        })?;
        if status.is_success() {
            return Ok(body);
        }
        let error = &body["error"];
        match (error["code"].as_str(), error["message"].as_str()) {
            (Some(code), Some(message)) => anyhow::bail!("{status}: {code}: {message}"),
            _ => anyhow::bail!("{status}: {body}"),
        }
    }
}
