//! The scope a context gives its instance's validators.

use super::*;
use crate::validators::Validated;

#[test]
fn contexts_without_a_fingerprint_never_share_a_scope() {
    let first = BuildContext::new("github");
    let second = BuildContext::new("github");
    assert_eq!(first.scope().instance(), "github");
    assert_ne!(first.scope(), second.scope());
    assert!(!first.scope().is_shareable(), "nothing could ever share it");
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

#[test]
fn the_jurisdiction_is_part_of_the_scope_whichever_is_set_first() {
    let labelled = BuildContext::new("docs")
        .with_scope_jurisdiction(Some("eu"))
        .with_scope_fingerprint("a1");
    assert_eq!(labelled.scope().jurisdiction(), Some("eu"));
    assert!(labelled.scope().is_shareable());
    let then_labelled = BuildContext::new("docs")
        .with_scope_fingerprint("a1")
        .with_scope_jurisdiction(Some("eu"));
    assert_eq!(labelled.scope(), then_labelled.scope());
    let unlabelled = BuildContext::new("docs").with_scope_fingerprint("a1");
    assert_ne!(labelled.scope(), unlabelled.scope());
    assert_eq!(format!("{:?}", labelled.scope()), "docs#a1@eu");
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
