use super::*;

const GIT_READS: OpClass = OpClass {
    kind: ServiceKind::Git,
    access: Access::Read,
};

fn answered(millis: u64, cost: f64) -> Sample {
    Sample {
        latency: Some(Duration::from_millis(millis)),
        succeeded: true,
        cost,
    }
}

fn failed(latency: Option<Duration>) -> Sample {
    Sample {
        latency,
        succeeded: false,
        cost: 1.0,
    }
}

#[test]
fn nothing_is_estimated_before_the_first_attempt_which_starts_every_average() {
    let estimates = Estimates::default();
    assert_eq!(estimates.get(GIT_READS), None);
    estimates.observe(GIT_READS, answered(100, 2.0));
    assert_eq!(
        estimates.get(GIT_READS),
        Some(Estimate {
            samples: 1,
            latency: Some(Duration::from_millis(100)),
            success_rate: 1.0,
            cost_per_call: 2.0,
        })
    );
}

#[test]
fn latency_moves_toward_what_is_observed() {
    let estimates = Estimates::default();
    estimates.observe(GIT_READS, answered(100, 1.0));
    estimates.observe(GIT_READS, answered(200, 1.0));
    // One step of a fifth of the way: 100 + 0.2 × 100.
    let after_one = estimates.get(GIT_READS).unwrap().latency.unwrap();
    assert!(
        after_one.abs_diff(Duration::from_millis(120)) < Duration::from_micros(1),
        "{after_one:?}"
    );
    for _ in 0..30 {
        estimates.observe(GIT_READS, answered(200, 1.0));
    }
    let settled = estimates.get(GIT_READS).unwrap().latency.unwrap();
    assert!(
        settled > Duration::from_millis(199) && settled <= Duration::from_millis(200),
        "{settled:?}"
    );
}

#[test]
fn failures_lower_the_success_rate_and_raise_the_cost_of_an_answer() {
    let estimates = Estimates::default();
    for _ in 0..10 {
        estimates.observe(GIT_READS, answered(50, 1.0));
    }
    assert_eq!(estimates.get(GIT_READS).unwrap().success_rate, 1.0);
    estimates.observe(GIT_READS, failed(Some(Duration::from_millis(50))));
    let once = estimates.get(GIT_READS).unwrap();
    assert!((once.success_rate - 0.8).abs() < 1e-9, "{once:?}");
    assert!((once.cost_per_success().unwrap() - 1.25).abs() < 1e-9);
    for _ in 0..40 {
        estimates.observe(GIT_READS, failed(None));
    }
    let down = estimates.get(GIT_READS).unwrap();
    assert!(down.success_rate < 0.001, "{down:?}");
    assert_eq!(down.samples, 51);
    // Untimed failures (instant refusals) leave the latency where the answers put it.
    assert_eq!(down.latency, Some(Duration::from_millis(50)));
}

#[test]
fn an_instance_that_never_succeeds_has_no_cost_per_success() {
    let estimates = Estimates::default();
    estimates.observe(GIT_READS, failed(None));
    let estimate = estimates.get(GIT_READS).unwrap();
    assert_eq!((estimate.success_rate, estimate.latency), (0.0, None));
    assert_eq!(estimate.cost_per_success(), None);
}

#[test]
fn classes_are_estimated_apart() {
    let estimates = Estimates::default();
    let git_writes = OpClass {
        kind: ServiceKind::Git,
        access: Access::Write,
    };
    let pm_reads = OpClass {
        kind: ServiceKind::Pm,
        access: Access::Read,
    };
    estimates.observe(git_writes, answered(900, 1.0));
    estimates.observe(pm_reads, failed(None));
    assert_eq!(estimates.get(GIT_READS), None);
    assert_eq!(
        estimates.get(git_writes).unwrap().latency,
        Some(Duration::from_millis(900))
    );
    assert_eq!(estimates.get(pm_reads).unwrap().success_rate, 0.0);
    assert_eq!(
        OpClass::of(OpId::GitIssuesCreate),
        git_writes,
        "an operation's class is its kind and access"
    );
}

#[test]
fn a_cost_that_is_not_a_number_is_left_out_instead_of_poisoning_the_average() {
    let estimates = Estimates::default();
    estimates.observe(GIT_READS, answered(10, 3.0));
    estimates.observe(GIT_READS, answered(10, f64::NAN));
    estimates.observe(GIT_READS, answered(10, f64::INFINITY));
    assert_eq!(estimates.get(GIT_READS).unwrap().cost_per_call, 3.0);
}

#[test]
fn every_class_has_a_slot_of_its_own() {
    let mut seen = std::collections::HashSet::new();
    for kind in ServiceKind::ALL {
        for access in [Access::Read, Access::Write] {
            let index = OpClass { kind, access }.index();
            assert!(index < OpClass::COUNT);
            assert!(seen.insert(index), "{kind} {access:?} shares a slot");
        }
    }
}
