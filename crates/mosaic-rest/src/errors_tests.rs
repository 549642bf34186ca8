use super::*;
use mosaic_core::OpId;
use mosaic_routing::Reason;
use std::sync::Arc;

fn no_candidates(reason: Reason) -> CallError {
    CallError::NoRoute(NoRoute::NoCandidates {
        op: OpId::GitPullsMerge,
        resource: "acme/api".into(),
        rule: Arc::from("git"),
        excluded: vec![(Arc::from("gitea"), reason)],
    })
}

#[test]
fn routing_gaps_are_the_deployments_unless_nothing_could_ever_serve_the_call() {
    assert_eq!(
        describe(&no_candidates(Reason::Unsupported)).status,
        StatusCode::NOT_IMPLEMENTED
    );
    assert_eq!(
        describe(&no_candidates(Reason::CircuitOpen)).status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[test]
fn rate_limits_carry_retry_after_in_whole_seconds_rounded_up() {
    let error = CallError::Provider {
        instance: "github".into(),
        error: ProviderError::RateLimited {
            retry_after: Some(Duration::from_millis(1500)),
        },
    };
    let described = describe(&error);
    assert_eq!(described.status, StatusCode::TOO_MANY_REQUESTS);
    let response = ApiError(error).into_response();
    assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
}

#[test]
fn bad_arguments_name_the_field_and_provider_credentials_are_not_the_callers() {
    let described = describe(&CallError::InvalidArguments(ArgumentError::new(
        "labels[0]",
        "must be a string",
    )));
    assert_eq!(
        (described.status, described.path.as_deref()),
        (StatusCode::BAD_REQUEST, Some("labels[0]"))
    );
    let rejected = CallError::Provider {
        instance: "jira".into(),
        error: ProviderError::Unauthenticated("token expired".into()),
    };
    assert_eq!(describe(&rejected).status, StatusCode::BAD_GATEWAY);
    let unauthenticated = ApiError(CallError::Unauthenticated("no key".into())).into_response();
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    assert!(
        unauthenticated
            .headers()
            .contains_key(header::WWW_AUTHENTICATE)
    );
}

#[test]
fn a_write_that_may_have_been_applied_is_502_with_what_is_known() {
    let error = CallError::WriteOutcomeUnknown {
        operation: "git.issues.create",
        instance: "github".into(),
        id: Some("4711".into()),
        reason: "its answer could not be understood".into(),
    };
    let described = describe(&error);
    assert_eq!(described.status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        described.written,
        Some(Written {
            instance: "github".into(),
            id: Some("4711".into())
        })
    );
}

#[test]
fn a_hint_that_was_not_granted_is_forbidden() {
    let error = CallError::HintNotGranted {
        header: "X-Mosaic-Region",
        value: "us".into(),
        caller: "API key `ci`".into(),
        granted: "it may name the regions eu".into(),
    };
    assert_eq!(describe(&error).status, StatusCode::FORBIDDEN);
}
