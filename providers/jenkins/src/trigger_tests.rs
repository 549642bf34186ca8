//! A trigger's query: the ref in the branch parameter, a multibranch branch job that builds
//! only its own branch, inputs the job does not define; a queue item's `Location`.

use super::*;
use std::collections::BTreeMap;

fn trigger(git_ref: &str, inputs: &[(&str, &str)]) -> RunTrigger {
    RunTrigger {
        repo: "acme/app".into(),
        pipeline: "job/acme/job/app".into(),
        git_ref: git_ref.into(),
        inputs: inputs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        deadline_minutes: None,
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn the_ref_goes_in_the_branch_parameter_with_the_inputs() {
    let query = trigger_query(
        "job/acme/job/app/job/deploy",
        &names(&["BRANCH", "environment"]),
        &trigger("main", &[("environment", "prod")]),
        "BRANCH",
    )
    .unwrap();
    assert_eq!(
        query,
        [
            ("BRANCH".to_owned(), "main".to_owned()),
            ("environment".to_owned(), "prod".to_owned())
        ]
    );
}

#[test]
fn a_branch_job_without_the_parameter_builds_only_its_own_branch() {
    let job = "job/acme/job/app/job/feature%252Fx";
    assert!(
        trigger_query(job, &[], &trigger("feature/x", &[]), "BRANCH")
            .unwrap()
            .is_empty()
    );
    assert!(trigger_query(job, &[], &trigger("feature%2Fx", &[]), "BRANCH").is_ok());
    let other = trigger_query(job, &[], &trigger("main", &[]), "BRANCH").unwrap_err();
    assert!(
        matches!(other, ProviderError::Invalid(message) if message.contains("`BRANCH`") && message.contains("`main`"))
    );
}

#[test]
fn an_input_the_job_does_not_define_is_refused_naming_its_parameters() {
    let error = trigger_query(
        "job/a/job/ci",
        &names(&["BRANCH"]),
        &trigger("main", &[("colour", "red"), ("BRANCH", "dev")]),
        "BRANCH",
    )
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "pipeline `job/a/job/ci` takes no input BRANCH, colour (its parameters: BRANCH; the ref goes in `BRANCH`)".into()
        )
    );
}

#[test]
fn the_queue_item_is_read_from_location() {
    assert_eq!(
        queue_id("https://ci.example.com/jenkins/queue/item/42/"),
        Some(42)
    );
    assert_eq!(queue_id("/queue/item/7"), Some(7));
    assert_eq!(queue_id("https://ci.example.com/jenkins/job/ci/42/"), None);
}
