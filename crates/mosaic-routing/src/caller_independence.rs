//! Whether a request would be planned alike whoever made it: the question a shared HTTP cache
//! raises, since it serves one caller's answer to every other caller asking the same URL.
//!
//! The plan depends on the caller through a rule's tenants, caller regions and request labels
//! (which rule matches), through splits (each caller sticks to one member) and through
//! `least_cost` (a tenant's budget). A request is planned alike for every caller when no rule
//! that could match it before the one it matches, nor that one, looks at any of these: then
//! every caller asking for the same operation and resource reaches the same rule, and that rule
//! ranks its targets without looking at who asks.

use crate::compile::{CompiledRule, bit};
use crate::request::RouteRequest;
use crate::router::Router;
use crate::rule::Strategy;
use mosaic_core::glob;

impl Router {
    /// Whether every caller asking what `request` asks (its operation, resource and pinned
    /// instance) would get the plan `request` gets, apart from the signals (health, latency)
    /// every caller shares.
    pub fn same_for_every_caller(&self, request: &RouteRequest<'_>) -> bool {
        for rule in &self.rules {
            if !rule.could_match(request) {
                continue;
            }
            // Another caller might match here and this one not, or the other way round.
            if rule.looks_at_caller() {
                return false;
            }
            // The first rule every caller matches.
            return rule.splits.is_empty() && !matches!(rule.strategy, Strategy::LeastCost { .. });
        }
        // No rule at all: a pinned call is planned alike for everyone; anything else fails.
        request.pinned.is_some()
    }
}

impl CompiledRule {
    /// Whether the rule matches the request's operation and resource, whoever asks.
    fn could_match(&self, request: &RouteRequest<'_>) -> bool {
        self.ops & bit(request.op) != 0
            && (self.resources.is_empty()
                || self
                    .resources
                    .iter()
                    .any(|pattern| glob::matches(pattern, request.resource)))
    }

    /// Whether which callers it matches depends on their tenant, region or request labels.
    fn looks_at_caller(&self) -> bool {
        !self.tenants.is_empty() || !self.regions.is_empty() || !self.labels.is_empty()
    }
}

#[cfg(test)]
#[path = "caller_independence_tests.rs"]
mod tests;
