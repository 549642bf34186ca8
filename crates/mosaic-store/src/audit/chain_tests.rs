use super::{Fields, GENESIS_HASH, reasons_json, same, sealed_hash, unsealed_hash};
use crate::audit::{AuditKey, NewAuditRecord};

/// The key of the documented examples.
fn key() -> AuditKey {
    AuditKey::from_secret("an audit key of at least thirty-two bytes")
        .unwrap_or_else(|error| panic!("{error}"))
}

fn call() -> NewAuditRecord {
    NewAuditRecord {
        at_ms: 1_769_860_800_123,
        tenant: "acme".into(),
        principal: "alice".into(),
        operation: "git.issues.list".into(),
        resource: "acme/api".into(),
        rule: None,
        reasons: vec![
            "rule public-git matched".into(),
            "github-public healthy".into(),
        ],
        instance: Some("github-public".into()),
        cache: "l1".into(),
        outcome: "ok".into(),
        fault: None,
        latency_us: 1234,
        trace_id: "trace-1".into(),
    }
}

#[test]
fn the_hash_follows_the_documented_format() {
    // Computed independently with Python's hmac and hashlib over "0"*64 + the compact JSON array.
    let call = call();
    let reasons = reasons_json(&call.reasons);
    let fields = Fields {
        id: 1,
        call: &call,
        reasons_json: &reasons,
    };
    assert_eq!(
        sealed_hash(&key(), GENESIS_HASH, &fields),
        "7f7c22666e6637772fa308102dcb611e832a7a982bdf52f82ebc93a3c158064c"
    );
    // HMAC-SHA256(key, "mosaic audit key id"), first 8 bytes.
    assert_eq!(key().id(), "90389057a2d2971c");
    // The chain before it was keyed: a plain SHA-256 of the same bytes.
    assert_eq!(
        unsealed_hash(GENESIS_HASH, &fields),
        "31199f58f7baef4317905727bb596c6f7c76fa7523b49b2e9a3ee4e7bfee5437"
    );
}

#[test]
fn hashes_compare_equal_only_when_equal() {
    assert!(same("ab12", "ab12"));
    assert!(!same("ab12", "ab13"));
    assert!(!same("ab12", "ab1"));
    assert!(!same("", "a"));
}

#[test]
fn every_field_and_the_previous_hash_change_the_hash() {
    let base = call();
    let reasons = reasons_json(&base.reasons);
    let key = key();
    let hash_of = |call: &NewAuditRecord, id: i64, prev: &str| {
        let reasons = reasons_json(&call.reasons);
        sealed_hash(
            &key,
            prev,
            &Fields {
                id,
                call,
                reasons_json: &reasons,
            },
        )
    };
    let original = hash_of(&base, 1, GENESIS_HASH);
    let variants = [
        NewAuditRecord {
            outcome: "forbidden".into(),
            ..base.clone()
        },
        NewAuditRecord {
            rule: Some("r".into()),
            ..base.clone()
        },
        NewAuditRecord {
            reasons: vec![],
            ..base.clone()
        },
        NewAuditRecord {
            latency_us: 1235,
            ..base.clone()
        },
    ];
    for variant in &variants {
        assert_ne!(hash_of(variant, 1, GENESIS_HASH), original, "{variant:?}");
    }
    assert_ne!(hash_of(&base, 2, GENESIS_HASH), original);
    assert_ne!(hash_of(&base, 1, &original), original);
    assert_eq!(
        reasons,
        r#"["rule public-git matched","github-public healthy"]"#
    );
}
