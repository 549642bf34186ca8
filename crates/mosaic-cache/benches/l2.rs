//! What an L2 hit costs in the cache layer alone: `get_or_fetch` answered from Redis (the real
//! one at 127.0.0.1:6379, one loopback round trip and the decoding of the answer) on a cache
//! whose only tier is L2, beside the same answered from L1, and beside the least a provider
//! call costs: the same page fetched over loopback HTTP/1.1 on a kept-alive connection from a
//! server that answers at once, and read into the typed output (no TLS, no network, no
//! provider work — a real provider is slower by its own latency). Without Redis it says so and
//! measures nothing.
//!
//! And what a write's invalidation costs: recorded in Redis without waiting for anyone
//! (`ack_timeout` zero, as before acknowledgements), beside the same waiting until one and
//! then two other replicas listening on loopback have applied it and acknowledged.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{
    AnswerCache, BreakerSettings, CacheKey, CacheSettings, DEFAULT_VALIDATOR_TTL, Fill, MemoryTier,
    Origin, RedisSettings, RedisTier, Tier, TierName,
};
use mosaic_core::{CacheClass, OpId, Operation, Output, RequestContext};
use serde_json::json;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A server on loopback that answers every request on a connection with `body` at once.
async fn provider(body: Vec<u8>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"));
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let response: Arc<Vec<u8>> = Arc::new([head.as_bytes(), &body].concat());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let response = Arc::clone(&response);
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read);
                let mut line = String::new();
                loop {
                    line.clear();
                    match lines.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) if line == "\r\n" => {
                            if write.write_all(&response).await.is_err() {
                                return;
                            }
                        }
                        Ok(_) => {}
                    }
                }
            });
        }
    });
    address
}

/// One GET on a kept-alive connection, its body read into the typed output.
async fn fetch(connection: &mut BufReader<TcpStream>) -> Output {
    let request = b"GET /repos/acme/api/issues HTTP/1.1\r\nhost: provider\r\naccept: application/json\r\n\r\n";
    connection
        .get_mut()
        .write_all(request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        connection
            .read_line(&mut line)
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        if line == "\r\n" {
            break;
        }
        if let Some(value) = line.strip_prefix("content-length: ") {
            length = value
                .trim()
                .parse()
                .unwrap_or_else(|error| panic!("{error}"));
        }
    }
    let mut body = vec![0; length];
    connection
        .read_exact(&mut body)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let value = serde_json::from_slice(&body).unwrap_or_else(|error| panic!("{error}"));
    Output::from_json(OpId::GitIssuesList, value).unwrap_or_else(|error| panic!("{error}"))
}

/// A list of 20 issues, a typical page.
fn page() -> Output {
    let issue = |n: u64| {
        json!({
            "id": format!("I_{n}"), "number": n, "title": format!("Issue {n}"),
            "body": "Steps to reproduce: start it, click, see the crash.", "state": "open",
            "author": "alice", "assignees": ["bob"], "labels": ["bug", "p2"], "comments": 3,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z",
            "web_url": format!("https://forge.example/acme/api/issues/{n}")
        })
    };
    let items: Vec<_> = (1..=20).map(issue).collect();
    Output::from_json(OpId::GitIssuesList, json!({ "items": items }))
        .unwrap_or_else(|error| panic!("{error}"))
}

/// A replica's cache, L1 over L2, listening to the others' invalidations once it returns.
async fn replica(redis: RedisSettings, settings: CacheSettings) -> (AnswerCache, Arc<RedisTier>) {
    let l2 = Arc::new(
        RedisTier::new(redis, settings.longest_lifetime())
            .unwrap_or_else(|error| panic!("{error}")),
    );
    let l1 = MemoryTier::new(TierName::L1, 1000);
    let tiers: Vec<Arc<dyn Tier>> = vec![Arc::new(l1), l2.clone()];
    let cache = AnswerCache::with_tiers(settings, tiers);
    l2.listen_for(&cache);
    let mut listening = l2.listening();
    let _ = listening.wait_for(|on| *on).await;
    (cache, l2)
}

