//! Canary decisions: the last state each canary was moved to (rolled back or promoted), by
//! whom and why, per canary instance and `plugin@version`, so that a decision holds across
//! restarts. The gateway loads them at start and writes each new one.

mod sql;

use crate::error::StoreError;
use crate::store::{Db, Store};
use serde::Serialize;

/// One decision about a canary, as the store keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CanaryDecisionRecord {
    /// The canary instance.
    pub canary: String,
    /// Its `plugin@version`: a decision holds for that version only.
    pub plugin: String,
    /// The state it moved to: `active`, `rolled_back` or `promoted`.
    pub state: String,
    /// `automatic` (the rollback on error rates) or `operator`.
    pub decided_by: String,
    /// The operator's tenant.
    pub tenant: Option<String>,
    /// The operator.
    pub principal: Option<String>,
    /// Why, in a sentence (the error rates, for an automatic rollback).
    pub reason: String,
    /// When, milliseconds since the Unix epoch.
    pub at_ms: i64,
}

impl Store {
    /// Keeps `record` as the decision about its canary and plugin, unless a later one is
    /// already kept (a retried write never undoes a newer decision).
    pub async fn record_canary_decision(
        &self,
        record: &CanaryDecisionRecord,
    ) -> Result<(), StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::upsert(pool, record).await,
            Db::Postgres(pool) => sql::postgres::upsert(pool, record).await,
        }
        .map_err(self.query_error("recording a canary decision"))
    }

    /// Every decision kept, by canary and plugin.
    pub async fn canary_decisions(&self) -> Result<Vec<CanaryDecisionRecord>, StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::all(pool).await,
            Db::Postgres(pool) => sql::postgres::all(pool).await,
        }
        .map_err(self.query_error("reading canary decisions"))
    }
}

#[cfg(test)]
#[path = "canary_tests.rs"]
mod tests;
