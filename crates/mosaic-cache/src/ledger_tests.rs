use super::{Ledger, PRUNE_AT};
use std::time::Duration;

fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

#[tokio::test(start_paused = true)]
async fn an_invalidation_after_the_fetch_started_invalidates_its_tags_only() {
    let ledger = Ledger::new(Duration::from_secs(60));
    let started = ledger.current();
    ledger.invalidate(&tags(&["git:acme/api:issues"]));

    assert!(!ledger.is_valid(&tags(&["git:acme/api:issues"]), started));
    assert!(!ledger.is_valid(
        &tags(&["git:acme/api:pulls", "git:acme/api:issues"]),
        started
    ));
    assert!(ledger.is_valid(&tags(&["git:acme/api:pulls"]), started));
}

#[tokio::test(start_paused = true)]
async fn a_fetch_started_after_the_invalidation_is_valid() {
    let ledger = Ledger::new(Duration::from_secs(60));
    ledger.invalidate(&tags(&["git:acme/api:issues"]));
    let started = ledger.current();

    assert!(ledger.is_valid(&tags(&["git:acme/api:issues"]), started));
}

#[tokio::test(start_paused = true)]
async fn pruning_old_records_never_revalidates_an_invalidated_fetch() {
    let ledger = Ledger::new(Duration::from_secs(60));
    let before = ledger.current();
    ledger.invalidate(&tags(&["pm:project:OLD:workitems"]));
    let after = ledger.current();

    tokio::time::advance(Duration::from_secs(61)).await;
    let many: Vec<String> = (0..=PRUNE_AT)
        .map(|n| format!("git:o/r{n}:issues"))
        .collect();
    ledger.invalidate(&many);

    assert_eq!(
        ledger.recorded_tags(),
        many.len(),
        "the old record is pruned"
    );
    assert!(!ledger.is_valid(&tags(&["pm:project:OLD:workitems"]), before));
    assert!(ledger.is_valid(&tags(&["pm:project:OLD:workitems"]), after));
    assert!(!ledger.is_valid(&tags(&["git:o/r0:issues"]), after));
}
