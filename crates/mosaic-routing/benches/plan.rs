//! Criterion benchmark of `Router::plan`: a read that matches the first of 100 rules and one
//! that matches only the 100th, for each strategy (for `least_cost`, a CI trigger priced on
//! three instances), and a read whose rule splits its first slot between two versions, sticky
//! per principal (1,024 principals in turn).

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
    let router = common::split_router();
    let principals = common::principals();
    for (resource, position) in [(EARLY, "rule_1"), (LATE, "rule_100")] {
        let mut turn = 0usize;
        c.bench_function(&format!("plan/split/{position}"), |b| {
            b.iter(|| {
                turn = (turn + 1) % principals.len();
                let request = RouteRequest::new(OP, resource, "default", &labels)
                    .with_principal(&principals[turn]);
                black_box(router.plan(black_box(&request), &BenchSignals, 0))
            })
        });
    }
}

criterion_group!(benches, plan);
criterion_main!(benches);
