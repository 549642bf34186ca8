//! Mapping cost of the `gitlab` adapter: parse a 100-item page of issues as GitLab sends it
//! (the "Single project issue" example of GitLab's API reference, `src/gitlab/examples/
//! issue.json`, 100 times with distinct ids and iids) and normalize it into the unified model.
//! GitLab's OpenAPI description types that issue's `assignees` as one user, so its generated
//! example is not what the API sends and is not used here.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_gitlab::mapping::GlIssue;
use serde_json::Value;
use std::hint::black_box;

fn page_of_issues() -> Vec<u8> {
    let issue: Value = serde_json::from_str(include_str!("../api/examples/issue.json"))
        .expect("the example issue is JSON");
    let page: Vec<Value> = (1..=100)
        .map(|iid| {
            let mut item = issue.clone();
            item["iid"] = iid.into();
            item["id"] = (1_000_000 + iid).into();
            item
        })
        .collect();
    serde_json::to_vec(&page).expect("serializable")
}

fn bench(c: &mut Criterion) {
    let body = page_of_issues();
    let mut group = c.benchmark_group("gitlab_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("issues_page_100", |b| {
        b.iter(|| {
            let items: Vec<GlIssue> = serde_json::from_slice(black_box(&body)).expect("parses");
            let unified: Vec<_> = items
                .into_iter()
                .map(|issue| issue.unify().expect("maps"))
                .collect();
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
