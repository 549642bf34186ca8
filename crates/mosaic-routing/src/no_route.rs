//! Why a request could not be planned. Built only on the failure path, so these errors may
//! own strings; the success path never formats any.

use crate::plan::Reason;
use mosaic_core::{Fault, OpId};
use std::fmt;
use std::sync::Arc;

/// No plan for a request.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NoRoute {
    /// No rule matched. Configurations are expected to end with a catch-all rule, so this
    /// names a gap in the configuration rather than silently picking an instance.
    #[error(
        "no route rule matches {} on {} for tenant `{tenant}`; add a rule (or a catch-all at the end) that covers it",
        .op.name(), Shown(.resource)
    )]
    NoRuleMatched {
        /// The operation.
        op: OpId,
        /// The resource (empty: across resources).
        resource: String,
        /// The caller's tenant.
        tenant: String,
    },
    /// A rule matched, but every one of its targets was left out.
    #[error(
        "route rule `{rule}` leaves no candidate for {} on {}: {}",
        .op.name(), Shown(.resource), Exclusions(.excluded)
    )]
    NoCandidates {
        /// The operation.
        op: OpId,
        /// The resource (empty: across resources).
        resource: String,
        /// The matched rule.
        rule: Arc<str>,
        /// Every target of the rule with the reason it was left out.
        excluded: Vec<(Arc<str>, Reason)>,
    },
    /// The caller pinned an instance that cannot serve the request.
    #[error(
        "cannot pin instance `{instance}` for {} on {}: {reason}",
        .op.name(), Shown(.resource)
    )]
    BadPin {
        /// The operation.
        op: OpId,
        /// The resource (empty: across resources).
        resource: String,
        /// The instance the caller asked for.
        instance: String,
        /// Why it cannot serve the request (boxed: it is the largest variant, and planning
        /// results should stay small on the success path).
        reason: Box<PinError>,
    },
    /// The tenant is over its monthly budget, every candidate of the `least_cost` rule costs
    /// money, and the rule does not allow going over.
    #[error(
        "tenant `{tenant}` is over its monthly budget ({spent:.2} spent of {budget:.2}); every target of route rule `{rule}` for {} on {} costs money, and the rule does not allow going over the budget",
        .op.name(), Shown(.resource)
    )]
    OverBudget {
        /// The operation.
        op: OpId,
        /// The resource.
        resource: String,
        /// The tenant.
        tenant: String,
        /// Its monthly budget.
        budget: f64,
        /// What it spent this month.
        spent: f64,
        /// The matched rule.
        rule: Arc<str>,
    },
}

impl NoRoute {
    /// Who is at fault: a bad pin is the caller's; an operation no target supports is the
    /// caller asking for something this deployment does not offer; a gap in the rules or
    /// rules that leave nothing is the configuration's; a tenant over its budget is the
    /// caller's side too (its tenant's spending, not a fault of the gateway or a provider).
    pub fn fault(&self) -> Fault {
        match self {
            Self::BadPin { .. } | Self::OverBudget { .. } => Fault::Caller,
            Self::NoCandidates { excluded, .. }
                if excluded
                    .iter()
                    .all(|(_, reason)| *reason == Reason::Unsupported) =>
            {
                Fault::Caller
            }
            Self::NoCandidates { .. } | Self::NoRuleMatched { .. } => Fault::Gateway,
        }
    }

    /// A short stable name for metrics, audit records and error payloads.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoRuleMatched { .. } => "no_route",
            Self::NoCandidates { .. } => "no_candidates",
            Self::BadPin { .. } => "bad_pin",
            Self::OverBudget { .. } => "over_budget",
        }
    }
}

/// Why a pinned instance cannot serve a request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// No instance has that name. The known names are not listed: they may belong to other
    /// tenants.
    #[error("no such instance")]
    UnknownInstance,
    /// The instance does not implement the operation.
    #[error("the instance does not support the operation")]
    Unsupported,
    /// The instance lacks a label the matched rule requires.
    #[error("route rule `{rule}` requires {key}={wanted}, the instance has {}", Actual(.actual))]
    FailsConstraint {
        /// The matched rule.
        rule: Arc<str>,
        /// The required label.
        key: String,
        /// The required value.
        wanted: String,
        /// The instance's value, if it has the label at all.
        actual: Option<String>,
    },
    /// A write pinned to a read-only target of the matched rule.
    #[error(
        "it is a read-only copy in route rule `{rule}`, and writes go to the system of record only"
    )]
    ReadOnly {
        /// The matched rule.
        rule: Arc<str>,
    },
}

/// A resource as people read it: `*` for a listing across resources.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            "" => f.write_str("all resources"),
            resource => write!(f, "`{resource}`"),
        }
    }
}

struct Exclusions<'a>(&'a [(Arc<str>, Reason)]);

impl fmt::Display for Exclusions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, (instance, reason)) in self.0.iter().enumerate() {
            if position > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{instance}: {reason}")?;
        }
        Ok(())
    }
}

struct Actual<'a>(&'a Option<String>);

impl fmt::Display for Actual<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => write!(f, "`{value}`"),
            None => f.write_str("no such label"),
        }
    }
}
