//! Opening the store: SQLite by default (one file, created on first start, so `mosaic serve`
//! needs nothing else) or PostgreSQL when scaled out; the same migrations run on both.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: a transaction is on disk when its commit
//! returns, which is what a write's answer waits for (see [`crate::AuditSink`]). (`NORMAL` would
//! survive a killed process but may lose the last commits on power loss.)

use crate::audit::{AuditOptions, Location, Seal};
use crate::error::{StoreError, redact_url};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The schema, embedded at build time. The SQL is portable, so one set serves both databases.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a SQLite writer waits for another to finish before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The gateway's state. Cloning is cheap and shares the connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) db: Db,
    /// The URL it was opened with, password redacted, for error messages.
    pub(crate) url: Arc<str>,
    /// The audit log's key and anchor.
    pub(crate) seal: Arc<Seal>,
}

/// The database behind a store.
#[derive(Clone, Debug)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Opens the store at `url` with the default audit key and anchor (beside a SQLite file;
    /// see [`AuditOptions`]) and brings its schema up to date.
    ///
    /// `sqlite://path/to/mosaic.db` (the file and its directories are created when missing),
    /// `sqlite::memory:` (gone when the store is dropped), or `postgres://user@host/db`
    /// (`?options[search_path]=schema` selects a schema).
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Self::open_with(url, &AuditOptions::default()).await
    }

    /// [`Store::open`] with the audit log sealed as `audit` says. Unless read-only, the key is
    /// generated when its file is missing, and the log is checked against its anchor (a
    /// mismatch is logged and left for `verify` to report).
    pub async fn open_with(url: &str, audit: &AuditOptions) -> Result<Store, StoreError> {
        let redacted = redact_url(url);
        let (db, seal) = if url.starts_with("sqlite:") {
            let options = sqlite_options(url, &redacted)?;
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            let location = if in_memory {
                Location::Memory
            } else {
                create_parent_dir(&options, &redacted)?;
                Location::SqliteFile(options.get_filename())
            };
            let seal = Seal::resolve(audit, location)?;
            (
                Db::Sqlite(open_sqlite(options, in_memory, &redacted).await?),
                seal,
            )
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let seal = Seal::resolve(audit, Location::Postgres)?;
            (Db::Postgres(open_postgres(url, &redacted).await?), seal)
        } else {
            return Err(StoreError::UnsupportedUrl { url: redacted });
        };
        let migrated = match &db {
            Db::Sqlite(pool) => MIGRATOR.run(pool).await,
            Db::Postgres(pool) => MIGRATOR.run(pool).await,
        };
        migrated.map_err(|source| StoreError::Migrate {
            url: redacted.clone(),
            source,
        })?;
        let store = Store {
            db,
            url: redacted.into(),
            seal: Arc::new(seal),
        };
        store.start_sealing().await?;
        Ok(store)
    }

    /// The URL the store was opened with, password redacted.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Which database holds the state: `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A secret key for `purpose` (signing the run ids the gateway hands out), derived from
    /// the audit key: it is the same for every replica sealing one chain and lasts across
    /// restarts as long as that key does. A store opened read-only has none.
    pub fn derived_key(&self, purpose: &str) -> Result<[u8; 32], StoreError> {
        self.seal.key_for_append().map(|key| key.derive(purpose))
    }

    /// Closes every connection; later calls fail.
    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }

    /// A query error naming this store and what was being done.
    pub(crate) fn query_error(
        &self,
        action: &'static str,
    ) -> impl FnOnce(sqlx::Error) -> StoreError {
        let url = self.url.to_string();
        move |source| StoreError::Query {
            url,
            action,
            source,
        }
    }
}

fn sqlite_options(url: &str, redacted: &str) -> Result<SqliteConnectOptions, StoreError> {
    let options = SqliteConnectOptions::from_str(url).map_err(|source| StoreError::InvalidUrl {
        url: redacted.to_owned(),
        source,
    })?;
    Ok(options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(SQLITE_BUSY_TIMEOUT))
}

async fn open_sqlite(
    options: SqliteConnectOptions,
    in_memory: bool,
    redacted: &str,
) -> Result<SqlitePool, StoreError> {
    let pool_options = if in_memory {
        // An in-memory database lives as long as a connection to it: keep exactly one open.
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        SqlitePoolOptions::new()
    };
    pool_options
        .connect_with(options)
        .await
        .map_err(|source| StoreError::Connect {
            url: redacted.to_owned(),
            source,
        })
}

fn create_parent_dir(options: &SqliteConnectOptions, redacted: &str) -> Result<(), StoreError> {
    let Some(parent) = options.get_filename().parent() else {
        return Ok(());
    };
    if parent.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
        url: redacted.to_owned(),
        path: parent.to_path_buf(),
        source,
    })
}

async fn open_postgres(url: &str, redacted: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::InvalidUrl {
        url: redacted.to_owned(),
        source,
    })?;
    let connect_error = |source| StoreError::Connect {
        url: redacted.to_owned(),
        source,
    };
    // One direct attempt first: the pool retries a refused connection until its acquire
    // timeout, which would make a wrong URL look like a hang at startup instead of an error.
    let probe = PgConnection::connect_with(&options)
        .await
        .map_err(connect_error)?;
    let _ = probe.close().await;
    PgPoolOptions::new()
        .connect_with(options)
        .await
        .map_err(connect_error)
}
