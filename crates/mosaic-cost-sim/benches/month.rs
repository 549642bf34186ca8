//! Criterion benchmark of simulating the shipped example month (`examples/ci-costs.yaml`
//! with `examples/ci-workload.yaml`) under all four policies.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_cost_sim::{Workload, simulate};
use std::hint::black_box;

fn month(c: &mut Criterion) {
    let config = mosaic_config::load(
        include_str!("../../../examples/ci-costs.yaml"),
        &|_| None,
        &mosaic_providers::builtin(),
    )
    .unwrap_or_else(|errors| panic!("examples/ci-costs.yaml:\n{errors}"));
    let workload = Workload::parse(include_str!("../../../examples/ci-workload.yaml"))
        .unwrap_or_else(|error| panic!("examples/ci-workload.yaml: {error}"));
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("ci_costs/example_month", |b| {
        b.iter(|| black_box(simulate(&config, &workload, 1)))
    });
    group.finish();
}

criterion_group!(benches, month);
criterion_main!(benches);
