//! The audit log on either database: migrations, append and tail, the tenant filter, the hash
//! chain and its verification, tampering, and concurrent appenders from several replicas.

use super::{TestDb, call, on_both_databases, traces};
use crate::audit::chain::{Fields, GENESIS_HASH, reasons_json, unsealed_hash};
use crate::{AuditKey, NewAuditRecord, Store, TamperKind, VerifyError};

async fn append(store: &Store, records: &[NewAuditRecord]) -> Vec<crate::AuditRecord> {
    store
        .append_batch(records)
        .await
        .unwrap_or_else(|error| panic!("append failed: {error}"))
}

async fn tail(store: &Store, limit: u32, tenant: Option<&str>) -> Vec<crate::AuditRecord> {
    store
        .tail(limit, tenant)
        .await
        .unwrap_or_else(|error| panic!("tail failed: {error}"))
}

pub(crate) async fn verified(store: &Store) -> u64 {
    store
        .verify()
        .await
        .unwrap_or_else(|error| panic!("verify failed: {error}"))
        .records
}

/// Appends five records (`t1`..`t5`) in two batches.
pub(crate) async fn five_records(db: &TestDb) {
    append(&db.store, &[call("acme", "t1"), call("acme", "t2")]).await;
    append(
        &db.store,
        &[call("acme", "t3"), call("acme", "t4"), call("acme", "t5")],
    )
    .await;
}

async fn opening_twice_migrates_once(db: &TestDb) {
    append(&db.store, &[call("acme", "t1")]).await;
    let again = db.reopen().await;
    append(&again, &[call("acme", "t2")]).await;
    assert_eq!(traces(&tail(&db.store, 10, None).await), ["t1", "t2"]);
    assert_eq!(verified(&again).await, 2);
    again.close().await;
}

async fn tail_returns_the_newest_oldest_first(db: &TestDb) {
    assert!(tail(&db.store, 10, None).await.is_empty());
    let mut failed = call("acme", "t0");
    failed.rule = None;
    failed.reasons = Vec::new();
    failed.instance = None;
    failed.cache = "none".into();
    failed.outcome = "unavailable".into();
    failed.fault = Some("provider".into());
    let stored = append(&db.store, std::slice::from_ref(&failed)).await;
    assert_eq!(stored[0].id, 1);
    assert_eq!(stored[0].prev_hash, GENESIS_HASH);
    five_records(db).await;

    let all = tail(&db.store, 10, None).await;
    assert_eq!(traces(&all), ["t0", "t1", "t2", "t3", "t4", "t5"]);
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        all[0].call, failed,
        "every field round-trips, absent ones too"
    );
    assert_eq!(all[1].call, call("acme", "t1"));
    assert_eq!(all[1].prev_hash, all[0].hash);
    assert_eq!(all[0], stored[0]);
    assert_eq!(all[0].at_rfc3339(), "2026-01-31T12:00:00.000Z");
    assert_eq!(traces(&tail(&db.store, 2, None).await), ["t4", "t5"]);
}

async fn tail_filters_by_tenant(db: &TestDb) {
    let records = [
        call("acme", "a1"),
        call("globex", "g1"),
        call("acme", "a2"),
        call("globex", "g2"),
        call("acme", "a3"),
    ];
    append(&db.store, &records).await;
    assert_eq!(
        traces(&tail(&db.store, 10, Some("acme")).await),
        ["a1", "a2", "a3"]
    );
    assert_eq!(traces(&tail(&db.store, 1, Some("globex")).await), ["g2"]);
    assert!(tail(&db.store, 10, Some("initech")).await.is_empty());
}

async fn an_intact_chain_verifies(db: &TestDb) {
    assert_eq!(verified(&db.store).await, 0, "an empty log is intact");
    five_records(db).await;
    assert_eq!(verified(&db.store).await, 5);
}

pub(crate) async fn expect_tampered(store: &Store, id: i64, kind: TamperKind) {
    match store.verify().await {
        Err(VerifyError::Tampered(tamper)) => {
            assert_eq!((tamper.id, tamper.kind), (id, kind), "{tamper}");
            assert_ne!(tamper.expected, tamper.found);
            assert!(tamper.to_string().contains(&format!("record {id}")));
        }
        other => panic!("expected tampering at record {id}, got {other:?}"),
    }
}

async fn a_changed_field_is_detected(db: &TestDb) {
    five_records(db).await;
    db.raw("UPDATE audit_log SET outcome = 'ok', principal = 'mallory' WHERE id = 3")
        .await;
    expect_tampered(&db.store, 3, TamperKind::Altered).await;
}

