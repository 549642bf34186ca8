//! What the Redis tier saves: the same read through the whole gateway answered by a provider
//! over HTTP (the GitHub adapter against its fake on loopback, the cache off), answered from
//! L2 (the real Redis at 127.0.0.1:6379; `cache.max_entries: 0` keeps L1 empty, so every call
//! is an L2 hit), and answered from L1 for comparison. Without Redis it says so and measures
//! nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_core::{OpId, RequestContext};
use mosaic_fakes::forge::Forge;
use mosaic_fakes::github;
use mosaic_fakes::server::FakeServer;
use mosaic_gateway::{CallRequest, Gateway, Source};
use serde_json::json;

const TOKEN: &str = "bench-t0ken";

fn config(base_url: &str, cache: &str) -> mosaic_config::GatewayConfig {
    let yaml = format!(
        r#"
store: {{ url: "sqlite::memory:" }}
cache: {cache}
auth: {{ anonymous: {{ tenant: default, principal: bench }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: forge, plugin: github, settings: {{ base_url: "{base_url}", token: {TOKEN} }} }}
routes:
  - {{ name: git, kinds: [git], targets: [{{ instance: forge }}] }}
"#
    );
    mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin()).expect("bench config")
}

fn read() -> CallRequest {
    CallRequest {
        op: OpId::GitIssuesGet,
        arguments: json!({ "repo": "acme-oss/toolkit", "number": 1 }),
        provider: None,
    }
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let Some(redis) = runtime.block_on(mosaic_cache::testing::redis_url()) else {
        return;
    };
    let forge = runtime.block_on(FakeServer::start(
        github::style(TOKEN),
        Forge::seeded(),
        github::routes(),
    ));
    let base_url = forge.base_url();
    let ctx = RequestContext::local("bench");
    let start = |cache: String| {
        runtime
            .block_on(Gateway::start(config(&base_url, &cache)))
            .unwrap()
    };
    let off = "{ ttl: 0s, stale_for: 0s }";
    let prefix = mosaic_cache::testing::unique_prefix("bench");
    let l2 = format!("l2: {{ url: \"{redis}\", prefix: \"{prefix}\" }}");
    let gateways = [
        (
            "gateway_provider_call_github_fake",
            start(format!(
                "{{ classes: {{ volatile: {off}, standard: {off}, stable: {off} }} }}"
            )),
            Source::Provider,
        ),
        (
            "gateway_l2_hit",
            start(format!("{{ max_entries: 0, {l2} }}")),
            Source::L2,
        ),
        ("gateway_l1_hit", start(format!("{{ {l2} }}")), Source::L1),
    ];

    let mut group = c.benchmark_group("git.issues.get");
    for (name, gateway, source) in &gateways {
        // Warm: the first call fills the tiers; then every call is served as named.
        runtime.block_on(gateway.call(&ctx, read())).unwrap();
        let served = runtime.block_on(gateway.call(&ctx, read())).unwrap();
        assert_eq!(served.served.source, *source, "{name}");
        group.bench_function(*name, |b| {
            b.to_async(&runtime).iter(|| async {
                let answer = gateway.call(&ctx, read()).await.unwrap();
                debug_assert_eq!(answer.served.source, *source);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
