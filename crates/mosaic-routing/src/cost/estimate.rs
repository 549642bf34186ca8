//! One candidate's cost estimate for one request: expected money, predicted run time, the wait
//! for an executor, and whether the run would end within its deadline. Compact and `Copy`, so
//! it rides in the plan's reason; [`fmt::Display`] is its sentence in `route explain`.

use super::model::{CompiledCosts, CostModel};
use crate::request::{RouteRequest, Signals};
use std::fmt;
use std::time::Duration;

/// Money in estimates is kept in millionths of the cost models' currency.
pub const MICROS: f64 = 1_000_000.0;

/// The run time assumed for a pipeline never seen finishing: long enough that a deadline
/// check on it is not optimistic for the typical build, short enough not to price it away.
pub const DEFAULT_RUN_MINUTES: u32 = 10;

/// What a candidate's cost rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostBasis {
    /// An operation that starts no run, or an instance without a run cost model: its
    /// `cost_per_call`.
    PerCall,
    /// A public repository on hosted runners that run public repositories for free.
    PublicFree,
    /// Covered by the month's included minutes, `left` of which remain before this run.
    IncludedMinutes {
        /// Included minutes left before this run.
        left: u32,
    },
    /// Billed by the minute at this price (millionths per minute), `included` minutes of the
    /// run still covered by the month's allowance.
    PerMinute {
        /// Price per minute, in millionths.
        price_micros: u64,
        /// Minutes of this run the allowance still covers.
        included: u32,
    },
    /// Fixed-cost capacity with an executor free: nothing more to pay.
    IdleExecutor {
        /// Runs on it now.
        busy: u32,
        /// Its executors.
        executors: u32,
    },
    /// Fixed-cost capacity with every executor taken: nothing more to pay, but a wait.
    Queued {
        /// Runs on it or waiting for it now.
        busy: u32,
        /// Its executors.
        executors: u32,
    },
}

/// The `least_cost` estimate of one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostEstimate {
    /// Expected cost, in millionths ([`MICROS`]).
    pub cost_micros: u64,
    /// Predicted run time in seconds; 0 when the operation starts no run.
    pub run_secs: u32,
    /// Whether `run_secs` is [`DEFAULT_RUN_MINUTES`] because the pipeline was never observed.
    pub assumed: bool,
    /// Expected wait for an executor, in seconds.
    pub wait_secs: u32,
    /// The run's deadline in seconds, when it gave one.
    pub deadline_secs: Option<u32>,
    /// Whether wait and run together pass the deadline; without a deadline, or for a pipeline
    /// never observed, whether the run would wait at all (a run that names none should start
    /// no later than it would have, and one of unknown length could take any time).
    pub misses_deadline: bool,
    /// What the cost rests on.
    pub basis: CostBasis,
}

impl CostEstimate {
    /// The expected cost in the models' currency.
    pub fn cost(&self) -> f64 {
        self.cost_micros as f64 / MICROS
    }
}

fn secs(duration: Duration) -> u32 {
    u32::try_from(duration.as_secs()).unwrap_or(u32::MAX)
}

fn micros(amount: f64) -> u64 {
    // Validated finite and non-negative; `as` saturates what is left.
    (amount * MICROS).round() as u64
}

