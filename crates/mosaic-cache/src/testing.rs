//! For test suites that run against the real Redis (this crate's, the gateway's): where it is,
//! a key prefix of each test's own so tests sharing it never see each other's keys, and what
//! Redis itself holds under one.
//!
//! The rule every suite against a real service follows (the store's PostgreSQL cases do too):
//! when Redis is not reachable, a test says loudly that it did not run and how to start Redis,
//! and under `CI` it fails instead.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The test Redis; `MOSAIC_TEST_REDIS_URL` overrides it.
pub const REDIS_URL: &str = "redis://127.0.0.1:6379";

/// The test Redis's URL when it answers a `PING`; `None` (after saying so on stderr) when it
/// does not, outside CI.
///
/// # Panics
/// Under `CI`, when Redis does not answer: a suite that silently skipped would pass.
pub async fn redis_url() -> Option<String> {
    let url = std::env::var("MOSAIC_TEST_REDIS_URL").unwrap_or_else(|_| REDIS_URL.to_owned());
    let ping = async {
        let client = redis::Client::open(url.as_str())?;
        let mut connection = client.get_multiplexed_async_connection().await?;
        redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
    };
    let error = match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => return Some(url),
        Ok(Err(error)) => error.to_string(),
        Err(_) => "no answer within 2s".to_owned(),
    };
    let help = "start it with `redis-server --daemonize yes` (or `service redis-server start`)";
    if std::env::var_os("CI").is_some() {
        panic!("Redis at {url} is required under CI: {error}; {help}");
    }
    // Straight to the process's stderr: `eprintln!` would be captured by the test harness and
    // never shown for a test that returns normally.
    let _ = writeln!(
        std::io::stderr(),
        "\n!!! Redis tests did NOT run ({url}: {error}): {help} !!!\n"
    );
    None
}

/// A key prefix no other test (in this process or another) uses: `mosaic-test:<test>:<pid>:<n>`
/// plus the time, so reruns do not meet keys left by a run that was killed.
pub fn unique_prefix(test: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!(
        "mosaic-test:{test}:{}:{}:{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The keys the Redis at `url` holds matching `pattern` (`KEYS`, fine for a test's own
/// prefix), so a test sees what Redis holds rather than what a tier reports.
///
/// # Panics
/// When Redis cannot be asked: the test cannot go on.
pub async fn keys_in_redis(url: &str, pattern: &str) -> Vec<String> {
    query_redis(url, redis::cmd("KEYS").arg(pattern)).await
}

/// What the Redis at `url` answers to `command`, asked with a client of its own.
///
/// # Panics
/// When Redis cannot be asked or answers something else than a `T`: the test cannot go on.
pub async fn query_redis<T: redis::FromRedisValue>(url: &str, command: &redis::Cmd) -> T {
    let client = redis::Client::open(url).unwrap_or_else(|error| panic!("{url}: {error}"));
    let mut connection = client
        .get_multiplexed_async_connection()
        .await
        .unwrap_or_else(|error| panic!("{url}: {error}"));
    command
        .query_async(&mut connection)
        .await
        .unwrap_or_else(|error| panic!("{url}: {error}"))
}
