//! A repository's id, kept after its lookup: renewed when Woodpecker answers 404 for it (the
//! repository removed and activated again under a new id), kept through a rename (Woodpecker
//! keeps the id), and `not_found` naming the repository once it is gone.

use crate::shared::seeded;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::call;
use serde_json::json;

fn lookups(server: &mosaic_fake_kit::server::FakeServer<mosaic_fake_kit::builds::Builds>) -> usize {
    server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.starts_with("/api/repos/lookup/"))
        .count()
}

#[tokio::test]
async fn the_id_is_looked_up_once_and_again_when_it_answers_404() {
    let (server, provider) = seeded().await;
    let run = json!({"repo": "acme/api", "run_id": "3"});
    call(provider.as_ref(), OpId::CiRunsGet, run.clone())
        .await
        .unwrap();
    call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "ACME/API", "run_id": "4"}),
    )
    .await
    .unwrap();
    assert_eq!(lookups(&server), 1);

    // Removed and activated again: a new id.
    server.state().data().repositories[0].id = 500;
    let again = call(provider.as_ref(), OpId::CiRunsGet, run.clone())
        .await
        .unwrap();
    assert_eq!(again["id"], "3");
    assert!(again["web_url"].as_str().unwrap().contains("/repos/500/"));
    assert_eq!(lookups(&server), 2);
    call(provider.as_ref(), OpId::CiRunsGet, run).await.unwrap();
    assert_eq!(lookups(&server), 2, "the new id is kept");
}

#[tokio::test]
async fn a_missing_run_of_a_known_repository_is_not_found_without_a_second_try() {
    let (server, provider) = seeded().await;
    call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/api", "run_id": "1"}),
    )
    .await
    .unwrap();
    let missing = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/api", "run_id": "99"}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("run 99 of `acme/api`".into())
    );
    assert_eq!(lookups(&server), 2, "looked up again once, same id");
}

#[tokio::test]
async fn a_renamed_repository_keeps_its_id_and_a_removed_one_is_not_found() {
    let (server, provider) = seeded().await;
    let run = json!({"repo": "acme/api", "run_id": "2"});
    call(provider.as_ref(), OpId::CiRunsGet, run.clone())
        .await
        .unwrap();
    {
        let mut builds = server.state().data();
        builds.repositories[0].full_name = "acme/api-v2".into();
        for build in builds
            .builds
            .iter_mut()
            .filter(|build| build.repo == "acme/api")
        {
            build.repo = "acme/api-v2".into();
        }
    }
    // Woodpecker keeps the id through a rename: the kept id still answers.
    call(provider.as_ref(), OpId::CiRunsGet, run.clone())
        .await
        .unwrap();
    let renamed = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": "acme/api-v2", "run_id": "2"}),
    )
    .await
    .unwrap();
    assert_eq!(renamed["id"], "2");

    server.state().data().repositories.remove(0);
    let gone = call(provider.as_ref(), OpId::CiRunsGet, run).await;
    assert!(
        matches!(&gone, Err(ProviderError::NotFound(m)) if m.contains("`acme/api` is not active on this Woodpecker server")),
        "{gone:?}"
    );
}
