//! Invalidations announced by other replicas: the L2 tier subscribes to its channel and hands
//! each announcement to the cache, which hides the tags' entries at once and drops them from
//! its in-process tier (L1), which no script in Redis can reach.
//!
//! While not subscribed (Redis down, the connection lost), announcements are missed, so each
//! time the subscription is made again the cache forgets every in-process entry it holds: it
//! can no longer tell which of them another replica's write made outdated. The L2 entries
//! themselves need nothing: Redis checks them against its own records on every read.

use crate::cache::{AnswerCache, Shared};
use crate::tier::TierName;
use futures::StreamExt as _;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::watch;

/// What the listener tells whoever watches it.
pub(crate) struct Signals {
    pub(crate) listening: watch::Sender<bool>,
    pub(crate) announced: watch::Sender<u64>,
}

impl Default for Signals {
    fn default() -> Self {
        Self {
            listening: watch::Sender::new(false),
            announced: watch::Sender::new(0),
        }
    }
}

/// One invalidation as announced on the channel.
#[derive(Serialize, Deserialize)]
struct Announcement<'a> {
    /// The replica that made it, which ignores its own.
    from: u64,
    tags: Cow<'a, [String]>,
}

/// The announcement of `replica` invalidating `tags`.
pub(crate) fn announcement(replica: u64, tags: &[String]) -> String {
    let announcement = Announcement {
        from: replica,
        tags: Cow::Borrowed(tags),
    };
    // Serializing a number and strings cannot fail.
    serde_json::to_string(&announcement).unwrap_or_default()
}

/// What the listening task needs, owned.
pub(crate) struct Listener {
    pub(crate) client: redis::Client,
    pub(crate) channel: String,
    pub(crate) replica: u64,
    pub(crate) timeout: Duration,
    /// How long to wait before subscribing again after a failure.
    pub(crate) retry: Duration,
    pub(crate) signals: Arc<Signals>,
    /// Closes when the tier is dropped.
    pub(crate) stop: watch::Receiver<()>,
}

impl Listener {
    /// Listens until the tier or the cache is dropped.
    pub(crate) async fn run(mut self, cache: Weak<Shared>) {
        let mut stop = self.stop.clone();
        loop {
            let subscribed = tokio::select! {
                _ = stop.changed() => return,
                subscribed = self.subscribe() => subscribed,
            };
            match subscribed {
                Ok(pubsub) => {
                    // Announcements made while not subscribed were missed.
                    let Some(shared) = cache.upgrade() else {
                        return;
                    };
                    AnswerCache { shared }.forget_all_but(&TierName::L2).await;
                    self.signals.listening.send_replace(true);
                    tracing::info!(channel = %self.channel, "listening to other replicas' cache invalidations");
                    let ended = self.receive(pubsub, &cache).await;
                    self.signals.listening.send_replace(false);
                    if ended == Ended::Stopped {
                        return;
                    }
                    tracing::warn!(channel = %self.channel, "lost the channel of other replicas' cache invalidations; subscribing again");
                }
                Err(error) => {
                    tracing::debug!(channel = %self.channel, %error, "cannot subscribe to cache invalidations yet");
                }
            }
            tokio::select! {
                _ = stop.changed() => return,
                () = tokio::time::sleep(self.retry) => {}
            }
        }
    }

    async fn subscribe(&self) -> Result<redis::aio::PubSub, String> {
        let attempt = async {
            let mut pubsub = self.client.get_async_pubsub().await?;
            pubsub.subscribe(&self.channel).await?;
            Ok::<_, redis::RedisError>(pubsub)
        };
        match tokio::time::timeout(self.timeout, attempt).await {
            Ok(Ok(pubsub)) => Ok(pubsub),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("no answer within {:?}", self.timeout)),
        }
    }

    async fn receive(&mut self, pubsub: redis::aio::PubSub, cache: &Weak<Shared>) -> Ended {
        let mut messages = pubsub.into_on_message();
        loop {
            let message = tokio::select! {
                _ = self.stop.changed() => return Ended::Stopped,
                message = messages.next() => message,
            };
            let Some(message) = message else {
                return Ended::Lost;
            };
            let announced: Announcement<'_> = match serde_json::from_slice(
                message.get_payload_bytes(),
            ) {
                Ok(announced) => announced,
                Err(error) => {
                    tracing::warn!(channel = %self.channel, %error, "unreadable cache invalidation announcement ignored");
                    continue;
                }
            };
            if announced.from == self.replica {
                continue;
            }
            let Some(shared) = cache.upgrade() else {
                return Ended::Stopped;
            };
            AnswerCache { shared }
                .invalidate_from(&TierName::L2, &announced.tags)
                .await;
            self.signals.announced.send_modify(|count| *count += 1);
        }
    }
}

#[derive(PartialEq, Eq)]
enum Ended {
    Stopped,
    Lost,
}
