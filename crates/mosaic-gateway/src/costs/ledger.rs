//! [`CostTracker`]: the month's usage in memory over the ledger in the store, the runs busy on
//! each instance, and the predictions; the live state the routing signals read.

use super::runs;
use crate::answer::CallAnswer;
use mosaic_core::glob;
use mosaic_core::model::{Run, RunStatus};
use mosaic_routing::Queue;
use mosaic_routing::cost::{
    CostModel, CostSettings, DEFAULT_RUN_MINUTES, Predictor, queue_wait, time_left,
};
use mosaic_store::{Store, StoreError, UsageRecord};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::time::Instant;

/// How many recent ledger rows warm the predictions at start (far more than the runs one
/// pipeline's prediction keeps, so that many pipelines are warm).
const WARM_RUNS: u32 = 5_000;

/// A run seen queued or running is forgotten this long after it should have ended (four
/// times its prediction and half an hour), in case it is never read again: otherwise one lost
/// run would keep an executor busy for ever.
const STALE_FACTOR: u32 = 4;
const STALE_GRACE: Duration = Duration::from_secs(30 * 60);

/// The wall clock as milliseconds since the epoch (the calendar month of budgets and included
/// minutes follows it).
pub type WallClock = fn() -> i64;

fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}

/// A run busy on an instance.
#[derive(Clone, Copy, Debug)]
struct Busy {
    /// When it was first seen in its current status.
    since: Instant,
    running: bool,
    predicted: Duration,
}

/// Where a run was seen: the instance that answered, for whom, which repository, and what
/// runs there cost.
#[derive(Clone, Copy)]
struct Seen<'a> {
    instance: &'a str,
    tenant: &'a str,
    repo: &'a str,
    model: Option<&'a CostModel>,
    public: bool,
}

#[derive(Default)]
struct State {
    month: String,
    /// Included minutes used this month, per instance.
    included: HashMap<String, f64>,
    /// Spend this month, per tenant.
    spend: HashMap<String, f64>,
    /// Per instance, the runs queued or running, by id.
    busy: HashMap<String, BTreeMap<String, Busy>>,
    /// Runs this process billed, so that one seen finished twice is billed once.
    billed: HashSet<(String, String)>,
    predictor: Predictor,
}

