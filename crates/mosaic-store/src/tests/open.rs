//! Opening the store: clear errors that name the URL without its password.

use crate::{Store, StoreError};

#[tokio::test]
async fn an_unknown_scheme_is_refused_by_name() {
    match Store::open("mysql://root:hunter2@db/mosaic").await {
        Err(error @ StoreError::UnsupportedUrl { .. }) => {
            let message = error.to_string();
            assert!(message.contains("mysql://root:***@db/mosaic"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
        other => panic!("expected an unsupported URL error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_connection_error_names_the_url_without_its_password() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let audit = crate::AuditOptions {
        key: Some(super::TEST_KEY.into()),
        ..crate::AuditOptions::default()
    };
    match Store::open_with("postgres://mosaic:hunter2@127.0.0.1:1/mosaic", &audit).await {
        Err(error @ StoreError::Connect { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("postgres://mosaic:***@127.0.0.1:1/mosaic"),
                "{message}"
            );
            assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_data_directory_that_cannot_be_created_is_named() {
    let blocker = std::env::temp_dir().join(super::unique_name("mosaic_store_file"));
    std::fs::write(&blocker, b"a file where a directory should be")
        .unwrap_or_else(|error| panic!("{error}"));
    let url = format!("sqlite://{}", blocker.join("state/mosaic.db").display());

    match Store::open(&url).await {
        Err(error @ StoreError::CreateDir { .. }) => {
            assert!(
                error.to_string().contains(&blocker.display().to_string()),
                "{error}"
            );
        }
        other => panic!("expected a data directory error, got {other:?}"),
    }
    let _ = std::fs::remove_file(blocker);
}

#[tokio::test]
async fn an_in_memory_store_keeps_its_data_while_open() {
    let store = Store::open("sqlite::memory:")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let record = super::call("acme", "t1");
    let appended = store.append_batch(&[record.clone(), record]).await;
    assert_eq!(appended.map(|records| records.len()).ok(), Some(2));
    assert_eq!(
        store.verify().await.ok().map(|verified| verified.records),
        Some(2)
    );
    assert_eq!(store.backend(), "sqlite");
}
