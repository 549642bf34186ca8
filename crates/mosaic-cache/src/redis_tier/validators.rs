//! The L2 tier's validators of conditional requests, shared by replicas and kept across
//! restarts: under `<prefix>:v:<sha-256 of scope and URL>` (`Keys::validator`), encoded by
//! `validator_encoding.rs`, for `validator_ttl` after they were last kept or found.
//!
//! Every request goes through the tier's breaker and timeout like its answers' requests: Redis
//! down or slow costs a lookup at most the timeout and then nothing while the breaker is open,
//! and the request to the provider goes out unconditionally. What is given to this tier is
//! decided by the validators store (shareable scopes of jurisdictions its region may hold,
//! `crate::validators`); what is too large to share is decided here.

use super::{RedisTier, validator_encoding};
use crate::stats::Counters;
use crate::tier::{SharedValidators, TierName};
use mosaic_plugin::{Validated, ValidatorKey};

/// The largest validator (body, `ETag`, cursor) kept in Redis: 1 MiB, several list pages of
/// any provider. A larger body stays in the process that fetched it, since one copy into Redis
/// and one out of it on every other replica's lookup would cost more than the conditional
/// request saves.
pub const MAX_SHARED_VALIDATOR_BYTES: usize = 1024 * 1024;

#[async_trait::async_trait]
impl SharedValidators for RedisTier {
    async fn get_validated(&self, key: &ValidatorKey) -> Option<Validated> {
        let mut connection = self.connection();
        let name = self.keys.validator(key);
        let ttl = self.validator_ttl_ms;
        // GETEX renews the TTL: a validator in use stays, one nobody asks for goes away.
        let bytes: Vec<u8> = self
            .request("validator get", async move {
                redis::cmd("GETEX")
                    .arg(name)
                    .arg("PX")
                    .arg(ttl)
                    .query_async::<Option<Vec<u8>>>(&mut connection)
                    .await
            })
            .await??;
        match validator_encoding::decode(&bytes) {
            Ok(validated) => Some(validated),
            Err(error) => {
                // Counted, but no reason to stop asking Redis: the next keep overwrites it.
                Counters::bump(&self.errors);
                tracing::warn!(tier = %TierName::L2, %error, "validator unreadable; treated as absent");
                None
            }
        }
    }

    async fn keep_validated(&self, key: &ValidatorKey, validated: &Validated) {
        if validator_encoding::encoded_len(validated) > MAX_SHARED_VALIDATOR_BYTES {
            // An older, smaller answer kept under the same key stays until its TTL: harmless,
            // since a provider only answers `304` to a tag when it still matches.
            tracing::debug!(tier = %TierName::L2, bytes = validated.body.len(), "validator too large to share; kept in process only");
            return;
        }
        let mut connection = self.connection();
        let name = self.keys.validator(key);
        let bytes = validator_encoding::encode(validated);
        let ttl = self.validator_ttl_ms;
        let _: Option<()> = self
            .request("validator keep", async move {
                redis::cmd("SET")
                    .arg(name)
                    .arg(bytes)
                    .arg("PX")
                    .arg(ttl)
                    .query_async(&mut connection)
                    .await
            })
            .await;
    }

    async fn forget_validated(&self, key: &ValidatorKey) {
        self.delete("validator forget", self.keys.validator(key))
            .await;
    }
}