/// The costs side of the gateway. One per gateway; it outlives reloads, which hand it the new
/// cost settings ([`CostTracker::configure`]).
pub struct CostTracker {
    pub(crate) store: Store,
    settings: Mutex<Arc<CostSettings>>,
    state: Mutex<State>,
    clock: WallClock,
    /// Ledger writes under way, for [`CostTracker::flush`].
    writes: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl CostTracker {
    /// A tracker over `store`'s ledger: this month's included minutes and spend, and recent
    /// durations, loaded from it.
    pub async fn load(store: Store, settings: CostSettings) -> Result<Self, StoreError> {
        Self::load_with_clock(store, settings, system_clock).await
    }

    /// [`CostTracker::load`] with another wall clock (for tests of month boundaries).
    pub async fn load_with_clock(
        store: Store,
        settings: CostSettings,
        clock: WallClock,
    ) -> Result<Self, StoreError> {
        let month = runs::month_of(clock());
        let mut state = State {
            month: month.clone(),
            ..State::default()
        };
        for total in store.usage_totals(None, Some(&month)).await? {
            *state.included.entry(total.instance).or_default() += total.included_minutes;
            *state.spend.entry(total.tenant).or_default() += total.cost;
        }
        let mut recent = store.recent_usage(WARM_RUNS).await?;
        // Oldest first, so that each pipeline keeps its newest runs.
        recent.reverse();
        for run in recent {
            state.predictor.observe(
                &run.repository,
                &run.pipeline,
                Duration::from_secs_f64(run.minutes.max(0.0) * 60.0),
            );
        }
        Ok(Self {
            store,
            settings: Mutex::new(Arc::new(settings)),
            state: Mutex::new(state),
            clock,
            writes: Mutex::new(Vec::new()),
        })
    }

    /// Takes the cost settings of a new configuration.
    pub fn configure(&self, settings: CostSettings) {
        *lock(&self.settings) = Arc::new(settings);
    }

    /// Notes the runs in an answer `tenant` got for `repo` (see the module's documentation).
    /// Finished runs are written to the ledger on a task of their own: the answer does not
    /// wait for it.
    pub fn observe(self: &Arc<Self>, tenant: &str, repo: &str, answer: Option<&CallAnswer>) {
        let Some(answer) = answer else { return };
        let runs = runs::of(&answer.output);
        if runs.is_empty() {
            return;
        }
        let instance = answer.served.instance.as_str();
        let settings = Arc::clone(&lock(&self.settings));
        let model = settings
            .instances
            .iter()
            .find(|cost| cost.instance == instance)
            .and_then(|cost| cost.model.as_ref());
        let public = settings
            .public
            .iter()
            .any(|pattern| glob::matches(pattern, repo));
        let seen = Seen {
            instance,
            tenant,
            repo,
            model,
            public,
        };
        let mut records = Vec::new();
        {
            let mut state = self.state();
            for run in runs {
                if run.status.is_finished() {
                    records.extend(bill(&mut state, &seen, run));
                } else {
                    note_busy(&mut state, instance, repo, run);
                }
            }
        }
        if records.is_empty() {
            return;
        }
        let mut writes = lock(&self.writes);
        writes.retain(|write| !write.is_finished());
        for record in records {
            let tracker = Arc::clone(self);
            writes.push(tokio::spawn(async move { tracker.write(record).await }));
        }
    }

    /// Waits until every ledger write begun so far is done (at shutdown, and in tests).
    pub async fn flush(&self) {
        let writes = std::mem::take(&mut *lock(&self.writes));
        for write in writes {
            // A write that panicked has logged nothing to wait for.
            let _ = write.await;
        }
    }

    /// Writes a billed run to the ledger. A run the ledger already had (billed before a
    /// restart) is taken back out of the month's counters.
    pub(crate) async fn write(&self, record: UsageRecord) {
        match self.store.record_usage(&record).await {
            Ok(true) => {}
            Ok(false) => {
                let mut state = self.state();
                if record.month == state.month {
                    if let Some(used) = state.included.get_mut(&record.instance) {
                        *used -= record.included_minutes;
                    }
                    if let Some(spent) = state.spend.get_mut(&record.tenant) {
                        *spent -= record.cost;
                    }
                }
            }
            Err(error) => {
                tracing::error!(%error, instance = %record.instance, run = %record.run_id, "could not record a finished CI run in the usage ledger");
            }
        }
    }

    /// Included minutes `instance` used this month.
    pub fn minutes_used(&self, instance: &str) -> f64 {
        self.state().included.get(instance).copied().unwrap_or(0.0)
    }

    /// What `tenant` spent on runs this month.
    pub fn spend(&self, tenant: &str) -> f64 {
        self.state().spend.get(tenant).copied().unwrap_or(0.0)
    }

    /// The predicted duration of the next run of `pipeline` in `repo`.
    pub fn predict(&self, repo: &str, pipeline: &str) -> Option<Duration> {
        self.state().predictor.predict(repo, pipeline)
    }

    /// The runs busy on `instance` and the wait a new run would face there: none on hosted
    /// runners (they start every run at once), the executors' queue on fixed capacity.
    pub fn queue(&self, instance: &str) -> Queue {
        let executors = match self.model(instance) {
            Some(CostModel::Capacity { executors, .. }) => Some(executors),
            Some(CostModel::PerMinute { .. }) | None => None,
        };
        let now = Instant::now();
        let mut state = self.state();
        let Some(busy) = state.busy.get_mut(instance) else {
            return Queue::default();
        };
        busy.retain(|_, run| now.duration_since(run.since) < stale_after(run.predicted));
        let count = u32::try_from(busy.len()).unwrap_or(u32::MAX);
        let Some(executors) = executors else {
            return Queue {
                busy: count,
                wait: Duration::ZERO,
            };
        };
        let mut running = Vec::new();
        let mut queued = Vec::new();
        for run in busy.values() {
            if run.running {
                running.push(time_left(run.predicted, now.duration_since(run.since)));
            } else {
                queued.push(run.predicted);
            }
        }
        Queue {
            busy: count,
            wait: queue_wait(executors, &running, &queued),
        }
    }

    fn model(&self, instance: &str) -> Option<CostModel> {
        lock(&self.settings)
            .instances
            .iter()
            .find(|cost| cost.instance == instance)
            .and_then(|cost| cost.model.clone())
    }

    /// The state, its monthly counters started afresh when the month changed.
    fn state(&self) -> MutexGuard<'_, State> {
        let mut state = lock(&self.state);
        let month = runs::month_of((self.clock)());
        if state.month != month {
            state.month = month;
            state.included.clear();
            state.spend.clear();
            state.billed.clear();
        }
        state
    }
}

