//! Behaviour of the answer cache on tokio's paused clock: freshness by time and class, scoping,
//! invalidation, coalescing, stale-if-error, tiers and warming. Shared fixtures live here.

mod coalescing;
mod evictions;
mod freshness;
mod invalidation;
mod stale_if_error;
mod tiers;
mod warming;

use crate::{AnswerCache, CacheKey, CacheSettings, Fill, Lookup, Origin, Served};
use mosaic_core::{CacheClass, OpId, Operation, Output, RequestContext};
use serde_json::json;
use std::sync::Arc;

/// An upstream failure as the gateway would report it.
#[derive(Debug, PartialEq)]
struct Upstream(&'static str);

fn cache() -> AnswerCache {
    AnswerCache::new(CacheSettings::default())
}

fn operation(op: OpId, arguments: serde_json::Value) -> Operation {
    Operation::parse(op, arguments).unwrap_or_else(|error| panic!("test arguments: {error}"))
}

fn issues_of(repo: &str) -> Operation {
    operation(OpId::GitIssuesList, json!({ "repo": repo }))
}

/// The key of `op` in `context` for a plan of the instances the tests' fills name.
fn key_for(context: &RequestContext, op: &Operation) -> CacheKey {
    CacheKey::for_call(context, op, &["gh"])
}

fn local() -> RequestContext {
    RequestContext::local("alice")
}

/// A fill for `op` whose answer is an empty page (or list) marked with `marker` as next cursor,
/// tagged with the operation's read tag.
fn fill(op: &Operation, instance: &str, marker: &str) -> Fill {
    let output = Output::from_json(op.op_id(), json!({ "items": [], "next_cursor": marker }))
        .unwrap_or_else(|error| panic!("test output: {error}"));
    Fill {
        output: Arc::new(output),
        instance: instance.to_owned(),
        tags: vec![op.spec().read_tag(&op.resource())],
        jurisdiction: None,
    }
}

/// The marker of a served answer.
fn marker(served: &Served<Upstream>) -> String {
    marker_of(&served.answer.output)
}

fn marker_of(output: &Output) -> String {
    output.to_json()["next_cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Fills `key` through `get_or_fetch` and asserts it was fetched.
async fn put(cache: &AnswerCache, key: &CacheKey, class: CacheClass, fill: Fill) {
    let served = cache
        .get_or_fetch(key, class, || async { Ok::<_, Upstream>(fill) })
        .await;
    assert!(matches!(
        served,
        Ok(Served {
            origin: Origin::Fetched,
            ..
        })
    ));
}

fn is_fresh(lookup: &Lookup) -> bool {
    matches!(lookup, Lookup::Fresh { .. })
}

fn is_stale(lookup: &Lookup) -> bool {
    matches!(lookup, Lookup::Stale { .. })
}

fn is_miss(lookup: &Lookup) -> bool {
    matches!(lookup, Lookup::Miss)
}
