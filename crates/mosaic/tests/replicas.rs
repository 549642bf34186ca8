//! Two real `mosaic serve` replicas sharing Redis (L2) in front of one GitHub fake: what one
//! fetched the other serves from L2; a write through one is seen by the very next read
//! through the other, which is not served from its cache; and with a Redis of the test's own
//! stopped mid-run and started again, no call fails and L2 is used again afterwards.
//!
//! The first test runs against the shared Redis at 127.0.0.1:6379 under a prefix of its own;
//! the second starts a private `redis-server` on a free port (never the shared one). Without
//! them they say loudly that they did not run, and fail under `CI`.

#[path = "common/rest.rs"]
mod rest;
#[path = "common/serve.rs"]
mod serve;

use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_fakes::all_fakes::AllFakes;
use mosaic_fakes::exports::variables;
use rest::{Answer, free_port, titles, workdir};
use serde_json::json;
use serve::Served;
use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const REDIS_SERVER: &str = "/usr/bin/redis-server";

/// One GitHub adapter over the fake, anonymous callers allowed, L2 under the test's prefix.
const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
cache:
  l2: { url: "${REDIS_URL}", prefix: "${REDIS_PREFIX}", timeout: 200ms, ack_timeout: 1s }
auth: { anonymous: { tenant: acme, principal: agent } }
policies: [{ name: all, effect: allow }]
providers:
  - name: github
    plugin: github
    settings: { base_url: "${MOSAIC_GITHUB_URL}", token: "${MOSAIC_GITHUB_TOKEN}" }
routes:
  - { name: all, targets: [{ instance: github }] }
"#;

/// What the log says once a replica hears the others' invalidations.
const LISTENING: &str = "listening to other replicas' cache invalidations";

/// How often, and how many times, a test looks again for something it waits for; the
/// bound only keeps a broken build from hanging.
const POLL: Duration = Duration::from_millis(100);
const POLLS: u32 = 300;

/// The GitHub fake, served until the test ends; its variables for the configuration.
async fn github_fake() -> Vec<(String, String)> {
    let fakes = AllFakes::bind_mounts(
        "127.0.0.1:0".parse().unwrap(),
        mosaic_fakes::github::mounts(),
    )
    .await
    .unwrap();
    let env = fakes.mounts().iter().flat_map(variables).collect();
    tokio::spawn(fakes.serve(std::future::pending()));
    env
}

/// Two replicas over `redis` and the fake, each listening to the other's invalidations.
async fn replicas(test: &str, redis: &str) -> (Served, Served) {
    let mut env = github_fake().await;
    env.push(("REDIS_URL".into(), redis.to_owned()));
    env.push(("REDIS_PREFIX".into(), unique_prefix(test)));
    let config = workdir(&format!("replicas-{test}")).join("mosaic.yaml");
    std::fs::write(&config, CONFIG).unwrap();
    let (a, b) = (
        Served::start(&config, env.clone()),
        Served::start(&config, env),
    );
    for replica in [&a, &b] {
        wait_for_log(replica, LISTENING).await;
    }
    (a, b)
}