/// A write's invalidation with no other replica to wait for, then with one and two.
fn bench_invalidation(c: &mut Criterion, runtime: &tokio::runtime::Runtime, redis: &RedisSettings) {
    let settings = CacheSettings::default();
    let tags = vec!["git:repo:acme/api".to_owned()];
    let no_wait = RedisSettings {
        prefix: unique_prefix("bench-no-wait"),
        ack_timeout: Duration::ZERO,
        ..redis.clone()
    };
    let (alone, _) = runtime.block_on(replica(no_wait, settings));
    let acknowledged = RedisSettings {
        prefix: unique_prefix("bench-acks"),
        ack_timeout: Duration::from_millis(50),
        ..redis.clone()
    };
    let (writer, writer_l2) = runtime.block_on(replica(acknowledged.clone(), settings));
    // The other replicas are kept listening for the rest of the run.
    let mut others = Vec::new();
    for (name, cache, listening) in [
        ("invalidate_no_wait", &alone, 0),
        ("invalidate_acked_by_1_replica", &writer, 1),
        ("invalidate_acked_by_2_replicas", &writer, 2),
    ] {
        while others.len() < listening {
            others.push(runtime.block_on(replica(acknowledged.clone(), settings)));
        }
        c.bench_function(name, |b| {
            b.to_async(runtime)
                .iter(|| async { cache.invalidate_tags(black_box(&tags)).await })
        });
    }
    assert_eq!(
        writer_l2.ack_timeouts(),
        0,
        "every write was acknowledged within the bound"
    );
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let Some(url) = runtime.block_on(redis_url()) else {
        return;
    };
    let settings = CacheSettings::default();
    let redis = RedisSettings {
        url,
        prefix: unique_prefix("bench"),
        timeout: Duration::from_millis(100),
        region: None,
        breaker: BreakerSettings::default(),
        ack_timeout: Duration::from_millis(50),
        validator_ttl: DEFAULT_VALIDATOR_TTL,
    };
    bench_invalidation(c, &runtime, &redis);
    let l2 = runtime.block_on(async {
        RedisTier::new(redis, settings.longest_lifetime()).unwrap_or_else(|error| panic!("{error}"))
    });
    let only_l2 = AnswerCache::with_tiers(settings, vec![Arc::new(l2) as Arc<dyn Tier>]);
    let l1 = AnswerCache::new(settings);
    let op = Operation::parse(OpId::GitIssuesList, json!({ "repo": "acme/api" }))
        .unwrap_or_else(|error| panic!("{error}"));
    let key = CacheKey::for_call(&RequestContext::local("bench"), &op, &["github"]);
    let output = Arc::new(page());
    for cache in [&only_l2, &l1] {
        let fill = Fill {
            output: Arc::clone(&output),
            instance: "github".into(),
            tags: vec![op.spec().read_tag(&op.resource())],
            jurisdiction: None,
        };
        let filled = runtime.block_on(
            cache.get_or_fetch(&key, CacheClass::Standard, || async { Ok::<_, ()>(fill) }),
        );
        assert!(filled.is_ok());
    }

    let address = runtime.block_on(provider(
        serde_json::to_vec(&output.to_json()).unwrap_or_else(|error| panic!("{error}")),
    ));
    let connection = runtime.block_on(async {
        let stream = TcpStream::connect(address)
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        stream
            .set_nodelay(true)
            .unwrap_or_else(|error| panic!("{error}"));
        tokio::sync::Mutex::new(BufReader::new(stream))
    });
    c.bench_function("loopback_http_provider_call", |b| {
        b.to_async(&runtime).iter(|| async {
            let output = fetch(&mut *connection.lock().await).await;
            black_box(output);
        })
    });

    for (name, cache, tier) in [
        ("get_or_fetch_l2_hit", &only_l2, "l2"),
        ("get_or_fetch_l1_hit", &l1, "l1"),
    ] {
        c.bench_function(name, |b| {
            b.to_async(&runtime).iter(|| async {
                let served = cache
                    .get_or_fetch(black_box(&key), CacheClass::Standard, || async {
                        Err::<Fill, ()>(())
                    })
                    .await
                    .unwrap_or_else(|_| panic!("a hit"));
                assert!(
                    matches!(&served.origin, Origin::Hit { tier: t, .. } if t.as_str() == tier)
                );
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
