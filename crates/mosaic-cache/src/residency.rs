//! Residency per tier: an answer produced by an instance with a jurisdiction (its
//! `jurisdiction` label, `eu`) is kept only by tiers whose storage is allowed to hold it, so an
//! EU answer never lands in a Redis that runs in the US.
//!
//! A region serves a jurisdiction when it is that jurisdiction or one of its parts: `eu` and
//! `eu-west` hold `eu` answers, `us-east` does not. A shared tier that declares no region is
//! not known to be inside any jurisdiction and keeps only answers without one. The in-process
//! tier keeps every answer: it is the memory of the process that fetched the answer, which
//! already holds it to send it back (see [`crate::Tier::holds_jurisdiction`]).

/// Whether storage running in `region` may hold answers of `jurisdiction`.
pub fn region_serves(region: &str, jurisdiction: &str) -> bool {
    let (region, jurisdiction) = (region.trim(), jurisdiction.trim());
    if jurisdiction.is_empty() {
        return true;
    }
    match region.strip_prefix(jurisdiction) {
        Some(rest) => rest.is_empty() || rest.starts_with('-'),
        None => false,
    }
}

/// Whether storage in `region` (`None`: not declared) may hold an answer of `jurisdiction`
/// (`None`: the answer has none, and any storage may hold it).
pub fn may_hold(region: Option<&str>, jurisdiction: Option<&str>) -> bool {
    match (jurisdiction, region) {
        (None, _) => true,
        (Some(jurisdiction), Some(region)) => region_serves(region, jurisdiction),
        (Some(_), None) => false,
    }
}

#[cfg(test)]
#[path = "residency_tests.rs"]
mod tests;
