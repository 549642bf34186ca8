use super::*;
use std::time::Duration;

fn ledger(max: usize, max_per_key: usize) -> Arc<Ledger> {
    Arc::new(Ledger::new(SessionsConfig {
        max,
        max_per_key,
        idle_timeout: Duration::from_secs(120),
    }))
}

/// Opens session `id` for `owner` as an `initialize` does: reserve, open, bind.
fn open(ledger: &Arc<Ledger>, owner: &str, id: &str) -> SessionId {
    let reservation = ledger.reserve(owner).unwrap();
    let id = SessionId::from(id);
    ledger.opened(&id);
    reservation.bind(&id);
    id
}

#[test]
fn each_key_gets_its_own_limit_and_a_closed_session_gives_its_place_back() {
    let ledger = ledger(10, 2);
    let first = open(&ledger, "acme/agent", "s1");
    open(&ledger, "acme/agent", "s2");
    assert!(matches!(
        ledger.reserve("acme/agent"),
        Err(EdgeError::TooManySessions { limit: 2, .. })
    ));
    // Another key is not held back by this one.
    open(&ledger, "acme/ci", "s3");
    ledger.closed(&first);
    open(&ledger, "acme/agent", "s4");
}

#[test]
fn the_server_wide_limit_counts_sessions_being_opened() {
    let ledger = ledger(2, 10);
    open(&ledger, "a/x", "s1");
    let pending = ledger.reserve("b/y").unwrap();
    assert!(matches!(
        ledger.reserve("c/z"),
        Err(EdgeError::SessionsExhausted { limit: 2, .. })
    ));
    // An `initialize` that fails gives its place back.
    drop(pending);
    assert!(ledger.reserve("c/z").is_ok());
}

#[test]
fn a_session_belongs_to_the_key_that_opened_it() {
    let ledger = ledger(10, 10);
    let id = open(&ledger, "acme/agent", "s1");
    assert_eq!(ledger.standing(&id, "acme/agent"), Standing::Own);
    assert_eq!(ledger.standing(&id, "other/agent"), Standing::Foreign);
    ledger.closed(&id);
    assert_eq!(ledger.standing(&id, "acme/agent"), Standing::Unknown);
    assert_eq!(ledger.standing("never", "acme/agent"), Standing::Unknown);
}

#[test]
fn a_session_that_ended_before_its_answer_bound_it_holds_no_place() {
    let ledger = ledger(1, 1);
    let reservation = ledger.reserve("a/x").unwrap();
    let id = SessionId::from("s1");
    ledger.opened(&id);
    ledger.closed(&id);
    reservation.bind(&id);
    assert_eq!(ledger.open(), 0);
    assert!(ledger.reserve("a/x").is_ok());
}
