//! State for the gateway: SQLite (the embedded default, one file) or PostgreSQL (scaled out)
//! through sqlx, with the same migrations and the same tests on both (DESIGN.md, "State"), and
//! the audit log kept in it.
//!
//! [`Store::open`] connects and migrates; the audit log is appended in batches by an
//! [`AuditSink`] on the request path (writes wait for their commit, reads do not), sealed with
//! a key kept outside the database and anchored in a file ([`AuditOptions`]), read with
//! [`Store::tail`] and checked with [`Store::verify`]. The CI usage ledger ([`usage`]) keeps
//! the minutes and cost of finished runs; the last decision about each canary ([`canary`])
//! holds across restarts.

pub mod audit;
pub mod canary;
mod error;
mod sink;
mod store;
pub mod usage;

pub use audit::{
    AnchorCheck, AuditKey, AuditOptions, AuditRecord, MIN_KEY_BYTES, NewAuditRecord, TamperError,
    TamperKind, Verified, VerifyError,
};
pub use canary::CanaryDecisionRecord;
pub use error::{StoreError, redact_url};
pub use sink::{AuditSink, MAX_BATCH, SinkClosed, SinkEvent, SinkObserver, SinkStats};
pub use store::Store;
pub use usage::{UsageRecord, UsageTotal};

#[cfg(test)]
mod tests;
