//! Concurrent misses for one key make one upstream call, for absent and for stale entries, and a
//! cancelled leader never leaves its waiters hanging.

use super::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const CALLERS: usize = 8;

/// An upstream that counts its calls; the first call waits until released.
#[derive(Clone)]
struct GatedUpstream {
    calls: Arc<AtomicUsize>,
    gate: Arc<Mutex<Option<oneshot::Receiver<()>>>>,
    answer: Result<Fill, &'static str>,
}

impl GatedUpstream {
    fn new(answer: Result<Fill, &'static str>) -> (Self, oneshot::Sender<()>) {
        let (release, gate) = oneshot::channel();
        let upstream = Self {
            calls: Arc::new(AtomicUsize::new(0)),
            gate: Arc::new(Mutex::new(Some(gate))),
            answer,
        };
        (upstream, release)
    }

    async fn fetch(self) -> Result<Fill, Upstream> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let gate = self.gate.lock().ok().and_then(|mut gate| gate.take());
        if let Some(gate) = gate {
            let _ = gate.await;
        }
        self.answer.map_err(Upstream)
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

type Caller = JoinHandle<Result<Served<Upstream>, Arc<Upstream>>>;

fn spawn_caller(cache: &AnswerCache, key: &CacheKey, upstream: &GatedUpstream) -> Caller {
    let (cache, key, upstream) = (cache.clone(), key.clone(), upstream.clone());
    tokio::spawn(async move {
        cache
            .get_or_fetch(&key, CacheClass::Standard, || upstream.fetch())
            .await
    })
}

fn spawn_callers(cache: &AnswerCache, key: &CacheKey, upstream: &GatedUpstream) -> Vec<Caller> {
    (0..CALLERS)
        .map(|_| spawn_caller(cache, key, upstream))
        .collect()
}

/// Lets every spawned task run until it waits (the test runtime has one thread).
async fn settle_tasks() {
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
}

async fn results(callers: Vec<Caller>) -> Vec<Result<Served<Upstream>, Arc<Upstream>>> {
    let mut results = Vec::with_capacity(callers.len());
    for caller in callers {
        results.push(caller.await.unwrap_or_else(|error| panic!("{error}")));
    }
    results
}

fn count_origins(results: &[Result<Served<Upstream>, Arc<Upstream>>]) -> (usize, usize) {
    let fetched = results
        .iter()
        .filter(|r| {
            matches!(
                r,
                Ok(Served {
                    origin: Origin::Fetched,
                    ..
                })
            )
        })
        .count();
    let joined = results
        .iter()
        .filter(|r| {
            matches!(
                r,
                Ok(Served {
                    origin: Origin::Joined,
                    ..
                })
            )
        })
        .count();
    (fetched, joined)
}

#[tokio::test(start_paused = true)]
async fn concurrent_misses_make_one_upstream_call() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let (upstream, release) = GatedUpstream::new(Ok(fill(&op, "gh", "v1")));

    let callers = spawn_callers(&cache, &key, &upstream);
    settle_tasks().await;
    assert_eq!(cache.shared.flights.len(), 1);
    let _ = release.send(());
    let results = results(callers).await;

    assert_eq!(upstream.calls(), 1);
    assert_eq!(count_origins(&results), (1, CALLERS - 1));
    for result in &results {
        let served = result.as_ref().unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(marker(served), "v1");
    }
    assert_eq!(cache.stats().coalesced_waits, (CALLERS - 1) as u64);
    assert_eq!(cache.shared.flights.len(), 0);
    assert!(is_fresh(&cache.lookup(&key).await));
}

#[tokio::test(start_paused = true)]
async fn concurrent_refreshes_of_a_stale_answer_make_one_upstream_call() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "old")).await;
    tokio::time::advance(Duration::from_secs(31)).await;
    assert!(is_stale(&cache.lookup(&key).await));

    let (upstream, release) = GatedUpstream::new(Ok(fill(&op, "gh", "new")));
    let callers = spawn_callers(&cache, &key, &upstream);
    settle_tasks().await;
    let _ = release.send(());
    let results = results(callers).await;

    assert_eq!(upstream.calls(), 1);
    assert_eq!(count_origins(&results), (1, CALLERS - 1));
    match cache.lookup(&key).await {
        Lookup::Fresh { answer, age } => {
            assert_eq!(marker_of(&answer.output), "new");
            assert_eq!(age, Duration::ZERO);
        }
        other => panic!("expected the refreshed answer, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn waiters_share_the_leaders_error() {
    let cache = cache();
    let key = key_for(&local(), &issues_of("acme/api"));
    let (upstream, release) = GatedUpstream::new(Err("every candidate failed"));

    let callers = spawn_callers(&cache, &key, &upstream);
    settle_tasks().await;
    let _ = release.send(());
    let results = results(callers).await;

    assert_eq!(upstream.calls(), 1);
    let errors: Vec<Arc<Upstream>> = results.into_iter().filter_map(Result::err).collect();
    assert_eq!(errors.len(), CALLERS);
    assert!(errors.iter().all(|error| Arc::ptr_eq(error, &errors[0])));
    assert_eq!(*errors[0], Upstream("every candidate failed"));
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_leader_hands_the_fetch_to_a_waiter() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    // The first call waits forever (its release is never sent); later calls answer at once.
    let (upstream, _never) = GatedUpstream::new(Ok(fill(&op, "gh", "v1")));

    let leader = spawn_caller(&cache, &key, &upstream);
    settle_tasks().await;
    let follower = spawn_caller(&cache, &key, &upstream);
    settle_tasks().await;
    assert_eq!(upstream.calls(), 1, "the follower waits for the leader");
    leader.abort();

    let served = follower.await.unwrap_or_else(|error| panic!("{error}"));
    let served = served.unwrap_or_else(|error| panic!("{error:?}"));
    assert!(
        matches!(served.origin, Origin::Fetched),
        "the waiter fetched itself"
    );
    assert_eq!(marker(&served), "v1");
    assert_eq!(upstream.calls(), 2);
}
