//! What the key and the anchor add to the chain, on either database: a log cut short — while
//! the gateway runs or while it is stopped — is detected, and so is one rewritten as if it
//! were from before keying; a missing or edited anchor is reported; another key is refused;
//! a log from before keying still verifies, and is reported as unsealed.

use super::audit_cases::{expect_tampered, five_records, verified};
use super::{TestDb, call, on_both_databases};
use crate::audit::chain::{Fields, GENESIS_HASH, reasons_json, unsealed_hash};
use crate::{
    AnchorCheck, AuditOptions, NewAuditRecord, Store, StoreError, TamperKind, Verified, VerifyError,
};

async fn verify(store: &Store) -> Verified {
    store
        .verify()
        .await
        .unwrap_or_else(|error| panic!("verify failed: {error}"))
}

/// Inserts `calls` as a version from before keying wrote them: plain SHA-256 links, no key id.
async fn insert_unsealed(db: &TestDb, calls: &[NewAuditRecord]) {
    let mut prev_hash = GENESIS_HASH.to_owned();
    for (index, call) in calls.iter().enumerate() {
        let id = i64::try_from(index).unwrap_or(i64::MAX) + 1;
        let reasons = reasons_json(&call.reasons);
        let hash = unsealed_hash(
            &prev_hash,
            &Fields {
                id,
                call,
                reasons_json: &reasons,
            },
        );
        let text = |value: &str| format!("'{}'", value.replace('\'', "''"));
        let optional = |value: &Option<String>| value.as_deref().map_or("NULL".to_owned(), text);
        db.raw(&format!(
            "INSERT INTO audit_log (id, at_ms, tenant, principal, operation, resource, rule, \
             reasons, instance, cache, outcome, fault, latency_us, trace_id, prev_hash, hash) \
             VALUES ({id}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            call.at_ms,
            text(&call.tenant),
            text(&call.principal),
            text(&call.operation),
            text(&call.resource),
            optional(&call.rule),
            text(&reasons),
            optional(&call.instance),
            text(&call.cache),
            text(&call.outcome),
            optional(&call.fault),
            call.latency_us,
            text(&call.trace_id),
            text(&prev_hash),
            text(&hash),
        ))
        .await;
        prev_hash = hash;
    }
}

async fn an_intact_log_matches_its_anchor(db: &TestDb) {
    five_records(db).await;
    let verified = verify(&db.store).await;
    assert_eq!(
        (verified.records, verified.unsealed, verified.anchor.clone()),
        (5, 0, AnchorCheck::Matched(5))
    );
    // Another process reading the same log agrees.
    assert_eq!(verify(&db.read_only().await).await, verified);
}

async fn records_cut_off_the_end_are_detected(db: &TestDb) {
    five_records(db).await;
    db.raw("DELETE FROM audit_log WHERE id > 3").await;
    expect_tampered(&db.store, 5, TamperKind::Truncated).await;
}

async fn a_log_cut_back_and_written_on_while_serving_is_detected(db: &TestDb) {
    five_records(db).await;
    db.raw("DELETE FROM audit_log WHERE id > 3").await;
    // The gateway goes on appending: ids 4 and 5 again, validly chained onto record 3.
    db.store
        .append_batch(&[call("acme", "n4"), call("acme", "n5"), call("acme", "n6")])
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    expect_tampered(&db.store, 5, TamperKind::Diverged).await;
}

async fn a_log_cut_back_while_stopped_is_detected_after_a_restart(db: &TestDb) {
    five_records(db).await;
    db.raw("DELETE FROM audit_log WHERE id > 3").await;
    let restarted = db.reopen().await;
    restarted
        .append_batch(&[call("acme", "n4"), call("acme", "n5"), call("acme", "n6")])
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    expect_tampered(&restarted, 5, TamperKind::Diverged).await;
    restarted.close().await;
}

async fn a_log_rewritten_as_if_from_before_keying_is_detected(db: &TestDb) {
    five_records(db).await;
    let records = db
        .store
        .tail(5, None)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let calls: Vec<NewAuditRecord> = records.iter().map(|r| r.call.clone()).collect();
    // Every record unsealed and rechained: no key needed, and the chain itself is consistent.
    db.raw("DELETE FROM audit_log").await;
    insert_unsealed(db, &calls).await;
    expect_tampered(&db.store, 5, TamperKind::Diverged).await;
    // Only the newest unsealed: an unsealed record after sealed ones.
    db.raw("DELETE FROM audit_log").await;
    db.store
        .append_batch(&calls[..3])
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    db.raw("UPDATE audit_log SET key_id = NULL WHERE id = 3")
        .await;
    expect_tampered(&db.store, 3, TamperKind::Unsealed).await;
}

