//! The behaviour script on tokio's paused clock: latency, outages, rate limits, random
//! errors and unsupported operations.

use super::*;
use mosaic_core::{Health, Quota, Support};
use std::time::Duration;
use tokio::time::{Instant, advance};

const GET_REPO: OpId = OpId::GitReposGet;

fn repo() -> Value {
    json!({"repo": "acme/api"})
}

#[tokio::test(start_paused = true)]
async fn constant_latency_is_waited_on_tokios_clock() {
    let sim = instance(json!({"latency": {"mean": "20ms"}})).await;
    let before = Instant::now();
    ok(&*sim, GET_REPO, repo()).await;
    assert_eq!(before.elapsed(), Duration::from_millis(20));
}

#[tokio::test(start_paused = true)]
async fn drawn_latency_stays_within_its_bounds_and_is_reproducible() {
    let settings = json!({"seed_rng": 7, "latency": {"distribution": "lognormal", "mean": "40ms", "stddev": "30ms", "min": "10ms", "max": "60ms"}});
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sim = instance(settings.clone()).await;
        let mut delays = Vec::new();
        for _ in 0..50 {
            let before = Instant::now();
            ok(&*sim, GET_REPO, repo()).await;
            let delay = before.elapsed();
            assert!(
                (Duration::from_millis(10)..=Duration::from_millis(60)).contains(&delay),
                "{delay:?}"
            );
            delays.push(delay);
        }
        runs.push(delays);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].iter().any(|d| *d != runs[0][0]), "draws vary");
}

#[tokio::test(start_paused = true)]
async fn outage_windows_fail_calls_and_health_then_recover() {
    let sim = instance(
        json!({"outages": [{"after": "10s", "for": "30s"}, {"after": "2m", "for": "1s"}]}),
    )
    .await;
    ok(&*sim, GET_REPO, repo()).await;
    assert_eq!(sim.health().await, Health::Healthy);
    advance(Duration::from_secs(10)).await;
    let error = fails(&*sim, GET_REPO, repo()).await;
    assert_eq!(error, ProviderError::Unavailable("scripted outage".into()));
    assert_eq!(
        sim.health().await,
        Health::Unhealthy {
            reason: "scripted outage, over in 30s".into()
        }
    );
    advance(Duration::from_secs(29)).await;
    assert_eq!(fails(&*sim, GET_REPO, repo()).await.code(), "unavailable");
    advance(Duration::from_secs(1)).await;
    ok(&*sim, GET_REPO, repo()).await;
    assert_eq!(sim.health().await, Health::Healthy);
    advance(Duration::from_secs(80)).await;
    assert_eq!(fails(&*sim, GET_REPO, repo()).await.code(), "unavailable");
}

#[tokio::test(start_paused = true)]
async fn a_down_instance_never_answers() {
    let sim = instance(json!({"down": true})).await;
    for _ in 0..3 {
        assert_eq!(fails(&*sim, GET_REPO, repo()).await.code(), "unavailable");
        advance(Duration::from_secs(3600)).await;
    }
    assert!(matches!(sim.health().await, Health::Unhealthy { .. }));
}

#[tokio::test(start_paused = true)]
async fn rate_limits_count_a_fixed_window_and_say_when_it_resets() {
    let sim = instance(json!({"rate_limit": {"requests": 3, "per": "1m"}})).await;
    assert_eq!(
        sim.quota(),
        Some(Quota {
            remaining: 3,
            limit: 3,
            resets_in: Some(Duration::from_secs(60))
        })
    );
    for _ in 0..3 {
        ok(&*sim, GET_REPO, repo()).await;
    }
    let error = fails(&*sim, GET_REPO, repo()).await;
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        }
    );
    advance(Duration::from_secs(20)).await;
    let error = fails(&*sim, GET_REPO, repo()).await;
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(40))
        }
    );
    assert_eq!(
        sim.quota(),
        Some(Quota {
            remaining: 0,
            limit: 3,
            resets_in: Some(Duration::from_secs(40))
        })
    );
    advance(Duration::from_secs(40)).await;
    ok(&*sim, GET_REPO, repo()).await;
    assert_eq!(
        sim.quota(),
        Some(Quota {
            remaining: 2,
            limit: 3,
            resets_in: Some(Duration::from_secs(60))
        })
    );
    let unlimited = instance(json!({})).await;
    assert_eq!(unlimited.quota(), None);
}

