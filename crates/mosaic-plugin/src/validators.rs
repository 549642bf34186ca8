//! [`Validators`]: where an instance's HTTP client keeps what conditional requests need — for
//! each URL last answered with an `ETag`, the tag and the answer it came with — so that the next
//! GET of that URL is sent with `If-None-Match` and a `304 Not Modified` (which GitHub does not
//! count against the quota) is answered from the kept body (RFC 9110, section 13.1.2).
//!
//! The store belongs to the cache layer (`mosaic-cache`): the gateway makes one for all its
//! instances, bounded once, and keeps it across reloads. A plugin reaches it only through its
//! [`crate::BuildContext`], whose default keeps nothing ([`NoValidators`]), so a build outside
//! the gateway (a unit test) sends every GET unconditionally.
//!
//! # Scoping
//!
//! Every key names a [`ValidatorScope`]: the instance's name and a fingerprint of what it was
//! built from. The gateway fingerprints the instance's plugin id and its settings as written,
//! credentials included (hashed; the credentials themselves are never part of a key), so:
//!
//! - a reload that keeps an instance's plugin and settings keeps its scope, and with it the
//!   validators its earlier builds collected;
//! - a reload that changes either (another token, another base URL, another version) gives a
//!   new scope: an answer fetched with one credential is never revalidated with another, let
//!   alone served to it.
//!
//! A context given no fingerprint gets one unique to it, so its validators are shared with no
//! other build: always safe, but nothing outlives the instance it was built for.

use bytes::Bytes;
use std::fmt;
use std::sync::Arc;

/// Whose validators these are: one instance as built from one version of its settings.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ValidatorScope {
    instance: Arc<str>,
    fingerprint: Arc<str>,
}

impl ValidatorScope {
    /// The scope of `instance` built from settings whose fingerprint is `fingerprint` (a
    /// digest: it must not contain the credentials themselves).
    pub fn new(instance: impl Into<Arc<str>>, fingerprint: impl Into<Arc<str>>) -> Self {
        Self {
            instance: instance.into(),
            fingerprint: fingerprint.into(),
        }
    }

    /// The instance's name (the label of its metrics).
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The fingerprint of what the instance was built from.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The key of `url` in this scope.
    pub fn key(&self, url: impl Into<String>) -> ValidatorKey {
        ValidatorKey {
            scope: self.clone(),
            url: url.into(),
        }
    }
}

impl fmt::Debug for ValidatorScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.instance, self.fingerprint)
    }
}

/// The key of one kept answer: a scope and the full URL it was fetched from (query included).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ValidatorKey {
    scope: ValidatorScope,
    url: String,
}

impl ValidatorKey {
    /// Whose answer it is.
    pub fn scope(&self) -> &ValidatorScope {
        &self.scope
    }

    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// An answer kept for revalidation, with its validator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    /// The `ETag` the answer came with, exactly as sent (weak tags keep their `W/`).
    pub etag: String,
    /// The body.
    pub body: Bytes,
    /// The next page's cursor the answer came with (from `Link` or `X-Next-Page`).
    pub next_cursor: Option<String>,
}

/// Where validators are kept. Shared by every instance of a gateway, so implementations are
/// bounded as a whole and may drop any entry at any time: a forgotten answer only costs one
/// unconditional request.
#[async_trait::async_trait]
pub trait Validators: Send + Sync {
    /// The answer kept under `key`, if any.
    async fn get(&self, key: &ValidatorKey) -> Option<Arc<Validated>>;

    /// Keeps an answer that came with an `ETag`, replacing any kept before under `key`.
    async fn keep(&self, key: ValidatorKey, validated: Validated);

    /// Forgets the answer under `key`: the provider answered without a validator, so the kept
    /// one can no longer be confirmed.
    async fn forget(&self, key: &ValidatorKey);

    /// Notes that the provider confirmed the answer under `key` (`304 Not Modified`), which the
    /// client then served; for the store's counters and metrics.
    fn revalidated(&self, key: &ValidatorKey);
}

/// Keeps nothing, so every GET is unconditional: the default of a [`crate::BuildContext`].
#[derive(Clone, Copy, Debug, Default)]
pub struct NoValidators;

#[async_trait::async_trait]
impl Validators for NoValidators {
    async fn get(&self, _key: &ValidatorKey) -> Option<Arc<Validated>> {
        None
    }

    async fn keep(&self, _key: ValidatorKey, _validated: Validated) {}

    async fn forget(&self, _key: &ValidatorKey) {}

    fn revalidated(&self, _key: &ValidatorKey) {}
}
