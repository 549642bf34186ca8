//! [`RedisTier`]: answers in Redis, shared by every replica of the gateway (L2).
//!
//! It holds entries under keys derived from the full [`CacheKey`] (tenant, credential scope,
//! operation, arguments, candidate instances), so it scopes answers exactly as L1 does, and
//! keeps each for its remaining lifetime (fresh, then stale) as the Redis TTL. It also keeps
//! what L1 cannot: the epochs of invalidations made through any replica (`scripts.rs`), checked
//! atomically on every read and before every fill, and it announces each invalidation on a
//! channel so other replicas drop their L1 entries (`listener.rs`), waiting until they
//! acknowledge that they have (`acks.rs`).
//!
//! Redis down or slow never fails a call: every request is bounded by the tier's timeout, and
//! after a few failures in a row its breaker (`breaker.rs`) keeps requests away for a while —
//! lookups miss, fills and marks are skipped — then a probe finds out whether Redis is back.
//! The connection reconnects by itself; nothing here waits for it.
//!
//! It also keeps the validators of providers' conditional requests for every replica and for
//! later processes (`validators.rs`, encoded by `validator_encoding.rs`), over the same
//! connection, timeout and breaker.

mod acks;
mod breaker;
mod encoding;
mod listener;
mod scripts;
mod validator_encoding;
mod validators;

pub use acks::INVALIDATION_ACK_TIMEOUTS;
pub use breaker::BreakerSettings;
pub use validators::MAX_SHARED_VALIDATOR_BYTES;

use crate::cache::AnswerCache;
use crate::key::CacheKey;
use crate::ledger::Epoch;
use crate::stats::Counters;
use crate::tier::{Mark, Put, Stored, Tier, TierName, TierStats};
use acks::Acks;
use breaker::{Breaker, Transition};
use mosaic_plugin::ValidatorKey;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, SystemTime};
use tokio::sync::watch;
use tokio::time::Instant;

/// How the L2 tier reaches Redis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisSettings {
    /// `redis://[user:password@]host:port[/db]`.
    pub url: String,
    /// Prefix of every key and of the channel; replicas sharing a cache use the same one.
    pub prefix: String,
    /// The longest any request to Redis may take (connecting included) before it counts as
    /// failed and the call goes on without L2.
    pub timeout: Duration,
    /// The region the Redis runs in, reported with the tier.
    pub region: Option<String>,
    /// When the tier stops asking Redis, and for how long.
    pub breaker: BreakerSettings,
    /// The longest a write's invalidation waits for the other replicas to acknowledge that
    /// they applied it (`acks.rs`); zero does not wait.
    pub ack_timeout: Duration,
    /// How long Redis keeps a validator of a conditional request after it was last kept or
    /// found (its TTL, renewed on every hit). Zero: the tier keeps no validators, each replica
    /// keeps its own in process.
    pub validator_ttl: Duration,
}

/// How long Redis keeps a validator by default after it was last used: a day, so that a
/// resource read daily is still revalidated for free, while one nobody reads goes away.
pub const DEFAULT_VALIDATOR_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Why an L2 tier could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RedisTierError {
    /// The URL is not one the Redis client accepts.
    #[error("cache.l2.url: {0}")]
    Url(#[source] redis::RedisError),
}

/// The L2 tier.
pub struct RedisTier {
    client: redis::Client,
    connection: ConnectionManager,
    keys: Keys,
    timeout: Duration,
    region: Option<String>,
    /// How long tag records are kept: as long as any entry can be served.
    records_for: Duration,
    /// The Redis TTL of validators, in milliseconds; 0: none are kept.
    validator_ttl_ms: u64,
    breaker: Breaker,
    /// How long the listener waits before subscribing again: the breaker's open time.
    retry: Duration,
    errors: AtomicU64,
    /// This process among the replicas, so it ignores its own announcements.
    replica: u64,
    signals: Arc<listener::Signals>,
    /// This replica's writes awaiting the other replicas' acknowledgements.
    acks: Arc<Acks>,
    ack_timeout: Duration,
    /// Dropped with the tier, which ends its listener.
    _stop: watch::Sender<()>,
    stop: watch::Receiver<()>,
}

/// The names of the tier's keys.
#[derive(Clone, Debug)]
struct Keys {
    prefix: String,
    epoch: String,
    tag_prefix: String,
    entry_prefix: String,
    validator_prefix: String,
    channel: String,
}

impl Keys {
    fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_owned(),
            epoch: format!("{prefix}:e"),
            tag_prefix: format!("{prefix}:t:"),
            entry_prefix: format!("{prefix}:a:"),
            validator_prefix: format!("{prefix}:v:"),
            channel: format!("{prefix}:invalidations"),
        }
    }

    /// The entry's key: a digest of the cache key's full text, so a key of any length and
    /// content maps to a short one, and different keys to different ones.
    fn entry(&self, key: &CacheKey) -> String {
        hashed(&self.entry_prefix, Sha256::digest(key.as_str().as_bytes()))
    }

    /// A validator's key: a digest of its whole scope (instance, fingerprint, jurisdiction)
    /// and URL, each part closed by a NUL (which none holds), so different keys never meet.
    fn validator(&self, key: &ValidatorKey) -> String {
        let scope = key.scope();
        let mut digest = Sha256::new();
        for part in [scope.instance(), scope.fingerprint()] {
            digest.update(part.as_bytes());
            digest.update([0]);
        }
        match scope.jurisdiction() {
            Some(jurisdiction) => {
                digest.update(b"=");
                digest.update(jurisdiction.as_bytes());
            }
            None => digest.update(b"-"),
        }
        digest.update([0]);
        digest.update(key.url().as_bytes());
        hashed(&self.validator_prefix, digest.finalize())
    }
}

