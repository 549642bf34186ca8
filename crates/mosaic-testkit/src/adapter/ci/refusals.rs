//! What every CI service refuses alike: a run it does not hold, and cancelling one that is
//! over.

use super::seed_build;
use crate::adapter::call;
use crate::adapter::subject::CI_REPO;
use crate::adapter::subject::Seed;
use crate::adapter::suite::CiSuite;
use mosaic_core::{OpId, ProviderError};
use serde_json::json;

/// A run the service does not hold is `not_found` for every operation that names one.
pub async fn a_missing_run_is_not_found<D: Seed>(suite: &CiSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let mut missing = seed_build(35);
    missing.id += 10_000;
    missing.number += 10_000;
    let run_id = (suite.particulars.run_id)(&missing);
    for op in [OpId::CiRunsGet, OpId::CiRunsLogs, OpId::CiRunsCancel] {
        let error = call(
            provider.as_ref(),
            op,
            json!({"repo": CI_REPO, "run_id": run_id}),
        )
        .await
        .expect_err("a missing run");
        assert!(
            matches!(error, ProviderError::NotFound(_)),
            "{}: {error:?}",
            op.name()
        );
    }
}

/// Cancelling a finished run is a conflict, and the run stays as it was.
pub async fn cancelling_a_finished_run_is_a_conflict<D: Seed>(suite: &CiSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let run_id = (suite.particulars.run_id)(&seed_build(34));
    let error = call(
        provider.as_ref(),
        OpId::CiRunsCancel,
        json!({"repo": CI_REPO, "run_id": run_id}),
    )
    .await
    .expect_err("a finished run");
    assert!(matches!(error, ProviderError::Conflict(_)), "{error:?}");
    let run = call(
        provider.as_ref(),
        OpId::CiRunsGet,
        json!({"repo": CI_REPO, "run_id": run_id}),
    )
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(run["status"], "success");
}
