//! [`ApiClient`]: one instance's HTTP client. It sends requests below the instance's base URL
//! with its credentials, revalidates GETs with `If-None-Match` against the validators the
//! cache layer keeps for it (its context's, under its scope), records the quota every answer
//! reports, and turns every failure into a typed [`ProviderError`] — for a write, one that
//! never says "not performed" once the provider may have applied it (`written.rs`).
//!
//! Timeouts are the executor's (per instance, around the whole call), so there is no second,
//! disagreeing timeout here.

use super::dialect::Dialect;
use super::paging::next_cursor;
use super::rate_limit::{QuotaTracker, RateReading};
use super::redirect::Redirects;
use super::status::error_for_answer;
use super::written::{Effect, body_id, location_id, unconfirmed};
use bytes::{Bytes, BytesMut};
use mosaic_core::{ProviderError, Quota};
use mosaic_plugin::{BuildContext, Secret, Validated, ValidatorScope, Validators};
use reqwest::header::{ETAG, HeaderMap, HeaderName, HeaderValue, IF_NONE_MATCH};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::SystemTime;

/// The largest response body read; a bigger one is refused rather than buffered.
pub(super) const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// How the instance proves who it is.
#[derive(Clone)]
pub enum Auth {
    /// An `Authorization` header with this whole value (`Bearer …`, `token …`).
    Authorization(Secret),
    /// A header of the forge's own (`PRIVATE-TOKEN` for GitLab).
    Header(&'static str, Secret),
}

/// What an [`ApiClient`] is built from, besides its [`BuildContext`].
pub struct ClientSettings {
    /// The API root, path prefix included, without a trailing slash.
    pub base_url: Url,
    /// Credentials.
    pub auth: Auth,
    /// Further headers sent with every request (media types, API versions).
    pub headers: Vec<(&'static str, String)>,
    /// Whether GETs are revalidated with `If-None-Match` (with the context's validators);
    /// false for an instance configured without conditional requests, or a protocol with
    /// nothing to revalidate.
    pub conditional_requests: bool,
    /// How the provider writes its refusals and its quota.
    pub dialect: Dialect,
}

/// One successful answer of the provider (a 304 gives the answer it confirmed).
#[derive(Clone, Debug)]
pub struct Reply {
    /// The body.
    pub body: Bytes,
    /// The next page's cursor, from `Link` or `X-Next-Page`.
    pub next_cursor: Option<String>,
    /// Set when this answers a write: the id its `Location` header named, if any.
    written: Option<Written>,
}

/// What the headers of a write's 2xx answer said of what was written.
#[derive(Clone, Debug)]
struct Written {
    location_id: Option<String>,
}

impl Reply {
    /// The answer to a read, from its body and the next page's cursor.
    pub fn new(body: Bytes, next_cursor: Option<String>) -> Self {
        Self {
            body,
            next_cursor,
            written: None,
        }
    }

    /// The body as `T`; a body that does not fit is the provider's fault, and the error says
    /// where it did not fit. For the answer to a write it is `WriteUnconfirmed`, with the id
    /// the raw body or the `Location` header names: the provider accepted the write.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ProviderError> {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let problem = format!(
                "answer does not fit the expected shape at `{}`: {}",
                error.path(),
                error.inner()
            );
            match &self.written {
                None => ProviderError::Protocol(problem),
                Some(written) => unconfirmed(
                    body_id(&self.body).or_else(|| written.location_id.clone()),
                    format!("its answer could not be read ({problem})"),
                ),
            }
        })
    }
}

/// Any HTTP answer, successful or not (see [`ApiClient::send_raw`]).
#[derive(Clone, Debug)]
pub struct RawReply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, read within the client's bound.
    pub body: Bytes,
}

/// One instance's client.
pub struct ApiClient {
    http: reqwest::Client,
    base_url: Url,
    /// Where GETs' validators are kept; `None` when conditional requests are off.
    validators: Option<Arc<dyn Validators>>,
    /// Whose validators they are: the instance as built from its settings.
    scope: ValidatorScope,
    quota: QuotaTracker,
    dialect: Dialect,
    /// What the clients of [`ApiClient::get_redirected`] are built from, when first needed.
    pub(super) redirects: Redirects,
}

