//! What learned routing will rank instances by: per instance and operation class, the
//! exponentially weighted latency, success rate and cost of the attempts observed.
//!
//! Fed by the router-feedback part of the observers from every attempt sent; kept in the
//! instance's signals, so it survives a reload like the breaker does. The router does not
//! read it yet: its strategies still rank by the breaker and the latency average alone, and
//! this table is what a learned strategy will read through `mosaic_routing::Signals`.
//!
//! Lock-free: each average is an `AtomicU64` holding an `f64`, updated by compare-and-swap.
//! The three averages of a class are updated one after another, so a reader may see one
//! attempt folded into latency and not yet into success; for a ranking that is no error.

use mosaic_core::{Access, OpId, ServiceKind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Weight of the newest observation: the estimate follows a change within about ten attempts.
pub const NEW_WEIGHT: f64 = 0.2;

/// A family of operations whose attempts are alike enough to be estimated together: the
/// service kind and whether it reads or writes (a forge's issue writes are slower than its
/// reads, and its CI runs are another backend altogether).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OpClass {
    /// The service kind.
    pub kind: ServiceKind,
    /// Read or write.
    pub access: Access,
}

impl OpClass {
    /// How many classes there are.
    const COUNT: usize = ServiceKind::ALL.len() * 2;

    /// The class of an operation.
    pub fn of(operation: OpId) -> Self {
        let spec = operation.spec();
        Self {
            kind: spec.kind,
            access: spec.access,
        }
    }

    fn index(self) -> usize {
        let access = match self.access {
            Access::Read => 0,
            Access::Write => 1,
        };
        self.kind as usize * 2 + access
    }
}

/// One attempt, as the estimates see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// How long it took, when that says how fast the instance serves (not for an instant
    /// refusal).
    pub latency: Option<Duration>,
    /// Whether the instance did its part (a caller's mistake counts as done).
    pub succeeded: bool,
    /// What the attempt cost, in the operator's unit.
    pub cost: f64,
}

/// The estimates of one instance for one operation class, as read at one moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Attempts folded in so far; a ranking should trust few of them little.
    pub samples: u64,
    /// Weighted latency; `None` while no attempt was timed.
    pub latency: Option<Duration>,
    /// Weighted share of attempts that succeeded, from 0 to 1.
    pub success_rate: f64,
    /// Weighted cost of one attempt.
    pub cost_per_call: f64,
}

impl Estimate {
    /// What one successful answer costs, the failed attempts before it included; `None` while
    /// nothing succeeds.
    pub fn cost_per_success(&self) -> Option<f64> {
        (self.success_rate > 0.0).then(|| self.cost_per_call / self.success_rate)
    }
}

/// An instance's estimates for every operation class.
#[derive(Debug, Default)]
pub struct Estimates {
    classes: [ClassEstimates; OpClass::COUNT],
}

impl Estimates {
    /// Folds one attempt in.
    pub fn observe(&self, class: OpClass, sample: Sample) {
        let estimates = &self.classes[class.index()];
        if let Some(latency) = sample.latency {
            estimates.latency_s.observe(latency.as_secs_f64());
        }
        estimates
            .success
            .observe(if sample.succeeded { 1.0 } else { 0.0 });
        estimates.cost.observe(sample.cost);
        estimates.samples.fetch_add(1, Ordering::Relaxed);
    }

    /// The estimates for `class`, or `None` before its first attempt.
    pub fn get(&self, class: OpClass) -> Option<Estimate> {
        let estimates = &self.classes[class.index()];
        let success_rate = estimates.success.get()?;
        Some(Estimate {
            samples: estimates.samples.load(Ordering::Relaxed),
            latency: estimates
                .latency_s
                .get()
                .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok()),
            success_rate,
            cost_per_call: estimates.cost.get().unwrap_or(0.0),
        })
    }
}

#[derive(Debug, Default)]
struct ClassEstimates {
    latency_s: Ewma,
    success: Ewma,
    cost: Ewma,
    samples: AtomicU64,
}

/// An exponentially weighted moving average of `f64` samples; the first sample starts it.
#[derive(Debug)]
struct Ewma(AtomicU64);

/// No sample yet. A NaN bit pattern, which no finite average has.
const EMPTY: u64 = u64::MAX;

impl Default for Ewma {
    fn default() -> Self {
        Self(AtomicU64::new(EMPTY))
    }
}

impl Ewma {
    fn observe(&self, sample: f64) {
        // One bad sample (a cost configured as NaN) would poison the average for good.
        if !sample.is_finite() {
            return;
        }
        // A CAS loop: concurrent attempts each get folded in, none is lost.
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                Some(if bits == EMPTY {
                    sample.to_bits()
                } else {
                    let average = f64::from_bits(bits);
                    (average + NEW_WEIGHT * (sample - average)).to_bits()
                })
            });
    }

    fn get(&self) -> Option<f64> {
        match self.0.load(Ordering::Relaxed) {
            EMPTY => None,
            bits => Some(f64::from_bits(bits)),
        }
    }
}

#[cfg(test)]
#[path = "estimates_tests.rs"]
mod tests;
