//! An answer that is a redirect to short-lived storage elsewhere (GitHub's job logs answer
//! `302 Found` to a signed blob URL), followed without the instance's credentials.
//!
//! reqwest drops `Authorization` when a redirect leaves the host or port, but that is a
//! default of a library, not something the adapter says. Here it is explicit: the API request
//! is sent by a client that follows no redirect, and the `Location` it answers is fetched by a
//! client that has no credentials at all — the signed URL is its own authorization, and the
//! token must never reach a storage host.

use super::client::{ApiClient, MAX_BODY_BYTES, too_large, transport_error};
use super::written::Effect;
use bytes::{Bytes, BytesMut};
use mosaic_core::ProviderError;
use mosaic_plugin::HttpClients;
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::redirect::Policy;
use std::sync::OnceLock;

/// The two clients a redirected read needs, built when first needed (most instances never
/// follow one).
pub(crate) struct Redirects {
    clients: HttpClients,
    /// The instance's default headers, credentials included, for the API request.
    headers: HeaderMap,
    /// Sends the API request and stops at its redirect.
    api: OnceLock<reqwest::Client>,
    /// Fetches the redirect's target: no default headers, so no credentials.
    anonymous: OnceLock<reqwest::Client>,
}

impl Redirects {
    pub(crate) fn new(clients: HttpClients, headers: HeaderMap) -> Self {
        Self {
            clients,
            headers,
            api: OnceLock::new(),
            anonymous: OnceLock::new(),
        }
    }

    fn api(&self) -> Result<&reqwest::Client, ProviderError> {
        client(&self.api, || {
            self.clients
                .builder()
                .default_headers(self.headers.clone())
                .redirect(Policy::none())
        })
    }

    fn anonymous(&self) -> Result<&reqwest::Client, ProviderError> {
        client(&self.anonymous, || {
            self.clients.builder().redirect(Policy::none())
        })
    }
}

impl std::fmt::Debug for Redirects {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Redirects")
    }
}

fn client(
    cell: &OnceLock<reqwest::Client>,
    builder: impl FnOnce() -> reqwest::ClientBuilder,
) -> Result<&reqwest::Client, ProviderError> {
    if let Some(client) = cell.get() {
        return Ok(client);
    }
    let built = builder().build().map_err(|error| {
        ProviderError::Unavailable(format!("cannot build an HTTP client: {error}"))
    })?;
    Ok(cell.get_or_init(|| built))
}

impl ApiClient {
    /// GETs a path whose answer is a redirect to storage elsewhere, and reads what the
    /// redirect points at, sent without the instance's credentials (see the module docs). An
    /// answer that is no redirect is read as it is; a refusal of the API is mapped in the
    /// provider's dialect; a refusal of the storage host is `unavailable`, naming the host
    /// and never the signed URL.
    pub async fn get_redirected(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Bytes, ProviderError> {
        let url = self.url(path, query)?;
        let request = self.redirects.api()?.get(url.clone());
        let (status, headers, body) = self.execute(request, Effect::Read).await?;
        if !status.is_redirection() {
            return Ok(self.reply(status, &headers, body, Effect::Read)?.body);
        }
        let target = headers
            .get(LOCATION)
            .and_then(|location| location.to_str().ok())
            .and_then(|location| url.join(location).ok())
            .ok_or_else(|| {
                ProviderError::Protocol(format!("{status} without a usable `Location` header"))
            })?;
        let host = target.host_str().unwrap_or("the storage host").to_owned();
        let mut response = self
            .redirects
            .anonymous()?
            .get(target)
            .send()
            .await
            .map_err(|error| transport_error(&error))?;
        let status = response.status();
        if !status.is_success() {
            return Err(ProviderError::Unavailable(format!(
                "{host}, where the provider redirected, answered {status}"
            )));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| transport_error(&error))?
        {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }
}
