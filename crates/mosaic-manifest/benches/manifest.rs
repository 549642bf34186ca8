//! What a manifest plugin costs: loading and validating each shipped manifest,
//! `plugins/gitea.yaml` and `plugins/redmine.yaml` (parse, compile
//! every template and jq program, run every example against the catalog's output schemas),
//! and one call through a manifest instance against the native `gitea` plugin's instance on
//! the same Gitea fake (loopback HTTP, the same seed): `git.issues.get` (one object) and a
//! 30-item page of `git.issues.list`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mosaic_core::{OpId, Operation, Provider};
use mosaic_fakes::forge::Forge;
use mosaic_plugin::{BuildContext, Plugin};
use serde_json::json;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

const TOKEN: &str = "t0ken";

/// The text of the shipped manifest `plugins/{name}` and its path.
fn shipped(name: &str) -> (String, std::path::PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../plugins")
        .join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("plugins/{name}: {error}"));
    (text, path)
}

fn load(c: &mut Criterion) {
    for name in ["gitea.yaml", "redmine.yaml"] {
        let (text, origin) = shipped(name);
        // The first load in a process compiles every program; a load of the same file again
        // (a reload that changed nothing, or changed a few programs) reuses what it can.
        c.bench_function(&format!("manifest/load_and_validate/{name}/first"), |b| {
            b.iter_batched(
                mosaic_manifest::forget_compiled_programs,
                |()| mosaic_manifest::load(black_box(&text), &origin).expect("it loads"),
                BatchSize::SmallInput,
            )
        });
        c.bench_function(&format!("manifest/load_and_validate/{name}/again"), |b| {
            b.iter(|| mosaic_manifest::load(black_box(&text), &origin).expect("it loads"))
        });
    }
}

async fn instance(plugin: &dyn Plugin, base_url: &str) -> Arc<dyn Provider> {
    let settings = json!({"base_url": base_url, "token": TOKEN, "conditional_requests": false});
    let builder = plugin.validate(&settings).expect("settings validate");
    builder
        .build(&BuildContext::new("bench"))
        .await
        .expect("it builds")
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (text, origin) = shipped("gitea.yaml");
    let manifest = mosaic_manifest::load(&text, &origin).expect("it loads");
    let native = mosaic_providers::builtin()
        .find("gitea", None)
        .expect("the native gitea plugin")
        .clone();
    let (_server, subjects) = runtime.block_on(async {
        let server = mosaic_fakes::gitea::start(Forge::seeded(), TOKEN).await;
        let base_url = server.base_url();
        let subjects = [
            ("manifest", instance(manifest.as_ref(), &base_url).await),
            ("native", instance(native.as_ref(), &base_url).await),
        ];
        (server, subjects)
    });
    let get = Operation::parse(
        OpId::GitIssuesGet,
        json!({"repo": "acme/internal-api", "number": 1}),
    )
    .unwrap();
    let list = Operation::parse(
        OpId::GitIssuesList,
        json!({"repo": "acme/internal-api", "state": "all"}),
    )
    .unwrap();
    for (name, provider) in &subjects {
        c.bench_function(&format!("call/git.issues.get/{name}"), |b| {
            b.iter(|| {
                runtime
                    .block_on(provider.call(black_box(&get)))
                    .expect("answered")
            })
        });
        c.bench_function(&format!("call/git.issues.list_30/{name}"), |b| {
            b.iter(|| {
                runtime
                    .block_on(provider.call(black_box(&list)))
                    .expect("answered")
            })
        });
    }
}

criterion_group!(benches, load, calls);
criterion_main!(benches);
