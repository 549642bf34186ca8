use super::*;
use mosaic_core::OpId;
use serde_json::json;

fn ids() -> RunIds {
    RunIds::new([7; 32])
}

#[test]
fn a_sealed_id_opens_to_its_instance_and_native_id() {
    let id = ids().seal("jenkins-eu", "acme/api", "job/acme/job/api#42");
    assert!(id.starts_with("jenkins-eu~job/acme/job/api#42~"), "{id}");
    assert_eq!(
        ids().open("ACME/api", &id),
        Ok(OpenedRun {
            instance: "jenkins-eu".into(),
            native: "job/acme/job/api#42".into(),
        }),
        "repositories compare without regard to case"
    );
}

#[test]
fn an_altered_foreign_or_misplaced_id_does_not_open() {
    let id = ids().seal("jenkins-eu", "acme/api", "42");
    let other_instance = id.replacen("jenkins-eu", "github-us", 1);
    let other_run = id.replacen("~42~", "~43~", 1);
    for (altered, what) in [(other_instance, "instance"), (other_run, "native id")] {
        let refused = ids().open("acme/api", &altered).unwrap_err();
        assert!(refused.contains("does not match"), "{what}: {refused}");
    }
    assert!(ids().open("acme/web", &id).is_err(), "another repository");
    assert!(
        RunIds::new([8; 32]).open("acme/api", &id).is_err(),
        "another gateway"
    );
    for malformed in ["42", "jenkins-eu~42", "~42~0123456789abcdef", "a~42~short"] {
        let refused = ids().open("acme/api", malformed).unwrap_err();
        assert!(
            refused.contains("ci.runs.trigger"),
            "{malformed}: {refused}"
        );
    }
}

#[test]
fn resolving_pins_the_owner_and_sends_the_native_id() {
    let id = ids().seal("gha", "acme/api", "9001");
    let operation = Operation::parse(
        OpId::CiRunsLogs,
        json!({"repo": "acme/api", "run_id": id, "offset": 10}),
    )
    .unwrap();
    let (operation, owner) = ids().resolve(operation, None, |_| true).unwrap();
    assert_eq!(owner.as_deref(), Some("gha"));
    let Operation::CiRunsLogs(input) = operation else {
        panic!("{operation:?}")
    };
    assert_eq!((input.run_id.as_str(), input.offset), ("9001", Some(10)));

    let listing = Operation::parse(OpId::CiRunsList, json!({"repo": "acme/api"})).unwrap();
    assert_eq!(
        ids()
            .resolve(listing.clone(), Some("gl".into()), |_| true)
            .unwrap(),
        (listing, Some("gl".into())),
        "the caller's pin stands where no run is named"
    );

    let unknown = Operation::parse(
        OpId::CiRunsGet,
        json!({"repo": "acme/api", "run_id": "9001"}),
    )
    .unwrap();
    let error = ids().resolve(unknown, None, |_| true).unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert_eq!(error.fault(), mosaic_core::Fault::Caller);
    assert!(
        error.to_string().starts_with("no run `9001` in acme/api: "),
        "{error}"
    );
}

#[test]
fn a_run_of_an_instance_gone_or_other_than_the_pinned_one_is_not_found() {
    let id = ids().seal("gha", "acme/api", "9001");
    let get =
        || Operation::parse(OpId::CiRunsGet, json!({"repo": "acme/api", "run_id": id})).unwrap();
    let gone = ids()
        .resolve(get(), None, |name| name != "gha")
        .unwrap_err();
    assert!(
        gone.to_string()
            .contains("`gha` that ran it is not configured"),
        "{gone}"
    );
    let elsewhere = ids()
        .resolve(get(), Some("jenkins".into()), |_| true)
        .unwrap_err();
    assert_eq!(elsewhere.code(), "not_found");
    assert!(
        elsewhere
            .to_string()
            .contains("not to the pinned `jenkins`"),
        "{elsewhere}"
    );
    let (_, owner) = ids().resolve(get(), Some("gha".into()), |_| true).unwrap();
    assert_eq!(
        owner.as_deref(),
        Some("gha"),
        "pinning the owner itself is fine"
    );
}

#[test]
fn every_run_id_in_an_answer_is_sealed() {
    let run: Run = serde_json::from_value(json!({
        "id": "5", "number": 5, "pipeline_id": "ci", "status": "running", "ref": "main",
        "commit_sha": null, "created_at": null, "finished_at": null, "web_url": "https://ci/5"
    }))
    .unwrap();
    let page = Output::CiRunsList(Page {
        items: vec![run.clone()],
        next_cursor: Some("2".into()),
    });
    let Some(Output::CiRunsList(sealed)) = ids().seal_output("gha", "acme/api", &page) else {
        panic!()
    };
    assert_eq!(sealed.items[0].id, ids().seal("gha", "acme/api", "5"));
    assert_eq!(sealed.next_cursor.as_deref(), Some("2"));
    let Some(Output::CiRunsTrigger(triggered)) =
        ids().seal_output("gha", "acme/api", &Output::CiRunsTrigger(run))
    else {
        panic!()
    };
    assert_eq!(ids().open("acme/api", &triggered.id).unwrap().native, "5");
    let spaces = Output::KbSpacesList(Page {
        items: vec![],
        next_cursor: None,
    });
    assert_eq!(ids().seal_output("gha", "acme/api", &spaces), None);
}
