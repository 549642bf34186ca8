//! The workload file: repositories (public or private), their pipelines with a duration
//! distribution, a daily count and a deadline, and when in the day builds arrive; and the
//! month of runs it stands for, drawn once per seed so that every policy replays the same.

use crate::month::Month;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Triangular};
use serde::Deserialize;

/// A workload as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// The month simulated, `YYYY-MM`: its length and its weekends.
    pub month: String,
    /// The tenant every build belongs to.
    #[serde(default = "default_tenant")]
    pub tenant: String,
    /// When builds arrive in a working day.
    #[serde(default)]
    pub working_hours: WorkingHours,
    /// A weekend day's builds as a share of a weekday's (0 to 1).
    #[serde(default = "default_weekend")]
    pub weekend: f64,
    /// The repositories built.
    pub repositories: Vec<Repository>,
}

fn default_tenant() -> String {
    "default".to_owned()
}

fn default_weekend() -> f64 {
    0.2
}

/// The busy part of a day.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    /// First hour (0–23, UTC).
    pub start: u32,
    /// Hour it ends (1–24).
    pub end: u32,
    /// The share of a day's builds that arrive in it (0 to 1); the rest spread over the day.
    pub share: f64,
}

impl Default for WorkingHours {
    fn default() -> Self {
        Self {
            start: 8,
            end: 18,
            share: 0.8,
        }
    }
}

/// One repository.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    /// `owner/name`.
    pub name: String,
    /// Whether it is public; must agree with the configuration's `costs.public`.
    #[serde(default)]
    pub public: bool,
    /// Its pipelines.
    pub pipelines: Vec<Pipeline>,
}

/// One pipeline of a repository.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// The pipeline's id.
    pub name: String,
    /// Builds on a weekday (a fraction adds one build that often).
    pub per_day: f64,
    /// How long a build takes, in minutes.
    pub minutes: DurationRange,
    /// Each build should finish within this many minutes of its trigger.
    #[serde(default)]
    pub deadline_minutes: Option<u32>,
    /// The runner class it needs on hosted runners (default: the instance's runner).
    #[serde(default)]
    pub runner: Option<String>,
}

/// A duration distribution: uniform between `min` and `max`, or triangular with its peak at
/// `mode` when given.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationRange {
    /// Shortest, minutes (more than 0).
    pub min: f64,
    /// Most likely, minutes.
    #[serde(default)]
    pub mode: Option<f64>,
    /// Longest, minutes.
    pub max: f64,
}

/// What is wrong with a workload file.
#[derive(Debug, thiserror::Error)]
pub enum WorkloadError {
    /// The YAML does not have the workload's shape (the message names the place and line).
    #[error("{0}")]
    Shape(String),
    /// A value is out of range.
    #[error("{path}: {message}")]
    Value {
        /// Where.
        path: String,
        /// What.
        message: String,
    },
}

impl Workload {
    /// Reads and checks a workload from YAML text.
    pub fn parse(text: &str) -> Result<Self, WorkloadError> {
        let workload: Workload =
            yaml_serde::from_str(text).map_err(|error| WorkloadError::Shape(error.to_string()))?;
        workload.check()?;
        Ok(workload)
    }

    fn check(&self) -> Result<(), WorkloadError> {
        let bad = |path: String, message: &str| {
            Err(WorkloadError::Value {
                path,
                message: message.to_owned(),
            })
        };
        if Month::parse(&self.month).is_none() {
            return bad("month".into(), "expected a month like `2026-03`");
        }
        let hours = &self.working_hours;
        if hours.start >= hours.end || hours.end > 24 {
            return bad("working_hours".into(), "needs 0 <= start < end <= 24");
        }
        if !(0.0..=1.0).contains(&hours.share) {
            return bad("working_hours.share".into(), "must be between 0 and 1");
        }
        if !(0.0..=1.0).contains(&self.weekend) {
            return bad("weekend".into(), "must be between 0 and 1");
        }
        if self.repositories.is_empty() {
            return bad("repositories".into(), "a workload needs at least one");
        }
        for (r, repo) in self.repositories.iter().enumerate() {
            for (p, pipeline) in repo.pipelines.iter().enumerate() {
                let path = format!("repositories[{r}].pipelines[{p}]");
                let range = &pipeline.minutes;
                let mode_ok = range
                    .mode
                    .is_none_or(|mode| range.min <= mode && mode <= range.max);
                if !(range.min > 0.0 && range.min <= range.max && mode_ok) {
                    return bad(
                        format!("{path}.minutes"),
                        "needs 0 < min <= mode <= max (mode optional)",
                    );
                }
                if !(pipeline.per_day >= 0.0 && pipeline.per_day.is_finite()) {
                    return bad(format!("{path}.per_day"), "must be a number of at least 0");
                }
                if pipeline.deadline_minutes == Some(0) {
                    return bad(format!("{path}.deadline_minutes"), "must be at least 1");
                }
            }
        }
        Ok(())
    }
}

/// One build of the month.
#[derive(Clone, Debug, PartialEq)]
pub struct Build {
    /// When it is triggered, seconds from the month's start.
    pub at: u64,
    /// Index into the workload's repositories.
    pub repo: usize,
    /// Index into that repository's pipelines.
    pub pipeline: usize,
    /// How long it really takes, seconds (the router only ever sees predictions).
    pub secs: u64,
}

const DAY: u64 = 86_400;

/// Every build of the month for `seed`, in trigger order.
pub fn builds(workload: &Workload, seed: u64) -> Vec<Build> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let Some(month) = Month::parse(&workload.month) else {
        return Vec::new();
    };
    let hours = &workload.working_hours;
    let (busy_from, busy_to) = (u64::from(hours.start) * 3600, u64::from(hours.end) * 3600);
    let mut builds = Vec::new();
    for day in 1..=month.days() {
        let factor = if month.is_weekend(day) {
            workload.weekend
        } else {
            1.0
        };
        let day_start = u64::from(day - 1) * DAY;
        for (r, repo) in workload.repositories.iter().enumerate() {
            for (p, pipeline) in repo.pipelines.iter().enumerate() {
                let expected = pipeline.per_day * factor;
                let mut count = expected.floor() as u64;
                if rng.random::<f64>() < expected.fract() {
                    count += 1;
                }
                for _ in 0..count {
                    let offset = if rng.random::<f64>() < hours.share {
                        rng.random_range(busy_from..busy_to)
                    } else {
                        rng.random_range(0..DAY)
                    };
                    builds.push(Build {
                        at: day_start + offset,
                        repo: r,
                        pipeline: p,
                        secs: sample_secs(&pipeline.minutes, &mut rng),
                    });
                }
            }
        }
    }
    builds.sort_by_key(|build| (build.at, build.repo, build.pipeline));
    builds
}

fn sample_secs(range: &DurationRange, rng: &mut Xoshiro256PlusPlus) -> u64 {
    let minutes = match range.mode {
        Some(mode) if range.min < range.max => Triangular::new(range.min, range.max, mode)
            .map_or(mode, |triangular| triangular.sample(rng)),
        _ if range.min < range.max => rng.random_range(range.min..range.max),
        _ => range.min,
    };
    (minutes * 60.0).round().max(1.0) as u64
}

#[cfg(test)]
#[path = "workload_tests.rs"]
mod tests;
