//! Cost-aware routing of CI runs: the `least_cost` strategy's cost models, estimates, budget
//! refusals, and the two predictions every estimate rests on (how long a run will take, how
//! long it would wait for a self-hosted executor).
//!
//! Everything here is pure. What changes while the gateway runs — minutes used this month,
//! runs queued or running on an executor pool, observed durations, a tenant's spend — reaches
//! the router through [`crate::Signals`], which the gateway (or the cost simulation) owns. The
//! design notes beside this file (`README.md`) say how an estimate is made.

mod estimate;
mod model;
mod predict;
mod queue;

pub use estimate::{CostBasis, CostEstimate, DEFAULT_RUN_MINUTES, MICROS};
pub use model::{Bill, Budget, CostModel, CostSettings, InstanceCost};
pub use predict::{Predictor, RECENT_RUNS};
pub use queue::{queue_wait, time_left};

pub(crate) use estimate::estimate;
pub(crate) use model::CompiledCosts;
