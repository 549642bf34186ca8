use super::*;
use crate::executor::execute;
use crate::pipeline::Trail;
use crate::scripted::{RETRY, Scripted, instance, list};
use mosaic_core::{Access, Fault, OpId, ServiceKind};
use std::time::Duration;

/// Every event waiting for `subscription`, in order.
fn drain(subscription: &mut EventSubscription) -> Vec<Event> {
    let mut events = Vec::new();
    loop {
        match subscription.try_recv() {
            Ok(event) => events.push(event),
            Err(TryRecvError::Empty) => return events,
            Err(other) => panic!("{other:?}"),
        }
    }
}

fn attempts(events: Vec<Event>) -> Vec<Attempt> {
    events
        .into_iter()
        .map(|event| match event {
            Event::Attempt(attempt) => attempt,
            other => panic!("not an attempt: {other:?}"),
        })
        .collect()
}

const GIT_READS: OpClass = OpClass {
    kind: ServiceKind::Git,
    access: Access::Read,
};

#[tokio::test(start_paused = true)]
async fn a_subscriber_sees_every_try_in_order_with_its_number_outcome_and_cost() {
    let observers = Observers::default();
    let mut events = observers.subscribe();
    let mut primary = instance("primary", Scripted::always_down());
    primary.cost_per_call = 0.5;
    let instances = [primary, instance("mirror", Scripted::new(vec![]))];
    execute(&instances, &[0, 1], &list(), &RETRY, &observers, None)
        .await
        .unwrap();
    let seen = attempts(drain(&mut events));
    let summary: Vec<_> = seen
        .iter()
        .map(|a| (&*a.instance, a.number, a.is_retry(), a.outcome.code()))
        .collect();
    assert_eq!(
        summary,
        [
            ("primary", 1, false, "unavailable"),
            ("primary", 2, true, "unavailable"),
            ("primary", 3, true, "unavailable"),
            ("mirror", 1, false, "ok"),
        ]
    );
    assert_eq!(
        seen[0].outcome,
        Outcome::Failed {
            code: "unavailable",
            fault: Fault::Provider,
            refused: true,
        }
    );
    assert_eq!(
        (
            seen[0].operation,
            seen[0].cost_per_call,
            seen[3].cost_per_call
        ),
        (OpId::GitIssuesList, 0.5, 0.0)
    );
}

#[tokio::test(start_paused = true)]
async fn tries_held_back_are_seen_but_tell_the_signals_nothing() {
    let observers = Observers::default();
    let mut events = observers.subscribe();
    let spent = Scripted::new(vec![]);
    spent.spend_quota_for(Duration::from_secs(600));
    let instances = [
        instance("spent", spent),
        instance("spare", Scripted::new(vec![])),
    ];
    execute(&instances, &[0, 1], &list(), &RETRY, &observers, None)
        .await
        .unwrap();
    let seen = attempts(drain(&mut events));
    assert_eq!(
        seen[0].outcome,
        Outcome::QuotaSpent {
            wait: Duration::from_secs(600)
        }
    );
    assert_eq!(
        (seen[0].elapsed, seen.len(), seen[1].outcome),
        (Duration::ZERO, 2, Outcome::Ok)
    );
    let signals = &instances[0].signals;
    assert_eq!(signals.counts(), (0, 0));
    assert_eq!(signals.latency.get(), None);
    assert_eq!(signals.estimates.get(GIT_READS), None);
}

#[tokio::test(start_paused = true)]
async fn an_open_circuit_is_seen_as_a_try_not_sent() {
    let observers = Observers::default();
    let instances = [
        instance("primary", Scripted::always_down()),
        instance("mirror", Scripted::new(vec![])),
    ];
    // Threshold 3: the first read's three tries open the circuit.
    execute(&instances, &[0, 1], &list(), &RETRY, &observers, None)
        .await
        .unwrap();
    let mut events = observers.subscribe();
    execute(&instances, &[0, 1], &list(), &RETRY, &observers, None)
        .await
        .unwrap();
    let seen = attempts(drain(&mut events));
    assert_eq!(
        (seen[0].outcome, seen[0].outcome.sent()),
        (Outcome::CircuitOpen, false)
    );
    assert_eq!(
        instances[0].signals.counts(),
        (3, 3),
        "only sent tries count"
    );
}