/// Bills a finished run once: counts its included minutes and cost, teaches the
/// predictor, and frees its executor. `None` when it was billed already or its times are
/// unknown.
fn bill(state: &mut State, seen: &Seen<'_>, run: &Run) -> Option<UsageRecord> {
    let Seen {
        instance,
        tenant,
        repo,
        model,
        public,
    } = *seen;
    if let Some(busy) = state.busy.get_mut(instance) {
        busy.remove(&run.id);
    }
    let key = (instance.to_owned(), run.id.clone());
    if state.billed.contains(&key) {
        return None;
    }
    let Some((length, finished_ms)) = runs::length(run) else {
        tracing::debug!(instance, run = %run.id, "finished run without readable times; not billed");
        return None;
    };
    let month = runs::month_of(finished_ms);
    let used = if month == state.month {
        state.included.get(instance).copied().unwrap_or(0.0)
    } else {
        0.0
    };
    let bill = model.map(|model| model.bill(length.as_secs(), None, public, used));
    let (cost, included) = bill.map_or((0.0, 0.0), |bill| (bill.cost, bill.included));
    if month == state.month {
        *state.included.entry(instance.to_owned()).or_default() += included;
        *state.spend.entry(tenant.to_owned()).or_default() += cost;
    }
    state.predictor.observe(repo, &run.pipeline_id, length);
    state.billed.insert(key);
    Some(UsageRecord {
        instance: instance.to_owned(),
        run_id: run.id.clone(),
        tenant: tenant.to_owned(),
        month,
        repository: repo.to_owned(),
        pipeline: run.pipeline_id.clone(),
        runner: model.and_then(|model| model.class(None)).map(str::to_owned),
        public,
        minutes: length.as_secs_f64() / 60.0,
        included_minutes: included,
        cost,
        finished_ms,
    })
}

/// Notes a run queued or running, predicted from its pipeline's recent runs.
fn note_busy(state: &mut State, instance: &str, repo: &str, run: &Run) {
    let predicted = state
        .predictor
        .predict(repo, &run.pipeline_id)
        .unwrap_or(Duration::from_secs(u64::from(DEFAULT_RUN_MINUTES) * 60));
    let running = run.status == RunStatus::Running;
    let busy = state.busy.entry(instance.to_owned()).or_default();
    match busy.get_mut(&run.id) {
        Some(known) if known.running == running => {}
        Some(known) => {
            known.running = running;
            known.since = Instant::now();
        }
        None => {
            busy.insert(
                run.id.clone(),
                Busy {
                    since: Instant::now(),
                    running,
                    predicted,
                },
            );
        }
    }
}

fn stale_after(predicted: Duration) -> Duration {
    predicted.saturating_mul(STALE_FACTOR) + STALE_GRACE
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
