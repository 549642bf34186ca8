//! Build contexts: a state folder beside a file store, and validators scoped by what the
//! instance is built from.

use super::*;
use mosaic_plugin::NoValidators;
use serde_json::json;

fn context_of(store_url: &str, instance: &str, settings: serde_json::Value) -> BuildContext {
    let validators: Arc<dyn Validators> = Arc::new(NoValidators);
    let shared = Shared {
        store_url,
        validators: &validators,
    };
    build_context(&shared, instance, "github@1.0.0", &settings, None)
}

fn scope(settings: serde_json::Value) -> mosaic_plugin::ValidatorScope {
    context_of("sqlite::memory:", "forge", settings)
        .scope()
        .clone()
}

#[test]
fn a_file_store_gives_each_instance_a_folder_beside_it_and_a_memory_store_none() {
    let context = context_of(
        "sqlite://data/mosaic.db?mode=rwc",
        "github-public",
        json!({}),
    );
    assert_eq!(
        context.state_dir(),
        Some(Path::new("data/plugins/github-public"))
    );
    assert_eq!(context.instance(), "github-public");
    assert_eq!(
        context_of("sqlite:mosaic.db", "x", json!({})).state_dir(),
        Some(Path::new("./plugins/x"))
    );
    for url in [
        "sqlite::memory:",
        "sqlite://:memory:",
        "postgres://127.0.0.1/test",
    ] {
        assert_eq!(context_of(url, "x", json!({})).state_dir(), None, "{url}");
    }
}

#[test]
fn equal_settings_share_a_scope_and_a_new_token_or_plugin_does_not() {
    let settings = json!({"token": "t0ken", "base_url": "https://git.example.com"});
    let reordered = json!({"base_url": "https://git.example.com", "token": "t0ken"});
    assert_eq!(scope(settings.clone()), scope(reordered));
    assert_ne!(
        scope(settings.clone()),
        scope(json!({"token": "rotated", "base_url": "https://git.example.com"}))
    );
    let upgraded = Shared {
        store_url: "sqlite::memory:",
        validators: &(Arc::new(NoValidators) as Arc<dyn Validators>),
    };
    let upgraded = build_context(&upgraded, "forge", "github@2.0.0", &settings, None);
    assert_ne!(upgraded.scope(), &scope(settings.clone()));
    assert_eq!(scope(settings.clone()).instance(), "forge");
}

#[test]
fn the_fingerprint_never_contains_the_credentials() {
    let fingerprint = scope(json!({"token": "s3cret-token-value"}))
        .fingerprint()
        .to_owned();
    assert_eq!(fingerprint.len(), 64, "a SHA-256 in hex");
    assert!(!fingerprint.contains("s3cret"));
}

#[test]
fn the_jurisdiction_label_is_carried_in_the_scope() {
    let validators: Arc<dyn Validators> = Arc::new(NoValidators);
    let shared = Shared {
        store_url: "sqlite::memory:",
        validators: &validators,
    };
    let settings = json!({"token": "t0ken"});
    let eu = build_context(&shared, "docs", "bookstack@1.0.0", &settings, Some("eu"));
    assert_eq!(eu.scope().jurisdiction(), Some("eu"));
    assert!(eu.scope().is_shareable());
    let unlabelled = build_context(&shared, "docs", "bookstack@1.0.0", &settings, None);
    assert_eq!(eu.scope().fingerprint(), unlabelled.scope().fingerprint());
    assert_eq!(unlabelled.scope().jurisdiction(), None);
}
