//! Rule matching on each dimension, and what happens when no rule matches.

use crate::request::{NoSignals, RouteRequest};
use crate::rule::RuleSpec;
use crate::test_support::*;
use crate::{NoRoute, Router};
use mosaic_core::{OpId, ServiceKind};

/// A router with one specific rule in front of a catch-all, and which of the two wins.
fn winner(specific: RuleSpec, request: &RouteRequest<'_>) -> String {
    let router = router(vec![specific, rule("fallback", vec![target("gitea")])]);
    match router.plan(request, &NoSignals, 0) {
        Ok(plan) => plan.rule().unwrap_or("none").to_owned(),
        Err(error) => panic!("no plan: {error}"),
    }
}

fn specific() -> RuleSpec {
    rule("specific", vec![target("github")])
}

#[test]
fn rules_match_on_kind() {
    let git = RuleSpec {
        kinds: vec![ServiceKind::Git],
        ..specific()
    };
    assert_eq!(
        winner(git.clone(), &request(OpId::GitIssuesList, "acme/api")),
        "specific"
    );
    let pm = request(OpId::PmIssuesGet, "PROJ-1");
    let router = router(vec![git, rule("pm", vec![target("jira")])]);
    assert_eq!(
        router
            .plan(&pm, &NoSignals, 0)
            .ok()
            .as_ref()
            .and_then(|p| p.rule()),
        Some("pm")
    );
}

#[test]
fn rules_match_on_operation_globs() {
    let issues = RuleSpec {
        operations: vec!["git.issues.*".into()],
        ..specific()
    };
    assert_eq!(
        winner(issues.clone(), &request(OpId::GitIssuesCreate, "acme/api")),
        "specific"
    );
    assert_eq!(
        winner(issues, &request(OpId::GitPullsList, "acme/api")),
        "fallback"
    );
}

#[test]
fn rules_match_on_resource_globs() {
    let internal = RuleSpec {
        resources: vec!["acme/internal-*".into(), "space:ENG".into()],
        ..specific()
    };
    assert_eq!(
        winner(
            internal.clone(),
            &request(OpId::GitIssuesList, "acme/internal-tools")
        ),
        "specific"
    );
    assert_eq!(
        winner(internal.clone(), &request(OpId::GitIssuesList, "space:ENG")),
        "specific"
    );
    assert_eq!(
        winner(internal, &request(OpId::GitIssuesList, "acme/api")),
        "fallback"
    );
}

#[test]
fn listings_across_resources_match_only_rules_that_accept_the_empty_resource() {
    let scoped = RuleSpec {
        resources: vec!["acme/*".into()],
        ..specific()
    };
    assert_eq!(winner(scoped, &request(OpId::GitReposList, "")), "fallback");
    let star = RuleSpec {
        resources: vec!["*".into()],
        ..specific()
    };
    assert_eq!(winner(star, &request(OpId::GitReposList, "")), "specific");
    assert_eq!(
        winner(specific(), &request(OpId::GitReposList, "")),
        "specific"
    );
}

#[test]
fn rules_match_on_tenant() {
    let acme = RuleSpec {
        tenants: vec!["acme".into()],
        ..specific()
    };
    let ours = RouteRequest {
        tenant: "acme",
        ..request(OpId::GitIssuesList, "acme/api")
    };
    assert_eq!(winner(acme.clone(), &ours), "specific");
    assert_eq!(
        winner(acme, &request(OpId::GitIssuesList, "acme/api")),
        "fallback"
    );
}

#[test]
fn rules_match_on_caller_region_and_unknown_regions_do_not_match() {
    let eu = RuleSpec {
        regions: vec!["eu".into(), "ch".into()],
        ..specific()
    };
    let base = request(OpId::GitIssuesList, "acme/api");
    assert_eq!(winner(eu.clone(), &base.with_region("ch")), "specific");
    assert_eq!(winner(eu.clone(), &base.with_region("us")), "fallback");
    assert_eq!(winner(eu, &base), "fallback");
}

#[test]
fn rules_match_when_every_rule_label_is_on_the_request() {
    let confidential = RuleSpec {
        labels: map(&[("classification", "confidential")]),
        ..specific()
    };
    let labels = map(&[("classification", "confidential"), ("team", "core")]);
    let other = map(&[("classification", "public")]);
    let base = request(OpId::GitIssuesList, "acme/api");
    let with = |labels| RouteRequest { labels, ..base };
    assert_eq!(winner(confidential.clone(), &with(&labels)), "specific");
    assert_eq!(winner(confidential.clone(), &with(&other)), "fallback");
    assert_eq!(winner(confidential, &base), "fallback");
}

#[test]
fn the_first_matching_rule_wins() {
    let router = router(vec![
        rule("first", vec![target("github")]),
        rule("second", vec![target("gitea")]),
    ]);
    let plan = router.plan(&request(OpId::GitIssuesList, "acme/api"), &NoSignals, 0);
    assert_eq!(
        plan.ok().as_ref().and_then(|plan| plan.rule()),
        Some("first")
    );
}

#[test]
fn no_rule_matched_is_an_explicit_error() {
    let git_only = RuleSpec {
        kinds: vec![ServiceKind::Git],
        ..specific()
    };
    let router = router(vec![git_only]);
    let error = router
        .plan(&request(OpId::KbPagesGet, "space:ENG"), &NoSignals, 0)
        .err();
    let Some(error @ NoRoute::NoRuleMatched { .. }) = error else {
        panic!("expected NoRuleMatched, got {error:?}");
    };
    assert_eq!(
        error.to_string(),
        "no route rule matches kb.pages.get on `space:ENG` for tenant `default`; add a rule (or a catch-all at the end) that covers it"
    );
    assert_eq!(error.code(), "no_route");
}

#[test]
fn an_empty_router_matches_nothing() {
    let router = match Router::new(Vec::new(), fleet()) {
        Ok(router) => router,
        Err(errors) => panic!("{errors:?}"),
    };
    let error = router
        .plan(&request(OpId::GitReposList, ""), &NoSignals, 0)
        .err();
    assert!(
        matches!(&error, Some(NoRoute::NoRuleMatched { .. })),
        "{error:?}"
    );
    assert!(error.is_some_and(|error| {
        error
            .to_string()
            .contains("git.repos.list on all resources")
    }));
}
