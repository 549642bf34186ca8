//! `get_or_fetch`: answer from cache when fresh, otherwise make one upstream call per key however
//! many callers miss at once, store its answer, and fall back to a stale answer when it fails.

use crate::answer::{Fill, Origin, Served};
use crate::cache::{AnswerCache, Found, answer_of};
use crate::flight::{self, Outcome, Role};
use crate::key::CacheKey;
use crate::stats::Counters;
use mosaic_core::CacheClass;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

impl AnswerCache {
    /// Serves `key` from the cache when fresh; otherwise runs `fetch` (the plan's candidates, or
    /// a shared tier first) and stores its answer under `class`'s TTL.
    ///
    /// Concurrent callers for one key share one `fetch`: the others wait for it and get its
    /// outcome ([`Origin::Joined`]). When the fetch fails and a stale answer is still within its
    /// `stale_for`, that answer is served as [`Origin::Stale`] with the error; otherwise the
    /// error is returned. `no_store` classes bypass the cache: fetched every time, never
    /// coalesced (they are writes), never stored.
    pub async fn get_or_fetch<F, Fut, E>(
        &self,
        key: &CacheKey,
        class: CacheClass,
        fetch: F,
    ) -> Result<Served<E>, Arc<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fill, E>>,
        E: Send + Sync + 'static,
    {
        let counters = &self.shared.counters;
        let Some(policy) = self.shared.settings.policy(class) else {
            Counters::bump(&counters.fetches);
            let fill = fetch().await.map_err(Arc::new)?;
            return Ok(Served {
                answer: Arc::new(answer_of(fill, Duration::ZERO, Duration::ZERO)),
                origin: Origin::Fetched,
            });
        };

        let lead = loop {
            if let Some(found) = self.find_counted(key).await
                && found.fresh
            {
                return Ok(hit(found));
            }
            match self.shared.flights.join::<E>(key) {
                Role::Leader(lead) => break Some(lead),
                Role::Alone => break None,
                Role::Follower(receiver) => {
                    if let Some(outcome) = flight::wait(receiver).await {
                        Counters::bump(&counters.coalesced_waits);
                        return self.settle(key, outcome, Origin::Joined).await;
                    }
                    // The leader was cancelled before it finished: start over.
                }
            }
        };

        // A flight that ended between our lookup and joining has stored its answer already.
        if let Some(found) = self.find(key).await
            && found.fresh
        {
            if let Some(lead) = lead {
                lead.finish(Ok(Arc::clone(&found.answer)));
            }
            return Ok(hit(found));
        }

        // Noted before the fetch starts: an invalidation from here on outdates its answer.
        let started = self.shared.ledger.current();
        let marks = self.marks().await;
        Counters::bump(&counters.fetches);
        let outcome: Outcome<E> = match fetch().await {
            Ok(fill) => Ok(self.store(key, policy, fill, started, &marks, false).await),
            Err(error) => Err(Arc::new(error)),
        };
        if let Some(lead) = lead {
            lead.finish(outcome.clone());
        }
        self.settle(key, outcome, Origin::Fetched).await
    }

    /// Turns a fetch's outcome into this caller's answer, falling back to a stale one on error.
    async fn settle<E>(
        &self,
        key: &CacheKey,
        outcome: Outcome<E>,
        fetched: Origin<E>,
    ) -> Result<Served<E>, Arc<E>> {
        let error = match outcome {
            Ok(answer) => {
                return Ok(Served {
                    answer,
                    origin: fetched,
                });
            }
            Err(error) => error,
        };
        // Looked up again rather than reused from before the fetch: a write during the fetch
        // must not be answered with data from before it.
        match self.find(key).await {
            // Stored by a later flight while this one failed: as good as a hit.
            Some(found) if found.fresh => Ok(hit(found)),
            Some(Found {
                answer, age, tier, ..
            }) => {
                Counters::bump(&self.shared.counters.stale_serves);
                Ok(Served {
                    answer,
                    origin: Origin::Stale { age, error, tier },
                })
            }
            None => Err(error),
        }
    }
}

/// A fresh answer found in a tier, served as a hit.
fn hit<E>(found: Found) -> Served<E> {
    Served {
        answer: found.answer,
        origin: Origin::Hit {
            age: found.age,
            tier: found.tier,
        },
    }
}
