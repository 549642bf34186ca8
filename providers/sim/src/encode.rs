//! Small encodings the simulated forge needs: base64 for binary file content (RFC 4648,
//! standard alphabet, padded, as the GitHub contents API returns it) and stable, SHA-shaped
//! ids for commits and blobs.

use base64::Engine as _;

/// Standard padded base64 of `bytes`.
pub(crate) fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A 40-hex-digit id derived from `seed`: the same seed always gives the same id, so the
/// seed data's commit SHAs are stable across runs. Not a cryptographic hash: nothing here
/// needs one.
pub(crate) fn sha(seed: impl AsRef<[u8]>) -> String {
    let mut out = String::with_capacity(40);
    let mut state = fnv1a(seed.as_ref(), 0xcbf2_9ce4_8422_2325);
    while out.len() < 40 {
        state = splitmix(state);
        out.push_str(&format!("{state:016x}"));
    }
    out.truncate(40);
    out
}

fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// One step of SplitMix64, to spread the 64-bit hash over 160 bits.
fn splitmix(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
#[path = "encode_tests.rs"]
mod tests;
