//! Canaries: the version under trial in a split (see `mosaic_routing::split`), watched
//! against the other members of its split and rolled back when it does worse.
//!
//! Every sent attempt at a split member is counted in its side's [`OutcomeWindow`] (the
//! canary's, or the baseline's: the other members together) by the observers' canary part
//! ([`CanaryFeedback`]). Failures are those the breaker counts: not the caller's mistakes.
//! After each, the canary is judged: once it made `min_calls` calls in the window, an error
//! rate above the baseline's by more than the margin rolls it back (a baseline with no calls
//! in the window counts as error-free). A rollback is a compare-and-swap from `active`, so it
//! happens once; it is logged at WARN, counted (`mosaic_canary_rollbacks_total`) and shown in
//! the status. An operator may promote or roll back at any time (`plugins.rs`).
//!
//! The router reads the state through `Signals::canary` (a relaxed atomic load): a rolled-back
//! canary weighs nothing in its split until promoted, a promoted one takes every caller.
//!
//! A reload of the same configuration keeps each watch — state, decision and windows — for
//! a canary of the same name and `plugin@version`; with other rollback settings or other
//! members the decision is kept and the windows start afresh. A new version of the canary
//! starts on trial.
//!
//! Each decision is also kept in the store (`persist.rs`), so a restart keeps it too: the watch
//! of a canary the running configuration did not have begins from the decision kept for its
//! name and `plugin@version`, if any.

mod persist;
mod window;

use crate::instance::Instance;
use crate::metrics::{CANARY_ROLLBACKS, CANARY_STATE};
use crate::observe::{Attempt, AttemptObserver};
use mosaic_core::ProviderError;
use mosaic_routing::{CanaryState, RollbackSpec, RuleSpec};
pub use persist::{DecisionLog, MAX_RETRY_WAIT};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use tokio::time::Instant;
pub(crate) use window::OutcomeWindow;

/// Which side of its split an instance's calls count for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The version under trial.
    Canary,
    /// One of the other members, which the canary is compared with.
    Baseline,
}

/// One watch an instance's attempts feed.
#[derive(Clone, Debug)]
pub struct CanaryFeed {
    /// The watch.
    pub watch: Arc<CanaryWatch>,
    /// The instance's side.
    pub role: Role,
}

/// Who decided a canary's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum DecidedBy {
    /// The automatic rollback.
    Automatic,
    /// An operator, through `mosaic plugins promote|rollback` or the REST endpoint.
    Operator {
        /// The caller's tenant.
        tenant: String,
        /// The caller.
        principal: String,
    },
}

/// The last decision about a canary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The state it moved to.
    pub state: CanaryState,
    /// Who moved it.
    #[serde(flatten)]
    pub by: DecidedBy,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// Why, in a sentence.
    pub reason: String,
}

/// Calls and failures of one side over the window.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WindowCounts {
    /// Calls sent.
    pub calls: u64,
    /// Calls that failed through no fault of the caller.
    pub failures: u64,
    /// `failures / calls`; 0 without calls.
    pub error_rate: f64,
}

impl WindowCounts {
    fn of((calls, failures): (u64, u64)) -> Self {
        Self {
            calls,
            failures,
            error_rate: rate(calls, failures),
        }
    }
}

fn rate(calls: u64, failures: u64) -> f64 {
    if calls == 0 {
        0.0
    } else {
        failures as f64 / calls as f64
    }
}

/// How a canary stands, for the status answers and `mosaic plugins status`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CanaryStatus {
    /// The canary instance.
    pub canary: String,
    /// Its `plugin@version`.
    pub plugin: String,
    /// The rule whose split it is in.
    pub rule: String,
    /// The other members of its split.
    pub baseline: Vec<String>,
    /// `active`, `rolled_back` or `promoted`.
    pub state: CanaryState,
    /// The last decision, if any was made.
    pub decision: Option<Decision>,
    /// The automatic rollback's settings; `None`: it is never rolled back on its own.
    pub rollback: Option<RollbackSpec>,
    /// The canary's calls over the window.
    pub window: WindowCounts,
    /// The baseline's calls over the window.
    pub baseline_window: WindowCounts,
}

/// Why a canary was rolled back on its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// The canary's calls over the window.
    pub canary: WindowCounts,
    /// The baseline's.
    pub baseline: WindowCounts,
    /// The margin it exceeded.
    pub margin: f64,
}

/// The watch over one canary: its state, the last decision and both sides' windows.
#[derive(Debug)]
pub struct CanaryWatch {
    canary: String,
    plugin: String,
    rule: String,
    baseline: Vec<String>,
    rollback: Option<RollbackSpec>,
    state: AtomicU8,
    decision: Mutex<Option<Decision>>,
    canary_window: OutcomeWindow,
    baseline_window: OutcomeWindow,
    /// Where its decisions are kept.
    log: DecisionLog,
}

