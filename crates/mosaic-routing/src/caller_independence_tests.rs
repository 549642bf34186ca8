use crate::rule::{RuleSpec, Strategy};
use crate::test_support::*;
use mosaic_core::OpId;

const READ: OpId = OpId::GitIssuesList;

#[test]
fn rules_that_never_look_at_the_caller_plan_alike_for_everyone() {
    let router = router(vec![
        RuleSpec {
            resources: vec!["acme/internal-*".into()],
            ..rule("internal", vec![target("gitea")])
        },
        rule("rest", vec![target("github"), target("mirror")]),
    ]);
    assert!(router.same_for_every_caller(&request(READ, "acme/api")));
    assert!(router.same_for_every_caller(&request(READ, "acme/internal-tools")));
}

#[test]
fn a_rule_that_could_match_first_and_looks_at_the_caller_splits_callers() {
    let by_tenant = RuleSpec {
        tenants: vec!["acme".into()],
        ..rule("acme", vec![target("gitea")])
    };
    let by_region = RuleSpec {
        regions: vec!["eu".into()],
        ..rule("eu", vec![target("gitea")])
    };
    let by_label = RuleSpec {
        labels: map(&[("classification", "confidential")]),
        ..rule("secret", vec![target("gitea")])
    };
    for first in [by_tenant, by_region, by_label] {
        let name = first.name.clone();
        let router = router(vec![first, rule("rest", vec![target("github")])]);
        // Whether or not this caller matched it, another might have.
        assert!(
            !router.same_for_every_caller(&request(READ, "acme/api")),
            "{name}"
        );
        assert!(
            !router.same_for_every_caller(&request(READ, "acme/api").with_region("eu")),
            "{name}"
        );
    }
}

#[test]
fn a_caller_rule_for_other_resources_does_not_matter() {
    let router = router(vec![
        RuleSpec {
            resources: vec!["acme/internal-*".into()],
            tenants: vec!["acme".into()],
            ..rule("internal", vec![target("gitea")])
        },
        rule("rest", vec![target("github")]),
    ]);
    assert!(router.same_for_every_caller(&request(READ, "acme/api")));
    assert!(!router.same_for_every_caller(&request(READ, "acme/internal-tools")));
}

#[test]
fn budgets_rank_by_tenant() {
    let router = router(vec![RuleSpec {
        strategy: Strategy::LeastCost {
            allow_over_budget: true,
        },
        ..rule("cheap", vec![target("github"), target("gitea")])
    }]);
    assert!(!router.same_for_every_caller(&request(READ, "acme/api")));
}
