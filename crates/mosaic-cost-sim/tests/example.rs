//! The shipped example month: deterministic for a seed, and `least_cost` at least 30 %
//! cheaper than the cheaper static policy without missing more deadlines.

use mosaic_config::GatewayConfig;
use mosaic_cost_sim::{Report, Workload, simulate};

fn example() -> (GatewayConfig, Workload) {
    let config = mosaic_config::load(
        include_str!("../../../examples/ci-costs.yaml"),
        &|_| None,
        &mosaic_providers::builtin(),
    )
    .unwrap_or_else(|errors| panic!("examples/ci-costs.yaml:\n{errors}"));
    let workload = Workload::parse(include_str!("../../../examples/ci-workload.yaml"))
        .unwrap_or_else(|error| panic!("examples/ci-workload.yaml: {error}"));
    (config, workload)
}

fn month(seed: u64) -> Report {
    let (config, workload) = example();
    simulate(&config, &workload, seed).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_same_seed_gives_the_same_month_and_another_seed_another() {
    let first = month(1);
    println!("{first}");
    assert_eq!(first, month(1));
    assert_ne!(first.builds, 0);
    assert_ne!(first, month(2));
}

#[test]
fn least_cost_is_at_least_30_percent_cheaper_without_more_deadline_misses() {
    for seed in [1, 2, 3] {
        let report = month(seed);
        let least = report.policy("least_cost").unwrap();
        let hosted = report.policy("all_hosted").unwrap();
        let self_hosted = report.policy("all_self_hosted").unwrap();
        assert!(
            least.deadline_misses <= hosted.deadline_misses,
            "seed {seed}:\n{report}"
        );
        assert!(
            self_hosted.deadline_misses > least.deadline_misses,
            "seed {seed}:\n{report}"
        );
        assert_eq!(report.baseline, "all_hosted", "seed {seed}:\n{report}");
        assert!(report.saving_percent >= 30.0, "seed {seed}:\n{report}");
        assert_eq!(least.runs, report.builds);
    }
}

#[test]
fn the_workload_shape_matches_the_issue() {
    let (_, workload) = example();
    let report = month(1);
    let public = report.public_builds as f64 / report.builds as f64;
    assert!((0.37..0.43).contains(&public), "{public}");
    let mut by_size = [0.0f64; 3];
    for repo in &workload.repositories {
        for pipeline in &repo.pipelines {
            let size = match pipeline.minutes.max {
                max if max <= 5.0 => 0,
                max if max <= 20.0 => 1,
                _ => 2,
            };
            by_size[size] += pipeline.per_day;
        }
    }
    let total: f64 = by_size.iter().sum();
    let shares: Vec<i64> = by_size
        .iter()
        .map(|count| (count / total * 100.0).round() as i64)
        .collect();
    assert_eq!(shares, [60, 30, 10]);
}

#[test]
fn a_workload_that_disagrees_with_the_configuration_about_a_repository_is_refused() {
    let (config, mut workload) = example();
    workload.repositories[0].public = true;
    let error = simulate(&config, &workload, 1)
        .err()
        .map(|error| error.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "repository `acme/api` is public in the workload but private by the configuration's `costs.public`"
        )
    );
}

#[test]
fn the_report_as_json_has_every_policy_and_instance() {
    let report = serde_json::to_value(month(1)).unwrap_or_else(|error| panic!("{error}"));
    let policies: Vec<&str> = report["policies"]
        .as_array()
        .map(|policies| {
            policies
                .iter()
                .filter_map(|policy| policy["policy"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        policies,
        ["least_cost", "all_hosted", "all_self_hosted", "round_robin"]
    );
    let minutes = &report["policies"][0]["minutes"];
    assert!(minutes["github-actions"].is_number() && minutes["jenkins"].is_number());
    assert_eq!(report["baseline"], "all_hosted");
}
