//! The CI usage ledger: the minutes and cost of every finished run, per instance, tenant and
//! month, kept in the store so that free minutes used, budgets spent and observed durations
//! survive a restart. A run is counted once, however often it is seen finished (the same run
//! read by `ci.runs.get` and again by `ci.runs.wait`).

mod sql;

use crate::error::StoreError;
use crate::store::{Db, Store};
use serde::Serialize;

/// One finished run, as the ledger records it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UsageRecord {
    /// The instance that ran it.
    pub instance: String,
    /// The run's id on that instance.
    pub run_id: String,
    /// The tenant that started or watched it.
    pub tenant: String,
    /// The billing month it finished in, `YYYY-MM` (UTC).
    pub month: String,
    /// `owner/name` of the repository.
    pub repository: String,
    /// The pipeline's id.
    pub pipeline: String,
    /// The runner class it was billed as, on hosted runners.
    pub runner: Option<String>,
    /// Whether the repository is public.
    pub public: bool,
    /// Its run time in minutes.
    pub minutes: f64,
    /// Of those, the minutes the month's included allowance covered.
    pub included_minutes: f64,
    /// What it cost (0 on fixed-cost capacity, whose monthly cost is reported apart).
    pub cost: f64,
    /// When it finished, milliseconds since the Unix epoch.
    pub finished_ms: i64,
}

/// The runs of one instance and tenant in one month, summed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UsageTotal {
    /// The instance.
    pub instance: String,
    /// The tenant.
    pub tenant: String,
    /// `YYYY-MM`.
    pub month: String,
    /// How many runs.
    pub runs: i64,
    /// Their minutes.
    pub minutes: f64,
    /// Their minutes covered by included allowances.
    pub included_minutes: f64,
    /// Their cost.
    pub cost: f64,
}

impl Store {
    /// Records a finished run; `false` when the ledger already had it (nothing changes).
    pub async fn record_usage(&self, record: &UsageRecord) -> Result<bool, StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::insert(pool, record).await,
            Db::Postgres(pool) => sql::postgres::insert(pool, record).await,
        }
        .map_err(self.query_error("recording CI usage"))
    }

    /// Sums per instance, tenant and month, of one tenant or all and of one month or all,
    /// ordered by month, tenant and instance.
    pub async fn usage_totals(
        &self,
        tenant: Option<&str>,
        month: Option<&str>,
    ) -> Result<Vec<UsageTotal>, StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::totals(pool, tenant, month).await,
            Db::Postgres(pool) => sql::postgres::totals(pool, tenant, month).await,
        }
        .map_err(self.query_error("summing CI usage"))
    }

    /// The run times in minutes of the last `limit` runs of `pipeline` in `repository`,
    /// newest first: what its duration is predicted from.
    pub async fn recent_durations(
        &self,
        repository: &str,
        pipeline: &str,
        limit: u32,
    ) -> Result<Vec<f64>, StoreError> {
        let limit = i64::from(limit);
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::durations(pool, repository, pipeline, limit).await,
            Db::Postgres(pool) => sql::postgres::durations(pool, repository, pipeline, limit).await,
        }
        .map_err(self.query_error("reading CI run durations"))
    }

    /// The last `limit` runs of every repository, newest first (to warm predictions and
    /// counters at start).
    pub async fn recent_usage(&self, limit: u32) -> Result<Vec<UsageRecord>, StoreError> {
        let limit = i64::from(limit);
        match &self.db {
            Db::Sqlite(pool) => sql::sqlite::recent(pool, limit).await,
            Db::Postgres(pool) => sql::postgres::recent(pool, limit).await,
        }
        .map_err(self.query_error("reading CI usage"))
    }
}

#[cfg(test)]
#[path = "usage_tests.rs"]
mod tests;
