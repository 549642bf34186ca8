//! Invalidations announced by other replicas: the L2 tier subscribes to its channel and hands
//! each announcement to the cache, which hides the tags' entries at once and drops them from
//! its in-process tier (L1), which no script in Redis can reach.
//!
//! While not subscribed (Redis down, the connection lost), announcements are missed, so each
//! time the subscription is made again the cache forgets every in-process entry it holds: it
//! can no longer tell which of them another replica's write made outdated. The L2 entries
//! themselves need nothing: Redis checks them against its own records on every read.
//!
//! The same subscription carries the acknowledgements of this replica's own writes
//! (`acks.rs`): the listener acknowledges every announcement it applies on the writer's
//! channel, and counts those of its own writes that other replicas send back.

use super::acks::{self, Acks};
use crate::cache::{AnswerCache, Shared};
use crate::tier::TierName;
use futures::StreamExt as _;
use redis::aio::ConnectionManager;
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
    /// The write's number among its replica's, acknowledged back to it; absent from the
    /// announcements of replicas that do not wait for acknowledgements.
    #[serde(default)]
    seq: Option<u64>,
    tags: Cow<'a, [String]>,
}

/// The announcement of `replica`'s write `seq` invalidating `tags`.
pub(crate) fn announcement(replica: u64, seq: u64, tags: &[String]) -> String {
    let announcement = Announcement {
        from: replica,
        seq: Some(seq),
        tags: Cow::Borrowed(tags),
    };
    // Serializing a number and strings cannot fail.
    serde_json::to_string(&announcement).unwrap_or_default()
}

/// What the listening task needs, owned.
pub(crate) struct Listener {
    pub(crate) client: redis::Client,
    /// Where acknowledgements are published (a subscribed connection cannot publish).
    pub(crate) connection: ConnectionManager,
    pub(crate) channel: String,
    /// The tier's key prefix, which names every replica's acknowledgement channel.
    pub(crate) prefix: String,
    pub(crate) replica: u64,
    /// This replica's writes awaiting acknowledgements.
    pub(crate) acks: Arc<Acks>,
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
            let own_acks = acks::channel(&self.prefix, self.replica);
            pubsub.subscribe(&[&self.channel, &own_acks]).await?;
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
            if message.get_channel_name() != self.channel {
                self.count_ack(message.get_payload_bytes());
                continue;
            }
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
                // `PUBLISH` counted this subscription among those to hear from.
                if let Some(seq) = announced.seq {
                    self.acks.received(seq);
                }
                continue;
            }
            let Some(shared) = cache.upgrade() else {
                return Ended::Stopped;
            };
            AnswerCache { shared }
                .invalidate_from(&TierName::L2, &announced.tags)
                .await;
            self.signals.announced.send_modify(|count| *count += 1);
            if let Some(seq) = announced.seq {
                self.acknowledge(announced.from, seq);
            }
        }
    }

    /// Counts an acknowledgement of one of this replica's writes.
    fn count_ack(&self, payload: &[u8]) {
        match serde_json::from_slice::<acks::Ack>(payload) {
            Ok(ack) => self.acks.received(ack.seq),
            Err(error) => {
                tracing::warn!(channel = %self.channel, %error, "unreadable cache invalidation acknowledgement ignored");
            }
        }
    }

    /// Tells `writer` its write `seq` is applied here. Sent on its own task so the next
    /// announcement is not held up by this round trip; one that fails leaves the writer to
    /// its bound.
    fn acknowledge(&self, writer: u64, seq: u64) {
        let mut connection = self.connection.clone();
        let channel = acks::channel(&self.prefix, writer);
        let ack = acks::ack(seq, self.replica);
        let timeout = self.timeout;
        tokio::spawn(async move {
            let mut command = redis::cmd("PUBLISH");
            command.arg(&channel).arg(ack);
            let publish = command.query_async::<u64>(&mut connection);
            match tokio::time::timeout(timeout, publish).await {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => {
                    tracing::debug!(%channel, %error, "cache invalidation acknowledgement not sent");
                }
                Err(_) => {
                    tracing::debug!(%channel, "cache invalidation acknowledgement not sent in time");
                }
            }
        });
    }
}

#[derive(PartialEq, Eq)]
enum Ended {
    Stopped,
    Lost,
}
