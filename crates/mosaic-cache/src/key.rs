//! Cache keys: which caller asked what, and who may answer it. A key names the tenant and the
//! credential scope, so an answer fetched with one caller's credentials is never served to a
//! caller with another (DESIGN.md, "Caching"), then the operation, its normalized arguments and
//! the instances the call's plan may be answered by.
//!
//! The instances are part of the key because an answer depends on who produced it: a route
//! that sends confidential callers to `secure-forge` and everyone else to `public-forge` gives
//! the two kinds of callers different keys, so a cached answer is only ever served to a call
//! whose plan has the instance that produced it among its candidates — routes, hard
//! constraints and residency hold for cache hits exactly as for provider calls (DESIGN.md,
//! "Operation semantics"). The set is sorted, so a plan's order (weights, latency, open
//! circuits) does not split the cache; a call pinned to one instance is a plan of that one.

use mosaic_core::{OpId, Operation, RequestContext};
use std::fmt::{self, Write as _};
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::{Arc, OnceLock};

/// The identity of one cached answer.
///
/// The full text is kept for equality, so two different calls never share an entry even if
/// their hashes collide; the hash is computed once, with a per-process random seed (so callers
/// cannot craft colliding keys), and reused by every map the key goes into. Cloning is cheap.
#[derive(Clone)]
pub struct CacheKey {
    text: Arc<str>,
    hash: u64,
}

impl CacheKey {
    /// The key of a call of `op` with `arguments` (in their normalized form, as
    /// [`Operation::arguments`] gives them), made by `tenant` with credentials of
    /// `credential_scope`, whose plan may be answered by `instances` (in any order).
    pub fn new(
        tenant: &str,
        credential_scope: &str,
        op: OpId,
        arguments: &serde_json::Value,
        instances: &[&str],
    ) -> Self {
        // `Value`'s `Display` is its compact JSON. Its objects keep a stable key order (sorted by
        // default; field-declaration order if `preserve_order` is ever enabled, and arguments are
        // always serialized from typed inputs), so equal arguments give equal text.
        let arguments = arguments.to_string();
        let mut text = String::with_capacity(
            tenant.len() + credential_scope.len() + op.name().len() + arguments.len() + 64,
        );
        // Length-prefixed fields: no tenant, scope or instance name can make two different
        // calls spell the same key, whatever characters they contain.
        for field in [tenant, credential_scope, op.name(), arguments.as_str()] {
            push_field(&mut text, field);
        }
        let mut instances = instances.to_vec();
        instances.sort_unstable();
        instances.dedup();
        // Writing to a String cannot fail.
        let _ = write!(text, "{}:", instances.len());
        for instance in instances {
            push_field(&mut text, instance);
        }
        Self::from_text(text)
    }

    /// The key of `operation` called in `context`, whose plan's candidates are `instances`.
    pub fn for_call(context: &RequestContext, operation: &Operation, instances: &[&str]) -> Self {
        Self::new(
            &context.tenant,
            &context.credential_scope,
            operation.op_id(),
            &operation.arguments(),
            instances,
        )
    }

    /// The key's full text (length-prefixed fields), for logs and debugging.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The key's seeded hash, for the sketches and maps it goes into.
    pub(crate) fn digest(&self) -> u64 {
        self.hash
    }

    fn from_text(text: String) -> Self {
        let hash = seed().hash_one(text.as_str());
        Self {
            text: text.into(),
            hash,
        }
    }
}

fn push_field(text: &mut String, field: &str) {
    // Writing to a String cannot fail.
    let _ = write!(text, "{}:", field.len());
    text.push_str(field);
}

/// One random seed per process, shared by every key so equal keys hash equally.
fn seed() -> &'static RandomState {
    static SEED: OnceLock<RandomState> = OnceLock::new();
    SEED.get_or_init(RandomState::new)
}

impl PartialEq for CacheKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for CacheKey {}

impl Hash for CacheKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CacheKey").field(&self.text).finish()
    }
}

#[cfg(test)]
#[path = "key_tests.rs"]
mod tests;