/// Waits until `replica` has logged `line`, looking every [`POLL`].
async fn wait_for_log(replica: &Served, line: &str) {
    for _ in 0..POLLS {
        if replica.log().contains(line) {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
    panic!(
        "the replica never logged `{line}` ({POLLS} looks {POLL:?} apart)\n{}",
        replica.log()
    );
}

async fn read(http: &reqwest::Client, replica: &Served, query: &str) -> Answer {
    let answer = rest::send(http.get(format!("http://{}/v1/{query}", replica.address)))
        .await
        .unwrap_or_else(|error| panic!("{query}: {error}\n{}", replica.log()));
    assert_eq!(
        answer.status,
        200,
        "{query}: {}\n{}",
        answer.body,
        replica.log()
    );
    answer
}

fn create(http: &reqwest::Client, replica: &Served, title: &str) -> reqwest::RequestBuilder {
    http.post(format!("http://{}/v1/git.issues.create", replica.address))
        .json(&json!({"repo": "acme-oss/toolkit", "title": title}))
}

/// Whether the cache answered (`X-Mosaic-Cache`), and from which tier: `miss`, `hit l1`.
fn cache(answer: &Answer) -> String {
    let tier = answer.header("x-mosaic-cache-tier");
    let cache = answer.header("x-mosaic-cache");
    if tier.is_empty() {
        cache
    } else {
        format!("{cache} {tier}")
    }
}

const ISSUES: &str = "git.issues.list?repo=acme-oss/toolkit&state=all&per_page=100";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_through_one_replica_is_seen_by_the_next_read_through_the_other() {
    let Some(url) = redis_url().await else { return };
    let (a, b) = replicas("write", &url).await;
    let http = reqwest::Client::new();

    let fetched = read(&http, &b, ISSUES).await;
    assert_eq!(cache(&fetched), "miss", "B fetched it");
    let held = read(&http, &b, ISSUES).await;
    assert_eq!(cache(&held), "hit l1");

    let created = rest::send(create(&http, &a, "Written through A"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(created.status, 200, "{}\n{}", created.body, a.log());
    // Right after A answered, with no wait: B's memory no longer serves the older list.
    let after = read(&http, &b, ISSUES).await;
    assert_eq!(cache(&after), "miss", "not served from any cache tier");
    assert!(
        titles(&after.body).contains(&"Written through A".to_owned()),
        "B sees the write: {}",
        after.body
    );

    // What A fetched, B serves from Redis.
    let repo = "git.repos.get?repo=acme-oss/toolkit";
    assert_eq!(cache(&read(&http, &a, repo).await), "miss");
    let shared = read(&http, &b, repo).await;
    assert_eq!(cache(&shared), "hit l2");
    assert_eq!(shared.body["full_name"], "acme-oss/toolkit");
}

/// A `redis-server` of the test's own, without persistence, killed when dropped.
struct PrivateRedis {
    child: Child,
    port: u16,
}

impl PrivateRedis {
    /// Whether `redis-server` is installed; otherwise says so loudly, or panics under CI.
    fn installed() -> bool {
        if Path::new(REDIS_SERVER).exists() {
            return true;
        }
        let help = "install it with `apt-get install -y --no-install-recommends redis-server`";
        if std::env::var_os("CI").is_some() {
            panic!("{REDIS_SERVER} is required under CI; {help}");
        }
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! Redis outage test did NOT run: no {REDIS_SERVER}; {help} !!!\n"
        );
        false
    }

    /// Starts it on `port` and waits until it answers.
    async fn start(port: u16) -> PrivateRedis {
        let child = Command::new(REDIS_SERVER)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start redis-server");
        let redis = PrivateRedis { child, port };
        for _ in 0..POLLS {
            if redis.answers().await {
                return redis;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("redis-server on port {port} never answered");
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    async fn answers(&self) -> bool {
        let Ok(client) = redis::Client::open(self.url()) else {
            return false;
        };
        let Ok(mut connection) = client.get_multiplexed_async_connection().await else {
            return false;
        };
        redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
            .is_ok()
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_call_fails_while_redis_is_stopped_and_started_again_and_l2_is_used_after() {
    if !PrivateRedis::installed() {
        return;
    }
    let port = free_port();
    let mut redis = Some(PrivateRedis::start(port).await);
    let url = redis.as_ref().map(PrivateRedis::url).unwrap_or_default();
    let (a, b) = replicas("outage", &url).await;
    let http = reqwest::Client::new();

    // Reads of a few lists and a write every fifth call, alternating replicas; Redis is
    // killed a third of the way through and started again on the same port at two thirds.
    let calls = 90;
    let mut failed = Vec::new();
    for n in 0..calls {
        if n == calls / 3 {
            drop(redis.take());
        }
        if n == 2 * calls / 3 {
            redis = Some(PrivateRedis::start(port).await);
        }
        let replica = if n % 2 == 0 { &a } else { &b };
        let request = if n % 5 == 4 {
            create(&http, replica, &format!("Issue {n}"))
        } else {
            let query = format!(
                "git.issues.list?repo=acme-oss/toolkit&state=all&per_page={}",
                n % 3 + 1
            );
            http.get(format!("http://{}/v1/{query}", replica.address))
        };
        match rest::send(request).await {
            Ok(answer) if answer.status == 200 => {}
            Ok(answer) => failed.push(format!("call {n}: {} {}", answer.status, answer.body)),
            Err(error) => failed.push(format!("call {n}: {error}")),
        }
    }
    assert!(
        failed.is_empty(),
        "calls failed around the outage: {failed:#?}\nA:\n{}\nB:\n{}",
        a.log(),
        b.log()
    );
    for (name, replica) in [("A", &a), ("B", &b)] {
        assert!(
            replica.log().contains("cache tier unavailable"),
            "{name} went on without L2 while Redis was down:\n{}",
            replica.log()
        );
    }

    // L2 in use again: a list A fetches (a page size no call above used) B is served from
    // Redis, once the replicas' breakers let requests through and they reconnect.
    for size in 11..=100 {
        let query = format!("git.issues.list?repo=acme-oss/toolkit&state=all&per_page={size}");
        read(&http, &a, &query).await;
        if cache(&read(&http, &b, &query).await) == "hit l2" {
            return;
        }
        tokio::time::sleep(2 * POLL).await;
    }
    panic!(
        "L2 not in use again: B never served from Redis what A fetched, 90 tries {:?} apart\nA:\n{}\nB:\n{}",
        2 * POLL,
        a.log(),
        b.log()
    );
}
