//! What the gateway adds to a call: the same read against a zero-latency sim instance called
//! directly, through the whole pipeline with the cache disabled (policy, plan, executor,
//! audit, metrics), and through the pipeline answered from the L1 cache; and a write through
//! the pipeline, whose answer includes its audit record's way into the store (in memory, and a
//! SQLite file as `mosaic serve` keeps it).

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_core::{OpId, Operation, RequestContext};
use mosaic_gateway::{CallRequest, Gateway};
use serde_json::json;

const CONFIG: &str = r#"
store: { url: "STORE_URL" }
cache:
  classes:
    standard: { ttl: CACHE_TTL, stale_for: 0s }
auth: { anonymous: { tenant: default, principal: bench } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { kinds: [git], dataset: bench } }
routes:
  - { name: git, kinds: [git], targets: [{ instance: sim }] }
"#;

fn gateway(runtime: &tokio::runtime::Runtime, store: &str, ttl: &str) -> Gateway {
    let yaml = CONFIG.replace("STORE_URL", store).replace("CACHE_TTL", ttl);
    let config =
        mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin()).expect("bench config");
    runtime
        .block_on(Gateway::start(config))
        .expect("gateway starts")
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let arguments = json!({"repo": "acme/api", "number": 1});
    let ctx = RequestContext::local("bench");
    let mut group = c.benchmark_group("git.issues.get");

    let registry = mosaic_providers::builtin();
    let sim = registry
        .find("sim", None)
        .expect("the sim plugin is built in");
    let builder = sim
        .validate(&json!({"kinds": ["git"], "dataset": "bench"}))
        .expect("sim settings");
    let provider = runtime
        .block_on(builder.build(&mosaic_plugin::BuildContext::new("direct")))
        .expect("sim builds");
    let operation = Operation::parse(OpId::GitIssuesGet, arguments.clone()).unwrap();
    group.bench_function("sim_direct", |b| {
        b.to_async(&runtime).iter(|| provider.call(&operation))
    });

    let uncached = gateway(&runtime, "sqlite::memory:", "0s");
    group.bench_function("gateway_uncached", |b| {
        b.to_async(&runtime).iter(|| {
            uncached.call(
                &ctx,
                CallRequest {
                    op: OpId::GitIssuesGet,
                    arguments: arguments.clone(),
                    provider: None,
                },
            )
        })
    });

    let cached = gateway(&runtime, "sqlite::memory:", "1h");
    group.bench_function("gateway_l1_hit", |b| {
        b.to_async(&runtime).iter(|| {
            cached.call(
                &ctx,
                CallRequest {
                    op: OpId::GitIssuesGet,
                    arguments: arguments.clone(),
                    provider: None,
                },
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("git.issues.update");
    let update = json!({"repo": "acme/api", "number": 1, "title": "Benchmarked title"});
    let data = std::env::temp_dir().join(format!("mosaic-bench-{}", std::process::id()));
    let stores = [
        ("gateway_write_memory_store", "sqlite::memory:".to_owned()),
        (
            "gateway_write_sqlite_file",
            format!("sqlite://{}", data.join("mosaic.db").display()),
        ),
    ];
    for (name, store) in stores {
        let writer = gateway(&runtime, &store, "0s");
        group.bench_function(name, |b| {
            b.to_async(&runtime).iter(|| {
                writer.call(
                    &ctx,
                    CallRequest {
                        op: OpId::GitIssuesUpdate,
                        arguments: update.clone(),
                        provider: None,
                    },
                )
            })
        });
        if name == "gateway_write_sqlite_file" {
            // Concurrent writers share commits (group commit): the cost per write falls.
            group.bench_function("gateway_16_concurrent_writes_sqlite_file", |b| {
                b.to_async(&runtime).iter(|| {
                    futures::future::join_all((0..16).map(|_| {
                        writer.call(
                            &ctx,
                            CallRequest {
                                op: OpId::GitIssuesUpdate,
                                arguments: update.clone(),
                                provider: None,
                            },
                        )
                    }))
                })
            });
        }
        runtime.block_on(writer.shutdown());
    }
    group.finish();
    let _ = std::fs::remove_dir_all(data);
}

criterion_group!(benches, bench);
criterion_main!(benches);