/// The estimate for `instance` serving `request`.
pub(crate) fn estimate(
    costs: &CompiledCosts,
    instance: usize,
    request: &RouteRequest<'_>,
    signals: &dyn Signals,
) -> CostEstimate {
    let per_call = costs.per_call.get(instance).copied().unwrap_or(0.0);
    let model = costs.models.get(instance).and_then(Option::as_ref);
    let (Some(run), Some(model)) = (request.run, model) else {
        return CostEstimate {
            cost_micros: micros(per_call),
            run_secs: 0,
            assumed: false,
            wait_secs: 0,
            deadline_secs: None,
            misses_deadline: false,
            basis: CostBasis::PerCall,
        };
    };
    let predicted = signals.predicted_duration(request.resource, run.pipeline);
    let duration = predicted.unwrap_or(Duration::from_secs(u64::from(DEFAULT_RUN_MINUTES) * 60));
    let queue = signals.queue(instance);
    // A run of a pipeline never seen finishing could take any time, so it does not queue:
    // it goes where it starts at once.
    let misses_deadline = match run.deadline {
        _ if predicted.is_none() && !queue.wait.is_zero() => true,
        Some(deadline) => queue.wait + duration > deadline,
        None => !queue.wait.is_zero(),
    };
    let (cost_micros, basis) = match model {
        CostModel::PerMinute {
            runner,
            free_minutes,
            free_public,
            ..
        } => {
            let class = model.class(run.runner);
            let standard = class == Some(runner.as_str());
            // Hosted runners bill each job's minutes rounded up.
            let billable = duration.as_secs().div_ceil(60);
            let price = micros(model.price(run.runner));
            if standard && *free_public && costs.is_public(request.resource) {
                (0, CostBasis::PublicFree)
            } else if standard {
                let used = signals.minutes_used(instance).max(0.0).ceil() as u64;
                let left = u64::from(*free_minutes).saturating_sub(used);
                let billed = billable.saturating_sub(left);
                let left = u32::try_from(left).unwrap_or(u32::MAX);
                if billed == 0 {
                    (0, CostBasis::IncludedMinutes { left })
                } else {
                    (
                        billed * price,
                        CostBasis::PerMinute {
                            price_micros: price,
                            included: left,
                        },
                    )
                }
            } else {
                (
                    billable * price,
                    CostBasis::PerMinute {
                        price_micros: price,
                        included: 0,
                    },
                )
            }
        }
        CostModel::Capacity { executors, .. } => {
            let busy = queue.busy;
            let basis = if queue.wait.is_zero() && busy < *executors {
                CostBasis::IdleExecutor {
                    busy,
                    executors: *executors,
                }
            } else {
                CostBasis::Queued {
                    busy,
                    executors: *executors,
                }
            };
            (0, basis)
        }
    };
    CostEstimate {
        cost_micros,
        run_secs: secs(duration),
        assumed: predicted.is_none(),
        wait_secs: secs(queue.wait),
        deadline_secs: run.deadline.map(secs),
        misses_deadline,
        basis,
    }
}

/// Minutes from seconds, as people read them (`4.5 min`).
struct Minutes(u32);

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} min", f64::from(self.0) / 60.0)
    }
}

impl fmt::Display for CostBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::PerCall => f.write_str("cost per call"),
            Self::PublicFree => f.write_str("public repository, free on these runners"),
            Self::IncludedMinutes { left } => {
                write!(f, "within the included minutes, {left} left this month")
            }
            Self::PerMinute {
                price_micros,
                included: 0,
            } => write!(f, "billed at {}/min", price_micros as f64 / MICROS),
            Self::PerMinute {
                price_micros,
                included,
            } => write!(
                f,
                "billed at {}/min beyond the last {included} included minutes",
                price_micros as f64 / MICROS
            ),
            Self::IdleExecutor { busy, executors } => write!(
                f,
                "fixed-cost capacity with an executor free, {busy} of {executors} busy"
            ),
            Self::Queued { busy, executors } => write!(
                f,
                "fixed-cost capacity, all {executors} executors busy, {busy} runs on or waiting for them"
            ),
        }
    }
}

impl fmt::Display for CostEstimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "least cost: {:.4} expected ({})",
            self.cost(),
            self.basis
        )?;
        if self.basis == CostBasis::PerCall {
            return Ok(());
        }
        write!(f, "; {}", Minutes(self.run_secs))?;
        f.write_str(if self.assumed {
            " assumed (pipeline not observed yet)"
        } else {
            " predicted"
        })?;
        match self.wait_secs {
            0 => f.write_str(", starts at once")?,
            wait => write!(f, ", waits ~{}", Minutes(wait))?,
        }
        match (self.deadline_secs, self.misses_deadline) {
            (Some(deadline), false) => write!(f, ", within its {} deadline", Minutes(deadline)),
            (Some(deadline), true) => write!(f, ", would miss its {} deadline", Minutes(deadline)),
            (None, false) => Ok(()),
            (None, true) => f.write_str(", later than a run without a deadline should start"),
        }
    }
}

#[cfg(test)]
#[path = "estimate_tests.rs"]
mod tests;
