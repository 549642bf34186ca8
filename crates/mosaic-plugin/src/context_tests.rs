//! The scope a context gives its instance's validators.

use super::*;
use crate::validators::Validated;

#[test]
fn contexts_without_a_fingerprint_never_share_a_scope() {
    let first = BuildContext::new("github");
    let second = BuildContext::new("github");
    assert_eq!(first.scope().instance(), "github");
    assert_ne!(first.scope(), second.scope());
    assert_eq!(
        first.clone().scope(),
        first.scope(),
        "a clone is the same build"
    );
}

#[test]
fn a_fingerprint_scopes_builds_of_one_instance_alike_and_of_another_apart() {
    let scope = |instance: &str, fingerprint: &str| {
        BuildContext::new(instance)
            .with_scope_fingerprint(fingerprint)
            .scope()
            .clone()
    };
    assert_eq!(scope("github", "a1"), scope("github", "a1"));
    assert_ne!(scope("github", "a1"), scope("github", "b2"));
    assert_ne!(scope("github", "a1"), scope("gitea", "a1"));
    assert_eq!(
        scope("github", "a1").key("https://x/1").url(),
        "https://x/1"
    );
}

#[tokio::test]
async fn by_default_nothing_is_kept() {
    let context = BuildContext::new("github");
    let key = context.scope().key("https://api.github.com/repos/a/b");
    let validated = Validated {
        etag: "\"v1\"".into(),
        body: bytes::Bytes::from_static(b"{}"),
        next_cursor: None,
    };
    context.validators().keep(key.clone(), validated).await;
    assert_eq!(context.validators().get(&key).await, None);
}
