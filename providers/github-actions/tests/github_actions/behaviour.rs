//! What only GitHub Actions does around its operations: an older Enterprise Server that
//! refuses `return_run_details`, refs and inputs GitHub refuses, GitHub's rate limits
//! (primary, and secondary as 403), and its refusals with their messages.

use crate::shared::{NEXT_RUN, suite, trigger};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_github_actions_fake as actions;
use mosaic_testkit::adapter::{CI_REPO, Fake, call, ci_run};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;

#[tokio::test]
async fn an_older_server_that_refuses_run_details_has_its_run_found_among_the_workflows_runs() {
    let mut subject = suite().subject;
    subject.fake = Fake {
        style: actions::style,
        routes: actions::legacy_routes,
    };
    let (server, provider) = subject.seeded().await;
    let (op, arguments) = trigger();
    let run = call(provider.as_ref(), op, arguments.clone())
        .await
        .unwrap();
    assert_eq!(run["id"], NEXT_RUN);
    let sent: Vec<String> = server
        .state()
        .requests()
        .iter()
        .map(|seen| {
            format!(
                "{} {} {}",
                seen.method,
                seen.status,
                seen.query.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(sent.len(), 5, "{sent:?}");
    assert!(sent[0].starts_with("POST 422"), "{sent:?}");
    assert!(
        sent[1].starts_with("GET 200 event=workflow_dispatch&branch=main"),
        "{sent:?}"
    );
    assert!(sent[2].starts_with("POST 204"), "{sent:?}");
    // No dispatched run before this one: every dispatched run on the branch is newer.
    assert!(!sent[3].contains("created="), "{sent:?}");

    // The instance no longer sends the flag; the earlier dispatch is not taken for this one.
    let again = call(provider.as_ref(), op, arguments).await.unwrap();
    assert_eq!(
        again["id"],
        (NEXT_RUN.parse::<u64>().unwrap() + 1).to_string()
    );
    let third_post = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method == "POST")
        .nth(2)
        .unwrap();
    assert!(!third_post.body.unwrap().contains("return_run_details"));
    assert_eq!(third_post.status, 204);
    let since_the_first = server.state().requests().pop().unwrap();
    assert!(
        since_the_first
            .path
            .ends_with(&format!("/runs/{}", again["id"].as_str().unwrap()))
    );
    let looks = server.state().requests();
    assert!(
        looks.iter().any(|seen| seen
            .query
            .as_deref()
            .is_some_and(|query| query.contains("created=%3E%3D"))),
        "the second dispatch looks among runs created since the first: {looks:?}"
    );
}

#[tokio::test]
async fn a_commit_sha_and_too_many_inputs_are_refused_before_anything_is_sent() {
    let (server, provider) = suite().subject.seeded().await;
    let sha = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "ci.yml", "ref": "acb5820ced9479c074f688cc328bf03f341a511d"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&sha, ProviderError::Invalid(message) if message.contains("branch or tag")),
        "{sha:?}"
    );
    let inputs: BTreeMap<String, String> =
        (0..26).map(|n| (format!("in{n}"), "x".into())).collect();
    let many = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "ci.yml", "ref": "main", "inputs": inputs}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        many,
        ProviderError::Invalid("GitHub Actions takes at most 25 inputs, got 26".into())
    );
    let bad_id = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": CI_REPO, "run_id": "abc"}),
    )
    .await
    .unwrap_err();
    assert_eq!(bad_id.code(), "invalid_input");
    assert!(server.state().requests().is_empty());
}

#[tokio::test]
async fn rate_limits_are_rate_limited_with_their_wait_primary_and_secondary() {
    let (server, provider) = suite().subject.seeded().await;
    let read = || {
        call(
            provider.as_ref(),
            OpId::CiRunsGet,
            json!({"repo": CI_REPO, "run_id": ci_run(35)}),
        )
    };
    server
        .state()
        .knobs
        .fail_next(Scripted::too_many_requests(30));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    server.state().knobs.fail_next(Scripted {
        status: 403,
        retry_after: Some(60),
        body: json!({"message": "You have exceeded a secondary rate limit."}),
    });
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        }
    );
    server.state().knobs.fail_next(Scripted::status(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes.",
    ));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        }
    );
    server
        .state()
        .knobs
        .set_quota(5000, 0, Duration::from_secs(120));
    let spent = read().await.unwrap_err();
    assert!(
        matches!(spent, ProviderError::RateLimited { retry_after: Some(wait) } if wait <= Duration::from_secs(120) && wait > Duration::ZERO),
        "{spent:?}"
    );
}

#[tokio::test]
async fn refusals_keep_githubs_message() {
    let (server, provider) = suite().subject.seeded().await;
    let read = || {
        call(
            provider.as_ref(),
            OpId::CiRunsGet,
            json!({"repo": CI_REPO, "run_id": ci_run(35)}),
        )
    };
    server.state().knobs.fail_next(Scripted::status(
        403,
        "Resource not accessible by integration",
    ));
    assert_eq!(
        read().await.unwrap_err(),
        ProviderError::Forbidden("Resource not accessible by integration".into())
    );
    server
        .state()
        .knobs
        .fail_next(Scripted::status(401, "Bad credentials"));
    assert_eq!(read().await.unwrap_err().code(), "unauthenticated");
    let missing = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": "acme/nope"}),
    )
    .await
    .unwrap_err();
    assert_eq!(missing.code(), "not_found");
    assert!(missing.to_string().contains("Not Found"), "{missing}");
}

#[tokio::test]
async fn a_bare_pipeline_name_triggers_the_workflow_of_that_file_or_name() {
    let (_server, provider) = crate::shared::suite().subject.seeded().await;
    let run = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "release", "ref": "main"}),
    )
    .await
    .unwrap();
    let workflows = call(
        provider.as_ref(),
        OpId::CiPipelinesList,
        json!({"repo": CI_REPO}),
    )
    .await
    .unwrap();
    let release = workflows["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|workflow| workflow["path"].as_str().unwrap().ends_with("release.yml"))
        .unwrap();
    assert_eq!(run["pipeline_id"], release["id"]);
    let missing = call(
        provider.as_ref(),
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "nightly", "ref": "main"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&missing, mosaic_core::ProviderError::NotFound(message) if message.contains("no workflow named `nightly`")),
        "{missing:?}"
    );
}