impl ApiClient {
    /// A client for the settings, set up as the context sets up every provider client; fails
    /// when a credential cannot be a header value.
    pub fn new(context: &BuildContext, settings: ClientSettings) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        let (name, value) = match settings.auth {
            Auth::Authorization(value) => (reqwest::header::AUTHORIZATION, value),
            Auth::Header(name, value) => (HeaderName::from_static(name), value),
        };
        let mut value = HeaderValue::from_str(value.expose())
            .map_err(|_| "the token contains characters a header cannot carry".to_owned())?;
        value.set_sensitive(true);
        headers.insert(name, value);
        for (name, value) in settings.headers {
            let value = HeaderValue::from_str(&value)
                .map_err(|_| format!("header `{name}` cannot carry `{value}`"))?;
            headers.insert(HeaderName::from_static(name), value);
        }
        let redirects = Redirects::new(context.http().clone(), headers.clone());
        let http = context
            .http()
            .builder()
            .default_headers(headers)
            .build()
            .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
        Ok(Self {
            http,
            base_url: settings.base_url,
            validators: settings
                .conditional_requests
                .then(|| Arc::clone(context.validators())),
            scope: context.scope().clone(),
            quota: QuotaTracker::default(),
            dialect: settings.dialect,
            redirects,
        })
    }

    /// The URL of an API path (already encoded, starting with `/`) with query parameters.
    pub fn url(&self, path: &str, query: &[(&str, String)]) -> Result<Url, ProviderError> {
        let text = format!("{}{path}", self.base_url.as_str().trim_end_matches('/'));
        let mut url = Url::parse(&text)
            .map_err(|error| ProviderError::Invalid(format!("cannot address `{path}`: {error}")))?;
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
        }
        Ok(url)
    }

    /// GETs a path, conditionally when an earlier answer left an `ETag` in the validators
    /// store: a `304 Not Modified` is answered with the kept body and cursor.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Reply, ProviderError> {
        let url = self.url(path, query)?;
        let key = self.scope.key(url.as_str());
        let revalidation = self.validators.as_ref().map(|validators| (validators, key));
        let stored = match &revalidation {
            // A kept tag that is no header value cannot be sent: as good as none.
            Some((validators, key)) => validators.get(key).await.and_then(|stored| {
                let etag = HeaderValue::from_str(&stored.etag).ok()?;
                Some((etag, stored))
            }),
            None => None,
        };
        let mut request = self.http.get(url);
        if let Some((etag, _)) = &stored {
            request = request.header(IF_NONE_MATCH, etag.clone());
        }
        let (status, headers, body) = self.execute(request, Effect::Read).await?;
        if status == StatusCode::NOT_MODIFIED {
            if let (Some((_, stored)), Some((validators, key))) = (stored, &revalidation) {
                validators.revalidated(key);
                return Ok(Reply::new(stored.body.clone(), stored.next_cursor.clone()));
            }
            return Err(ProviderError::Protocol(
                "304 Not Modified to a request that was not conditional".into(),
            ));
        }
        let reply = self.reply(status, &headers, body, Effect::Read)?;
        if let Some((validators, key)) = revalidation {
            // Only a tag that can be sent back is worth keeping (visible ASCII, RFC 9110 8.8.3).
            match headers.get(ETAG).and_then(|etag| etag.to_str().ok()) {
                Some(etag) => {
                    let validated = Validated {
                        etag: etag.to_owned(),
                        body: reply.body.clone(),
                        next_cursor: reply.next_cursor.clone(),
                    };
                    validators.keep(key, validated).await;
                }
                None if stored.is_some() => validators.forget(&key).await,
                None => {}
            }
        }
        Ok(reply)
    }

    /// Sends a request with a JSON body (or none) and reads the answer. Any method but the
    /// safe ones is a write ([`Effect::of`]): once the provider may have applied it, a failure
    /// is `WriteUnconfirmed`.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<Reply, ProviderError> {
        let effect = Effect::of(&method);
        let url = self.url(path, query)?;
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(body);
        }
        let (status, headers, body) = self.execute(request, effect).await?;
        self.reply(status, &headers, body, effect)
    }

    /// Sends like [`ApiClient::send`] but answers whatever came back, successful or not (quota
    /// recorded, body bounded), for protocols whose refusals carry a body the adapter reads
    /// itself: GraphQL's `errors[]` under HTTP 400 and 401. GraphQL posts reads and writes
    /// alike, so the caller says which this is.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&serde_json::Value>,
        effect: Effect,
    ) -> Result<RawReply, ProviderError> {
        let url = self.url(path, query)?;
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(body);
        }
        let (status, headers, body) = self.execute(request, effect).await?;
        Ok(RawReply {
            status,
            headers,
            body,
        })
    }

    /// The quota the last answer reported.
    pub fn quota(&self) -> Option<Quota> {
        self.quota.quota()
    }

    pub(super) fn reply(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
        effect: Effect,
    ) -> Result<Reply, ProviderError> {
        if !status.is_success() {
            return Err(error_for_answer(
                &self.dialect,
                status,
                headers,
                &body,
                SystemTime::now(),
                effect,
            ));
        }
        Ok(Reply {
            next_cursor: next_cursor(headers),
            body,
            written: (effect == Effect::Write).then(|| Written {
                location_id: location_id(headers),
            }),
        })
    }

    /// Sends, records the quota reading, reads the body within its bound. For a write, a
    /// failure once the request went out, or once the provider answered 2xx, is
    /// `WriteUnconfirmed`: the provider may have applied it.
    pub(super) async fn execute(
        &self,
        request: reqwest::RequestBuilder,
        effect: Effect,
    ) -> Result<(StatusCode, HeaderMap, Bytes), ProviderError> {
        let mut response = request
            .send()
            .await
            .map_err(|error| send_error(&error, effect))?;
        let status = response.status();
        let headers = response.headers().clone();
        self.quota.record(RateReading::from_headers(
            &headers,
            self.dialect.rate_headers,
            SystemTime::now(),
        ));
        let accepted = effect == Effect::Write && status.is_success();
        let unread = |error: ProviderError| {
            if accepted {
                unconfirmed(
                    location_id(&headers),
                    format!("its answer could not be read ({error})"),
                )
            } else {
                error
            }
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES as u64)
        {
            return Err(unread(too_large()));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| unread(transport_error(&error)))?
        {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(unread(too_large()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body.freeze()))
    }
}

