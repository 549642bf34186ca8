use super::*;

#[test]
fn store_urls_are_printed_without_their_password() {
    let store = StoreConfig {
        url: "postgres://mosaic:hunter2@db.internal:5432/mosaic".into(),
        audit: AuditConfig {
            key: Some("a key that is long enough and secret as well".into()),
            ..AuditConfig::default()
        },
    };
    assert_eq!(
        store.redacted_url(),
        "postgres://mosaic:***@db.internal:5432/mosaic"
    );
    assert!(!format!("{store:?}").contains("hunter2"));
    assert!(!format!("{store:?}").contains("secret"));
    assert_eq!(
        serde_json::to_value(&store).unwrap(),
        serde_json::json!({"url": "postgres://mosaic:***@db.internal:5432/mosaic",
            "audit": {"key": "***", "key_file": null, "anchor_file": null}})
    );
    for url in [
        "sqlite://data/mosaic.db",
        "sqlite::memory:",
        "postgres://mosaic@db/mosaic",
    ] {
        assert_eq!(redact_url(url), url);
    }
}
