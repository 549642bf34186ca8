//! Mapping cost of the `bookstack` adapter: parse a 100-hit page of `GET /api/search` as
//! BookStack answers it and map it into the unified model. The hit is the page of BookStack's
//! documented answer (`api/responses/search-all.json`), 100 times with distinct ids.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_bookstack::mapping::{BookstackHit, BookstackList};
use serde_json::Value;
use std::hint::black_box;

fn page_of_hits() -> Vec<u8> {
    let documented: Value = serde_json::from_str(include_str!("../api/responses/search-all.json"))
        .expect("the documented answer is JSON");
    let hit = documented["data"]
        .as_array()
        .and_then(|hits| hits.iter().find(|hit| hit["type"] == "page"))
        .expect("the documented answer has a page")
        .clone();
    let data: Vec<Value> = (1..=100)
        .map(|id| {
            let mut item = hit.clone();
            item["id"] = (1_000 + id).into();
            item
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"data": data, "total": 100})).expect("serializable")
}

fn bench(c: &mut Criterion) {
    let body = page_of_hits();
    let mut group = c.benchmark_group("bookstack_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("search_page_100", |b| {
        b.iter(|| {
            let page: BookstackList<BookstackHit> =
                serde_json::from_slice(black_box(&body)).expect("parses");
            let unified: Vec<_> = page
                .data
                .into_iter()
                .filter(BookstackHit::is_page)
                .map(|hit| hit.unify(None).expect("maps"))
                .collect();
            assert_eq!(unified.len(), 100);
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
