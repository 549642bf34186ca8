//! The cost tracker on a paused clock: runs seen queued or running keep an executor busy and
//! its queue shrinks as time passes; a finished run is billed once however often it is seen,
//! into the ledger that a restarted gateway reads back; counters start afresh each month.

use super::CostTracker;
use crate::answer::{CallAnswer, Served, Source};
use mosaic_core::Output;
use mosaic_core::model::{Page, Run, RunStatus, RunWaited};
use mosaic_routing::cost::{CostModel, CostSettings, InstanceCost};
use mosaic_store::Store;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// 2026-03-10T12:00:00Z.
fn march() -> i64 {
    1_773_144_000_000
}

/// 2026-04-02T12:00:00Z.
fn april() -> i64 {
    1_775_131_200_000
}

fn settings() -> CostSettings {
    CostSettings {
        instances: vec![
            InstanceCost {
                instance: "actions".into(),
                per_call: 0.0,
                model: Some(CostModel::PerMinute {
                    prices: BTreeMap::from([("linux-2".to_owned(), 0.006)]),
                    runner: "linux-2".into(),
                    free_minutes: 10,
                    free_public: true,
                }),
            },
            InstanceCost {
                instance: "jenkins".into(),
                per_call: 0.0,
                model: Some(CostModel::Capacity {
                    monthly: 400.0,
                    executors: 1,
                }),
            },
        ],
        budgets: Vec::new(),
        public: vec!["oss/*".into()],
    }
}

fn run(id: &str, status: RunStatus, minutes: Option<u64>) -> Run {
    Run {
        id: id.into(),
        number: None,
        pipeline_id: "ci".into(),
        status,
        git_ref: "main".into(),
        commit_sha: None,
        created_at: Some("2026-03-10T11:00:00Z".into()),
        finished_at: minutes.map(|m| format!("2026-03-10T11:{m:02}:00Z")),
        current_step: None,
        web_url: String::new(),
    }
}

fn answer(instance: &str, output: Output) -> CallAnswer {
    CallAnswer {
        output: Arc::new(output),
        served: Served {
            instance: instance.into(),
            source: Source::Provider,
            age_ms: 0,
            stale: false,
            rule: None,
            reasons: Vec::new(),
            failed_over: Vec::new(),
        },
        sharing: Default::default(),
    }
}

fn database() -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!(
        "mosaic_costs_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos())
    ));
    let url = format!("sqlite://{}", dir.join("mosaic.db").display());
    (dir, url)
}

async fn tracker(url: &str, clock: fn() -> i64) -> Arc<CostTracker> {
    let store = Store::open(url)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    Arc::new(
        CostTracker::load_with_clock(store, settings(), clock)
            .await
            .unwrap_or_else(|error| panic!("{error}")),
    )
}

#[tokio::test(flavor = "current_thread")]
async fn runs_seen_busy_fill_the_executors_and_the_wait_shrinks_as_time_passes() {
    let (dir, url) = database();
    let costs = tracker(&url, march).await;
    // Teach the predictor that `ci` takes 20 minutes.
    let done = run("1", RunStatus::Success, Some(20));
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("jenkins", Output::CiRunsGet(done))),
    );
    costs.flush().await;
    // The store opened and written on the real clock, the queue is watched on a paused one.
    tokio::time::pause();
    assert_eq!(costs.queue("jenkins").busy, 0);
    let started = run("2", RunStatus::Running, None);
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("jenkins", Output::CiRunsTrigger(started))),
    );
    let queue = costs.queue("jenkins");
    assert_eq!(queue.busy, 1);
    // 20 minutes predicted, with the queue's margin of a quarter: 25.
    assert_eq!(queue.wait, Duration::from_secs(25 * 60));
    tokio::time::advance(Duration::from_secs(10 * 60)).await;
    assert_eq!(costs.queue("jenkins").wait, Duration::from_secs(15 * 60));
    // Hosted runners start every run at once, busy or not.
    let hosted = run("3", RunStatus::Queued, None);
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("actions", Output::CiRunsTrigger(hosted))),
    );
    assert_eq!(costs.queue("actions").busy, 1);
    assert_eq!(costs.queue("actions").wait, Duration::ZERO);
    // Seen finished, the executor is free again.
    let finished = run("2", RunStatus::Success, Some(30));
    let waited = RunWaited {
        run: finished,
        finished: true,
        polls: 3,
        waited_ms: 1,
    };
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("jenkins", Output::CiRunsWait(waited))),
    );
    assert_eq!(costs.queue("jenkins").busy, 0);
    tokio::time::resume();
    costs.flush().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "current_thread")]
async fn a_run_that_is_never_seen_again_is_forgotten() {
    let (dir, url) = database();
    let costs = tracker(&url, march).await;
    tokio::time::pause();
    let queued = run("9", RunStatus::Queued, None);
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("jenkins", Output::CiRunsTrigger(queued))),
    );
    assert_eq!(costs.queue("jenkins").busy, 1);
    // 10 minutes assumed: forgotten after four times that and half an hour.
    tokio::time::advance(Duration::from_secs(71 * 60)).await;
    assert_eq!(costs.queue("jenkins").busy, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "current_thread")]
async fn a_finished_run_is_billed_once_and_the_ledger_survives_a_restart() {
    let (dir, url) = database();
    let costs = tracker(&url, march).await;
    // 8 minutes, all included; then 6 minutes, 2 included and 4 billed at 0.006.
    let first = run("1", RunStatus::Success, Some(8));
    let second = run("2", RunStatus::Failure, Some(6));
    let page = Page {
        items: vec![first.clone(), second],
        next_cursor: None,
    };
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("actions", Output::CiRunsList(page))),
    );
    costs.observe(
        "team",
        "acme/web",
        Some(&answer("actions", Output::CiRunsGet(first))),
    );
    // A public repository's run costs nothing and uses no included minutes.
    let public = run("3", RunStatus::Success, Some(30));
    costs.observe(
        "team",
        "oss/sdk",
        Some(&answer("actions", Output::CiRunsGet(public))),
    );
    assert_eq!(costs.minutes_used("actions"), 10.0);
    assert!((costs.spend("team") - 0.024).abs() < 1e-9);
    assert_eq!(
        costs.predict("acme/web", "ci"),
        Some(Duration::from_secs(8 * 60))
    );
    costs.flush().await;
    let reopened = tracker(&url, march).await;
    assert_eq!(reopened.minutes_used("actions"), 10.0);
    assert!((reopened.spend("team") - 0.024).abs() < 1e-9);
    assert_eq!(
        reopened.predict("oss/sdk", "ci"),
        Some(Duration::from_secs(30 * 60))
    );
    // Seen finished again after the restart: the ledger has it, so nothing is counted twice.
    let again = run("2", RunStatus::Failure, Some(6));
    reopened.observe(
        "team",
        "acme/web",
        Some(&answer("actions", Output::CiRunsGet(again))),
    );
    reopened.flush().await;
    assert!((reopened.spend("team") - 0.024).abs() < 1e-9);
    let totals = reopened
        .store
        .usage_totals(Some("team"), None)
        .await
        .unwrap();
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0].runs, 3);
    // Another month starts from nothing.
    let next_month = tracker(&url, april).await;
    assert_eq!(next_month.minutes_used("actions"), 0.0);
    assert_eq!(next_month.spend("team"), 0.0);
    let _ = std::fs::remove_dir_all(dir);
}
