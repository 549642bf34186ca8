//! [`Client`]: one instance's HTTP client. It sends a rendered request below the instance's
//! base URL with its credentials and the manifest's headers, revalidates GETs with
//! `If-None-Match` against the validators the cache layer keeps for the instance (as the
//! provider kit's client does for native plugins), records the quota each answer reports,
//! and bounds what it reads of a body.
//!
//! Timeouts, retries and breakers are the executor's, around the whole call.

use crate::compile::{Compiled, Request};
use crate::format::RateLimitHeaders;
use crate::quota::{QuotaTracker, Reading};
use crate::settings::{Connection, Credential};
use bytes::{Bytes, BytesMut};
use mosaic_core::{ProviderError, Quota, Secret};
use mosaic_plugin::{BuildContext, Validated, ValidatorScope, Validators};
use mosaic_provider_kit::http::unconfirmed;
use reqwest::header::{ETAG, HeaderMap, HeaderValue, IF_NONE_MATCH};
use reqwest::{Method, StatusCode, Url};
use std::sync::Arc;
use std::time::SystemTime;

/// The largest body read; a bigger one is refused rather than buffered.
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// One answer: its status, headers and body, and for a page the next page's cursor as the
/// headers gave it (kept with the validators, since a `304` repeats no `Link`).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) header_cursor: Option<String>,
}

/// One instance's client.
pub(crate) struct Client {
    http: reqwest::Client,
    base_url: Url,
    query_credential: Option<(String, Secret)>,
    validators: Option<Arc<dyn Validators>>,
    scope: ValidatorScope,
    quota: QuotaTracker,
    rate_limit: Option<RateLimitHeaders>,
}

