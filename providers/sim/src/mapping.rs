//! Unified operations applied to the in-memory dataset, and the unified answers built from
//! it: one file per resource, each implementing its resource's trait of the kind SDKs for
//! [`SimProvider`](super::instance::SimProvider) — `repos.rs` ([`GitRepos`]), `issues.rs`
//! ([`GitIssues`]), `pulls.rs` ([`GitPulls`]), `ci.rs` ([`CiPipelines`], [`CiRuns`]), `kb.rs`
//! ([`KbSpaces`], [`KbPages`]) and `pm.rs` ([`PmProjects`], [`PmWorkItems`]). A new operation
//! does not compile until the simulator serves it.
//!
//! Every method runs through the instance's `read` or `write`, which run the behaviour
//! script first. Reads share the dataset's lock; writes take it exclusively, check everything
//! first and only then change the data, so a refused write leaves nothing behind.
//!
//! [`GitRepos`]: mosaic_plugin::kinds::GitRepos
//! [`GitIssues`]: mosaic_plugin::kinds::GitIssues
//! [`GitPulls`]: mosaic_plugin::kinds::GitPulls
//! [`CiPipelines`]: mosaic_plugin::kinds::CiPipelines
//! [`CiRuns`]: mosaic_plugin::kinds::CiRuns
//! [`KbSpaces`]: mosaic_plugin::kinds::KbSpaces
//! [`KbPages`]: mosaic_plugin::kinds::KbPages
//! [`PmProjects`]: mosaic_plugin::kinds::PmProjects
//! [`PmWorkItems`]: mosaic_plugin::kinds::PmWorkItems

mod ci;
mod issues;
mod kb;
mod pm;
mod pulls;
mod repos;

use super::clock;
use super::dataset::ACTOR;
use mosaic_core::model::Comment;

/// Whether `labels` carries every one of `wanted` (ignoring case, as forges do).
fn has_all_labels(labels: &[String], wanted: &[String]) -> bool {
    wanted
        .iter()
        .all(|want| labels.iter().any(|label| label.eq_ignore_ascii_case(want)))
}

/// Where `needle` occurs in `haystack`, ignoring ASCII case. Byte offsets stay those of the
/// original text, so an excerpt can be cut around the hit.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    let (hay, pin) = (haystack.as_bytes(), needle.as_bytes());
    (0..=hay.len() - pin.len())
        .find(|&start| hay[start..start + pin.len()].eq_ignore_ascii_case(pin))
}

/// A comment by the simulated credentials' user, made now.
pub(super) fn new_comment(id: u64, parent_url: &str, body: &str) -> Comment {
    Comment {
        id: id.to_string(),
        author: Some(ACTOR.to_owned()),
        body: body.to_owned(),
        created_at: Some(clock::now()),
        web_url: format!("{parent_url}#comment-{id}"),
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