/// `prefix` followed by `digest` in hex.
fn hashed(prefix: &str, digest: impl IntoIterator<Item = u8>) -> String {
    let mut name = String::with_capacity(prefix.len() + 64);
    name.push_str(prefix);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(name, "{byte:02x}");
    }
    name
}

impl RedisTier {
    /// A tier over the Redis at `settings.url`, keeping invalidation records for
    /// `longest_lifetime` (the longest any entry can be served, `CacheSettings::longest_lifetime`).
    /// Nothing is connected yet: the first request connects, so a gateway starts while Redis is
    /// down. Call it inside a tokio runtime.
    pub fn new(
        settings: RedisSettings,
        longest_lifetime: Duration,
    ) -> Result<Self, RedisTierError> {
        let client = redis::Client::open(settings.url.as_str()).map_err(RedisTierError::Url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(settings.timeout))
            .set_response_timeout(Some(settings.timeout))
            // Reconnecting is retried by the next request, under the breaker, not in a loop
            // that a request would wait on.
            .set_number_of_retries(1)
            .set_max_delay(settings.timeout);
        let connection = ConnectionManager::new_lazy_with_config(client.clone(), config)
            .map_err(RedisTierError::Url)?;
        let (stop_sender, stop) = watch::channel(());
        Ok(Self {
            client,
            connection,
            keys: Keys::new(&settings.prefix),
            timeout: settings.timeout,
            region: settings.region,
            records_for: longest_lifetime.max(Duration::from_secs(1)),
            validator_ttl_ms: u64::try_from(settings.validator_ttl.as_millis()).unwrap_or(u64::MAX),
            breaker: Breaker::new(settings.breaker),
            retry: settings.breaker.open_for,
            errors: AtomicU64::new(0),
            replica: rand::random(),
            signals: Arc::default(),
            acks: Arc::default(),
            ack_timeout: settings.ack_timeout,
            _stop: stop_sender,
            stop,
        })
    }

    /// Whether the tier listens to other replicas' invalidations now; `true` once subscribed,
    /// `false` while the channel is down (for tests and status).
    pub fn listening(&self) -> watch::Receiver<bool> {
        self.signals.listening.subscribe()
    }

    /// How many invalidations of other replicas the tier has heard announced (for tests).
    pub fn announcements(&self) -> watch::Receiver<u64> {
        self.signals.announced.subscribe()
    }

    /// How many writes' invalidations stopped waiting for acknowledgements at
    /// `ack_timeout`, since the tier was made (also counted as [`INVALIDATION_ACK_TIMEOUTS`]).
    pub fn ack_timeouts(&self) -> u64 {
        self.acks.timeouts()
    }

    /// Starts listening to other replicas' invalidations on behalf of `cache` (whose tiers
    /// include this one): each is applied to `cache` as it is announced. The task ends when
    /// the tier or the cache is dropped.
    pub fn listen_for(&self, cache: &AnswerCache) {
        let listener = listener::Listener {
            client: self.client.clone(),
            connection: self.connection(),
            channel: self.keys.channel.clone(),
            prefix: self.keys.prefix.clone(),
            replica: self.replica,
            acks: Arc::clone(&self.acks),
            timeout: self.timeout,
            retry: self.retry,
            signals: Arc::clone(&self.signals),
            stop: self.stop.clone(),
        };
        tokio::spawn(listener.run(Arc::downgrade(&cache.shared)));
    }

    /// Runs one request under the breaker and the timeout; `None` when it was not sent, failed
    /// or timed out (counted, and logged when the breaker opens or closes).
    async fn request<T, F>(&self, what: &'static str, request: F) -> Option<T>
    where
        F: Future<Output = redis::RedisResult<T>>,
    {
        if !self.breaker.permit() {
            return None;
        }
        let error = match tokio::time::timeout(self.timeout, request).await {
            Ok(Ok(value)) => {
                if self.breaker.success() == Transition::Closed {
                    tracing::info!(tier = %TierName::L2, "cache tier back in use");
                }
                return Some(value);
            }
            Ok(Err(error)) => error.to_string(),
            Err(_) => format!("no answer within {:?}", self.timeout),
        };
        Counters::bump(&self.errors);
        if self.breaker.failure() == Transition::Opened {
            tracing::warn!(tier = %TierName::L2, %error, request = what, "cache tier unavailable; calls go on without it until it answers again");
        } else {
            tracing::debug!(tier = %TierName::L2, %error, request = what, "cache tier request failed");
        }
        None
    }

    /// Deletes the key `name` (a request like any other: under the breaker and the timeout).
    async fn delete(&self, what: &'static str, name: String) {
        let mut connection = self.connection();
        let _: Option<u64> = self
            .request(what, async move {
                redis::cmd("DEL")
                    .arg(name)
                    .query_async(&mut connection)
                    .await
            })
            .await;
    }

    fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }
}