impl Client {
    /// A client for `connection`, set up as the context sets up every provider client.
    pub(crate) fn new(
        context: &BuildContext,
        manifest: &Compiled,
        connection: Connection,
    ) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        for (name, value) in &manifest.headers {
            headers.insert(name.clone(), value.clone());
        }
        let mut query_credential = None;
        match connection.credential {
            Credential::Header(name, value) => {
                let mut value = HeaderValue::from_str(value.expose()).map_err(|_| {
                    "the credential contains characters a header cannot carry".to_owned()
                })?;
                value.set_sensitive(true);
                headers.insert(name, value);
            }
            Credential::Query(name, value) => query_credential = Some((name, value)),
        }
        let http = context
            .http()
            .builder()
            .default_headers(headers)
            .build()
            .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
        Ok(Self {
            http,
            base_url: connection.base_url,
            query_credential,
            validators: connection
                .conditional_requests
                .then(|| Arc::clone(context.validators())),
            scope: context.scope().clone(),
            quota: QuotaTracker::default(),
            rate_limit: manifest.rate_limit.clone(),
        })
    }

    /// The URL of a rendered path and query, without the credential.
    fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url, ProviderError> {
        let text = format!("{}{path}", self.base_url.as_str().trim_end_matches('/'));
        let mut url = Url::parse(&text)
            .map_err(|error| ProviderError::Invalid(format!("cannot address `{path}`: {error}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// The base URL, without a trailing `/` (what manifests read as `$base_url`).
    pub(crate) fn base_url(&self) -> &str {
        self.base_url.as_str().trim_end_matches('/')
    }

    /// The last quota reported.
    pub(crate) fn quota(&self) -> Option<Quota> {
        self.quota.quota()
    }

    /// Sends `request`. A GET is conditional when an earlier answer left an `ETag`; a `304`
    /// is answered with the kept body and cursor. `cursor_of` reads the next page's cursor
    /// from headers, for lists paged by `Link`.
    pub(crate) async fn send(
        &self,
        request: &Request,
        cursor_of: &(dyn Fn(&HeaderMap) -> Option<String> + Sync),
    ) -> Result<Answer, ProviderError> {
        let url = self.url(&request.path, &request.query)?;
        let conditional = request.method == Method::GET && request.body.is_none();
        let revalidation = match (&self.validators, conditional) {
            (Some(validators), true) => Some((validators, self.scope.key(url.as_str()))),
            _ => None,
        };
        let stored = match &revalidation {
            Some((validators, key)) => validators.get(key).await.and_then(|stored| {
                let etag = HeaderValue::from_str(&stored.etag).ok()?;
                Some((etag, stored))
            }),
            None => None,
        };
        let mut target = url;
        if let Some((name, value)) = &self.query_credential {
            target.query_pairs_mut().append_pair(name, value.expose());
        }
        let mut builder = self.http.request(request.method.clone(), target);
        for (name, value) in &request.headers {
            builder = builder.header(name.clone(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.json(body);
        }
        if let Some((etag, _)) = &stored {
            builder = builder.header(IF_NONE_MATCH, etag.clone());
        }
        let write = !matches!(request.method, Method::GET | Method::HEAD);
        let (status, headers, body) = self.execute(builder, write).await?;
        if status == StatusCode::NOT_MODIFIED {
            if let (Some((_, stored)), Some((validators, key))) = (stored, &revalidation) {
                validators.revalidated(key);
                return Ok(Answer {
                    status: StatusCode::OK,
                    headers,
                    body: stored.body.clone(),
                    header_cursor: stored.next_cursor.clone(),
                });
            }
            return Err(ProviderError::Protocol(
                "304 Not Modified to a request that was not conditional".into(),
            ));
        }
        let header_cursor = cursor_of(&headers);
        if let Some((validators, key)) = revalidation
            && status.is_success()
        {
            match headers.get(ETAG).and_then(|etag| etag.to_str().ok()) {
                Some(etag) => {
                    let validated = Validated {
                        etag: etag.to_owned(),
                        body: body.clone(),
                        next_cursor: header_cursor.clone(),
                    };
                    validators.keep(key, validated).await;
                }
                None if stored.is_some() => validators.forget(&key).await,
                None => {}
            }
        }
        Ok(Answer {
            status,
            headers,
            body,
            header_cursor,
        })
    }

    /// Sends, records the quota, reads the body within its bound. Once a write went out, a
    /// failure leaves it unconfirmed: the provider may have applied it.
    async fn execute(
        &self,
        request: reqwest::RequestBuilder,
        write: bool,
    ) -> Result<(StatusCode, HeaderMap, Bytes), ProviderError> {
        let mut response = request.send().await.map_err(|error| {
            if write && !error.is_connect() && !error.is_builder() {
                unconfirmed(
                    None,
                    format!(
                        "the connection broke after the request was sent ({})",
                        cause(&error)
                    ),
                )
            } else {
                unreachable(&error)
            }
        })?;
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(names) = &self.rate_limit {
            self.quota
                .record(Reading::from_headers(names, &headers, SystemTime::now()));
        }
        let accepted = write && status.is_success();
        let unread = |error: ProviderError| {
            if accepted {
                unconfirmed(None, format!("its answer could not be read ({error})"))
            } else {
                error
            }
        };
        let too_large = || {
            ProviderError::Protocol(format!(
                "answer larger than {} MiB",
                MAX_BODY_BYTES / 1024 / 1024
            ))
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES as u64)
        {
            return Err(unread(too_large()));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(|error| {
            unread(ProviderError::Unavailable(format!(
                "the provider broke off its answer: {}",
                cause(&error)
            )))
        })? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(unread(too_large()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body.freeze()))
    }
}

/// A request that got no answer, naming where it went (never the query, which may hold the
/// credential).
fn unreachable(error: &reqwest::Error) -> ProviderError {
    let host = error
        .url()
        .map(|url| match (url.host_str(), url.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            _ => "the provider".to_owned(),
        })
        .unwrap_or_else(|| "the provider".into());
    ProviderError::Unavailable(format!("cannot reach {host}: {}", cause(error)))
}

/// The innermost cause of an error (connection refused, reset).
fn cause(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}
