//! Fetches in flight, one per key, so concurrent misses (and concurrent refreshes of a stale
//! entry, which moka's own `try_get_with` would not refetch) make one upstream call.
//!
//! The first caller for a key becomes the leader and runs the fetch on its own task, so the
//! fetch need not be `'static` or `Send`; later callers subscribe to a watch channel and receive
//! the leader's outcome. If the leader is cancelled before it finishes, its channel closes and
//! the waiters start over (one of them becomes the next leader), so nobody waits forever.

use crate::answer::CachedAnswer;
use crate::key::CacheKey;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::watch;

/// What a fetch ended with, as shared with the callers that waited for it.
pub(crate) type Outcome<E> = Result<Arc<CachedAnswer>, Arc<E>>;

type Channel<E> = watch::Sender<Option<Outcome<E>>>;

/// The fetches in flight. Values are `Channel<E>` for the caller's error type `E`, erased so
/// one cache serves callers with any error type.
#[derive(Default)]
pub(crate) struct Flights {
    by_key: Mutex<HashMap<CacheKey, Arc<dyn Any + Send + Sync>>>,
}

/// A caller's part in the fetch of one key.
pub(crate) enum Role<'a, E> {
    /// Run the fetch and hand its outcome to [`Lead::finish`].
    Leader(Lead<'a, E>),
    /// Wait for the leader's outcome.
    Follower(watch::Receiver<Option<Outcome<E>>>),
    /// A fetch with another error type is in flight for this key; fetch without coalescing.
    Alone,
}

/// The leader's handle; dropping it without finishing (cancellation) releases the waiters.
pub(crate) struct Lead<'a, E> {
    flights: &'a Flights,
    key: CacheKey,
    channel: Arc<Channel<E>>,
}

impl Flights {
    /// Joins the fetch of `key` in flight, or starts leading one.
    pub(crate) fn join<E: Send + Sync + 'static>(&self, key: &CacheKey) -> Role<'_, E> {
        let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(existing) = by_key.get(key) {
            return match Arc::clone(existing).downcast::<Channel<E>>() {
                Ok(channel) => Role::Follower(channel.subscribe()),
                Err(_) => Role::Alone,
            };
        }
        let channel: Arc<Channel<E>> = Arc::new(watch::channel(None).0);
        by_key.insert(
            key.clone(),
            Arc::clone(&channel) as Arc<dyn Any + Send + Sync>,
        );
        Role::Leader(Lead {
            flights: self,
            key: key.clone(),
            channel,
        })
    }

    /// How many fetches are in flight.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_key
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl<E> Lead<'_, E> {
    /// Hands the outcome to every waiter and ends the flight.
    pub(crate) fn finish(self, outcome: Outcome<E>) {
        // The value stays in the channel, so a waiter that subscribed but has not polled yet
        // still sees it after the sender is gone.
        self.channel.send_replace(Some(outcome));
    }
}

impl<E> Drop for Lead<'_, E> {
    fn drop(&mut self) {
        let mut by_key = self
            .flights
            .by_key
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let ours = by_key.get(&self.key).is_some_and(|current| {
            std::ptr::addr_eq(Arc::as_ptr(current), Arc::as_ptr(&self.channel))
        });
        if ours {
            by_key.remove(&self.key);
        }
    }
}

/// Waits for the leader's outcome; `None` when the leader gave up without one.
pub(crate) async fn wait<E>(
    mut receiver: watch::Receiver<Option<Outcome<E>>>,
) -> Option<Outcome<E>> {
    let outcome = receiver.wait_for(Option::is_some).await.ok()?;
    outcome.clone()
}
