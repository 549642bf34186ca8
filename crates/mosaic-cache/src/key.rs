//! Cache keys: which caller asked what. A key names the tenant and the credential scope, so an
//! answer fetched with one caller's credentials is never served to a caller with another
//! (DESIGN.md, "Caching"), then the operation, its normalized arguments and, when the call was
//! pinned to one instance, that instance.

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
    /// `credential_scope`, optionally pinned to one instance.
    pub fn new(
        tenant: &str,
        credential_scope: &str,
        op: OpId,
        arguments: &serde_json::Value,
        pinned_instance: Option<&str>,
    ) -> Self {
        // `Value`'s `Display` is its compact JSON. Its objects keep a stable key order (sorted by
        // default; field-declaration order if `preserve_order` is ever enabled, and arguments are
        // always serialized from typed inputs), so equal arguments give equal text.
        let arguments = arguments.to_string();
        let mut text = String::with_capacity(
            tenant.len() + credential_scope.len() + op.name().len() + arguments.len() + 48,
        );
        // Length-prefixed fields: no tenant, scope or instance name can make two different
        // calls spell the same key, whatever characters they contain.
        for field in [tenant, credential_scope, op.name(), arguments.as_str()] {
            push_field(&mut text, field);
        }
        match pinned_instance {
            Some(instance) => push_field(&mut text, instance),
            None => text.push('-'),
        }
        Self::from_text(text)
    }

    /// The key of `operation` called in `context`, optionally pinned to one instance.
    pub fn for_call(
        context: &RequestContext,
        operation: &Operation,
        pinned_instance: Option<&str>,
    ) -> Self {
        Self::new(
            &context.tenant,
            &context.credential_scope,
            operation.op_id(),
            &operation.arguments(),
            pinned_instance,
        )
    }

    /// The key's full text (length-prefixed fields), for logs and debugging.
    pub fn as_str(&self) -> &str {
        &self.text
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
