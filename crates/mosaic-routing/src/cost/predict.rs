//! Duration prediction per repository and pipeline from the runs seen finishing.
//!
//! A prediction is the 80th percentile (nearest rank) of the last [`RECENT_RUNS`] durations:
//! the deadline check compares it with the time a run has, and a mean would be short for
//! every run longer than average, which is half of them. Recent runs only, so a pipeline that
//! got slower is predicted slower within a few runs.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// How many recent durations of one pipeline a prediction rests on.
pub const RECENT_RUNS: usize = 20;

/// The share of recent runs a prediction is at least as long as, in percent.
const PERCENTILE: usize = 100;

/// Recent durations per repository and pipeline.
#[derive(Clone, Debug, Default)]
pub struct Predictor {
    runs: HashMap<String, HashMap<String, VecDeque<Duration>>>,
}

impl Predictor {
    /// An empty predictor: every pipeline unobserved.
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes one finished run, forgetting the oldest beyond [`RECENT_RUNS`].
    pub fn observe(&mut self, repo: &str, pipeline: &str, duration: Duration) {
        let recent = self
            .runs
            .entry(repo.to_owned())
            .or_default()
            .entry(pipeline.to_owned())
            .or_default();
        if recent.len() == RECENT_RUNS {
            recent.pop_front();
        }
        recent.push_back(duration);
    }

    /// The predicted duration of the next run, or `None` before any was seen.
    pub fn predict(&self, repo: &str, pipeline: &str) -> Option<Duration> {
        let recent = self.runs.get(repo)?.get(pipeline)?;
        if recent.is_empty() {
            return None;
        }
        let mut sorted: Vec<Duration> = recent.iter().copied().collect();
        sorted.sort_unstable();
        // Nearest rank: the smallest value at least PERCENTILE % of the runs do not exceed.
        let rank = (PERCENTILE * sorted.len()).div_ceil(100).max(1);
        sorted.get(rank - 1).copied()
    }
}

#[cfg(test)]
#[path = "predict_tests.rs"]
mod tests;
