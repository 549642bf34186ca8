//! The router's answer for one request: the candidate instances in the order the executor
//! tries them, the instances the rule named but left out, and a compact reason for each.
//!
//! Planning runs on every request, so a plan is one small allocation (at most the rule's
//! target count of entries) and no strings; [`crate::Router::explain`] renders names and
//! sentences when someone asks.

use crate::cost::CostEstimate;
use crate::split::CanaryState;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Why an instance is where it is in a plan, or why it was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `failover`: tried in the order the rule lists it (`position` counts from 0).
    Listed {
        /// Position in the rule's target list.
        position: u16,
    },
    /// `weighted`: drawn at random by weight.
    Weighted {
        /// This target's weight.
        weight: u32,
        /// The sum of the weights of the targets that could be drawn.
        total: u64,
    },
    /// `least_latency`: no call observed yet, so it goes first to get measured.
    Unmeasured,
    /// `least_latency`: ordered by this moving-average latency.
    Latency(Duration),
    /// `least_cost`: ordered by this estimate.
    Cost(CostEstimate),
    /// Its circuit breaker is open: moved behind every healthy candidate.
    CircuitOpen,
    /// A write's only candidate: the resource's system of record. Writes never fail over, so
    /// it is planned even when its circuit is open (the executor then reports it down).
    SystemOfRecord {
        /// Whether its circuit was open when planned.
        circuit_open: bool,
    },
    /// The caller pinned this instance.
    Pinned,
    /// Left out: the instance does not support the operation.
    Unsupported,
    /// Left out: the instance lacks a label the rule requires (a hard constraint).
    Constraint,
    /// Left out of a write: a read-only copy (mirror, replica).
    ReadOnly,
    /// Left out of a write: another writable target came first, and writes do not fail over.
    NotSystemOfRecord,
    /// Left out: the tenant is over its monthly budget and this candidate costs money.
    OverBudget(CostEstimate),
    /// Another member of the caller's split: the same system behind another version, tried
    /// right after the member the caller sticks to.
    SplitFallback,
    /// Left out: a split member that weighs nothing now (configured weight 0, a canary
    /// rolled back, or the others of a split whose canary was promoted).
    SplitDrained {
        /// Where the split's canary stands.
        state: CanaryState,
    },
}

impl Reason {
    /// Whether this reason removes the instance from the plan.
    pub fn is_exclusion(self) -> bool {
        match self {
            Self::Unsupported
            | Self::Constraint
            | Self::ReadOnly
            | Self::NotSystemOfRecord
            | Self::OverBudget(_)
            | Self::SplitDrained { .. } => true,
            Self::Listed { .. }
            | Self::Cost(_)
            | Self::Weighted { .. }
            | Self::Unmeasured
            | Self::Latency(_)
            | Self::CircuitOpen
            | Self::SystemOfRecord { .. }
            | Self::Pinned
            | Self::SplitFallback => false,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Listed { position } => {
                write!(f, "failover: listed {}.", u32::from(*position) + 1)
            }
            Self::Weighted { weight, total } => {
                write!(f, "weighted: drawn with weight {weight} of {total}")
            }
            Self::Unmeasured => {
                f.write_str("least latency: not measured yet, tried first to measure it")
            }
            Self::Latency(latency) => write!(
                f,
                "least latency: moving average {:.1} ms",
                latency.as_secs_f64() * 1000.0
            ),
            Self::Cost(estimate) => estimate.fmt(f),
            Self::CircuitOpen => f.write_str("circuit open"),
            Self::SystemOfRecord {
                circuit_open: false,
            } => f.write_str("system of record"),
            Self::SystemOfRecord { circuit_open: true } => {
                f.write_str("system of record (circuit open; writes do not fail over)")
            }
            Self::Pinned => f.write_str("pinned by caller"),
            Self::Unsupported => f.write_str("does not support the operation"),
            Self::Constraint => f.write_str("fails the rule's hard constraints"),
            Self::ReadOnly => f.write_str("read-only copy; writes go to the system of record"),
            Self::NotSystemOfRecord => {
                f.write_str("not the system of record; writes do not fail over")
            }
            Self::OverBudget(estimate) => write!(
                f,
                "the tenant is over its monthly budget and this costs money ({estimate})"
            ),
            Self::SplitFallback => {
                f.write_str("split: another version of the same system, behind the caller's own")
            }
            Self::SplitDrained {
                state: CanaryState::RolledBack,
            } => f.write_str("split: canary rolled back, weight 0 until promoted"),
            Self::SplitDrained {
                state: CanaryState::Promoted,
            } => f.write_str("split: its canary was promoted and takes every caller"),
            Self::SplitDrained {
                state: CanaryState::Active,
            } => f.write_str("split: weight 0"),
        }
    }
}