pub(super) fn too_large() -> ProviderError {
    ProviderError::Protocol(format!(
        "answer larger than {} MiB",
        MAX_BODY_BYTES / 1024 / 1024
    ))
}

/// A request that got no answer. Only a connection that was never made proves a write was not
/// applied; one that broke after the request went out leaves it unconfirmed.
fn send_error(error: &reqwest::Error, effect: Effect) -> ProviderError {
    if effect == Effect::Write && !error.is_connect() && !error.is_builder() {
        let (host, cause) = describe(error);
        return unconfirmed(
            None,
            format!("the connection to {host} broke after the request was sent ({cause})"),
        );
    }
    transport_error(error)
}

/// A request that got no HTTP answer: the provider is unreachable or hung up.
pub(super) fn transport_error(error: &reqwest::Error) -> ProviderError {
    let (host, cause) = describe(error);
    if error.is_decode() || error.is_body() {
        return ProviderError::Unavailable(format!("{host} broke off its answer: {cause}"));
    }
    ProviderError::Unavailable(format!("cannot reach {host}: {cause}"))
}

/// The host a failed request went to, and the innermost cause, which says what happened
/// (connection refused, reset, DNS); reqwest's own text repeats the whole URL.
fn describe(error: &reqwest::Error) -> (String, String) {
    let host = error
        .url()
        .map(|url| match (url.host_str(), url.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            _ => url.to_string(),
        })
        .unwrap_or_else(|| "the provider".into());
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    (host, cause.to_string())
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "conditional_tests.rs"]
mod conditional_tests;
