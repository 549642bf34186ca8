//! The L1 cache: tenant- and credential-scoped answers with TTLs, tag invalidation and coalesced misses.
