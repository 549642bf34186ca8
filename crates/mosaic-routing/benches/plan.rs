//! Criterion benchmark of `Router::plan`: a read that matches the first of 100 rules and one
//! that matches only the 100th, for each strategy (for `least_cost`, a CI trigger priced on
//! three instances).

mod common;

use common::{BenchSignals, CI_OP, EARLY, LATE, OP};
use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_routing::{RouteRequest, Strategy};
use std::collections::BTreeMap;
use std::hint::black_box;

fn plan(c: &mut Criterion) {
    let labels = BTreeMap::new();
    for (strategy, label) in [
        (Strategy::Failover, "failover"),
        (Strategy::Weighted, "weighted"),
        (Strategy::LeastLatency, "least_latency"),
        (
            Strategy::LeastCost {
                allow_over_budget: false,
            },
            "least_cost",
        ),
    ] {
        let router = common::router(strategy);
        for (resource, position) in [(EARLY, "rule_1"), (LATE, "rule_100")] {
            let request = match strategy {
                Strategy::LeastCost { .. } => {
                    RouteRequest::new(CI_OP, resource, "default", &labels)
                        .with_run(common::ci_run())
                }
                _ => RouteRequest::new(OP, resource, "default", &labels),
            };
            let mut random = 0u64;
            c.bench_function(&format!("plan/{label}/{position}"), |b| {
                b.iter(|| {
                    random = random.wrapping_add(1);
                    black_box(router.plan(black_box(&request), &BenchSignals, random))
                })
            });
        }
    }
}

criterion_group!(benches, plan);
criterion_main!(benches);
