use super::*;
use mosaic_core::{Fault, ProviderError};

fn eu() -> Residency {
    let require = BTreeMap::from([("jurisdiction".to_owned(), "eu".to_owned())]);
    Residency::of(Some("eu-docs"), Some(&require), Some("eu")).unwrap()
}

fn circuit_open(instance: &str) -> CallError {
    CallError::Provider {
        instance: instance.into(),
        error: ProviderError::Unavailable("circuit open after repeated failures".into()),
    }
}

#[test]
fn residency_plays_no_part_without_a_constraint_or_a_region() {
    assert_eq!(Residency::of(Some("any"), None, None), None);
    let located = Residency::of(Some("any"), None, Some("us")).unwrap();
    assert_eq!(
        located.reason(Some("confluence")),
        "residency: no hard constraint; caller region `us`; served by `confluence`"
    );
    let error = located.explain("kb.pages.get", false, circuit_open("confluence"));
    assert_eq!(
        error.code(),
        "unavailable",
        "without a constraint nothing is renamed"
    );
}

#[test]
fn the_audit_reason_names_constraint_region_and_instance() {
    assert_eq!(
        eu().reason(Some("bookstack-eu")),
        "residency: route rule `eu-docs` requires jurisdiction=eu; caller region `eu`; served by `bookstack-eu`"
    );
    assert_eq!(
        eu().reason(None),
        "residency: route rule `eu-docs` requires jurisdiction=eu; caller region `eu`; not served"
    );
}

#[test]
fn a_read_with_every_constrained_candidate_down_names_the_constraint() {
    let error = eu().explain("kb.pages.get", false, circuit_open("bookstack-eu"));
    assert_eq!(
        (error.code(), error.fault()),
        ("constraint_unavailable", Fault::Provider)
    );
    assert_eq!(
        error.to_string(),
        "no instance meeting jurisdiction=eu is available: bookstack-eu is down (provider unavailable: circuit open after repeated failures); route rule `eu-docs` allows no instance outside it, so none was asked"
    );
    let both = CallError::AllCandidatesFailed(vec![
        Attempt {
            instance: "eu-1".into(),
            code: "timeout",
            message: "provider timed out after 2s".into(),
        },
        Attempt {
            instance: "eu-2".into(),
            code: "unavailable",
            message: "provider unavailable: connection refused".into(),
        },
    ]);
    let message = eu().explain("kb.pages.get", false, both).to_string();
    assert!(
        message.contains("eu-1 is down (provider timed out after 2s); eu-2 is down"),
        "{message}"
    );
}

#[test]
fn a_write_whose_constrained_system_is_down_says_it_was_not_performed() {
    let down = CallError::WriteTargetDown {
        operation: "kb.pages.create",
        instance: "bookstack-eu".into(),
        error: ProviderError::Unavailable("connection refused".into()),
    };
    let message = eu().explain("kb.pages.create", true, down).to_string();
    assert!(
        message
            .starts_with("no instance meeting jurisdiction=eu is available: bookstack-eu is down"),
        "{message}"
    );
    assert!(
        message.ends_with("; kb.pages.create was not performed"),
        "{message}"
    );
}

#[test]
fn errors_that_are_not_an_outage_keep_their_own_meaning() {
    let unknown = CallError::WriteOutcomeUnknown {
        operation: "kb.pages.create",
        instance: "bookstack-eu".into(),
        id: None,
        reason: "the provider did not answer in time".into(),
    };
    assert_eq!(
        eu().explain("kb.pages.create", true, unknown).code(),
        "write_outcome_unknown"
    );
    let missing = CallError::Provider {
        instance: "bookstack-eu".into(),
        error: ProviderError::NotFound("page 7".into()),
    };
    assert_eq!(
        eu().explain("kb.pages.get", false, missing).code(),
        "not_found"
    );
}
