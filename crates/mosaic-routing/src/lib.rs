//! The router: ordered rules to an explainable plan of candidate instances.
//!
//! The configuration hands [`Router::new`] validated [`RuleSpec`]s and [`InstanceInfo`]s; the
//! router compiles them once (every error reported with its path) and then answers
//! [`Router::plan`] for each request in microseconds: the first matching rule's targets,
//! filtered by operation support, hard constraints and (for writes) read-only copies, ordered
//! by the rule's strategy with open circuits last. Writes get exactly one candidate, the
//! system of record (DESIGN.md, "Operation semantics"); under `least_cost` that is the
//! cheapest target for the run ([`cost`]). A target may be a split among instances that
//! front one system, each caller sticking to one of them ([`split`]). [`Router::explain`]
//! renders a plan with names and reasons. [`Router::same_for_every_caller`] says whether a
//! request would be planned alike whoever made it, for answers shared with HTTP caches.

mod caller_independence;
mod compile;
pub mod config_error;
pub mod cost;
pub mod explain;
mod matching;
pub mod no_route;
mod order;
mod pin;
pub mod plan;
pub mod request;
pub mod router;
pub mod rule;
pub mod split;

#[cfg(test)]
mod test_support;

pub use config_error::RouteConfigError;
pub use cost::{CostEstimate, CostModel, CostSettings};
pub use explain::{ExplainedInstance, ExplainedMember, ExplainedSplit, Explanation};
pub use no_route::{NoRoute, PinError};
pub use plan::{Plan, Reason};
pub use request::{NoSignals, Queue, RouteRequest, RunFacts, Signals};
pub use router::Router;
pub use rule::{InstanceInfo, RuleSpec, Strategy, TargetSpec};
pub use split::{CanaryState, RollbackSpec, SplitMember, SplitSpec};
