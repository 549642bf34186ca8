//! The ledger on SQLite and PostgreSQL: a run counted once, sums per instance, tenant and
//! month, recent durations, and surviving a restart.

use crate::UsageRecord;
use crate::tests::{TestDb, on_both_databases};

fn run(instance: &str, id: &str, tenant: &str, month: &str, minutes: f64) -> UsageRecord {
    UsageRecord {
        instance: instance.into(),
        run_id: id.into(),
        tenant: tenant.into(),
        month: month.into(),
        repository: "acme/web".into(),
        pipeline: "ci".into(),
        runner: Some("linux-2".into()),
        public: false,
        minutes,
        included_minutes: 0.0,
        cost: minutes * 0.006,
        finished_ms: 1_772_000_000_000 + (minutes * 1000.0) as i64,
    }
}

async fn record(db: &TestDb, record: &UsageRecord) -> bool {
    db.store
        .record_usage(record)
        .await
        .unwrap_or_else(|error| panic!("{error}"))
}

async fn a_run_seen_finished_twice_is_counted_once(db: &TestDb) {
    assert!(record(db, &run("actions", "7", "team-a", "2026-03", 4.0)).await);
    assert!(!record(db, &run("actions", "7", "team-a", "2026-03", 4.0)).await);
    // The same id on another instance is another run.
    assert!(record(db, &run("jenkins", "7", "team-a", "2026-03", 4.0)).await);
    let totals = db.store.usage_totals(None, None).await.unwrap();
    let runs: Vec<(&str, i64)> = totals
        .iter()
        .map(|total| (total.instance.as_str(), total.runs))
        .collect();
    assert_eq!(runs, [("actions", 1), ("jenkins", 1)]);
}

async fn totals_are_per_instance_tenant_and_month(db: &TestDb) {
    for (instance, id, tenant, month, minutes) in [
        ("actions", "1", "team-a", "2026-03", 2.0),
        ("actions", "2", "team-a", "2026-03", 3.0),
        ("actions", "3", "team-b", "2026-03", 5.0),
        ("actions", "4", "team-a", "2026-04", 7.0),
        ("jenkins", "5", "team-a", "2026-03", 11.0),
    ] {
        record(db, &run(instance, id, tenant, month, minutes)).await;
    }
    let march_a = db
        .store
        .usage_totals(Some("team-a"), Some("2026-03"))
        .await
        .unwrap();
    let sums: Vec<(&str, i64, f64)> = march_a
        .iter()
        .map(|total| (total.instance.as_str(), total.runs, total.minutes))
        .collect();
    assert_eq!(sums, [("actions", 2, 5.0), ("jenkins", 1, 11.0)]);
    assert!((march_a[0].cost - 0.03).abs() < 1e-9);
    let everything = db.store.usage_totals(None, None).await.unwrap();
    let keys: Vec<(&str, &str, &str)> = everything
        .iter()
        .map(|t| (t.month.as_str(), t.tenant.as_str(), t.instance.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("2026-03", "team-a", "actions"),
            ("2026-03", "team-a", "jenkins"),
            ("2026-03", "team-b", "actions"),
            ("2026-04", "team-a", "actions"),
        ]
    );
    let april = db.store.usage_totals(None, Some("2026-04")).await.unwrap();
    assert_eq!(april.len(), 1);
}

async fn recent_durations_are_newest_first_and_survive_a_restart(db: &TestDb) {
    for (id, minutes) in [("1", 3.0), ("2", 9.0), ("3", 4.5)] {
        record(db, &run("actions", id, "team-a", "2026-03", minutes)).await;
    }
    let mut other = run("actions", "4", "team-a", "2026-03", 30.0);
    other.pipeline = "deploy".into();
    record(db, &other).await;
    let reopened = db.reopen().await;
    let durations = reopened
        .recent_durations("acme/web", "ci", 2)
        .await
        .unwrap();
    assert_eq!(durations, [9.0, 4.5]);
    let recent = reopened.recent_usage(10).await.unwrap();
    assert_eq!(recent.len(), 4);
    assert_eq!(recent[0], other);
    reopened.close().await;
}

on_both_databases!(tokio::test(flavor = "multi_thread", worker_threads = 2);
    super::a_run_seen_finished_twice_is_counted_once => a_run_seen_finished_twice_is_counted_once,
    super::totals_are_per_instance_tenant_and_month => totals_are_per_instance_tenant_and_month,
    super::recent_durations_are_newest_first_and_survive_a_restart => recent_durations_are_newest_first_and_survive_a_restart,
);
