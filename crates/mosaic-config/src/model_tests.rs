use super::*;

#[test]
fn store_urls_are_printed_without_their_password() {
    let store = StoreConfig {
        url: "postgres://mosaic:hunter2@db.internal:5432/mosaic".into(),
    };
    assert_eq!(
        store.redacted_url(),
        "postgres://mosaic:***@db.internal:5432/mosaic"
    );
    assert!(!format!("{store:?}").contains("hunter2"));
    assert_eq!(
        serde_json::to_value(&store).unwrap(),
        serde_json::json!({"url": "postgres://mosaic:***@db.internal:5432/mosaic"})
    );
    for url in [
        "sqlite://data/mosaic.db",
        "sqlite::memory:",
        "postgres://mosaic@db/mosaic",
    ] {
        assert_eq!(redact_url(url), url);
    }
}
