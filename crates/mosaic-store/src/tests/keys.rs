//! Where the audit key comes from and how SQLite keeps commits: a key file generated on first
//! start, private and reused; keys refused with a reason; PostgreSQL needing one configured; and
//! SQLite in a mode where a commit is on disk.

use super::{TestDb, call, unique_name};
use crate::{AuditOptions, Store, StoreError};

#[tokio::test]
async fn a_key_file_is_generated_private_beside_the_database_and_reused() {
    let Some(db) = TestDb::sqlite().await else {
        return;
    };
    let key_file = db.dir.join("state/mosaic.db.audit-key");
    let text = std::fs::read_to_string(&key_file).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(text.len(), 65, "64 hex digits and a newline: {text:?}");
    assert!(
        text.trim_end().bytes().all(|b| b.is_ascii_hexdigit()),
        "{text:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key_file)
            .unwrap_or_else(|error| panic!("{error}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let again = db.reopen().await;
    assert_eq!(again.audit_key_id(), db.store.audit_key_id());
    let run_ids = db.store.derived_key("run ids").unwrap();
    assert_eq!(
        again.derived_key("run ids").unwrap(),
        run_ids,
        "a derived key outlives the process"
    );
    assert_ne!(db.store.derived_key("other").unwrap(), run_ids);
    assert_eq!(
        std::fs::read_to_string(&key_file).ok().as_deref(),
        Some(text.as_str()),
        "the key is never replaced"
    );
    again.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn opening_to_verify_generates_no_key_and_appends_nothing() {
    let dir = std::env::temp_dir().join(unique_name("mosaic_store_ro"));
    let url = format!("sqlite://{}", dir.join("mosaic.db").display());
    let audit = AuditOptions {
        read_only: true,
        ..AuditOptions::default()
    };
    let store = Store::open_with(&url, &audit)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(!dir.join("mosaic.db.audit-key").exists());
    assert_eq!(store.audit_key_id(), None);
    assert!(matches!(
        store.append_batch(&[call("acme", "t")]).await,
        Err(StoreError::ReadOnly)
    ));
    assert_eq!(
        store.verify().await.map(|verified| verified.records).ok(),
        Some(0)
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_short_key_is_refused_by_name() {
    let short = AuditOptions {
        key: Some("hunter2".into()),
        ..AuditOptions::default()
    };
    match Store::open_with("sqlite::memory:", &short).await {
        Err(error @ StoreError::AuditKey { .. }) => {
            let message = error.to_string();
            assert!(message.contains("store.audit.key"), "{message}");
            assert!(message.contains("at least 32"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
        other => panic!("expected the short key to be refused, got {other:?}"),
    }
    let dir = std::env::temp_dir().join(unique_name("mosaic_store_key"));
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
    let key_file = dir.join("audit.key");
    std::fs::write(&key_file, "too short\n").unwrap_or_else(|error| panic!("{error}"));
    let from_file = AuditOptions {
        key_file: Some(key_file.clone()),
        ..AuditOptions::default()
    };
    match Store::open_with("sqlite::memory:", &from_file).await {
        Err(error @ StoreError::AuditKey { .. }) => {
            assert!(
                error.to_string().contains(&key_file.display().to_string()),
                "{error}"
            );
        }
        other => panic!("expected the short key file to be refused, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn postgres_needs_a_configured_key() {
    // Refused before connecting: nothing listens on port 1.
    match Store::open("postgres://mosaic@127.0.0.1:1/mosaic").await {
        Err(error @ StoreError::AuditKeyRequired) => {
            assert!(error.to_string().contains("store.audit.key"), "{error}");
        }
        other => panic!("expected a key to be required, got {other:?}"),
    }
}

#[tokio::test]
async fn sqlite_commits_are_durable() {
    let Some(db) = TestDb::sqlite().await else {
        return;
    };
    let crate::store::Db::Sqlite(pool) = &db.store.db else {
        panic!("a SQLite store");
    };
    let journal_mode: Result<String, _> = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await;
    assert_eq!(journal_mode.ok().as_deref(), Some("wal"));
    // 2 is FULL: the WAL is synced at every commit, so a commit that returned survives a
    // power loss, not only a killed process.
    let synchronous: Result<i64, _> = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await;
    assert_eq!(synchronous.ok(), Some(2));
    db.cleanup().await;
}
