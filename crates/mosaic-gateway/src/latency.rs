//! A moving average of observed latency per instance, for the `least_latency` strategy and
//! the status page. Lock-free: the average is kept in an `AtomicU64` of microseconds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Weight of the newest observation, in 1/16ths: recent behaviour dominates within ~10 calls.
const NEW_WEIGHT_SIXTEENTHS: u64 = 3;
const EMPTY: u64 = u64::MAX;

/// An exponentially weighted moving average of latency.
#[derive(Debug)]
pub struct LatencyAverage {
    micros: AtomicU64,
}

impl Default for LatencyAverage {
    fn default() -> Self {
        Self {
            micros: AtomicU64::new(EMPTY),
        }
    }
}

impl LatencyAverage {
    /// Folds one observation in.
    pub fn observe(&self, latency: Duration) {
        let sample = u64::try_from(latency.as_micros())
            .unwrap_or(EMPTY - 1)
            .min(EMPTY - 1);
        // A lost race between two observers only drops one sample from the average; a CAS loop
        // keeps both.
        let _ = self
            .micros
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
                Some(if current == EMPTY {
                    sample
                } else {
                    (current * (16 - NEW_WEIGHT_SIXTEENTHS) + sample * NEW_WEIGHT_SIXTEENTHS) / 16
                })
            });
    }

    /// The average, or `None` before the first observation.
    pub fn get(&self) -> Option<Duration> {
        match self.micros.load(Ordering::Relaxed) {
            EMPTY => None,
            micros => Some(Duration::from_micros(micros)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_empty_then_follows_observations() {
        let average = LatencyAverage::default();
        assert_eq!(average.get(), None);
        average.observe(Duration::from_millis(100));
        assert_eq!(average.get(), Some(Duration::from_millis(100)));
        for _ in 0..40 {
            average.observe(Duration::from_millis(10));
        }
        let settled = average.get().unwrap();
        assert!(settled < Duration::from_millis(11), "{settled:?}");
    }
}
