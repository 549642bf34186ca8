//! What warming may spend of each instance: at most `budget` refreshes per
//! [`BUDGET_WINDOW`], and none while the instance's last reported quota is at or below the
//! reserve kept for callers (counting the refreshes already on their way to it, whose
//! answers have not updated the quota yet). Warming is a guest on the provider's quota: a
//! caller turned away because a refresh spent the last of it would be a miss made worse.

use super::{BUDGET_WINDOW, WarmingSettings};
use mosaic_core::Quota;
use std::collections::HashMap;
use tokio::time::Instant;

/// Why a refresh may not be sent now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The instance's refreshes this window are used up.
    Budget,
    /// Its remaining quota is at or below the reserve.
    Quota,
}

impl Refusal {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Budget => "budget",
            Self::Quota => "quota",
        }
    }
}

/// The refreshes spent per instance in the current window. Only the warmer task uses it.
#[derive(Default)]
pub(crate) struct Budgets {
    by_instance: HashMap<String, Window>,
}

struct Window {
    started: Instant,
    spent: u32,
}

impl Budgets {
    /// Whether one more refresh may go to `instance` at `now`, which last reported `quota`
    /// and has `in_flight` refreshes on their way.
    pub(crate) fn check(
        &mut self,
        settings: &WarmingSettings,
        instance: &str,
        quota: Option<Quota>,
        in_flight: u64,
        now: Instant,
    ) -> Result<(), Refusal> {
        if let Some(quota) = quota
            && quota.remaining.saturating_sub(in_flight) <= reserve(settings, quota.limit)
        {
            return Err(Refusal::Quota);
        }
        let spent = self
            .by_instance
            .get(instance)
            .filter(|window| now < window.started + BUDGET_WINDOW)
            .map_or(0, |window| window.spent);
        if spent >= settings.budget {
            return Err(Refusal::Budget);
        }
        Ok(())
    }

    /// Counts one refresh sent to `instance` at `now`.
    pub(crate) fn spend(&mut self, instance: &str, now: Instant) {
        let window = self
            .by_instance
            .entry(instance.to_owned())
            .or_insert(Window {
                started: now,
                spent: 0,
            });
        if now >= window.started + BUDGET_WINDOW {
            *window = Window {
                started: now,
                spent: 0,
            };
        }
        window.spent += 1;
    }

    /// Forgets windows that ended, so instances removed by a reload leave nothing behind.
    pub(crate) fn prune(&mut self, now: Instant) {
        self.by_instance
            .retain(|_, window| now < window.started + BUDGET_WINDOW);
    }
}

/// The calls of a window's `limit` kept for callers: the reserve's share, rounded up, so a
/// non-zero reserve always keeps at least one call.
fn reserve(settings: &WarmingSettings, limit: u64) -> u64 {
    (u128::from(limit) * u128::from(settings.quota_reserve_bp)).div_ceil(10_000) as u64
}

#[cfg(test)]
#[path = "budget_tests.rs"]
mod tests;
