//! A provider that answers from a script, instances over it and the operations and retry
//! settings the executor's and the observers' unit tests call them with.

use crate::breaker::BreakerSettings;
use crate::instance::{Instance, InstanceSignals};
use crate::rate_limiter::RateLimiter;
use crate::retry::RetrySettings;
use mosaic_core::model::Page;
use mosaic_core::{OpId, Operation, Output, Provider, ProviderError, Support};
use mosaic_plugin::RateLimit;
use serde_json::json;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// A provider that answers from a script, then succeeds; counts calls.
pub(crate) struct Scripted {
    script: Mutex<VecDeque<Result<(), ProviderError>>>,
    calls: AtomicUsize,
    /// How long each call takes before it answers.
    delay: Duration,
    /// When set, the quota is spent until this instant.
    spent_until: Mutex<Option<Instant>>,
}

impl Scripted {
    /// Answers `script` in order, then succeeds.
    pub(crate) fn new(script: Vec<Result<(), ProviderError>>) -> Arc<Self> {
        Self::slow(script, Duration::ZERO)
    }
    /// Answers `script` in order, then succeeds, each answer after `delay`.
    pub(crate) fn slow(script: Vec<Result<(), ProviderError>>, delay: Duration) -> Arc<Self> {
        Arc::new(Self {
            script: Mutex::new(script.into()),
            calls: AtomicUsize::new(0),
            delay,
            spent_until: Mutex::new(None),
        })
    }
    /// Unavailable for the first hundred calls.
    pub(crate) fn always_down() -> Arc<Self> {
        Self::new(
            (0..100)
                .map(|_| Err(ProviderError::Unavailable("down".into())))
                .collect(),
        )
    }
    /// Reports its quota spent for `window` from now.
    pub(crate) fn spend_quota_for(&self, window: Duration) {
        *self.spent_until.lock().unwrap() = Some(Instant::now() + window);
    }
    /// Calls received so far.
    pub(crate) fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl Provider for Scripted {
    fn supports(&self, _op: OpId) -> Support {
        Support::Supported
    }
    async fn health(&self) -> mosaic_core::Health {
        mosaic_core::Health::Healthy
    }
    fn quota(&self) -> Option<mosaic_core::Quota> {
        let until = (*self.spent_until.lock().unwrap())?;
        let now = Instant::now();
        Some(mosaic_core::Quota {
            remaining: if now < until { 0 } else { 60 },
            limit: 60,
            resets_in: (now < until).then(|| until - now),
        })
    }
    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        self.script.lock().unwrap().pop_front().unwrap_or(Ok(()))?;
        Ok(match operation.op_id() {
            OpId::GitIssuesCreate => Output::GitIssuesCreate(sample_issue()),
            OpId::GitIssuesUpdate => Output::GitIssuesUpdate(sample_issue()),
            _ => Output::GitIssuesList(Page {
                items: vec![],
                next_cursor: None,
            }),
        })
    }
}

fn sample_issue() -> mosaic_core::model::Issue {
    serde_json::from_value(json!({
        "id": "1", "number": 1, "title": "t", "body": null, "state": "open", "author": null,
        "assignees": [], "labels": [], "comments": 0, "created_at": null, "updated_at": null,
        "web_url": "https://x/1"
    }))
    .unwrap()
}

/// An instance over `provider` whose breaker opens after three failures.
pub(crate) fn instance(name: &str, provider: Arc<Scripted>) -> Instance {
    Instance {
        name: name.into(),
        shared_name: name.into(),
        plugin: "scripted@0".into(),
        plugin_name: "scripted".into(),
        plugin_version: "0".into(),
        cache_scope: format!("{name}#scripted"),
        kinds: vec![mosaic_core::ServiceKind::Git],
        region: None,
        labels: Default::default(),
        public: false,
        cost_per_call: 0.0,
        timeout: Duration::from_secs(5),
        provider,
        rate_limiter: None,
        signals: Arc::new(InstanceSignals::new(BreakerSettings {
            failure_threshold: 3,
            open_for: Duration::from_secs(30),
            half_open_probes: 1,
        })),
        canary_feeds: Vec::new(),
    }
}

/// An instance over `provider` under the client-side rate limit `limit`.
pub(crate) fn limited(name: &str, provider: Arc<Scripted>, limit: RateLimit) -> Instance {
    Instance {
        rate_limiter: Some(Arc::new(RateLimiter::new(limit))),
        ..instance(name, provider)
    }
}

/// A read.
pub(crate) fn list() -> Operation {
    Operation::parse(OpId::GitIssuesList, json!({"repo": "acme/api"})).unwrap()
}

/// A write that is not idempotent.
pub(crate) fn create() -> Operation {
    Operation::parse(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": "t"}),
    )
    .unwrap()
}

/// An idempotent write.
pub(crate) fn update() -> Operation {
    Operation::parse(
        OpId::GitIssuesUpdate,
        json!({"repo": "acme/api", "number": 1, "title": "t"}),
    )
    .unwrap()
}

/// A provider that never answers within a timeout.
pub(crate) fn hanging() -> Arc<Scripted> {
    Scripted::slow(vec![], Duration::from_secs(3600))
}

/// Three attempts, from 100 ms apart.
pub(crate) const RETRY: RetrySettings = RetrySettings {
    max_attempts: 3,
    base_delay: Duration::from_millis(100),
    max_delay: Duration::from_secs(5),
};