#[async_trait::async_trait]
impl Tier for RedisTier {
    fn name(&self) -> &TierName {
        &TierName::L2
    }

    async fn get(&self, key: &CacheKey, epoch: Epoch) -> Option<Stored> {
        let mut connection = self.connection();
        let entry = self.keys.entry(key);
        let mut invocation = scripts::GET.prepare_invoke();
        invocation.key(entry).arg(&self.keys.tag_prefix);
        let bytes: Vec<u8> = self
            .request("get", async move {
                invocation
                    .invoke_async::<Option<Vec<u8>>>(&mut connection)
                    .await
            })
            .await??;
        match encoding::decode(&bytes, Instant::now(), SystemTime::now()) {
            Ok(answer) => Some(Stored {
                answer: Arc::new(answer),
                started: epoch,
            }),
            Err(error) => {
                // Counted, but no reason to stop asking Redis: the fill overwrites it.
                Counters::bump(&self.errors);
                tracing::warn!(tier = %TierName::L2, %error, "cache entry unreadable; treated as absent");
                None
            }
        }
    }

    async fn mark(&self) -> Mark {
        let mut connection = self.connection();
        let epoch = self.keys.epoch.clone();
        let current: Option<u64> = self
            .request("mark", async move {
                redis::cmd("GET")
                    .arg(epoch)
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        Some(current.unwrap_or(0))
    }

    async fn put(&self, key: &CacheKey, stored: Stored, mark: Mark) -> Put {
        // Without the epoch the fetch started at, an invalidation during it cannot be ruled out.
        let Some(started) = mark else {
            return Put::Skipped;
        };
        let lifetime = stored.lifetime_left(Instant::now());
        let millis = u64::try_from(lifetime.as_millis()).unwrap_or(u64::MAX);
        if millis == 0 {
            return Put::Skipped;
        }
        let bytes = encoding::encode(&stored.answer, Instant::now(), SystemTime::now());
        let tags = serde_json::to_string(&stored.answer.tags).unwrap_or_else(|_| "[]".into());
        let mut connection = self.connection();
        let mut invocation = scripts::PUT.prepare_invoke();
        invocation
            .key(self.keys.entry(key))
            .key(&self.keys.epoch)
            .arg(&self.keys.tag_prefix)
            .arg(started)
            .arg(bytes)
            .arg(tags)
            .arg(millis);
        let kept: Option<u8> = self
            .request("put", async move {
                invocation.invoke_async(&mut connection).await
            })
            .await;
        match kept {
            Some(1) => Put::Kept,
            Some(_) => Put::Outdated,
            None => Put::Skipped,
        }
    }

    async fn remove(&self, key: &CacheKey) {
        self.delete("remove", self.keys.entry(key)).await;
    }

    async fn invalidate_tags(&self, tags: &[String]) {
        let awaited = self.acks.expect();
        let announcement = listener::announcement(self.replica, awaited.seq(), tags);
        let records_for = u64::try_from(self.records_for.as_millis()).unwrap_or(u64::MAX);
        let mut invocation = scripts::INVALIDATE.prepare_invoke();
        invocation
            .key(&self.keys.epoch)
            .arg(&self.keys.tag_prefix)
            .arg(records_for)
            .arg(&self.keys.channel)
            .arg(announcement);
        for tag in tags {
            invocation.arg(tag);
        }
        let mut connection = self.connection();
        let recorded: Option<(u64, u64)> = self
            .request("invalidate", async move {
                invocation.invoke_async(&mut connection).await
            })
            .await;
        match recorded {
            Some((_epoch, subscribers)) => awaited.all(subscribers, self.ack_timeout, tags).await,
            None => {
                tracing::warn!(tier = %TierName::L2, ?tags, "invalidation not recorded in the shared tier; other replicas' in-process entries of these tags stay until they expire or the replicas reconnect");
            }
        }
    }

    async fn run_pending_tasks(&self) {}

    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Only answers its declared region may hold: one without a declared region keeps none
    /// that has a jurisdiction.
    fn holds_jurisdiction(&self, jurisdiction: Option<&str>) -> bool {
        crate::residency::may_hold(self.region.as_deref(), jurisdiction)
    }

    /// Validators are kept unless `validator_ttl` is zero.
    fn validators(&self) -> Option<&dyn crate::tier::SharedValidators> {
        (self.validator_ttl_ms > 0).then_some(self as &dyn crate::tier::SharedValidators)
    }

    /// Entries are not counted (Redis holds other keys too): `entries` is 0.
    fn stats(&self) -> TierStats {
        TierStats {
            entries: 0,
            evictions: 0,
            errors: Counters::read(&self.errors),
            available: self.breaker.is_available(),
        }
    }
}
