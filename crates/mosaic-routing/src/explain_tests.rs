//! Explanations and reason texts.

use crate::request::NoSignals;
use crate::rule::{RuleSpec, Strategy};
use crate::test_support::*;
use crate::{Reason, Router};
use mosaic_core::OpId;
use std::time::Duration;

#[test]
fn an_explanation_names_instances_and_reasons() {
    let mut instances = fleet();
    instances[1].supported = 0;
    instances.push(labelled("eu-forge", &[("jurisdiction", "eu")]));
    let rule = RuleSpec {
        strategy: Strategy::LeastLatency,
        require: map(&[("jurisdiction", "eu")]),
        ..rule(
            "eu",
            vec![target("eu-forge"), target("gitea"), target("github")],
        )
    };
    let router = match Router::new(vec![rule], instances) {
        Ok(router) => router,
        Err(errors) => panic!("{errors:?}"),
    };
    let request = request(OpId::GitReposList, "");
    let plan = match router.plan(&request, &NoSignals, 0) {
        Ok(plan) => plan,
        Err(error) => panic!("{error}"),
    };
    let explanation = router.explain(&request, &plan);
    assert_eq!(
        explanation.to_string(),
        "git.repos.list (read) on *\n\
         rule: eu\n  \
         1. eu-forge — least latency: not measured yet, tried first to measure it\n  \
         x  gitea — does not support git.repos.list\n  \
         x  github — hard constraint: requires jurisdiction=eu, has no jurisdiction label\n"
    );
}

#[test]
fn a_write_explains_its_system_of_record() {
    let router = router(vec![rule(
        "main",
        vec![read_only("mirror"), target("github")],
    )]);
    let request = request(OpId::GitPullsMerge, "acme/api");
    let plan = match router.plan(&request, &NoSignals, 0) {
        Ok(plan) => plan,
        Err(error) => panic!("{error}"),
    };
    let explanation = router.explain(&request, &plan);
    assert_eq!(explanation.access, "write");
    assert_eq!(explanation.resource, "acme/api");
    assert_eq!(explanation.rule.as_deref(), Some("main"));
    assert_eq!(explanation.candidates[0].instance, "github");
    assert_eq!(explanation.candidates[0].reason, "system of record");
    assert_eq!(
        explanation.excluded[0].reason,
        "read-only copy; writes go to the system of record"
    );
}

#[test]
fn reasons_read_as_sentences() {
    let cases = [
        (Reason::Listed { position: 1 }, "failover: listed 2."),
        (
            Reason::Weighted {
                weight: 3,
                total: 10,
            },
            "weighted: drawn with weight 3 of 10",
        ),
        (
            Reason::Latency(Duration::from_micros(12_340)),
            "least latency: moving average 12.3 ms",
        ),
        (Reason::CircuitOpen, "circuit open"),
        (
            Reason::SystemOfRecord { circuit_open: true },
            "system of record (circuit open; writes do not fail over)",
        ),
        (Reason::Pinned, "pinned by caller"),
        (
            Reason::NotSystemOfRecord,
            "not the system of record; writes do not fail over",
        ),
    ];
    for (reason, text) in cases {
        assert_eq!(reason.to_string(), text);
    }
    assert!(Reason::ReadOnly.is_exclusion());
    assert!(!Reason::CircuitOpen.is_exclusion());
}
