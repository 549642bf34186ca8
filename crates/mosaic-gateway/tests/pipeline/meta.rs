//! The meta operations are operations like any other: policy decides who may call them, under
//! their own names, and every call is audited.

use super::{gateway, request};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::CallError;
use serde_json::json;

/// `ops` may do everything; `bot` everything but the provider status; anyone else nothing.
const LOCKED: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: nobody } }
policies:
  - { name: no-status-for-bots, effect: deny, principals: [bot], operations: [mosaic.providers.status] }
  - { name: ops-and-bots, effect: allow, principals: [ops, bot] }
providers:
  - { name: forge, plugin: sim, settings: { kinds: [git], dataset: meta-locked } }
routes:
  - { name: git, targets: [{ instance: forge }] }
"#;

fn explain() -> mosaic_gateway::CallRequest {
    request(OpId::GitIssuesList, json!({"repo": "acme/api"}))
}

#[tokio::test]
async fn a_caller_no_policy_allows_is_refused_the_meta_operations_and_audited() {
    let gateway = gateway(LOCKED).await;
    let nobody = RequestContext::local("nobody");
    let denied = gateway.explain(&nobody, &explain()).await.unwrap_err();
    assert!(
        matches!(&denied, CallError::Denied { operation: "mosaic.route.explain", resource, .. } if resource == "acme/api"),
        "{denied:?}"
    );
    let denied = gateway.providers_status(&nobody).await.unwrap_err();
    assert!(
        matches!(
            &denied,
            CallError::Denied {
                operation: "mosaic.providers.status",
                ..
            }
        ),
        "{denied:?}"
    );

    let ops = RequestContext::local("ops");
    let explained = gateway.explain(&ops, &explain()).await.unwrap();
    assert_eq!(explained.rule.as_deref(), Some("git"));
    assert_eq!(gateway.providers_status(&ops).await.unwrap().len(), 1);

    gateway.flush_audit().await;
    let mut records = gateway.store().tail(10, None).await.unwrap();
    records.sort_by_key(|record| record.id);
    let calls: Vec<_> = records
        .iter()
        .map(|record| {
            (
                record.call.principal.as_str(),
                record.call.operation.as_str(),
                record.call.outcome.as_str(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            ("nobody", "mosaic.route.explain", "denied"),
            ("nobody", "mosaic.providers.status", "denied"),
            ("ops", "mosaic.route.explain", "ok"),
            ("ops", "mosaic.providers.status", "ok"),
        ]
    );
    let explained = &records[2].call;
    assert_eq!(explained.resource, "acme/api");
    assert_eq!(explained.rule.as_deref(), Some("git"));
    assert!(
        explained.reasons[0].contains("ops-and-bots"),
        "{:?}",
        explained.reasons
    );
    assert_eq!(records[0].call.fault.as_deref(), Some("caller"));
}

#[tokio::test]
async fn policies_name_the_meta_operations_like_any_other() {
    let gateway = gateway(LOCKED).await;
    let bot = RequestContext::local("bot");
    assert_eq!(
        gateway.providers_status(&bot).await.unwrap_err().code(),
        "denied"
    );
    assert!(gateway.explain(&bot, &explain()).await.is_ok());
    assert!(!gateway.may_call(&bot, "mosaic.providers.status"));
    assert!(gateway.may_call(&bot, "mosaic.route.explain"));
    assert!(gateway.may_call(&bot, "git.issues.list"));
    let nobody = RequestContext::local("nobody");
    assert!(!gateway.may_call(&nobody, "git.issues.list"));
    assert!(!gateway.may_call(&nobody, "mosaic.route.explain"));
}
