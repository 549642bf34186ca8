//! Mapping cost of the `github` adapter: parse a 100-item page of issues as GitHub sends it
//! (the documented example issue of `specs/github/prism.json`, 100 times with distinct numbers)
//! and normalize it into the unified model. This is what a provider call costs MosAIc beyond
//! the network, beside the gateway overhead figures in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_github::mapping::GhIssue;
use serde_json::Value;
use std::hint::black_box;

/// The documented example issue, from the vendored description.
fn example_issue() -> Value {
    let spec: Value = serde_json::from_str(include_str!("../api/prism.json"))
        .expect("the vendored description is JSON");
    let mut issue = spec["components"]["examples"]["issue"]["value"].clone();
    // The example is a pull request's issue view; drop that link so it counts as an issue.
    issue
        .as_object_mut()
        .expect("an object")
        .remove("pull_request");
    issue
}

fn page_of_issues() -> Vec<u8> {
    let issue = example_issue();
    let page: Vec<Value> = (1..=100)
        .map(|number| {
            let mut item = issue.clone();
            item["number"] = number.into();
            item["id"] = (1_000_000 + number).into();
            item
        })
        .collect();
    serde_json::to_vec(&page).expect("serializable")
}

fn bench(c: &mut Criterion) {
    let body = page_of_issues();
    let mut group = c.benchmark_group("github_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("issues_page_100", |b| {
        b.iter(|| {
            let items: Vec<GhIssue> = serde_json::from_slice(black_box(&body)).expect("parses");
            // As `git.issues.list` does: pull requests left out, the rest unified.
            let unified: Vec<_> = items
                .into_iter()
                .filter(|issue| !issue.is_pull_request())
                .map(|issue| issue.unify().expect("maps"))
                .collect();
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
