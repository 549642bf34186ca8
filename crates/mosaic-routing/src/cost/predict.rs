//! Duration prediction per repository and pipeline from the runs seen finishing.
//!
//! A prediction is the longest of the last [`RECENT_RUNS`] durations. The deadline check
//! compares it with the time a run has, and the queue estimate adds up the predictions of the
//! runs ahead: a mean would be short for every run longer than average, and in the simulated
//! month even the 95th percentile let short builds with tight deadlines queue behind long
//! ones that then ran late. Recent runs only, so a pipeline that got faster or slower is
//! predicted so within [`RECENT_RUNS`] runs.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// How many recent durations of one pipeline a prediction rests on.
pub const RECENT_RUNS: usize = 20;

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
        self.runs.get(repo)?.get(pipeline)?.iter().max().copied()
    }
}

#[cfg(test)]
#[path = "predict_tests.rs"]
mod tests;