/// The window a canary without automatic rollback is counted over, for its status.
const STATUS_WINDOW: std::time::Duration = std::time::Duration::from_secs(300);

impl CanaryWatch {
    fn new(
        canary: String,
        plugin: String,
        rule: String,
        baseline: Vec<String>,
        rollback: Option<RollbackSpec>,
        log: DecisionLog,
    ) -> Self {
        let window = rollback.map_or(STATUS_WINDOW, |spec| spec.window);
        Self {
            canary,
            plugin,
            rule,
            baseline,
            rollback,
            state: AtomicU8::new(encode(CanaryState::Active)),
            decision: Mutex::new(None),
            canary_window: OutcomeWindow::new(window),
            baseline_window: OutcomeWindow::new(window),
            log,
        }
    }

    /// A new watch, beginning from the decision the log keeps for it.
    fn resumed(
        canary: String,
        plugin: String,
        rule: String,
        baseline: Vec<String>,
        rollback: Option<RollbackSpec>,
        log: &DecisionLog,
    ) -> Self {
        let kept = log.kept(&canary, &plugin);
        let watch = Self::new(canary, plugin, rule, baseline, rollback, log.clone());
        if let Some(decision) = kept {
            watch.state.store(encode(decision.state), Ordering::Relaxed);
            *watch.decision.lock().unwrap_or_else(|p| p.into_inner()) = Some(decision);
        }
        watch
    }

    /// The canary instance's name.
    pub fn canary(&self) -> &str {
        &self.canary
    }

    /// Where it stands now.
    pub fn state(&self) -> CanaryState {
        decode(self.state.load(Ordering::Relaxed))
    }

    /// Counts one sent call of `role`'s side.
    pub(crate) fn record(&self, role: Role, failed: bool, now: Instant) {
        match role {
            Role::Canary => self.canary_window.record(now, failed),
            Role::Baseline => self.baseline_window.record(now, failed),
        }
    }

    /// Rolls the canary back if it is on trial, has made enough calls in the window and
    /// fails more often than the baseline by more than the margin; the verdict when it did.
    pub(crate) fn judge(&self, now: Instant) -> Option<Verdict> {
        let spec = self.rollback?;
        if self.state() != CanaryState::Active {
            return None;
        }
        let canary = WindowCounts::of(self.canary_window.totals(now));
        if canary.calls < u64::from(spec.min_calls) {
            return None;
        }
        let baseline = WindowCounts::of(self.baseline_window.totals(now));
        let margin = f64::from(spec.margin_bp) / 10_000.0;
        if canary.error_rate <= baseline.error_rate + margin {
            return None;
        }
        // Only the first call to see the canary worse rolls it back.
        self.state
            .compare_exchange(
                encode(CanaryState::Active),
                encode(CanaryState::RolledBack),
                Ordering::Relaxed,
                Ordering::Relaxed,
            )
            .ok()?;
        let reason = format!(
            "error rate {:.1}% over {} calls in {}, {:.1}% for the baseline over {} calls: more than {:.1} points worse",
            canary.error_rate * 100.0,
            canary.calls,
            mosaic_config::format_duration(spec.window),
            baseline.error_rate * 100.0,
            baseline.calls,
            margin * 100.0
        );
        self.set_decision(CanaryState::RolledBack, DecidedBy::Automatic, reason);
        Some(Verdict {
            canary,
            baseline,
            margin,
        })
    }

    /// An operator's decision: the canary moves to `state`, and both windows start afresh.
    pub(crate) fn decide(&self, state: CanaryState, by: DecidedBy, reason: String) {
        self.state.store(encode(state), Ordering::Relaxed);
        self.canary_window.clear();
        self.baseline_window.clear();
        self.set_decision(state, by, reason);
    }

    fn set_decision(&self, state: CanaryState, by: DecidedBy, reason: String) {
        let at_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            });
        let decision = Decision {
            state,
            by,
            at_ms,
            reason,
        };
        self.log.record(&self.canary, &self.plugin, &decision);
        *self.decision.lock().unwrap_or_else(|p| p.into_inner()) = Some(decision);
        metrics::gauge!(CANARY_STATE, "instance" => self.canary.clone(), "plugin" => self.plugin.clone())
            .set(f64::from(encode(state)));
    }

    /// How it stands now.
    pub fn status(&self) -> CanaryStatus {
        let now = Instant::now();
        CanaryStatus {
            canary: self.canary.clone(),
            plugin: self.plugin.clone(),
            rule: self.rule.clone(),
            baseline: self.baseline.clone(),
            state: self.state(),
            decision: self
                .decision
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
            rollback: self.rollback,
            window: WindowCounts::of(self.canary_window.totals(now)),
            baseline_window: WindowCounts::of(self.baseline_window.totals(now)),
        }
    }

    /// A watch over the same canary under new settings, keeping the state and decision.
    fn successor(
        &self,
        rule: String,
        baseline: Vec<String>,
        rollback: Option<RollbackSpec>,
    ) -> Self {
        let next = Self::new(
            self.canary.clone(),
            self.plugin.clone(),
            rule,
            baseline,
            rollback,
            self.log.clone(),
        );
        next.state
            .store(self.state.load(Ordering::Relaxed), Ordering::Relaxed);
        *next.decision.lock().unwrap_or_else(|p| p.into_inner()) = self
            .decision
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        next
    }
}

