use super::{DEPTH, FrequencySketch, MAX_WIDTH, MIN_WIDTH, SAMPLE_FACTOR};

/// Well-spread 64-bit hashes, as the keys' seeded hashes are (splitmix64).
fn hash(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[test]
fn an_estimate_is_never_below_the_count() {
    let sketch = FrequencySketch::for_keys(1000);
    for n in 0..500 {
        for _ in 0..(n % 7) {
            sketch.record(hash(n));
        }
    }
    for n in 0..500 {
        assert!(sketch.estimate(hash(n)) >= (n % 7) as u32, "key {n}");
    }
}

#[test]
fn other_keys_add_little_to_an_estimate() {
    let sketch = FrequencySketch::for_keys(1000);
    // 1,000 keys looked up once each, one key twenty times: below the self-halving sample.
    for n in 0..1000 {
        sketch.record(hash(n));
    }
    for _ in 0..20 {
        sketch.record(hash(5000));
    }
    assert_eq!(sketch.estimate(hash(5000)), 20);
    let inflated = (0..1000).filter(|&n| sketch.estimate(hash(n)) > 2).count();
    assert!(inflated < 10, "{inflated} cold keys look warm");
    assert_eq!(sketch.estimate(hash(9999)), 0, "never looked up");
}

#[test]
fn halving_ages_every_count() {
    let sketch = FrequencySketch::for_keys(10);
    for _ in 0..9 {
        sketch.record(hash(1));
    }
    sketch.record(hash(2));
    sketch.halve();
    assert_eq!((sketch.estimate(hash(1)), sketch.estimate(hash(2))), (4, 0));
}

#[test]
fn the_sketch_halves_itself_after_its_sample() {
    let sketch = FrequencySketch::for_keys(10);
    let sample = MIN_WIDTH as u64 * SAMPLE_FACTOR;
    for _ in 0..sample - 1 {
        sketch.record(hash(1));
    }
    assert_eq!(u64::from(sketch.estimate(hash(1))), sample - 1);
    sketch.record(hash(1));
    assert_eq!(u64::from(sketch.estimate(hash(1))), sample / 2);
}

#[test]
fn memory_is_bounded_by_the_width() {
    assert_eq!(FrequencySketch::for_keys(0).bytes(), DEPTH * MIN_WIDTH * 4);
    assert_eq!(
        FrequencySketch::for_keys(10_000).bytes(),
        DEPTH * 16_384 * 4
    );
    assert_eq!(
        FrequencySketch::for_keys(u64::MAX).bytes(),
        DEPTH * MAX_WIDTH * 4
    );
}

#[test]
fn a_long_tail_of_keys_read_once_rarely_looks_hot() {
    // The default cache's sketch (16,384 counters a row, halving after 163,840 lookups),
    // 100,000 keys read once each: the long tail a busy gateway sees between two halvings.
    let sketch = FrequencySketch::for_keys(10_000);
    let keys = 100_000;
    for n in 0..keys {
        sketch.record(hash(n));
    }
    let looks_hot = (0..keys).filter(|&n| sketch.estimate(hash(n)) >= 5).count();
    assert!(
        looks_hot < 100,
        "{looks_hot} of {keys} look read five times"
    );
}
