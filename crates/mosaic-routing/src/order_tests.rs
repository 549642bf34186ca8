//! The ordering primitives: the generator, weighted draws, latency order, circuits.

use super::*;
use crate::request::NoSignals;

fn entries(weights: &[u32]) -> Vec<Entry> {
    weights
        .iter()
        .enumerate()
        .map(|(index, &weight)| Entry {
            instance: index as u16,
            reason: Reason::Weighted { weight, total: 0 },
            rank: index as u16,
        })
        .collect()
}

#[test]
fn splitmix_matches_the_reference_sequence() {
    // First outputs of the reference implementation seeded with 0.
    let mut rng = SplitMix64::new(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
}

#[test]
fn below_stays_in_range() {
    let mut rng = SplitMix64::new(9);
    assert!((0..1000).all(|_| rng.below(7) < 7));
    assert_eq!(rng.below(0), 0);
}

#[test]
fn weighted_order_is_a_permutation_with_totals_filled_in() {
    for random in 0..100 {
        let mut order = entries(&[2, 5, 1, 1]);
        by_weight(&mut order, random);
        let mut seen: Vec<u16> = order.iter().map(|entry| entry.instance).collect();
        seen.sort_unstable();
        assert_eq!(seen, [0, 1, 2, 3]);
        assert!(
            order
                .iter()
                .all(|entry| matches!(entry.reason, Reason::Weighted { total: 9, .. }))
        );
    }
}

#[test]
fn weighted_second_place_follows_the_remaining_weights() {
    // Weights 8 : 1 : 1. When the heavy one is drawn first, the other two share second place
    // evenly; when a light one is first, the heavy one is almost always second.
    let draws = 20_000u64;
    let mut heavy_second_given_light_first = (0u32, 0u32);
    for random in 0..draws {
        let mut order = entries(&[8, 1, 1]);
        by_weight(&mut order, random);
        if order[0].instance != 0 {
            heavy_second_given_light_first.1 += 1;
            if order[1].instance == 0 {
                heavy_second_given_light_first.0 += 1;
            }
        }
    }
    let (heavy, total) = heavy_second_given_light_first;
    let share = f64::from(heavy) / f64::from(total);
    // P(heavy second | light first) = 8 / 9.
    assert!((share - 8.0 / 9.0).abs() < 0.03, "{heavy} of {total}");
}

#[test]
fn latency_order_is_stable_for_ties() {
    let latency = |ms| Reason::Latency(Duration::from_millis(ms));
    let mut order: Vec<Entry> = [
        latency(10),
        Reason::Unmeasured,
        latency(10),
        latency(3),
        Reason::Unmeasured,
    ]
    .into_iter()
    .enumerate()
    .map(|(index, reason)| Entry {
        instance: index as u16,
        reason,
        rank: index as u16,
    })
    .collect();
    by_latency(&mut order);
    let instances: Vec<u16> = order.iter().map(|entry| entry.instance).collect();
    assert_eq!(instances, [1, 4, 3, 0, 2]);
}

#[test]
fn no_open_circuit_changes_nothing() {
    let mut order = entries(&[1, 1, 1]);
    let before = order.clone();
    open_circuits_last(&mut order, &NoSignals);
    assert_eq!(order, before);
}