fn encode(state: CanaryState) -> u8 {
    match state {
        CanaryState::Active => 0,
        CanaryState::RolledBack => 1,
        CanaryState::Promoted => 2,
    }
}

fn decode(value: u8) -> CanaryState {
    match value {
        1 => CanaryState::RolledBack,
        2 => CanaryState::Promoted,
        _ => CanaryState::Active,
    }
}

/// The watches of a configuration's canaries, made from its routes: one per canary instance
/// (a canary in several rules' splits is watched once, with the first split's rollback and
/// every split's other members as its baseline). `plugin_of` names an instance's
/// `plugin@version`; `before` holds the running configuration's watches, carried as the
/// module documentation says; a canary not among them begins from `log`'s decision.
pub(crate) fn watches(
    routes: &[RuleSpec],
    plugin_of: impl Fn(&str) -> Option<String>,
    before: &[Arc<CanaryWatch>],
    log: &DecisionLog,
) -> Vec<Arc<CanaryWatch>> {
    let mut found: Vec<(String, String, Vec<String>, Option<RollbackSpec>)> = Vec::new();
    for rule in routes {
        for split in rule
            .targets
            .iter()
            .filter_map(|target| target.split.as_ref())
        {
            let Some(canary) = split.canary() else {
                continue;
            };
            let others = split
                .members
                .iter()
                .filter(|member| !member.canary)
                .map(|member| member.instance.clone());
            match found.iter_mut().find(|(name, ..)| name == canary) {
                Some((_, _, baseline, _)) => {
                    for other in others {
                        if !baseline.contains(&other) {
                            baseline.push(other);
                        }
                    }
                }
                None => found.push((
                    canary.to_owned(),
                    rule.name.clone(),
                    others.collect(),
                    split.rollback,
                )),
            }
        }
    }
    let before: HashMap<(&str, &str), &Arc<CanaryWatch>> = before
        .iter()
        .map(|watch| ((watch.canary.as_str(), watch.plugin.as_str()), watch))
        .collect();
    found
        .into_iter()
        .filter_map(|(canary, rule, baseline, rollback)| {
            let plugin = plugin_of(&canary)?;
            Some(match before.get(&(canary.as_str(), plugin.as_str())) {
                Some(watch)
                    if watch.rule == rule
                        && watch.baseline == baseline
                        && watch.rollback == rollback =>
                {
                    Arc::clone(watch)
                }
                Some(watch) => Arc::new(watch.successor(rule, baseline, rollback)),
                None => Arc::new(CanaryWatch::resumed(
                    canary, plugin, rule, baseline, rollback, log,
                )),
            })
        })
        .collect()
}

/// The watches `instance`'s attempts feed, and on which side.
pub(crate) fn feeds(instance: &str, watches: &[Arc<CanaryWatch>]) -> Vec<CanaryFeed> {
    watches
        .iter()
        .filter_map(|watch| {
            let role = if watch.canary == instance {
                Role::Canary
            } else if watch.baseline.iter().any(|name| name == instance) {
                Role::Baseline
            } else {
                return None;
            };
            Some(CanaryFeed {
                watch: Arc::clone(watch),
                role,
            })
        })
        .collect()
}

/// The observers' canary part: counts each sent attempt at a split member for its side and
/// judges the canary after it.
pub(crate) struct CanaryFeedback;

impl AttemptObserver for CanaryFeedback {
    fn attempt(&self, instance: &Instance, attempt: &Attempt, _error: Option<&ProviderError>) {
        if instance.canary_feeds.is_empty() || !attempt.outcome.sent() {
            return;
        }
        let failed = attempt.outcome.instance_failed();
        let now = Instant::now();
        for feed in &instance.canary_feeds {
            feed.watch.record(feed.role, failed, now);
            if let Some(verdict) = feed.watch.judge(now) {
                metrics::counter!(CANARY_ROLLBACKS, "instance" => feed.watch.canary.clone(), "plugin" => feed.watch.plugin.clone(), "by" => "automatic")
                    .increment(1);
                tracing::warn!(
                    canary = %feed.watch.canary,
                    plugin = %feed.watch.plugin,
                    rule = %feed.watch.rule,
                    canary_error_rate = verdict.canary.error_rate,
                    canary_calls = verdict.canary.calls,
                    baseline_error_rate = verdict.baseline.error_rate,
                    baseline_calls = verdict.baseline.calls,
                    margin = verdict.margin,
                    "canary rolled back: it gets no traffic of its split until promoted"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
