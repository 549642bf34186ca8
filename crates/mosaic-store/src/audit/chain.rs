//! The hash chain that makes the audit log tamper-evident.
//!
//! `hash = hex(sha256(prev_hash ‖ canonical))`, where `prev_hash` is the previous record's hash
//! as 64 lowercase hex characters (64 zeros for the first record) and `canonical` is the compact
//! JSON array
//!
//! ```text
//! [id, at_ms, tenant, principal, operation, resource, rule, reasons, instance, cache,
//!  outcome, fault, latency_us, trace_id]
//! ```
//!
//! with absent optional fields as `null` and `reasons` as the JSON text stored in its column (a
//! string), so verification hashes exactly the stored bytes. Changing, inserting, removing or
//! reordering any record breaks every later link; an auditor can recompute it with any SHA-256
//! and JSON library. (Cutting records off the end leaves a valid shorter chain: compare the
//! head with a copy kept elsewhere to detect that.)

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

/// The hash of a record with `fields` following a record with hash `prev_hash`.
pub(crate) fn link_hash(prev_hash: &str, fields: &Fields<'_>) -> String {
    let call = fields.call;
    let canonical = serde_json::json!([
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
    ]);
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical.to_string().as_bytes());
    hex(&hasher.finalize())
}

/// The stored form of a record's reasons.
pub(crate) fn reasons_json(reasons: &[String]) -> String {
    let reasons = reasons.iter().cloned().map(serde_json::Value::String);
    serde_json::Value::Array(reasons.collect()).to_string()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
