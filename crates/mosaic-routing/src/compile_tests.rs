//! Constructor validation: every error at once, with its path; globs compiled to bitsets.

use crate::router::Router;
use crate::rule::{RuleSpec, Strategy};
use crate::test_support::*;
use crate::{RouteConfigError, TargetSpec};
use mosaic_core::{OpId, ServiceKind};

fn errors(rules: Vec<RuleSpec>) -> Vec<RouteConfigError> {
    match Router::new(rules, fleet()) {
        Ok(_) => panic!("configuration should have been rejected"),
        Err(errors) => errors,
    }
}

fn paths(errors: &[RouteConfigError]) -> Vec<&str> {
    errors.iter().map(|error| error.path.as_str()).collect()
}

#[test]
fn every_error_is_reported_at_once_with_its_path() {
    let weighted_zero = RuleSpec {
        strategy: Strategy::Weighted,
        ..rule("split", vec![weighted("github", 3), weighted("gitea", 0)])
    };
    let bad_glob = RuleSpec {
        operations: vec!["git.issues.*".into(), "git.isues.*".into()],
        ..rule("typo", vec![target("github")])
    };
    let wrong_kind = RuleSpec {
        kinds: vec![ServiceKind::Pm],
        ..rule("pm", vec![target("jira"), target("github")])
    };
    let errors = errors(vec![
        rule("main", vec![target("github")]),
        bad_glob,
        rule("unknown", vec![target("gitea-x")]),
        weighted_zero,
        wrong_kind,
        rule("main", vec![target("gitea")]),
        rule("empty", Vec::new()),
    ]);
    assert_eq!(
        paths(&errors),
        [
            "routes[5].name",
            "routes[1].operations[1]",
            "routes[2].targets[0].instance",
            "routes[3].targets[1].weight",
            "routes[4].targets[1].instance",
            "routes[6].targets",
        ]
    );
    assert_eq!(
        errors[0].message,
        "duplicate rule name `main` (first used by routes[0])"
    );
    assert_eq!(
        errors[1].message,
        "`git.isues.*` matches no operation in the catalog"
    );
    assert_eq!(
        errors[2].message,
        "unknown instance `gitea-x`; known: github, gitea, gitlab, mirror, jira, notion"
    );
    assert_eq!(errors[3].message, "must be at least 1 in a weighted rule");
    assert_eq!(
        errors[4].message,
        "instance `github` serves git, none of the kinds this rule covers (pm)"
    );
    assert_eq!(errors[5].message, "a rule needs at least one target");
    assert_eq!(
        errors[2].to_string(),
        "routes[2].targets[0].instance: unknown instance `gitea-x`; known: github, gitea, gitlab, mirror, jira, notion"
    );
}

#[test]
fn kinds_of_the_rule_come_from_its_operations_when_it_lists_no_kinds() {
    let kb_only = RuleSpec {
        operations: vec!["kb.*".into()],
        ..rule("docs", vec![target("notion"), target("github")])
    };
    let errors = errors(vec![kb_only]);
    assert_eq!(paths(&errors), ["routes[0].targets[1].instance"]);
    assert!(errors[0].message.contains("(kb)"), "{}", errors[0].message);
}

#[test]
fn operations_outside_the_rules_kinds_are_reported() {
    let never = RuleSpec {
        kinds: vec![ServiceKind::Kb],
        operations: vec!["git.*".into()],
        ..rule("never", vec![target("notion")])
    };
    let errors = errors(vec![never]);
    assert_eq!(paths(&errors), ["routes[0].operations"]);
    assert!(errors[0].message.contains("can never match"));
}

#[test]
fn duplicate_targets_empty_names_and_unmeetable_constraints_are_reported() {
    let twice = rule("twice", vec![target("github"), target("github")]);
    let unnamed = rule(" ", vec![target("github")]);
    let unmeetable = RuleSpec {
        require: map(&[("jurisdiction", "eu")]),
        ..rule("eu", vec![target("github"), target("gitea")])
    };
    let errors = errors(vec![twice, unnamed, unmeetable]);
    assert_eq!(
        paths(&errors),
        [
            "routes[0].targets[1].instance",
            "routes[1].name",
            "routes[2].require"
        ]
    );
    assert_eq!(
        errors[0].message,
        "`github` is already a target of this rule (targets[0])"
    );
}

#[test]
fn duplicate_instance_names_are_reported() {
    let mut instances = fleet();
    instances.push(instance("github", &[ServiceKind::Git]));
    let errors = match Router::new(vec![rule("all", vec![target("github")])], instances) {
        Ok(_) => panic!("duplicate instance accepted"),
        Err(errors) => errors,
    };
    assert_eq!(paths(&errors), ["instances[6].name"]);
}

#[test]
fn weight_zero_is_fine_outside_weighted_rules() {
    let failover = rule(
        "main",
        vec![TargetSpec {
            weight: 0,
            ..target("github")
        }],
    );
    assert!(Router::new(vec![failover], fleet()).is_ok());
}

#[test]
fn operation_globs_compile_to_the_matching_bits() {
    let router = router(vec![RuleSpec {
        operations: vec!["git.issues.*".into(), "ci.runs.get".into()],
        ..rule("some", vec![target("github")])
    }]);
    let compiled = &router.rules[0];
    for op in OpId::ALL {
        let expected = op.name().starts_with("git.issues.") || op.name() == "ci.runs.get";
        assert_eq!(
            compiled.ops & super::bit(*op) != 0,
            expected,
            "{}",
            op.name()
        );
    }
}

#[test]
fn an_empty_rule_list_is_valid_and_routes_nothing() {
    let router = router(Vec::new());
    assert_eq!(router.rule_names().len(), 0);
    assert_eq!(router.instances().len(), 6);
    assert_eq!(router.instance_index("gitea"), Some(1));
    assert_eq!(router.instance_index("nope"), None);
}
