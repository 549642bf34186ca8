//! Run ids written and read back, malformed ones refused saying why; job URLs below the root.

use super::*;

#[test]
fn a_run_id_is_the_job_path_and_the_build_number_or_queue_item() {
    let run = RunId::parse("job/acme/job/api/job/ci#42").unwrap();
    assert_eq!(run.job, "job/acme/job/api/job/ci");
    assert_eq!(run.build, BuildRef::Number(42));
    assert_eq!(run.to_string(), "job/acme/job/api/job/ci#42");
    let queued = RunId::parse("job/ci#queue-7").unwrap();
    assert_eq!(queued.build, BuildRef::Queued(7));
    assert_eq!(queued.to_string(), "job/ci#queue-7");
}

#[test]
fn a_malformed_run_id_is_refused_saying_what_one_looks_like() {
    assert!(
        matches!(RunId::parse("42"), Err(ProviderError::NotFound(message)) if message.contains("job/acme/job/api/job/ci#42"))
    );
    for bad in [
        "job/ci",
        "job/ci#",
        "job/ci#0",
        "job/ci#x",
        "ci#4",
        "job/a/b#4",
        "job/..#4",
        "job/ci#queue-",
    ] {
        let error = RunId::parse(bad).unwrap_err();
        assert!(
            matches!(&error, ProviderError::Invalid(message) if message.contains(bad) && message.contains("job/acme/job/api/job/ci#42")),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn a_pipeline_must_be_a_job_of_the_repositorys_folder() {
    assert_eq!(
        job_in(
            "job/acme/job/api",
            "acme/api",
            "/job/acme/job/api/job/ci/",
            "pipeline"
        )
        .unwrap(),
        "job/acme/job/api/job/ci"
    );
    let elsewhere = job_in(
        "job/acme/job/api",
        "acme/api",
        "job/acme/job/web/job/ci",
        "pipeline",
    );
    assert!(
        matches!(elsewhere, Err(ProviderError::Invalid(message)) if message.contains("job/acme/job/api"))
    );
    assert!(job_in("", "acme/api", "job/ci", "pipeline").is_ok());
}

#[test]
fn job_urls_are_read_below_the_root() {
    let base = Url::parse("https://ci.example.com/jenkins").unwrap();
    assert_eq!(
        job_path_of(
            &base,
            "https://ci.example.com/jenkins/job/a/job/feature%252Fx/"
        )
        .unwrap(),
        "job/a/job/feature%252Fx"
    );
    assert_eq!(job_name("job/a/job/feature%252Fx"), "feature%2Fx");
    assert!(matches!(
        job_path_of(&base, "https://ci.example.com/other/job/a/"),
        Err(ProviderError::Protocol(message)) if message.contains("base_url")
    ));
}

#[test]
fn a_bare_pipeline_name_is_the_job_of_that_name_in_the_repositorys_folder() {
    assert_eq!(
        job_in("job/acme/job/api", "acme/api", "ci", "pipeline").unwrap(),
        "job/acme/job/api/job/ci"
    );
    assert_eq!(
        job_in("", "acme/api", "nightly build", "pipeline").unwrap(),
        "job/nightly%20build"
    );
}
