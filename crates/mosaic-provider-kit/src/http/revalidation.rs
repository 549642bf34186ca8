//! The validators behind conditional requests: for each URL last answered with an `ETag`, the
//! tag and the answer. The next GET of that URL sends `If-None-Match`; a `304 Not Modified`
//! (which GitHub does not count against the quota) is answered from here.
//!
//! One store per instance, and an instance has one set of credentials, so an answer is only
//! ever reused for the credentials that fetched it. Bounded by the bytes of the bodies kept.

use bytes::Bytes;
use moka::future::Cache;
use reqwest::header::HeaderValue;
use std::sync::Arc;

/// A stored answer and its validator.
#[derive(Debug)]
pub(crate) struct Validated {
    /// The `ETag` the answer came with.
    pub etag: HeaderValue,
    /// The body.
    pub body: Bytes,
    /// The next page's cursor the answer came with.
    pub next_cursor: Option<String>,
}

/// Answers by URL, evicted by size.
#[derive(Clone)]
pub(crate) struct Revalidation {
    answers: Cache<String, Arc<Validated>>,
}

impl Revalidation {
    /// A store keeping up to `max_bytes` of bodies (0 turns conditional requests off).
    pub(crate) fn new(max_bytes: u64) -> Self {
        let answers = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|url: &String, answer: &Arc<Validated>| {
                let bytes = url.len() + answer.body.len() + answer.etag.len();
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .build();
        Self { answers }
    }

    /// The stored answer for `url`, if any.
    pub(crate) async fn get(&self, url: &str) -> Option<Arc<Validated>> {
        self.answers.get(url).await
    }

    /// Keeps an answer that carried an `ETag`.
    pub(crate) async fn keep(&self, url: String, answer: Validated) {
        self.answers.insert(url, Arc::new(answer)).await;
    }

    /// Forgets an answer the provider no longer confirms.
    pub(crate) async fn forget(&self, url: &str) {
        self.answers.invalidate(url).await;
    }
}
