//! The audit sink on either database: batching, flush, draining on shutdown, retrying a failed
//! batch, a committed record resolving only once its transaction committed, and refusing
//! records once its writer has stopped.

use super::{TestDb, call, on_both_databases, traces};
use crate::{AuditSink, SinkClosed, SinkEvent};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const RECORDS: usize = 100;

async fn records_are_batched_and_flush_waits_for_them(db: &TestDb) {
    let (sink, writer) = AuditSink::spawn(db.store.clone(), 1024);
    for n in 0..RECORDS {
        let recorded = sink.record(call("acme", &format!("t{n}"))).await;
        assert_eq!(recorded, Ok(()));
    }
    assert_eq!(sink.flush().await, Ok(()));

    let stored = db
        .store
        .tail(1000, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<String> = (0..RECORDS).map(|n| format!("t{n}")).collect();
    assert_eq!(traces(&stored), expected, "stored, in the order recorded");
    let stats = sink.stats();
    assert_eq!((stats.stored, stats.queued), (RECORDS as u64, 0));
    // On this single-threaded runtime the writer runs only once the test waits, so the queued
    // records go out together rather than one transaction each.
    assert!(stats.batches < 10, "{stats:?}");
    assert_eq!(
        db.store.verify().await.ok().map(|v| v.records),
        Some(RECORDS as u64)
    );

    drop(sink);
    writer.await.unwrap_or_else(|error| panic!("{error}"));
}

async fn dropping_the_sink_drains_the_queue(db: &TestDb) {
    let (sink, writer) = AuditSink::spawn(db.store.clone(), 8);
    let other = sink.clone();
    for n in 0..20 {
        let sink = if n % 2 == 0 { &sink } else { &other };
        assert_eq!(sink.record(call("acme", &format!("t{n}"))).await, Ok(()));
    }
    drop((sink, other));
    writer.await.unwrap_or_else(|error| panic!("{error}"));

    let stored = db
        .store
        .tail(100, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 20);
    assert_eq!(db.store.verify().await.ok().map(|v| v.records), Some(20));
}

async fn a_failed_batch_is_retried_until_stored(db: &TestDb) {
    let (sink, writer) = AuditSink::spawn_with_backoff(
        db.store.clone(),
        8,
        Arc::new(|_| {}),
        Duration::from_millis(1),
    );
    db.raw("ALTER TABLE audit_log RENAME TO audit_log_away")
        .await;
    assert_eq!(sink.record(call("acme", "t1")).await, Ok(()));
    let flushed = tokio::spawn({
        let sink = sink.clone();
        async move { sink.flush().await }
    });
    let failing = async {
        while sink.stats().failed_attempts < 2 {
            tokio::task::yield_now().await;
        }
    };
    // A bound so a broken writer fails the test instead of hanging it; nothing is timed.
    let failed = tokio::time::timeout(Duration::from_secs(60), failing).await;
    assert!(
        failed.is_ok(),
        "the writer never retried: {:?}",
        sink.stats()
    );
    db.raw("ALTER TABLE audit_log_away RENAME TO audit_log")
        .await;

    let flushed = flushed.await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(flushed, Ok(()));
    let stored = db
        .store
        .tail(10, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(traces(&stored), ["t1"]);
    assert_eq!(sink.stats().stored, 1);
    drop(sink);
    writer.await.unwrap_or_else(|error| panic!("{error}"));
}

async fn a_stopped_writer_refuses_records(db: &TestDb) {
    let (sink, writer) = AuditSink::spawn(db.store.clone(), 8);
    writer.abort();
    let _ = writer.await;
    assert_eq!(sink.record(call("acme", "t1")).await, Err(SinkClosed));
    assert_eq!(
        sink.record_committed(call("acme", "t2")).await,
        Err(SinkClosed)
    );
    assert_eq!(sink.flush().await, Err(SinkClosed));
}

async fn a_committed_record_resolves_only_once_its_transaction_committed(db: &TestDb) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let observer = {
        let events = Arc::clone(&events);
        Arc::new(move |event| events.lock().unwrap_or_else(|p| p.into_inner()).push(event))
    };
    let (sink, writer) =
        AuditSink::spawn_with_backoff(db.store.clone(), 8, observer, Duration::from_millis(1));
    // Every transaction fails until the table is back.
    db.raw("ALTER TABLE audit_log RENAME TO audit_log_away")
        .await;
    let committed = tokio::spawn({
        let sink = sink.clone();
        async move { sink.record_committed(call("acme", "write")).await }
    });
    let failing = async {
        while sink.stats().failed_attempts < 2 {
            tokio::task::yield_now().await;
        }
    };
    // A bound so a broken writer fails the test instead of hanging it; nothing is timed.
    let failed = tokio::time::timeout(Duration::from_secs(60), failing).await;
    assert!(failed.is_ok(), "the writer never tried: {:?}", sink.stats());
    assert!(
        !committed.is_finished(),
        "a committed record resolved while its transaction kept failing"
    );
    // A read's record is only queued: it returns though nothing can be stored.
    assert_eq!(sink.record(call("acme", "read")).await, Ok(()));
    assert!(!committed.is_finished());

    db.raw("ALTER TABLE audit_log_away RENAME TO audit_log")
        .await;
    let committed = committed.await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(committed, Ok(()));
    // Committed means visible to anyone else: another pool, as another process would read it.
    let other = db.reopen().await;
    let stored = other.tail(10, None).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        traces(&stored).contains(&"write".to_owned()),
        "{:?}",
        traces(&stored)
    );
    other.close().await;
    let events = events.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(
        events
            .iter()
            .any(|event| matches!(event, SinkEvent::Failed { records: 1, .. })),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|event| matches!(event, SinkEvent::Committed { .. })),
        "{events:?}"
    );
    drop(sink);
    writer.await.unwrap_or_else(|error| panic!("{error}"));
}

async fn concurrent_writes_share_one_commit(db: &TestDb) {
    const WRITES: usize = 50;
    let (sink, writer) = AuditSink::spawn(db.store.clone(), 1024);
    let waiting: Vec<_> = (0..WRITES)
        .map(|n| {
            let sink = sink.clone();
            tokio::spawn(async move { sink.record_committed(call("acme", &format!("w{n}"))).await })
        })
        .collect();
    for write in waiting {
        assert_eq!(write.await.unwrap_or_else(|e| panic!("{e}")), Ok(()));
    }
    let stats = sink.stats();
    assert_eq!(stats.stored, WRITES as u64);
    // On this single-threaded runtime all of them queue before the writer runs: group commit.
    assert!(stats.batches <= 3, "{stats:?}");
    drop(sink);
    writer.await.unwrap_or_else(|error| panic!("{error}"));
}

on_both_databases!(tokio::test;
    super::records_are_batched_and_flush_waits_for_them => records_are_batched_and_flush_waits_for_them,
    super::dropping_the_sink_drains_the_queue => dropping_the_sink_drains_the_queue,
    super::a_stopped_writer_refuses_records => a_stopped_writer_refuses_records,
    super::concurrent_writes_share_one_commit => concurrent_writes_share_one_commit,
);

mod retry {
    use super::on_both_databases;

    on_both_databases!(tokio::test(flavor = "multi_thread", worker_threads = 2);
        super::super::a_failed_batch_is_retried_until_stored => a_failed_batch_is_retried_until_stored,
        super::super::a_committed_record_resolves_only_once_its_transaction_committed => a_committed_record_resolves_only_once_its_transaction_committed,
    );
}
