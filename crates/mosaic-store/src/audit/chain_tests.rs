use super::{Fields, GENESIS_HASH, link_hash, reasons_json};
use crate::audit::NewAuditRecord;

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
    // Computed independently: Python's hashlib.sha256 over "0"*64 + the compact JSON array.
    let call = call();
    let reasons = reasons_json(&call.reasons);
    let fields = Fields {
        id: 1,
        call: &call,
        reasons_json: &reasons,
    };
    assert_eq!(
        link_hash(GENESIS_HASH, &fields),
        "31199f58f7baef4317905727bb596c6f7c76fa7523b49b2e9a3ee4e7bfee5437"
    );
}

#[test]
fn every_field_and_the_previous_hash_change_the_hash() {
    let base = call();
    let reasons = reasons_json(&base.reasons);
    let hash_of = |call: &NewAuditRecord, id: i64, prev: &str| {
        let reasons = reasons_json(&call.reasons);
        link_hash(
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
