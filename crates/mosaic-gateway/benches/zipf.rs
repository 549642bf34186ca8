//! A Zipf(1.0) trace over two replicas sharing Redis: hit ratio, stale reads and latency by
//! tier, through the whole gateway.
//!
//! Two gateways in one process, each with its own L1 and both over one L2 (the real Redis at
//! 127.0.0.1:6379, a fresh key prefix), sit in front of one GitHub fake on loopback holding
//! `KEYS` repositories. Each step of the trace picks a repository by Zipf(1.0) rank and a
//! replica at random; 10 % of steps rename the repository's issue 1 through that replica
//! (`git.issues.update`), the others read it (`git.issues.get`). Steps run one after another,
//! so every read starts after every earlier write was answered: a read whose title differs from
//! the one the fake holds at that moment (the provider's truth, read from its state, not from a
//! record the harness keeps) is a stale read.
//!
//! Writes invalidate per repository (a write's tags name its resource), so the hottest keys
//! are also the most written; the harness runs the trace twice: writes drawn from the same
//! Zipf as reads, and writes drawn uniformly over the keys.
//!
//! `cargo bench -p mosaic-gateway --bench zipf [-- STEPS [KEYS]]` (defaults 100000 and 10000).
//! Without Redis it says so and measures nothing.

use mosaic_core::{OpId, RequestContext};
use mosaic_fakes::forge::{Forge, Repo};
use mosaic_fakes::github;
use mosaic_fakes::server::FakeServer;
use mosaic_gateway::{CallRequest, Gateway};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt as _, SeedableRng};
use rand_distr::{Distribution, Zipf};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-t0ken";
const OWNER: &str = "zipf";

fn config(base_url: &str, redis: &str, prefix: &str, keys: u64) -> mosaic_config::GatewayConfig {
    // Every class fresh for longer than the run: what is measured is invalidation, not expiry.
    let class = "{ ttl: 1h, stale_for: 0s }";
    let yaml = format!(
        r#"
store: {{ url: "sqlite::memory:" }}
cache:
  max_entries: {entries}
  classes: {{ volatile: {class}, standard: {class}, stable: {class} }}
  l2: {{ url: "{redis}", prefix: "{prefix}" }}
auth: {{ anonymous: {{ tenant: default, principal: bench }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: forge, plugin: github, settings: {{ base_url: "{base_url}", token: {TOKEN} }} }}
routes:
  - {{ name: git, kinds: [git], targets: [{{ instance: forge }}] }}
"#,
        entries = keys * 2,
    );
    mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin()).expect("bench config")
}

/// The seeded forge and `keys` more repositories `zipf/r0` … each with issues 1 to 3.
fn forge(keys: u64) -> Forge {
    let mut forge = Forge::seeded();
    let template: Repo = forge
        .repo("acme-oss/toolkit")
        .expect("the seed has acme-oss/toolkit")
        .clone();
    for n in 0..keys {
        let mut repo = template.clone();
        repo.id = forge.next_id();
        repo.owner = OWNER.into();
        repo.name = format!("r{n}");
        forge.repos.push(repo);
    }
    forge
}

fn repo(key: u64) -> String {
    format!("{OWNER}/r{key}")
}

/// How the writes of a trace pick their key.
#[derive(Clone, Copy)]
enum Writes {
    /// By the same Zipf rank as reads: the hottest keys are the most written.
    Zipf,
    /// Uniformly over the keys.
    Uniform,
}

#[derive(Default)]
struct Tally {
    reads: u64,
    writes: u64,
    stale: u64,
    /// Reads that the best cache that never serves stale data could answer: one shared by
    /// both replicas, unbounded, invalidated at once, which misses only a key's first read
    /// and its first read after each write.
    ideal_hits: u64,
    failed: u64,
    /// Why calls failed, the first words of each error, with how many failed so.
    failures: BTreeMap<String, u64>,
    /// Microseconds of each read, by the tier that served it; of each write.
    latency: BTreeMap<&'static str, Vec<u32>>,
}

impl Tally {
    fn note(&mut self, what: &'static str, took: Duration) {
        let micros = u32::try_from(took.as_micros()).unwrap_or(u32::MAX);
        self.latency.entry(what).or_default().push(micros);
    }

    fn served(&self, what: &str) -> u64 {
        self.latency.get(what).map_or(0, |all| all.len() as u64)
    }

