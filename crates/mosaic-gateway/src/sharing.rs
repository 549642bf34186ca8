//! Which answers HTTP caches in front of the REST API (L3) may share between callers.
//!
//! A shared cache serves one caller's answer to every other caller asking the same URL,
//! without asking MosAIc, so an answer is public only when no caller could have been given
//! another one, nor refused:
//! - anonymous access is configured, so a request without credentials is a caller too (a
//!   shared cache would otherwise serve callers MosAIc would turn away with `401`);
//! - the policy allows the operation on the resource to every caller (`policy.rs`), so no
//!   caller MosAIc would deny is served from the shared cache;
//! - the router plans the call alike for every caller (no rule that could match looks at the
//!   tenant, region or labels, no split, no budget), so every caller would be answered by the
//!   same instances;
//! - each of those instances is declared `public` (one shared service credential: its
//!   answers are the same for every caller), and the HTTP caches' region may hold its
//!   jurisdiction, as for every cache tier (`mosaic_cache::may_hold`).
//!
//! Everything else is `private`: only the caller's own cache may keep it.

use crate::policy::allows_every_caller;
use crate::runtime::Runtime;
use mosaic_routing::RouteRequest;

/// How a read's answer may be kept by HTTP caches (L3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sharing {
    /// Whether shared caches may keep it and serve it to any caller (`Cache-Control:
    /// public`); otherwise only the caller's own cache may (`private`).
    pub public: bool,
    /// Its cache tags, which writes invalidate: their surrogate keys go with a public answer
    /// (`xkey`) so a write's purge reaches it.
    pub tags: Vec<String>,
}

/// The sharing of a read of `operation` on `resource`, planned from `route` with the
/// instances `candidates` (indices into `runtime.instances`) and tagged `tags`.
pub(crate) fn of_read(
    runtime: &Runtime,
    operation: &str,
    resource: &str,
    route: &RouteRequest<'_>,
    candidates: &[usize],
    tags: &[String],
) -> Sharing {
    let region = runtime.http_cache_region.as_deref();
    let instances_public = !candidates.is_empty()
        && candidates.iter().all(|&index| {
            let instance = &runtime.instances[index];
            instance.public && mosaic_cache::may_hold(region, instance.jurisdiction())
        });
    let public = instances_public
        && runtime.auth.anonymous.is_some()
        && allows_every_caller(&runtime.policies, operation, resource)
        && runtime.router.same_for_every_caller(route);
    Sharing {
        public,
        tags: tags.to_vec(),
    }
}
