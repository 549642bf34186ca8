//! What the front end learned about a caller, carried through the whole request path.

use std::collections::BTreeMap;
use std::time::Duration;

/// Who is calling, from where, and under which limits. Built by a front end after
/// authentication; read by policy, router, cache (scoping) and audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    /// The isolation boundary the call belongs to.
    pub tenant: String,
    /// The authenticated caller inside the tenant.
    pub principal: String,
    /// The scope of the credentials the call is made with. Cached answers are keyed by it, so an
    /// answer fetched with one scope is never served to a caller with another.
    pub credential_scope: String,
    /// The caller's region, for routing rules and jurisdiction constraints.
    pub region: Option<String>,
    /// Free-form request labels (e.g. `classification=confidential`) that routes may match.
    pub labels: BTreeMap<String, String>,
    /// A trace id that ties the audit record to logs.
    pub trace_id: String,
    /// How long the caller is willing to wait in total.
    pub deadline: Option<Duration>,
}

impl RequestContext {
    /// A context for a caller of the default tenant, as used by the CLI and single-tenant setups.
    pub fn local(principal: &str) -> Self {
        Self {
            tenant: "default".into(),
            principal: principal.into(),
            credential_scope: "default".into(),
            region: None,
            labels: BTreeMap::new(),
            trace_id: String::new(),
            deadline: None,
        }
    }
}