    fn report(&mut self, title: &str) {
        let hits = self.served("l1") + self.served("l2");
        println!("\n{title}");
        println!(
            "  reads {}  writes {}  failed {}  stale reads {}",
            self.reads, self.writes, self.failed, self.stale
        );
        println!(
            "  hit ratio {:.2} %  (l1 {}, l2 {}, provider {}); the best a never-stale cache could reach on this trace: {:.2} %",
            100.0 * hits as f64 / self.reads.max(1) as f64,
            self.served("l1"),
            self.served("l2"),
            self.served("provider"),
            100.0 * self.ideal_hits as f64 / self.reads.max(1) as f64,
        );
        for (why, count) in &self.failures {
            println!("  failed {count}×: {why}");
        }
        for (what, all) in &mut self.latency {
            all.sort_unstable();
            let at = |q: f64| all[((all.len() - 1) as f64 * q) as usize];
            println!(
                "  {what:<9} n={:<7} p50 {:>6} µs  p90 {:>6} µs  p99 {:>6} µs",
                all.len(),
                at(0.5),
                at(0.9),
                at(0.99)
            );
        }
    }
}

fn title_in(state: &mosaic_fakes::server::FakeServer<Forge>, key: u64) -> String {
    let forge = state.state().data.lock().expect("fake state");
    let repo = forge.repo(&repo(key)).expect("seeded repository");
    repo.issues
        .iter()
        .find(|issue| issue.number == 1)
        .map(|issue| issue.title.clone())
        .expect("issue 1")
}

async fn trace(
    replicas: &[Gateway; 2],
    fake: &FakeServer<Forge>,
    steps: u64,
    keys: u64,
    writes: Writes,
    seed: u64,
) -> Tally {
    let ctx = RequestContext::local("bench");
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let zipf = Zipf::new(keys as f64, 1.0).expect("Zipf(1.0)");
    let mut tally = Tally::default();
    // Per key: whether the ideal cache holds it (read since its last write).
    let mut held = vec![false; keys as usize];
    for step in 0..steps {
        let replica = &replicas[rng.random_range(0..2)];
        let write = rng.random_bool(0.1);
        let key = match (write, writes) {
            (true, Writes::Uniform) => rng.random_range(0..keys),
            _ => zipf.sample(&mut rng) as u64 - 1,
        };
        let (op, arguments) = if write {
            let title = format!("r{key} at step {step}");
            let arguments = json!({ "repo": repo(key), "number": 1, "title": title });
            (OpId::GitIssuesUpdate, arguments)
        } else {
            (
                OpId::GitIssuesGet,
                json!({ "repo": repo(key), "number": 1 }),
            )
        };
        let request = CallRequest {
            op,
            arguments,
            provider: None,
        };
        let started = Instant::now();
        let answer = replica.call(&ctx, request).await;
        let took = started.elapsed();
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => {
                tally.failed += 1;
                let why: String = error.to_string().chars().take(120).collect();
                *tally.failures.entry(why).or_default() += 1;
                continue;
            }
        };
        if write {
            held[key as usize] = false;
            tally.writes += 1;
            tally.note("write", took);
            continue;
        }
        tally.reads += 1;
        if std::mem::replace(&mut held[key as usize], true) {
            tally.ideal_hits += 1;
        }
        tally.note(answer.served.source.as_str(), took);
        let read = answer.output.to_json()["title"].as_str().map(str::to_owned);
        if read.as_deref() != Some(title_in(fake, key).as_str()) {
            tally.stale += 1;
        }
    }
    tally
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .map(|arg| {
            arg.parse::<u64>()
                .expect("STEPS and KEYS are whole numbers")
        });
    let steps = args.next().unwrap_or(100_000);
    let keys = args.next().unwrap_or(10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let Some(redis) = mosaic_cache::testing::redis_url().await else {
            return;
        };
        for (writes, title) in [
            (Writes::Zipf, "writes drawn from the same Zipf as reads"),
            (Writes::Uniform, "writes drawn uniformly over the keys"),
        ] {
            let fake = FakeServer::start(github::style(TOKEN), forge(keys), github::routes()).await;
            // GitHub's hourly 5,000 would end the trace early: every call of it is answered.
            let calls = steps * 2;
            fake.state().knobs.set_quota(calls, calls, Duration::from_secs(3600));
            let prefix = mosaic_cache::testing::unique_prefix("zipf");
            let start = || async {
                let config = config(&fake.base_url(), &redis, &prefix, keys);
                Gateway::start(config).await.expect("gateway")
            };
            let replicas = [start().await, start().await];
            let mut tally = trace(&replicas, &fake, steps, keys, writes, 20261202).await;
            tally.report(&format!(
                "Zipf(1.0), {keys} keys, {steps} steps, 10 % writes, two replicas over one Redis: {title}"
            ));
        }
    });
}
