//! The L2 tier against the real Redis at 127.0.0.1:6379 (as in CI): replicas are caches of
//! their own (each with its L1) sharing one Redis under a prefix of the test's own, for
//! answers and for the validators of conditional requests.
//! Without Redis these tests say loudly that they did not run, and fail under `CI`.

mod acks;
mod isolation;
mod outage;
mod race;
mod replicas;
mod residency;
mod support;
mod validators;
