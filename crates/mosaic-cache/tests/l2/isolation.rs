//! Tenant isolation in L2: two tenants, and two credentials of one tenant, asking the same
//! thing never share an entry; each is served only its own, from Redis as from L1.

use crate::support::*;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_core::RequestContext;

fn caller(tenant: &str, scope: &str) -> RequestContext {
    let mut context = RequestContext::local("someone");
    context.tenant = tenant.to_owned();
    context.credential_scope = scope.to_owned();
    context
}

#[tokio::test]
async fn tenants_and_credentials_never_share_an_l2_entry() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("tenants");
    let a = Replica::new(&url, &prefix).await;
    let op = issues_of("acme/api");
    let callers = [
        ("acme", "token-1"),
        ("acme", "token-2"),
        ("globex", "token-1"),
        ("globex", "token-2"),
    ];
    for (tenant, scope) in callers {
        let key = key(&caller(tenant, scope), &op);
        let served = a.read(&key, &op, &format!("{tenant}/{scope}")).await;
        assert_eq!(tier(&served), None, "{tenant}/{scope} fetched its own");
    }
    assert_eq!(entries_in_redis(&url, &prefix).await, callers.len());

    // A replica with an empty L1 is served each caller's own answer from Redis.
    let b = Replica::new(&url, &prefix).await;
    for (tenant, scope) in callers {
        let key = key(&caller(tenant, scope), &op);
        let served = b.read(&key, &op, "never fetched").await;
        assert_eq!(tier(&served), Some("l2"));
        assert_eq!(marker(&served.answer.output), format!("{tenant}/{scope}"));
    }
}