#[tokio::test]
async fn error_rate_one_always_fails_and_zero_never() {
    let always = instance(json!({"error_rate": 1.0})).await;
    for _ in 0..50 {
        let error = fails(&*always, GET_REPO, repo()).await;
        assert_eq!(
            error,
            ProviderError::Unavailable("simulated failure (error_rate 1)".into())
        );
    }
    let never = instance(json!({"error_rate": 0})).await;
    for _ in 0..200 {
        ok(&*never, GET_REPO, repo()).await;
    }
}

#[tokio::test]
async fn a_seeded_error_rate_gives_the_same_failures_every_run() {
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sim = instance(json!({"error_rate": 0.5, "seed_rng": 42})).await;
        let mut outcomes = Vec::new();
        for _ in 0..64 {
            outcomes.push(call(&*sim, GET_REPO, repo()).await.is_ok());
        }
        runs.push(outcomes);
    }
    assert_eq!(runs[0], runs[1]);
    let successes = runs[0].iter().filter(|ok| **ok).count();
    assert!((10..=54).contains(&successes), "{successes} of 64");
}

#[tokio::test(start_paused = true)]
async fn other_kinds_and_disabled_operations_are_unsupported_even_when_down() {
    let sim =
        instance(json!({"kinds": ["git", "ci"], "unsupported": ["git.pulls.merge"], "down": true}))
            .await;
    let Support::Unsupported { reason } = sim.supports(OpId::KbPagesGet) else {
        panic!("kb is not served")
    };
    assert_eq!(reason, "this instance serves git, ci only, not kb");
    assert!(!sim.supports(OpId::GitPullsMerge).is_supported());
    assert!(sim.supports(OpId::CiRunsGet).is_supported());
    let error = fails(&*sim, OpId::PmIssuesGet, json!({"key": "PLAT-1"})).await;
    assert_eq!(
        error,
        ProviderError::Unsupported {
            operation: "pm.issues.get".into(),
            reason: "this instance serves git, ci only, not pm".into()
        }
    );
    let error = fails(
        &*sim,
        OpId::GitPullsMerge,
        json!({"repo": "acme/api", "number": 11}),
    )
    .await;
    assert!(
        matches!(&error, ProviderError::Unsupported { operation, reason } if operation == "git.pulls.merge" && reason.contains("`unsupported`")),
        "{error}"
    );
    assert_eq!(fails(&*sim, GET_REPO, repo()).await.code(), "unavailable");
}

#[tokio::test]
async fn an_unconfirmed_write_is_applied_but_answered_with_its_id_only() {
    let sim = instance(json!({"unconfirmed_writes": ["git.issues.create"]})).await;
    let created = call(
        &*sim,
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": "applied, not confirmed"}),
    )
    .await;
    let Err(ProviderError::WriteUnconfirmed { id: Some(id), .. }) = created else {
        panic!("expected an unconfirmed write, got {created:?}");
    };
    let listed = ok(
        &*sim,
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "state": "all", "per_page": 100}),
    )
    .await;
    let written = listed["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|issue| issue["title"] == "applied, not confirmed");
    assert_eq!(
        written.and_then(|issue| issue["id"].as_str()),
        Some(id.as_str())
    );
    // Other writes are answered as usual.
    ok(
        &*sim,
        OpId::GitIssuesComment,
        json!({"repo": "acme/api", "number": 1, "body": "confirmed"}),
    )
    .await;
}
