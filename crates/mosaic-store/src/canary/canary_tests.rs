//! Canary decisions on SQLite and PostgreSQL: kept per canary and plugin, the newest winning
//! whatever order the writes land in, and read back after a restart.

use crate::CanaryDecisionRecord;
use crate::tests::{TestDb, on_both_databases};

fn decision(canary: &str, plugin: &str, state: &str, at_ms: i64) -> CanaryDecisionRecord {
    CanaryDecisionRecord {
        canary: canary.into(),
        plugin: plugin.into(),
        state: state.into(),
        decided_by: "automatic".into(),
        tenant: None,
        principal: None,
        reason: "error rate 40.0% over 20 calls in 5m, 0.0% for the baseline".into(),
        at_ms,
    }
}

async fn keep(db: &TestDb, record: &CanaryDecisionRecord) {
    db.store
        .record_canary_decision(record)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}

async fn decisions_survive_a_restart_per_canary_and_plugin(db: &TestDb) {
    keep(
        db,
        &decision("gitea-next", "gitea@2.0.0", "rolled_back", 1_000),
    )
    .await;
    keep(db, &decision("gitea-next", "gitea@2.1.0", "active", 1_500)).await;
    let mut promoted = decision("jira-next", "jira@1.1.0", "promoted", 2_000);
    promoted.decided_by = "operator".into();
    promoted.tenant = Some("ops".into());
    promoted.principal = Some("alice".into());
    promoted.reason = "promoted by an operator".into();
    keep(db, &promoted).await;
    let reopened = db.reopen().await;
    let kept = reopened.canary_decisions().await.unwrap();
    assert_eq!(
        kept,
        [
            decision("gitea-next", "gitea@2.0.0", "rolled_back", 1_000),
            decision("gitea-next", "gitea@2.1.0", "active", 1_500),
            promoted,
        ]
    );
    reopened.close().await;
}

async fn the_newest_decision_wins_whatever_order_the_writes_land_in(db: &TestDb) {
    keep(
        db,
        &decision("gitea-next", "gitea@2.0.0", "rolled_back", 1_000),
    )
    .await;
    keep(
        db,
        &decision("gitea-next", "gitea@2.0.0", "promoted", 3_000),
    )
    .await;
    // A retried write of an older decision arrives late.
    keep(
        db,
        &decision("gitea-next", "gitea@2.0.0", "rolled_back", 2_000),
    )
    .await;
    let kept = db.store.canary_decisions().await.unwrap();
    assert_eq!(
        kept,
        [decision("gitea-next", "gitea@2.0.0", "promoted", 3_000)]
    );
}

on_both_databases!(tokio::test(flavor = "multi_thread", worker_threads = 2);
    super::decisions_survive_a_restart_per_canary_and_plugin => decisions_survive_a_restart_per_canary_and_plugin,
    super::the_newest_decision_wins_whatever_order_the_writes_land_in => the_newest_decision_wins_whatever_order_the_writes_land_in,
);
