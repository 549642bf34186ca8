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
//! A context given no fingerprint gets one unique to it ([`ValidatorScope::unshared`]), so its
//! validators are shared with no other build: always safe, but nothing outlives the instance
//! it was built for, and a store shared by replicas is never given them (no other process
//! could ever ask for them).
//!
//! # Residency
//!
//! A kept body is a provider's answer. The scope carries the instance's jurisdiction (its
//! `jurisdiction` label, [`ValidatorScope::with_jurisdiction`]) so that a store shared by
//! replicas keeps it only where its region may hold that jurisdiction, as it does for cached
//! answers. The jurisdiction is part of the scope: an instance relabelled starts afresh.

use bytes::Bytes;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Whose validators these are: one instance as built from one version of its settings.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ValidatorScope {
    instance: Arc<str>,
    fingerprint: Arc<str>,
    jurisdiction: Option<Arc<str>>,
    /// Whether another build (another replica, a later process) can have the same scope.
    shareable: bool,
}

impl ValidatorScope {
    /// The scope of `instance` built from settings whose fingerprint is `fingerprint` (a
    /// digest, deterministic across processes: it must not contain the credentials
    /// themselves), with no jurisdiction.
    pub fn new(instance: impl Into<Arc<str>>, fingerprint: impl Into<Arc<str>>) -> Self {
        Self {
            instance: instance.into(),
            fingerprint: fingerprint.into(),
            jurisdiction: None,
            shareable: true,
        }
    }

    /// A scope of `instance` that no other scope equals, in this process or another: for a
    /// build given no fingerprint. Its validators are kept in process only.
    pub fn unshared(instance: impl Into<Arc<str>>) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let fingerprint = format!("unshared-{}", NEXT.fetch_add(1, Ordering::Relaxed));
        Self {
            shareable: false,
            ..Self::new(instance, fingerprint)
        }
    }

    /// The same scope for an instance whose data belongs to `jurisdiction` (`None`: none).
    pub fn with_jurisdiction(mut self, jurisdiction: Option<&str>) -> Self {
        self.jurisdiction = jurisdiction.map(Arc::from);
        self
    }

    /// The instance's name (the label of its metrics).
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The fingerprint of what the instance was built from.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The jurisdiction of the instance's data, when it has one.
    pub fn jurisdiction(&self) -> Option<&str> {
        self.jurisdiction.as_deref()
    }

    /// Whether another build can have this scope (it has a fingerprint, not a unique one), so
    /// that keeping its validators where other processes look is of any use.
    pub fn is_shareable(&self) -> bool {
        self.shareable
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
        write!(f, "{}#{}", self.instance, self.fingerprint)?;
        match &self.jurisdiction {
            Some(jurisdiction) => write!(f, "@{jurisdiction}"),
            None => Ok(()),
        }
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
