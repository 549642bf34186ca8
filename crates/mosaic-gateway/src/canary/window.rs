//! [`OutcomeWindow`]: calls and failures over the last `window`, on tokio's clock (paused in
//! tests), in ten buckets so that old calls leave the window a tenth of it at a time.

use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// How many slices the window is cut into.
const BUCKETS: usize = 10;

/// Calls and failures of one side of a split over a sliding window.
#[derive(Debug)]
pub(crate) struct OutcomeWindow {
    origin: Instant,
    slice: Duration,
    /// Per bucket: the slice number it counts, calls, failures.
    buckets: Mutex<[(u64, u64, u64); BUCKETS]>,
}

impl OutcomeWindow {
    /// An empty window `window` long (at least a millisecond a slice).
    pub(crate) fn new(window: Duration) -> Self {
        Self {
            origin: Instant::now(),
            slice: (window / BUCKETS as u32).max(Duration::from_millis(1)),
            buckets: Mutex::new([(u64::MAX, 0, 0); BUCKETS]),
        }
    }

    fn slice_at(&self, now: Instant) -> u64 {
        let elapsed = now.saturating_duration_since(self.origin);
        u64::try_from(elapsed.as_nanos() / self.slice.as_nanos().max(1)).unwrap_or(u64::MAX)
    }

    /// Counts one call at `now`.
    pub(crate) fn record(&self, now: Instant, failed: bool) {
        let slice = self.slice_at(now);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = &mut buckets[(slice % BUCKETS as u64) as usize];
        if bucket.0 != slice {
            *bucket = (slice, 0, 0);
        }
        bucket.1 += 1;
        bucket.2 += u64::from(failed);
    }

    /// Calls and failures in the window ending at `now`.
    pub(crate) fn totals(&self, now: Instant) -> (u64, u64) {
        let current = self.slice_at(now);
        let oldest = current.saturating_sub(BUCKETS as u64 - 1);
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        buckets
            .iter()
            .filter(|(slice, _, _)| (oldest..=current).contains(slice))
            .fold((0, 0), |(calls, failures), (_, c, f)| {
                (calls + c, failures + f)
            })
    }

    /// Forgets every call (an operator's decision starts the watch afresh).
    pub(crate) fn clear(&self) {
        *self.buckets.lock().unwrap_or_else(|p| p.into_inner()) = [(u64::MAX, 0, 0); BUCKETS];
    }
}