#[tokio::test(start_paused = true)]
async fn a_lagging_subscriber_is_told_how_many_it_missed_and_calls_keep_completing() {
    let observers = Observers::new(2);
    let mut lagging = observers.subscribe();
    let instances = [instance("a", Scripted::new(vec![]))];
    for _ in 0..5 {
        execute(&instances, &[0], &list(), &RETRY, &observers, None)
            .await
            .unwrap();
    }
    assert_eq!(instances[0].signals.counts(), (5, 0));
    assert_eq!(lagging.recv().await, Err(RecvError::Lagged(3)));
    // Then the newest two, and nothing more.
    assert_eq!(attempts(drain(&mut lagging)).len(), 2);
}

#[tokio::test(start_paused = true)]
async fn the_estimates_follow_the_observed_latency_failures_and_cost() {
    let observers = Observers::default();
    let mut script = vec![Ok(()); 5];
    script.extend((0..3).map(|_| Err(mosaic_core::ProviderError::Unavailable("down".into()))));
    let mut slow = instance("slow", Scripted::slow(script, Duration::from_millis(100)));
    slow.cost_per_call = 2.0;
    let instances = [slow];
    for _ in 0..6 {
        // The sixth read fails three times and opens the circuit.
        execute(&instances, &[0], &list(), &RETRY, &observers, None)
            .await
            .ok();
    }
    let estimate = instances[0].signals.estimates.get(GIT_READS).unwrap();
    assert_eq!(estimate.samples, 8, "five answers and three failures");
    // Refusals are not timed: the latency is what the answers took.
    assert_eq!(estimate.latency, Some(Duration::from_millis(100)));
    assert!(
        (estimate.success_rate - 0.8f64.powi(3)).abs() < 1e-9,
        "{estimate:?}"
    );
    assert_eq!(estimate.cost_per_call, 2.0);
    let writes = OpClass {
        access: Access::Write,
        ..GIT_READS
    };
    assert_eq!(instances[0].signals.estimates.get(writes), None);
}

#[test]
fn a_finished_call_reaches_subscribers_with_who_called_and_how_it_was_served() {
    let observers = Observers::default();
    let mut events = observers.subscribe();
    let mut ctx = RequestContext::local("alice");
    ctx.trace_id = "trace-1".into();
    let call = Finished {
        operation: "git.issues.get",
        trail: Trail::default(),
        outcome: "ok",
        source: "provider",
        instance: Some("mirror".into()),
        failed_over: Some("primary".into()),
        fault: None,
        elapsed: Duration::from_millis(12),
    };
    observers.finished(&ctx, &call);
    let Ok(Event::Finished(finished)) = events.try_recv() else {
        panic!("no finished call");
    };
    assert_eq!(
        *finished,
        CallFinished {
            operation: "git.issues.get",
            tenant: "default".into(),
            principal: "alice".into(),
            trace_id: "trace-1".into(),
            served_by: Some("mirror".into()),
            source: "provider",
            failed_over: Some("primary".into()),
            outcome: "ok",
            fault: None,
            elapsed: Duration::from_millis(12),
        }
    );
}

#[test]
fn nothing_is_built_for_a_stream_nobody_listens_to() {
    let stream = stream::EventStream::new(8);
    stream.publish(|| panic!("built without a subscriber"));
    let subscription = stream.subscribe();
    drop(subscription);
    stream.publish(|| panic!("built after the last subscriber left"));
}

#[test]
fn a_stream_asked_for_no_buffer_keeps_one_event() {
    let stream = stream::EventStream::new(0);
    let mut subscription = stream.subscribe();
    for _ in 0..2 {
        stream.publish(|| {
            Event::Attempt(Attempt {
                instance: "a".into(),
                operation: OpId::GitIssuesList,
                number: 1,
                elapsed: Duration::ZERO,
                waited: None,
                outcome: Outcome::Ok,
                cost_per_call: 0.0,
            })
        });
    }
    assert_eq!(subscription.try_recv(), Err(TryRecvError::Lagged(1)));
    assert!(subscription.try_recv().is_ok());
}
