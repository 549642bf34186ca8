//! Whether a compiled rule matches a request. Runs for every rule before the matching one,
//! so the checks are ordered cheapest first and none allocates.

use crate::compile::{CompiledRule, bit};
use crate::request::RouteRequest;
use mosaic_core::glob;

impl CompiledRule {
    /// Kinds and operations (one bit test), tenant, caller region and request labels (exact
    /// values), then resource globs. An empty list matches everything; a rule that lists
    /// regions does not match a caller whose region is unknown. An empty resource (a listing
    /// across resources) matches only rules without resource patterns or with a pattern that
    /// matches the empty string, such as `*`.
    pub(crate) fn matches(&self, request: &RouteRequest<'_>) -> bool {
        self.ops & bit(request.op) != 0
            && (self.tenants.is_empty()
                || self
                    .tenants
                    .iter()
                    .any(|tenant| **tenant == *request.tenant))
            && (self.regions.is_empty()
                || request
                    .region
                    .is_some_and(|region| self.regions.iter().any(|listed| **listed == *region)))
            && self.labels.iter().all(|(key, value)| {
                request
                    .labels
                    .get(&**key)
                    .is_some_and(|found| **found == **value)
            })
            && (self.resources.is_empty()
                || self
                    .resources
                    .iter()
                    .any(|pattern| glob::matches(pattern, request.resource)))
    }
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
