//! Pinned instances: accepted, and each way a pin is refused.

use crate::request::NoSignals;
use crate::rule::RuleSpec;
use crate::test_support::*;
use crate::{NoRoute, PinError, Reason, Router};
use mosaic_core::{Fault, OpId, ServiceKind};

fn eu_router() -> Router {
    let mut instances = fleet();
    instances.push(labelled("eu-forge", &[("jurisdiction", "eu")]));
    instances.push(labelled("us-forge", &[("jurisdiction", "us")]));
    let eu = RuleSpec {
        tenants: vec!["eu-tenant".into()],
        require: map(&[("jurisdiction", "eu")]),
        ..rule("eu", vec![target("eu-forge")])
    };
    let main = rule(
        "main",
        vec![read_only("mirror"), target("github"), target("gitea")],
    );
    match Router::new(vec![eu, main], instances) {
        Ok(router) => router,
        Err(errors) => panic!("{errors:?}"),
    }
}

fn pin_error(router: &Router, op: OpId, tenant: &str, instance: &str) -> (NoRoute, PinError) {
    let request = crate::RouteRequest {
        tenant,
        ..request(op, "acme/api").pinned_to(instance)
    };
    match router.plan(&request, &NoSignals, 0) {
        Err(error @ NoRoute::BadPin { .. }) => {
            let NoRoute::BadPin { reason, .. } = &error else {
                unreachable!("matched just above")
            };
            let reason = PinError::clone(reason);
            (error, reason)
        }
        other => panic!("expected a bad pin, got {other:?}"),
    }
}

#[test]
fn a_pin_plans_just_that_instance() {
    let router = eu_router();
    let request = request(OpId::GitIssuesList, "acme/api").pinned_to("gitlab");
    let plan = match router.plan(&request, &NoSignals, 0) {
        Ok(plan) => plan,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(names(&router, &plan), ["gitlab"]);
    assert_eq!(
        plan.candidates().next().map(|(_, reason)| reason),
        Some(Reason::Pinned)
    );
    assert_eq!(plan.rule(), Some("main"));
    assert_eq!(
        router.explain(&request, &plan).candidates[0].reason,
        "pinned by caller"
    );
}

#[test]
fn a_pin_to_a_read_only_copy_is_fine_for_reads() {
    let router = eu_router();
    let request = request(OpId::GitIssuesGet, "acme/api").pinned_to("mirror");
    let plan = router.plan(&request, &NoSignals, 0);
    assert_eq!(
        plan.map(|plan| names(&router, &plan)).ok(),
        Some(vec!["mirror".to_owned()])
    );
}

#[test]
fn a_pin_works_without_any_rule_matching() {
    let router = router(vec![RuleSpec {
        kinds: vec![ServiceKind::Pm],
        ..rule("pm", vec![target("jira")])
    }]);
    let request = request(OpId::GitIssuesList, "acme/api").pinned_to("github");
    let plan = router.plan(&request, &NoSignals, 0);
    assert_eq!(plan.as_ref().map(|plan| plan.rule()).ok(), Some(None));
}

#[test]
fn a_pin_to_an_unknown_instance_says_so_without_listing_others() {
    let router = eu_router();
    let (error, reason) = pin_error(&router, OpId::GitIssuesList, "default", "gitea-x");
    assert_eq!(reason, PinError::UnknownInstance);
    assert_eq!(
        error.to_string(),
        "cannot pin instance `gitea-x` for git.issues.list on `acme/api`: no such instance"
    );
    assert_eq!(error.fault(), Fault::Caller);
    assert_eq!(error.code(), "bad_pin");
}

#[test]
fn a_pin_to_an_instance_that_does_not_support_the_operation_is_refused() {
    let router = eu_router();
    let (_, reason) = pin_error(&router, OpId::GitIssuesList, "default", "jira");
    assert_eq!(reason, PinError::Unsupported);
}

#[test]
fn a_write_pinned_to_a_read_only_copy_is_refused() {
    let router = eu_router();
    let (error, reason) = pin_error(&router, OpId::GitIssuesCreate, "default", "mirror");
    assert_eq!(
        reason,
        PinError::ReadOnly {
            rule: "main".into()
        }
    );
    assert!(
        error
            .to_string()
            .contains("writes go to the system of record only")
    );
}

#[test]
fn a_pin_must_meet_the_matched_rules_hard_constraints() {
    let router = eu_router();
    let (error, reason) = pin_error(&router, OpId::GitIssuesList, "eu-tenant", "us-forge");
    assert_eq!(
        reason,
        PinError::FailsConstraint {
            rule: "eu".into(),
            key: "jurisdiction".into(),
            wanted: "eu".into(),
            actual: Some("us".into()),
        }
    );
    assert!(
        error
            .to_string()
            .ends_with("route rule `eu` requires jurisdiction=eu, the instance has `us`"),
        "{error}"
    );
    let (_, reason) = pin_error(&router, OpId::GitIssuesList, "eu-tenant", "github");
    assert!(matches!(
        reason,
        PinError::FailsConstraint { actual: None, .. }
    ));
}
