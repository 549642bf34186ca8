//! The `sim` plugin passes the provider conformance suite on instances the shared suite
//! (`shared.rs`) does not check: serving part of the catalog, one kind, or scripted to be
//! slow, and run twice on the same data.

use mosaic_core::{OpId, Provider, ServiceKind};
use mosaic_plugin::Plugin;
use mosaic_sim::SimPlugin;
use mosaic_testkit::{Fixture, check_provider};
use serde_json::{Value, json};
use std::sync::Arc;

async fn sim(name: &str, settings: Value) -> Arc<dyn Provider> {
    let builder = SimPlugin::default()
        .validate(&settings)
        .unwrap_or_else(|errors| panic!("valid settings {settings}: {errors:?}"));
    builder
        .build(&mosaic_plugin::BuildContext::new(name))
        .await
        .expect("the sim builds")
}

#[tokio::test]
async fn a_full_sim_instance_runs_every_check() {
    let provider = sim("conformance-full", json!({})).await;
    let report = check_provider(&*provider, &Fixture::sim_seed()).await;
    report.assert_ok();
    assert!(report.checks > 150, "{report}");
}

#[tokio::test]
async fn an_instance_serving_part_of_the_catalog_passes_too() {
    let settings = json!({"kinds": ["kb", "pm"], "unsupported": ["pm.issues.comment", "kb.pages.get"], "dataset": "conformance-partial"});
    let provider = sim("conformance-partial", settings).await;
    let report = check_provider(&*provider, &Fixture::sim_seed()).await;
    report.assert_ok();
    assert!(report.unsupported.contains(&OpId::PmIssuesComment));
    assert!(report.unsupported.contains(&OpId::KbPagesGet));
    let kinds_served = report
        .supported
        .iter()
        .all(|op| matches!(op.spec().kind, ServiceKind::Kb | ServiceKind::Pm));
    assert!(kinds_served, "{report:?}");
    assert_eq!(
        report.supported.len() + report.unsupported.len(),
        OpId::ALL.len()
    );
}

#[tokio::test]
async fn a_fixture_with_one_kind_checks_a_provider_of_that_kind() {
    let provider = sim("conformance-ci", json!({"kinds": ["ci"]})).await;
    let fixture = Fixture {
        repo: Some("acme/web".into()),
        pipeline: Some("deploy".into()),
        run: Some("1009".into()),
        git_ref: Some("feature/dark-mode".into()),
        ..Fixture::default()
    };
    let report = check_provider(&*provider, &fixture).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 7);
}

#[tokio::test(start_paused = true)]
async fn latency_and_a_second_run_on_the_same_data_do_not_break_it() {
    let settings = json!({
        "dataset": "conformance-slow",
        "seed_rng": 11,
        "latency": {"distribution": "normal", "mean": "30ms", "stddev": "10ms", "min": "5ms"}
    });
    let provider = sim("conformance-slow", settings).await;
    for _ in 0..2 {
        check_provider(&*provider, &Fixture::sim_seed())
            .await
            .assert_ok();
    }
}
