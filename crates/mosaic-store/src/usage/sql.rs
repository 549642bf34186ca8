//! The ledger's statements, written once and compiled for each database as the audit log's
//! are (see `audit/sql.rs`): portable SQL, `$n` placeholders on both.

const INSERT: &str = "INSERT INTO ci_usage (instance, run_id, tenant, month, repository, \
     pipeline, runner, public, minutes, included_minutes, cost, finished_ms) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
     ON CONFLICT (instance, run_id) DO NOTHING";

// `$1 IS NULL OR ...` keeps one statement for every filter; the casts tell PostgreSQL the
// parameters' type, which it cannot infer from `IS NULL` alone.
const TOTALS: &str = "SELECT instance, tenant, month, COUNT(*) AS runs, \
     SUM(minutes) AS minutes, SUM(included_minutes) AS included_minutes, SUM(cost) AS cost \
     FROM ci_usage \
     WHERE (CAST($1 AS TEXT) IS NULL OR tenant = $1) AND (CAST($2 AS TEXT) IS NULL OR month = $2) \
     GROUP BY month, tenant, instance ORDER BY month, tenant, instance";

const DURATIONS: &str = "SELECT minutes FROM ci_usage WHERE repository = $1 AND pipeline = $2 \
     ORDER BY finished_ms DESC LIMIT $3";

const RECENT: &str = "SELECT instance, run_id, tenant, month, repository, pipeline, runner, \
     public, minutes, included_minutes, cost, finished_ms \
     FROM ci_usage ORDER BY finished_ms DESC LIMIT $1";

macro_rules! usage_statements {
    ($db:ty) => {
        use super::{DURATIONS, INSERT, RECENT, TOTALS};
        use crate::usage::{UsageRecord, UsageTotal};
        use sqlx::Row;

        type Pool = sqlx::Pool<$db>;

        pub(crate) async fn insert(pool: &Pool, record: &UsageRecord) -> Result<bool, sqlx::Error> {
            let done = sqlx::query(INSERT)
                .bind(&record.instance)
                .bind(&record.run_id)
                .bind(&record.tenant)
                .bind(&record.month)
                .bind(&record.repository)
                .bind(&record.pipeline)
                .bind(&record.runner)
                .bind(record.public)
                .bind(record.minutes)
                .bind(record.included_minutes)
                .bind(record.cost)
                .bind(record.finished_ms)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn totals(
            pool: &Pool,
            tenant: Option<&str>,
            month: Option<&str>,
        ) -> Result<Vec<UsageTotal>, sqlx::Error> {
            let rows = sqlx::query(TOTALS)
                .bind(tenant)
                .bind(month)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(UsageTotal {
                        instance: row.try_get("instance")?,
                        tenant: row.try_get("tenant")?,
                        month: row.try_get("month")?,
                        runs: row.try_get("runs")?,
                        minutes: row.try_get("minutes")?,
                        included_minutes: row.try_get("included_minutes")?,
                        cost: row.try_get("cost")?,
                    })
                })
                .collect()
        }

        pub(crate) async fn durations(
            pool: &Pool,
            repository: &str,
            pipeline: &str,
            limit: i64,
        ) -> Result<Vec<f64>, sqlx::Error> {
            let rows = sqlx::query(DURATIONS)
                .bind(repository)
                .bind(pipeline)
                .bind(limit)
                .fetch_all(pool)
                .await?;
            rows.iter().map(|row| row.try_get("minutes")).collect()
        }

        pub(crate) async fn recent(
            pool: &Pool,
            limit: i64,
        ) -> Result<Vec<UsageRecord>, sqlx::Error> {
            let rows = sqlx::query(RECENT).bind(limit).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(UsageRecord {
                        instance: row.try_get("instance")?,
                        run_id: row.try_get("run_id")?,
                        tenant: row.try_get("tenant")?,
                        month: row.try_get("month")?,
                        repository: row.try_get("repository")?,
                        pipeline: row.try_get("pipeline")?,
                        runner: row.try_get("runner")?,
                        public: row.try_get("public")?,
                        minutes: row.try_get("minutes")?,
                        included_minutes: row.try_get("included_minutes")?,
                        cost: row.try_get("cost")?,
                        finished_ms: row.try_get("finished_ms")?,
                    })
                })
                .collect()
        }
    };
}

/// The statements on SQLite.
pub(crate) mod sqlite {
    usage_statements!(sqlx::Sqlite);
}

/// The statements on PostgreSQL.
pub(crate) mod postgres {
    usage_statements!(sqlx::Postgres);
}