/// One instance in a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The router's index of the instance.
    pub(crate) instance: u16,
    pub(crate) reason: Reason,
    /// Its place in the strategy's order, before open circuits were moved to the back.
    pub(crate) rank: u16,
}

/// An ordered list of candidate instances and the reasons, for one request.
///
/// Instance indices refer to the [`crate::Router`] that made the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The matched rule's index and name; `None` for a pin when no rule matched.
    pub(crate) rule: Option<(usize, Arc<str>)>,
    /// Candidates first (`..candidates`), then the excluded instances.
    pub(crate) entries: Vec<Entry>,
    pub(crate) candidates: usize,
    /// For each split target of the rule, the member the caller sticks to.
    pub(crate) splits: Vec<SplitChoice>,
}

/// What the router decided for one split target of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SplitChoice {
    /// The split's index in its rule.
    pub(crate) split: u16,
    /// The member the caller sticks to; `None` when no member could serve.
    pub(crate) chosen: Option<u16>,
    /// Where the split's canary stood.
    pub(crate) state: CanaryState,
}

impl Plan {
    /// The candidates in the order they are to be tried: (instance index, reason). The first
    /// is the first choice; the executor continues with the next when one cannot be used.
    pub fn candidates(&self) -> impl ExactSizeIterator<Item = (usize, Reason)> + '_ {
        self.entries[..self.candidates]
            .iter()
            .map(|entry| (usize::from(entry.instance), entry.reason))
    }

    /// The instances the rule named that were left out, and why.
    pub fn excluded(&self) -> impl ExactSizeIterator<Item = (usize, Reason)> + '_ {
        self.entries[self.candidates..]
            .iter()
            .map(|entry| (usize::from(entry.instance), entry.reason))
    }

    /// The candidates whose circuit was open that the strategy preferred to `instance` and
    /// that were moved behind it: when `instance` serves, they were passed over without a
    /// call, and the answer should say so as it says which candidates failed. Candidates
    /// before `instance` in the plan are not among them (they were tried). In the strategy's
    /// order.
    pub fn passed_over(&self, instance: usize) -> impl Iterator<Item = usize> + '_ {
        let candidates = &self.entries[..self.candidates];
        let served = candidates
            .iter()
            .position(|entry| usize::from(entry.instance) == instance);
        let (after, rank) = match served {
            Some(position) => (&candidates[position + 1..], candidates[position].rank),
            None => (&candidates[..0], 0),
        };
        // Moving open circuits back keeps their order, so they are still in rank order.
        after
            .iter()
            .filter(move |entry| entry.reason == Reason::CircuitOpen && entry.rank < rank)
            .map(|entry| usize::from(entry.instance))
    }

    /// The first choice (`Router::plan` never returns a plan without one).
    pub fn first(&self) -> Option<usize> {
        self.candidates().next().map(|(instance, _)| instance)
    }

    /// How many candidates there are.
    pub fn len(&self) -> usize {
        self.candidates
    }

    /// Whether there is no candidate (never true for a plan `Router::plan` returned).
    pub fn is_empty(&self) -> bool {
        self.candidates == 0
    }

    /// The name of the rule that matched; `None` when a pinned instance was planned without
    /// any rule matching.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_ref().map(|(_, name)| &**name)
    }

    /// For each split target of the matched rule: the instance the caller sticks to (`None`
    /// when no member could serve) and where the split's canary stood.
    pub fn split_choices(
        &self,
    ) -> impl ExactSizeIterator<Item = (Option<usize>, CanaryState)> + '_ {
        self.splits
            .iter()
            .map(|choice| (choice.chosen.map(usize::from), choice.state))
    }

    pub(crate) fn rule_index(&self) -> Option<usize> {
        self.rule.as_ref().map(|(index, _)| *index)
    }
}
