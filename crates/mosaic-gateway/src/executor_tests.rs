use super::*;
use crate::scripted::{RETRY, Scripted, create, hanging, instance, list, update};

/// Executes `operation` with observers no one subscribes to.
async fn run(
    instances: &[Instance],
    plan: &[usize],
    operation: &Operation,
) -> Result<Executed, CallError> {
    execute(
        instances,
        plan,
        operation,
        &RETRY,
        &Observers::default(),
        None,
    )
    .await
}

#[tokio::test(start_paused = true)]
async fn a_transient_error_is_retried_within_the_backoff_ceiling() {
    let provider = Scripted::new(vec![Err(ProviderError::Unavailable("503".into()))]);
    let instances = [instance("a", provider.clone())];
    let started = Instant::now();
    let executed = run(&instances, &[0], &list()).await.unwrap();
    assert_eq!((executed.instance, provider.calls()), (0, 2));
    assert!(started.elapsed() <= Duration::from_millis(100));
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_waited_exactly() {
    let limited = ProviderError::RateLimited {
        retry_after: Some(Duration::from_secs(2)),
    };
    let provider = Scripted::new(vec![Err(limited)]);
    let instances = [instance("a", provider.clone())];
    let started = Instant::now();
    run(&instances, &[0], &list()).await.unwrap();
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    assert_eq!(provider.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_moves_reads_on_without_calling_the_provider() {
    let spent = Scripted::new(vec![]);
    spent.spend_quota_for(Duration::from_secs(600));
    let spare = Scripted::new(vec![]);
    let instances = [instance("a", spent.clone()), instance("b", spare.clone())];
    let executed = run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(executed.instance, 1);
    assert_eq!((spent.calls(), spare.calls()), (0, 1));
    assert_eq!(executed.failed_over[0].code, "rate_limited");
}

#[tokio::test(start_paused = true)]
async fn a_quota_that_resets_soon_is_waited_for() {
    let provider = Scripted::new(vec![]);
    provider.spend_quota_for(Duration::from_secs(2));
    let instances = [instance("a", provider.clone())];
    let started = Instant::now();
    run(&instances, &[0], &list()).await.unwrap();
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    assert_eq!(provider.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_write_to_a_spent_quota_is_refused_before_it_is_sent() {
    let provider = Scripted::new(vec![]);
    provider.spend_quota_for(Duration::from_secs(600));
    let instances = [instance("a", provider.clone())];
    let error = run(&instances, &[0], &create()).await.unwrap_err();
    assert_eq!(provider.calls(), 0);
    // `rate_limited` with the wait, as for reads: not `write_target_unavailable`.
    assert!(
        matches!(
            &error,
            CallError::Provider {
                error: ProviderError::RateLimited { retry_after: Some(wait) },
                ..
            } if *wait == Duration::from_secs(600)
        ),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_write_answered_429_is_rate_limited_and_not_repeated() {
    let limited = ProviderError::RateLimited {
        retry_after: Some(Duration::from_secs(60)),
    };
    let provider = Scripted::new(vec![Err(limited.clone())]);
    let instances = [instance("a", provider.clone())];
    let error = run(&instances, &[0], &create()).await.unwrap_err();
    assert_eq!(provider.calls(), 1);
    assert!(
        matches!(&error, CallError::Provider { error, .. } if *error == limited),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn an_unconfirmed_write_is_an_unknown_outcome_with_the_id_and_not_repeated() {
    let unconfirmed = ProviderError::WriteUnconfirmed {
        id: Some("4711".into()),
        reason: "reading the created issue back failed".into(),
    };
    // Even an idempotent write is not repeated: the adapter said it may have been applied.
    let provider = Scripted::new(vec![Err(unconfirmed)]);
    let instances = [instance("a", provider.clone())];
    let error = run(&instances, &[0], &update()).await.unwrap_err();
    assert_eq!(provider.calls(), 1);
    assert!(
        matches!(
            &error,
            CallError::WriteOutcomeUnknown { id: Some(id), reason, .. }
                if id == "4711" && reason == "reading the created issue back failed"
        ),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn an_idempotent_write_that_times_out_on_every_attempt_is_an_unknown_outcome() {
    let slow = hanging();
    let instances = [instance("a", slow.clone())];
    let error = run(&instances, &[0], &update()).await.unwrap_err();
    assert_eq!(slow.calls(), 3, "idempotent: retried up to max_attempts");
    assert_eq!(error.code(), "write_outcome_unknown", "{error}");
    assert!(error.to_string().contains("3 attempts"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_retry_refused_after_a_timeout_still_leaves_the_outcome_unknown() {
    let provider = Scripted::new(vec![
        Err(ProviderError::Timeout(Duration::from_secs(5))),
        Err(ProviderError::Unavailable("502".into())),
        Err(ProviderError::Unavailable("502".into())),
    ]);
    let instances = [instance("a", provider.clone())];
    let error = run(&instances, &[0], &update()).await.unwrap_err();
    assert_eq!(provider.calls(), 3);
    assert_eq!(error.code(), "write_outcome_unknown", "{error}");
}

#[tokio::test(start_paused = true)]
async fn an_unreadable_answer_to_a_write_is_an_unknown_outcome() {
    let provider = Scripted::new(vec![Err(ProviderError::Protocol(
        "expected an issue".into(),
    ))]);
    let instances = [instance("a", provider)];
    let error = run(&instances, &[0], &create()).await.unwrap_err();
    assert_eq!(error.code(), "write_outcome_unknown", "{error}");
    assert!(
        error.to_string().contains("could not be understood"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_write_to_an_open_circuit_is_not_performed_and_not_sent() {
    let primary = Scripted::always_down();
    let instances = [instance("primary", primary.clone())];
    // Threshold 3: three refused writes open the circuit.
    for _ in 0..3 {
        run(&instances, &[0], &create()).await.ok();
    }
    let error = run(&instances, &[0], &create()).await.unwrap_err();
    assert_eq!(primary.calls(), 3, "an open circuit sends nothing");
    assert_eq!(error.code(), "write_target_unavailable");
    assert!(error.to_string().contains("circuit open"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_read_every_candidate_throttles_is_rate_limited_with_the_soonest_wait() {
    let later = Scripted::new(vec![]);
    later.spend_quota_for(Duration::from_secs(600));
    let sooner = Scripted::new(vec![]);
    sooner.spend_quota_for(Duration::from_secs(90));
    let instances = [instance("a", later), instance("b", sooner)];
    let error = run(&instances, &[0, 1], &list()).await.unwrap_err();
    assert!(
        matches!(
            &error,
            CallError::Provider {
                instance,
                error: ProviderError::RateLimited { retry_after: Some(wait) },
            } if instance == "b" && *wait == Duration::from_secs(90)
        ),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_hanging_provider_times_out_per_attempt() {
    let hanging = hanging();
    let instances = [
        instance("slow", hanging.clone()),
        instance("fast", Scripted::new(vec![])),
    ];
    let started = Instant::now();
    let executed = run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(executed.instance, 1);
    assert_eq!(hanging.calls(), 3);
    assert_eq!(executed.failed_over[0].code, "timeout");
    // Three 5 s attempts plus at most 100 ms + 200 ms of backoff.
    assert!(
        started.elapsed() >= Duration::from_secs(15)
            && started.elapsed() <= Duration::from_millis(15_300)
    );
}

#[tokio::test(start_paused = true)]
async fn reads_fail_over_and_say_so() {
    let primary = Scripted::always_down();
    let mirror = Scripted::new(vec![]);
    let instances = [
        instance("primary", primary.clone()),
        instance("mirror", mirror.clone()),
    ];
    let executed = run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(executed.instance, 1);
    assert_eq!(executed.failed_over.len(), 1);
    assert_eq!(executed.failed_over[0].instance, "primary");
    assert_eq!(primary.calls(), 3);
}

#[tokio::test(start_paused = true)]
async fn writes_are_not_retried_nor_sent_elsewhere() {
    let primary = Scripted::always_down();
    let mirror = Scripted::new(vec![]);
    let instances = [
        instance("primary", primary.clone()),
        instance("mirror", mirror.clone()),
    ];
    let error = run(&instances, &[0, 1], &create()).await.unwrap_err();
    assert!(
        matches!(error, CallError::WriteTargetDown { ref instance, .. } if instance == "primary"),
        "{error}"
    );
    assert_eq!((primary.calls(), mirror.calls()), (1, 0));
}

#[tokio::test(start_paused = true)]
async fn a_timed_out_write_reports_an_unknown_outcome() {
    let instances = [instance("primary", hanging())];
    let error = run(&instances, &[0], &create()).await.unwrap_err();
    assert!(
        matches!(error, CallError::WriteOutcomeUnknown { .. }),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn caller_errors_do_not_fail_over() {
    let primary = Scripted::new(vec![Err(ProviderError::NotFound("acme/api".into()))]);
    let mirror = Scripted::new(vec![]);
    let instances = [
        instance("primary", primary),
        instance("mirror", mirror.clone()),
    ];
    let error = run(&instances, &[0, 1], &list()).await.unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert_eq!(mirror.calls(), 0);
}

#[tokio::test(start_paused = true)]
async fn an_open_circuit_skips_the_instance_until_it_may_probe() {
    let primary = Scripted::always_down();
    let mirror = Scripted::new(vec![]);
    let instances = [
        instance("primary", primary.clone()),
        instance("mirror", mirror),
    ];
    // Threshold 3: the first read's three attempts open the circuit.
    run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(primary.calls(), 3);
    let executed = run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(primary.calls(), 3, "an open circuit sends nothing");
    assert!(executed.failed_over[0].message.contains("circuit open"));
    tokio::time::advance(Duration::from_secs(30)).await;
    run(&instances, &[0, 1], &list()).await.unwrap();
    assert_eq!(
        primary.calls(),
        4,
        "one half-open probe after the open period"
    );
}
