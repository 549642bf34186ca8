//! The store's behaviour, with the same cases run on SQLite and on PostgreSQL.
//!
//! Each case gets a database of its own, so cases run in parallel without interfering: a
//! SQLite file in a fresh temporary directory, or a fresh schema on the test PostgreSQL
//! (selected through the URL's `options[search_path]`). When PostgreSQL is not reachable its
//! cases fail under `CI` and are skipped loudly otherwise.

mod audit_cases;
mod keys;
mod open;
mod seal_cases;
mod sink_cases;

use crate::audit::NewAuditRecord;
use crate::{AuditOptions, Store};
use sqlx::Connection;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The test PostgreSQL (trust auth); `MOSAIC_TEST_POSTGRES_URL` overrides it.
const POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The audit key of the PostgreSQL cases (a SQLite file gets a key file generated beside it).
pub(crate) const TEST_KEY: &str = "a test audit key that is long enough to seal a chain";

/// One case's own database.
pub(crate) struct TestDb {
    /// The URL to open it with.
    pub(crate) url: String,
    /// How its audit log is sealed.
    pub(crate) audit: AuditOptions,
    pub(crate) store: Store,
    /// Where its anchor is written.
    pub(crate) anchor: PathBuf,
    /// A directory of the case's own (holding the SQLite file, or the PostgreSQL anchor).
    pub(crate) dir: PathBuf,
    cleanup: Cleanup,
}

enum Cleanup {
    Directory,
    Schema { admin_url: String, schema: String },
}

/// A name no other case of any test run uses.
fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{nanos}_{n}", std::process::id())
}

impl TestDb {
    /// A SQLite file in a directory that does not exist yet (opening creates it), with the
    /// default key file and anchor beside it.
    pub(crate) async fn sqlite() -> Option<TestDb> {
        let dir = std::env::temp_dir().join(unique_name("mosaic_store"));
        let database = dir.join("state/mosaic.db");
        let url = format!("sqlite://{}", database.display());
        let audit = AuditOptions::default();
        let store = open_with(&url, &audit).await;
        Some(TestDb {
            url,
            audit,
            store,
            anchor: dir.join("state/mosaic.db.audit-head"),
            dir,
            cleanup: Cleanup::Directory,
        })
    }

    /// A fresh schema on the test PostgreSQL, or `None` when it is not reachable outside CI.
    pub(crate) async fn postgres() -> Option<TestDb> {
        let admin_url =
            std::env::var("MOSAIC_TEST_POSTGRES_URL").unwrap_or_else(|_| POSTGRES_URL.to_owned());
        let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
            Ok(admin) => admin,
            Err(error) => {
                let help = "start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`";
                if std::env::var_os("CI").is_some() {
                    panic!("PostgreSQL at {admin_url} is required under CI: {error}; {help}");
                }
                // Straight to the process's stderr: `eprintln!` would be captured by the test
                // harness and never shown for a test that returns normally.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n!!! PostgreSQL tests did NOT run ({admin_url}: {error}): {help} !!!\n"
                );
                return None;
            }
        };
        let schema = unique_name("mosaic_test");
        let create = format!("CREATE SCHEMA {schema}");
        if let Err(error) = sqlx::raw_sql(sqlx::AssertSqlSafe(create))
            .execute(&mut admin)
            .await
        {
            panic!("cannot create test schema {schema}: {error}");
        }
        let _ = admin.close().await;
        let url = format!("{admin_url}?options[search_path]={schema}");
        let dir = std::env::temp_dir().join(unique_name("mosaic_store_pg"));
        let anchor = dir.join("audit-head");
        let audit = AuditOptions {
            key: Some(TEST_KEY.into()),
            anchor_file: Some(anchor.clone()),
            ..AuditOptions::default()
        };
        let store = open_with(&url, &audit).await;
        Some(TestDb {
            url,
            audit,
            store,
            anchor,
            dir,
            cleanup: Cleanup::Schema { admin_url, schema },
        })
    }

    /// Another store over the same database, sealed the same way (another replica, or the same
    /// gateway restarted).
    pub(crate) async fn reopen(&self) -> Store {
        open_with(&self.url, &self.audit).await
    }

    /// The same database opened to read and verify only, as `mosaic audit verify` does.
    pub(crate) async fn read_only(&self) -> Store {
        let audit = AuditOptions {
            read_only: true,
            ..self.audit.clone()
        };
        open_with(&self.url, &audit).await
    }

    /// Closes the store and removes the database.
    pub(crate) async fn cleanup(self) {
        self.store.close().await;
        let _ = std::fs::remove_dir_all(&self.dir);
        match self.cleanup {
            Cleanup::Directory => {}
            Cleanup::Schema { admin_url, schema } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let drop = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
                    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
                        .execute(&mut admin)
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }

    /// Runs one statement directly, bypassing the store's API (to tamper with the log).
    pub(crate) async fn raw(&self, statement: &str) {
        let done = match &self.store.db {
            crate::store::Db::Sqlite(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                .execute(pool)
                .await
                .map(|_| ()),
            crate::store::Db::Postgres(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                .execute(pool)
                .await
                .map(|_| ()),
        };
        if let Err(error) = done {
            panic!("`{statement}` failed: {error}");
        }
    }
}

async fn open_with(url: &str, audit: &AuditOptions) -> Store {
    Store::open_with(url, audit)
        .await
        .unwrap_or_else(|error| panic!("cannot open {url}: {error}"))
}

/// A record of `tenant` whose trace id is `trace`.
pub(crate) fn call(tenant: &str, trace: &str) -> NewAuditRecord {
    NewAuditRecord {
        at_ms: 1_769_860_800_000,
        tenant: tenant.to_owned(),
        principal: "alice".to_owned(),
        operation: "git.issues.list".to_owned(),
        resource: "acme/api".to_owned(),
        rule: Some("public-git".to_owned()),
        reasons: vec![
            "rule public-git matched".to_owned(),
            "github-public healthy".to_owned(),
        ],
        instance: Some("github-public".to_owned()),
        cache: "provider".to_owned(),
        outcome: "ok".to_owned(),
        fault: None,
        latency_us: 1200,
        trace_id: trace.to_owned(),
    }
}

/// The trace ids of `records`, in order.
pub(crate) fn traces(records: &[crate::AuditRecord]) -> Vec<String> {
    records.iter().map(|r| r.call.trace_id.clone()).collect()
}

/// Declares each case as a test on SQLite and one on PostgreSQL.
macro_rules! on_both_databases {
    ($flavor:meta; $($case:path => $name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[$flavor]
                async fn $name() {
                    if let Some(db) = $crate::tests::TestDb::sqlite().await {
                        $case(&db).await;
                        db.cleanup().await;
                    }
                }
            )+
        }
        mod postgres {
            $(
                #[$flavor]
                async fn $name() {
                    if let Some(db) = $crate::tests::TestDb::postgres().await {
                        $case(&db).await;
                        db.cleanup().await;
                    }
                }
            )+
        }
    };
}

pub(crate) use on_both_databases;
