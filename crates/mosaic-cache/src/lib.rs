//! The L1 cache: answers of read operations kept in process, keyed by tenant and credential
//! scope, fresh for their cache class's TTL and then usable stale when every provider fails,
//! invalidated by the tags writes name, with concurrent misses for one key coalesced into one
//! upstream call (DESIGN.md, "Caching").
//!
//! The gateway builds a [`CacheKey`] for a read, calls [`AnswerCache::get_or_fetch`] with the
//! operation's cache class and a fetch that runs the plan's candidates, and reports the
//! [`Origin`] of the answer; after a write it calls [`AnswerCache::invalidate_tags`] with the
//! write's tags.

mod answer;
mod cache;
mod fetch;
mod flight;
mod key;
mod ledger;
mod settings;
mod stats;

pub use answer::{CachedAnswer, Fill, Lookup, Origin, Served};
pub use cache::AnswerCache;
pub use key::CacheKey;
pub use settings::{CacheSettings, ClassPolicies, ClassPolicy};
pub use stats::CacheStats;

#[cfg(test)]
mod tests;
