//! What CI runs cost, as the gateway sees them: the usage ledger kept in the store, the runs
//! queued or running on each instance, and the duration predictions, behind the routing
//! signals `least_cost` reads ([`CostTracker`]).
//!
//! Every answer of `ci.runs.trigger`, `ci.runs.get`, `ci.runs.cancel`, `ci.runs.list` and
//! `ci.runs.wait` is handed to [`CostTracker::observe`] (one call in `Gateway::run_and_record`).
//! A run seen queued or running makes its instance busy until it is seen finished (or is
//! forgotten as stale); a run seen finished is billed with its instance's cost model, from its
//! `created_at` to its `finished_at`, and written to the ledger once (its instance and id are
//! the ledger's key, so a run seen finished again, even after a restart, is not counted
//! twice). The month's included minutes used and each tenant's spend are kept in memory,
//! loaded from the ledger at start, and start again at zero when the calendar month (UTC)
//! changes.

mod ledger;
mod runs;

pub use ledger::CostTracker;

#[cfg(test)]
mod tests;
