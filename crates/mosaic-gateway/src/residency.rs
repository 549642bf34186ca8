//! Data residency as the pipeline enforces and reports it. The router already keeps every
//! candidate inside the matched rule's hard constraints (`require: {jurisdiction: eu}`), pins
//! included, and the cache serves an answer only to plans with the same candidates; what is
//! left is to say so. When every instance inside the constraint is down, the caller is told
//! which constraint held rather than a bare outage, and each call's audit record carries the
//! decision: the constraint, the caller's region and the instance that served.

use crate::answer::{Attempt, CallError};
use mosaic_core::ProviderError;
use std::collections::BTreeMap;

/// What residency meant for one call, once planned: recorded in its audit trail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Residency {
    /// The matched rule and its hard constraints as `key=value` pairs (`jurisdiction=eu`),
    /// when it has any.
    pub constraint: Option<(String, String)>,
    /// The region the call was routed from, when known.
    pub caller_region: Option<String>,
}

impl Residency {
    /// The decision for a call whose plan came from `rule` with hard constraints `require`, made
    /// by a caller in `region`; `None` when neither is known, as then residency played no part.
    pub(crate) fn of(
        rule: Option<&str>,
        require: Option<&BTreeMap<String, String>>,
        region: Option<&str>,
    ) -> Option<Residency> {
        let constraint = require.map(|require| {
            (
                rule.unwrap_or_default().to_owned(),
                constraint_text(require),
            )
        });
        (constraint.is_some() || region.is_some()).then(|| Residency {
            constraint,
            caller_region: region.map(str::to_owned),
        })
    }

    /// The audit reason: `residency: route rule `eu-docs` requires jurisdiction=eu; caller
    /// region `eu`; served by `bookstack-eu``.
    pub(crate) fn reason(&self, served_by: Option<&str>) -> String {
        let constraint = match &self.constraint {
            Some((rule, constraint)) => format!("route rule `{rule}` requires {constraint}"),
            None => "no hard constraint".to_owned(),
        };
        let region = match &self.caller_region {
            Some(region) => format!("caller region `{region}`"),
            None => "caller region unknown".to_owned(),
        };
        let served = match served_by {
            Some(instance) => format!("served by `{instance}`"),
            None => "not served".to_owned(),
        };
        format!("residency: {constraint}; {region}; {served}")
    }

    /// `error` as the caller should read it: when every instance inside the constraint was down
    /// (and so nothing outside it was asked), the constraint-naming error; any other error as
    /// it is. A write that may have been applied keeps its own error, which says so.
    pub(crate) fn explain(
        &self,
        operation: &'static str,
        write: bool,
        error: CallError,
    ) -> CallError {
        let Some((rule, constraint)) = &self.constraint else {
            return error;
        };
        match down_candidates(&error) {
            Some(down) => CallError::ConstraintUnavailable {
                constraint: constraint.clone(),
                rule: rule.clone(),
                operation,
                write,
                down,
            },
            None => error,
        }
    }
}

/// Hard constraints as people write them: `jurisdiction=eu, tier=gold`.
fn constraint_text(require: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = require
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    pairs.join(", ")
}

/// The candidates behind an error that means "every candidate is down" (unreachable, open
/// circuit, timed out, 5xx; for a write: provably not applied), with why each was given up.
fn down_candidates(error: &CallError) -> Option<Vec<Attempt>> {
    let one = |instance: &str, error: &ProviderError| {
        vec![Attempt {
            instance: instance.to_owned(),
            code: error.code(),
            message: error.to_string(),
        }]
    };
    match error {
        CallError::AllCandidatesFailed(attempts) => Some(attempts.clone()),
        CallError::Provider {
            instance,
            error: error @ (ProviderError::Unavailable(_) | ProviderError::Timeout(_)),
        } => Some(one(instance, error)),
        CallError::WriteTargetDown {
            instance, error, ..
        } => Some(one(instance, error)),
        // The caller's mistakes, refusals before any call, a provider that answered (not
        // found, conflict, throttled), a write that may have been applied, and errors already
        // explained are what they are, constraint or not.
        CallError::Unauthenticated(_)
        | CallError::HintNotGranted { .. }
        | CallError::UnknownOperation(_)
        | CallError::InvalidArguments(_)
        | CallError::Denied { .. }
        | CallError::NoRoute(_)
        | CallError::Provider { .. }
        | CallError::WriteOutcomeUnknown { .. }
        | CallError::ConstraintUnavailable { .. }
        | CallError::RateLimitRefused { .. }
        | CallError::UnknownRun { .. }
        | CallError::DeadlineExceeded(_)
        | CallError::Internal(_) => None,
    }
}

#[cfg(test)]
#[path = "residency_tests.rs"]
mod tests;
