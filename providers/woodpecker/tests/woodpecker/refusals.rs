//! Woodpecker's refusals: plain text or no body, kept as the message where there is one;
//! 401, 403 and 404 typed; 429 from a proxy rate limited with its wait, and a 403 with
//! `Retry-After` too; a health probe that names refused credentials.

use crate::shared::{TOKEN, seeded};
use mosaic_core::{Health, OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::{call, instance};
use mosaic_woodpecker::WoodpeckerPlugin;
use serde_json::json;
use std::time::Duration;

const RUN: fn() -> serde_json::Value = || json!({"repo": "acme/api", "run_id": "1"});

#[tokio::test]
async fn a_429_or_a_403_with_retry_after_is_rate_limited_with_that_wait() {
    let (server, provider) = seeded().await;
    server
        .state()
        .knobs
        .fail_next(Scripted::too_many_requests(17));
    let limited = call(provider.as_ref(), OpId::CiRunsGet, RUN()).await;
    assert_eq!(
        limited.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(17))
        }
    );
    let mut forbidden = Scripted::status(403, "slow down");
    forbidden.retry_after = Some(30);
    server.state().knobs.fail_next(forbidden);
    let limited = call(
        provider.as_ref(),
        OpId::CiRunsList,
        json!({"repo": "acme/api"}),
    )
    .await;
    assert_eq!(
        limited.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
}

#[tokio::test]
async fn refusals_are_typed_with_woodpeckers_message() {
    let (server, provider) = seeded().await;
    server
        .state()
        .knobs
        .fail_next(Scripted::status(403, "User not authorized"));
    let forbidden = call(provider.as_ref(), OpId::CiRunsGet, RUN()).await;
    assert_eq!(
        forbidden.unwrap_err(),
        ProviderError::Forbidden("User not authorized".into())
    );
    let missing = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/gone", "run_id": "1"}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("repository `acme/gone` is not active on this Woodpecker server, or the token may not read it".into())
    );
    server
        .state()
        .knobs
        .fail_next(Scripted::status(500, "database is locked"));
    let down = call(provider.as_ref(), OpId::CiRunsGet, RUN()).await;
    assert!(matches!(down, Err(ProviderError::Unavailable(m)) if m.contains("database is locked")));
}

#[tokio::test]
async fn a_token_woodpecker_refuses_is_unauthenticated_and_unhealthy() {
    let (server, _) = seeded().await;
    let refused = instance(&WoodpeckerPlugin::default(), &server.base_url(), "wrong").await;
    let error = call(refused.as_ref(), OpId::CiRunsGet, RUN())
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unauthenticated("User not authorized".into())
    );
    let Health::Unhealthy { reason } = refused.health().await else {
        panic!("a refused token is healthy");
    };
    assert!(reason.contains("User not authorized"), "{reason}");
    let good = instance(&WoodpeckerPlugin::default(), &server.base_url(), TOKEN).await;
    assert_eq!(good.health().await, Health::Healthy);
    let probes: Vec<String> = server
        .state()
        .requests()
        .iter()
        .map(|seen| seen.path.clone())
        .filter(|path| path == "/api/user")
        .collect();
    assert_eq!(probes.len(), 2);
}
