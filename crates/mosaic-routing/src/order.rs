//! Ordering a rule's candidates: by weight (random, without replacement), by latency, by
//! expected cost, and open circuits to the back. Works in place on the plan's entries and
//! never allocates.

use crate::plan::{Entry, Reason};
use crate::request::Signals;
use std::time::Duration;

/// A tiny deterministic generator (splitmix64): the same `random` seed always gives the same
/// order, which keeps plans reproducible in tests and explanations.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        // Constants from Steele, Lea and Flood, "Fast splittable pseudorandom number generators".
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0), by multiply-shift rather than modulo so
    /// that no value is favoured.
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }
}

fn weight(entry: &Entry) -> u64 {
    match entry.reason {
        Reason::Weighted { weight, .. } => u64::from(weight),
        _ => 0,
    }
}

/// Weighted random order without replacement: each position is drawn among the remaining
/// entries with probability proportional to weight. Entries carry their weight in their
/// `Reason::Weighted`; the total is filled in here.
pub(crate) fn by_weight(entries: &mut [Entry], random: u64) {
    let total: u64 = entries.iter().map(weight).sum();
    let mut remaining = total;
    let mut rng = SplitMix64::new(random);
    for position in 0..entries.len() {
        let mut draw = rng.below(remaining);
        let mut pick = position;
        for (offset, entry) in entries[position..].iter().enumerate() {
            let weight = weight(entry);
            if draw < weight {
                pick = position + offset;
                break;
            }
            draw -= weight;
        }
        entries.swap(position, pick);
        remaining -= weight(&entries[position]);
    }
    for entry in entries.iter_mut() {
        if let Reason::Weighted { total: slot, .. } = &mut entry.reason {
            *slot = total;
        }
    }
}

/// Ascending moving-average latency, instances never measured first (so they get
/// measured); ties keep the listed order.
pub(crate) fn by_latency(entries: &mut [Entry]) {
    entries.sort_by_key(|entry| match entry.reason {
        Reason::Unmeasured => (false, Duration::ZERO),
        Reason::Latency(latency) => (true, latency),
        _ => (true, Duration::MAX),
    });
}

/// `least_cost`: candidates whose circuit is open last (a trigger goes to one target, so it
/// should not be one that refuses calls), then those that would miss the run's deadline,
/// then ascending expected cost, ties by measured latency (unmeasured after measured), then
/// the listed order.
pub(crate) fn by_cost(entries: &mut [Entry], signals: &dyn Signals) {
    entries.sort_by_key(|entry| {
        let instance = usize::from(entry.instance);
        let (misses, cost) = match entry.reason {
            Reason::Cost(estimate) => (estimate.misses_deadline, estimate.cost_micros),
            _ => (true, u64::MAX),
        };
        (
            signals.circuit_open(instance),
            misses,
            cost,
            signals.latency(instance).unwrap_or(Duration::MAX),
        )
    });
}

/// Moves instances with an open circuit behind all others, keeping the order within each
/// group, and marks them.
pub(crate) fn open_circuits_last(entries: &mut [Entry], signals: &dyn Signals) {
    let mut any_open = false;
    for entry in entries.iter_mut() {
        if signals.circuit_open(usize::from(entry.instance)) {
            entry.reason = Reason::CircuitOpen;
            any_open = true;
        }
    }
    if any_open {
        entries.sort_by_key(|entry| entry.reason == Reason::CircuitOpen);
    }
}

#[cfg(test)]
#[path = "order_tests.rs"]
mod tests;
