//! Tail latency of `Router::plan`, which criterion's means do not show: times 200,000 plans
//! per case with `Instant`, in batches of 4 so the clock's own cost stays small, and prints
//! p50, p99 and p99.9 per plan in nanoseconds; the last cases split a rule's first slot
//! between two versions, sticky per principal.

mod common;

use common::{BenchSignals, CI_OP, EARLY, LATE, OP};
use mosaic_routing::{RouteRequest, Strategy};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

const PLANS: usize = 200_000;
const BATCH: usize = 4;

fn main() {
    let labels = BTreeMap::new();
    println!(
        "{:<32} {:>8} {:>8} {:>8}",
        "case (ns per plan)", "p50", "p99", "p99.9"
    );
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
            let plan_once = || {
                random = random.wrapping_add(1);
                black_box(router.plan(black_box(&request), &BenchSignals, random)).is_ok()
            };
            report(&format!("{label}/{position}"), plan_once);
        }
    }
    let router = common::split_router();
    let principals = common::principals();
    for (resource, position) in [(EARLY, "rule_1"), (LATE, "rule_100")] {
        let mut turn = 0usize;
        let plan_once = || {
            turn = (turn + 1) % principals.len();
            let request = RouteRequest::new(OP, resource, "default", &labels)
                .with_principal(&principals[turn]);
            black_box(router.plan(black_box(&request), &BenchSignals, 0)).is_ok()
        };
        report(&format!("split/{position}"), plan_once);
    }
}

/// Times `plan_once` and prints the case's percentiles.
fn report(case: &str, mut plan_once: impl FnMut() -> bool) {
    // Warm caches and branch predictors before measuring.
    for _ in 0..10_000 {
        plan_once();
    }
    let mut samples = Vec::with_capacity(PLANS / BATCH);
    for _ in 0..PLANS / BATCH {
        let start = Instant::now();
        for _ in 0..BATCH {
            assert!(plan_once(), "the benchmark request must plan");
        }
        samples.push(start.elapsed().as_nanos() / BATCH as u128);
    }
    samples.sort_unstable();
    let at = |quantile: f64| samples[((samples.len() - 1) as f64 * quantile) as usize];
    println!(
        "{case:<32} {:>8} {:>8} {:>8}",
        at(0.50),
        at(0.99),
        at(0.999)
    );
}
