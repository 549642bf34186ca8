//! The chain that makes the audit log tamper-evident.
//!
//! Every record is sealed with a keyed MAC over the previous record's hash and its own fields:
//!
//! ```text
//! hash = hex(HMAC-SHA256(key, prev_hash ‖ canonical))
//! ```
//!
//! where `prev_hash` is the previous record's hash as 64 lowercase hex characters (64 zeros for
//! the first record), `key` is the audit key ([`super::key`], kept outside the database) and
//! `canonical` is the compact JSON array
//!
//! ```text
//! [id, at_ms, tenant, principal, operation, resource, rule, reasons, instance, cache,
//!  outcome, fault, latency_us, trace_id]
//! ```
//!
//! with absent optional fields as `null` and `reasons` as the JSON text stored in its column (a
//! string), so verification hashes exactly the stored bytes. Each record also stores the id of
//! the key that sealed it. Changing, inserting, removing or reordering any record breaks every
//! later link, and repairing the links needs the key; an auditor who holds the key can
//! recompute them with any HMAC-SHA256 and JSON library. Cutting records off the end leaves a
//! valid shorter chain: the head anchor ([`super::anchor`]) detects that.
//!
//! Records written before the chain was keyed have no key id and were linked with a plain
//! `hex(sha256(prev_hash ‖ canonical))`. They still verify, and are reported as unsealed: their
//! links show they are consistent, but anyone could have recomputed them. An unsealed record
//! after a sealed one is never legitimate.

use super::key::AuditKey;
use super::record::NewAuditRecord;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of one record as stored, borrowed; what the hash covers besides `prev_hash`.
pub(crate) struct Fields<'a> {
    pub(crate) id: i64,
    pub(crate) call: &'a NewAuditRecord,
    /// `call.reasons` as stored: its JSON text.
    pub(crate) reasons_json: &'a str,
}

/// The link of a record with `fields` following a record with hash `prev_hash`, sealed with
/// `key`.
pub(crate) fn sealed_hash(key: &AuditKey, prev_hash: &str, fields: &Fields<'_>) -> String {
    key.mac(&[prev_hash.as_bytes(), canonical(fields).as_bytes()])
}

/// The link of a record written before the chain was keyed: a plain SHA-256.
pub(crate) fn unsealed_hash(prev_hash: &str, fields: &Fields<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical(fields).as_bytes());
    hex(&hasher.finalize())
}

fn canonical(fields: &Fields<'_>) -> String {
    let call = fields.call;
    serde_json::json!([
        fields.id,
        call.at_ms,
        call.tenant,
        call.principal,
        call.operation,
        call.resource,
        call.rule,
        fields.reasons_json,
        call.instance,
        call.cache,
        call.outcome,
        call.fault,
        call.latency_us,
        call.trace_id,
    ])
    .to_string()
}

/// The stored form of a record's reasons.
pub(crate) fn reasons_json(reasons: &[String]) -> String {
    let reasons = reasons.iter().cloned().map(serde_json::Value::String);
    serde_json::Value::Array(reasons.collect()).to_string()
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// Whether two hashes are equal, in time independent of where they differ: a MAC compared
/// byte by byte with an early exit tells a prober how much of a forgery was right.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |differ, (x, y)| differ | (x ^ y))
            == 0
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