/// Record 2 given to `mallory`, and its hash and every later link recomputed with `hash`: what
/// a forger who can write the database but lacks the audit key can do at best.
async fn forge_from_record_2(db: &TestDb, hash: impl Fn(&str, &Fields<'_>) -> String) {
    let mut records = tail(&db.store, 5, None).await;
    records[1].call.principal = "mallory".into();
    let mut prev_hash = records[0].hash.clone();
    for record in &mut records[1..] {
        let reasons = reasons_json(&record.call.reasons);
        let fields = Fields {
            id: record.id,
            call: &record.call,
            reasons_json: &reasons,
        };
        record.prev_hash = prev_hash;
        record.hash = hash(&record.prev_hash, &fields);
        prev_hash = record.hash.clone();
        db.raw(&format!(
            "UPDATE audit_log SET principal = '{}', prev_hash = '{}', hash = '{}' WHERE id = {}",
            record.call.principal, record.prev_hash, record.hash, record.id
        ))
        .await;
    }
}

async fn a_record_rewritten_and_rechained_without_the_key_is_detected(db: &TestDb) {
    five_records(db).await;
    // The chain as it was before it was keyed: plain SHA-256, which anyone can recompute.
    forge_from_record_2(db, unsealed_hash).await;
    expect_tampered(&db.store, 2, TamperKind::Altered).await;
}

async fn a_record_rewritten_and_rechained_with_another_key_is_detected(db: &TestDb) {
    five_records(db).await;
    let forger = AuditKey::from_secret("a forger's own key, long enough to pass for one")
        .unwrap_or_else(|error| panic!("{error}"));
    forge_from_record_2(db, |prev, fields| {
        crate::audit::chain::sealed_hash(&forger, prev, fields)
    })
    .await;
    expect_tampered(&db.store, 2, TamperKind::Altered).await;
}

async fn a_removed_record_is_detected(db: &TestDb) {
    five_records(db).await;
    db.raw("DELETE FROM audit_log WHERE id = 2").await;
    expect_tampered(&db.store, 3, TamperKind::Gap).await;
}

async fn a_replaced_link_is_detected(db: &TestDb) {
    five_records(db).await;
    let records = tail(&db.store, 5, None).await;
    // Record 4 re-pointed at record 2, as if record 3 had never existed.
    let statement = format!(
        "UPDATE audit_log SET prev_hash = '{}' WHERE id = 4",
        records[1].hash
    );
    db.raw(&statement).await;
    expect_tampered(&db.store, 4, TamperKind::Relinked).await;
}

async fn nul_characters_are_stored_replaced(db: &TestDb) {
    let mut record = call("acme", "t\0nul");
    record.reasons = vec!["bad\0reason".into()];
    record.fault = Some("caller\0".into());
    append(&db.store, &[record]).await;
    let stored = tail(&db.store, 1, None).await;
    assert_eq!(stored[0].call.trace_id, "t\u{FFFD}nul");
    assert_eq!(stored[0].call.reasons, ["bad\u{FFFD}reason"]);
    assert_eq!(stored[0].call.fault.as_deref(), Some("caller\u{FFFD}"));
    assert_eq!(verified(&db.store).await, 1);
}

async fn concurrent_replicas_keep_one_chain(db: &TestDb) {
    const REPLICAS: usize = 4;
    const BATCHES: usize = 10;
    const PER_BATCH: usize = 5;
    let mut writers = Vec::new();
    for replica in 0..REPLICAS {
        // Each replica has its own pool, as separate processes would.
        let store = db.reopen().await;
        writers.push(tokio::spawn(async move {
            for batch in 0..BATCHES {
                let records: Vec<NewAuditRecord> = (0..PER_BATCH)
                    .map(|n| call("acme", &format!("r{replica}-b{batch}-{n}")))
                    .collect();
                append(&store, &records).await;
            }
            store.close().await;
        }));
    }
    for writer in writers {
        writer.await.unwrap_or_else(|error| panic!("{error}"));
    }

    let total = REPLICAS * BATCHES * PER_BATCH;
    assert_eq!(verified(&db.store).await, total as u64);
    let all = tail(&db.store, total as u32 + 1, None).await;
    assert_eq!(all.len(), total);
    // Each batch is contiguous: one transaction, never interleaved with another replica's.
    for batch in all.chunks(PER_BATCH) {
        let prefix =
            |r: &crate::AuditRecord| r.call.trace_id.rsplit_once('-').map(|(p, _)| p.to_owned());
        assert!(
            batch.iter().all(|r| prefix(r) == prefix(&batch[0])),
            "{:?}",
            traces(batch)
        );
    }
}

on_both_databases!(tokio::test(flavor = "multi_thread", worker_threads = 2);
    super::opening_twice_migrates_once => opening_twice_migrates_once,
    super::tail_returns_the_newest_oldest_first => tail_returns_the_newest_oldest_first,
    super::tail_filters_by_tenant => tail_filters_by_tenant,
    super::an_intact_chain_verifies => an_intact_chain_verifies,
    super::a_changed_field_is_detected => a_changed_field_is_detected,
    super::a_record_rewritten_and_rechained_without_the_key_is_detected => a_record_rewritten_and_rechained_without_the_key_is_detected,
    super::a_record_rewritten_and_rechained_with_another_key_is_detected => a_record_rewritten_and_rechained_with_another_key_is_detected,
    super::a_removed_record_is_detected => a_removed_record_is_detected,
    super::a_replaced_link_is_detected => a_replaced_link_is_detected,
    super::nul_characters_are_stored_replaced => nul_characters_are_stored_replaced,
    super::concurrent_replicas_keep_one_chain => concurrent_replicas_keep_one_chain,
);