async fn a_missing_or_edited_anchor_is_reported(db: &TestDb) {
    five_records(db).await;
    let anchor = std::fs::read_to_string(&db.anchor).unwrap_or_else(|error| panic!("{error}"));
    // Pointed back at record 3 to hide a truncation: its MAC no longer fits.
    let record_3 = &db
        .store
        .tail(5, None)
        .await
        .unwrap_or_else(|error| panic!("{error}"))[2];
    let mut edited: serde_json::Value =
        serde_json::from_str(&anchor).unwrap_or_else(|error| panic!("{error}"));
    edited["id"] = 3.into();
    edited["hash"] = record_3.hash.clone().into();
    std::fs::write(&db.anchor, edited.to_string()).unwrap_or_else(|error| panic!("{error}"));
    match db.store.verify().await {
        Err(VerifyError::Anchor { message, .. }) => {
            assert!(message.contains("not sealed"), "{message}");
        }
        other => panic!("expected the edited anchor to be reported, got {other:?}"),
    }
    std::fs::remove_file(&db.anchor).unwrap_or_else(|error| panic!("{error}"));
    match db.store.verify().await {
        Err(VerifyError::Anchor { message, .. }) => {
            assert!(message.contains("missing"), "{message}");
        }
        other => panic!("expected the missing anchor to be reported, got {other:?}"),
    }
}

async fn a_log_from_before_keying_still_verifies_and_is_reported_unsealed(db: &TestDb) {
    // Written by a version before keying: no key, no anchor.
    let _ = std::fs::remove_file(&db.anchor);
    insert_unsealed(db, &[call("acme", "old1"), call("acme", "old2")]).await;
    let verified = verify(&db.read_only().await).await;
    assert_eq!(
        (verified.records, verified.unsealed, verified.anchor),
        (2, 2, AnchorCheck::None)
    );
    // The first start of a keying version anchors the old head; new records are sealed.
    let upgraded = db.reopen().await;
    assert_eq!(verify(&upgraded).await.anchor, AnchorCheck::Matched(2));
    upgraded
        .append_batch(&[call("acme", "new3")])
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let verified = verify(&upgraded).await;
    assert_eq!(
        (verified.records, verified.unsealed, verified.anchor),
        (3, 2, AnchorCheck::Matched(3))
    );
    upgraded.close().await;
}

async fn another_key_is_refused_and_reported(db: &TestDb) {
    five_records(db).await;
    let other = AuditOptions {
        key: Some("another key that is long enough to be a key".into()),
        ..db.audit.clone()
    };
    match Store::open_with(&db.url, &other).await {
        Err(error @ StoreError::AuditKeyMismatch { .. }) => {
            assert!(error.to_string().contains("(5)"), "{error}");
        }
        other => panic!("expected the other key to be refused, got {other:?}"),
    }
    let reader = Store::open_with(
        &db.url,
        &AuditOptions {
            read_only: true,
            ..other
        },
    )
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    match reader.verify().await {
        Err(VerifyError::OtherKey { id: 1, .. }) => {}
        other => panic!("expected records sealed with another key, got {other:?}"),
    }
    match reader.append_batch(&[call("acme", "x")]).await {
        Err(StoreError::ReadOnly) => {}
        other => panic!("a read-only store appended: {other:?}"),
    }
    reader.close().await;
    assert_eq!(verified(&db.store).await, 5);
}

async fn verifying_while_records_are_appended_finds_no_tampering(db: &TestDb) {
    let appender = {
        let store = db.store.clone();
        tokio::spawn(async move {
            for batch in 0..40 {
                let records = [
                    call("acme", &format!("b{batch}-1")),
                    call("acme", &format!("b{batch}-2")),
                ];
                store
                    .append_batch(&records)
                    .await
                    .unwrap_or_else(|error| panic!("{error}"));
            }
        })
    };
    // Another process verifying the live log: whatever it reads, the anchor never runs ahead
    // of the records it has seen.
    let reader = db.read_only().await;
    let mut verifications = 0;
    while !appender.is_finished() || verifications == 0 {
        if let Err(error) = reader.verify().await {
            panic!("verification {verifications} of a live log failed: {error}");
        }
        verifications += 1;
    }
    appender.await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(verify(&reader).await.anchor, AnchorCheck::Matched(80));
    reader.close().await;
}

on_both_databases!(tokio::test(flavor = "multi_thread", worker_threads = 2);
    super::verifying_while_records_are_appended_finds_no_tampering => verifying_while_records_are_appended_finds_no_tampering,
    super::an_intact_log_matches_its_anchor => an_intact_log_matches_its_anchor,
    super::records_cut_off_the_end_are_detected => records_cut_off_the_end_are_detected,
    super::a_log_cut_back_and_written_on_while_serving_is_detected => a_log_cut_back_and_written_on_while_serving_is_detected,
    super::a_log_cut_back_while_stopped_is_detected_after_a_restart => a_log_cut_back_while_stopped_is_detected_after_a_restart,
    super::a_log_rewritten_as_if_from_before_keying_is_detected => a_log_rewritten_as_if_from_before_keying_is_detected,
    super::a_missing_or_edited_anchor_is_reported => a_missing_or_edited_anchor_is_reported,
    super::a_log_from_before_keying_still_verifies_and_is_reported_unsealed => a_log_from_before_keying_still_verifies_and_is_reported_unsealed,
    super::another_key_is_refused_and_reported => another_key_is_refused_and_reported,
);
