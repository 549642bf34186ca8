//! Audit records: what the gateway hands in, and what the log holds once the record has its
//! place in the chain.

use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};

/// One call, as the gateway reports it for the audit log. Never holds credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAuditRecord {
    /// When the call was made, Unix milliseconds.
    pub at_ms: i64,
    /// The tenant of the call.
    pub tenant: String,
    /// The authenticated caller.
    pub principal: String,
    /// The operation's dotted id, `git.issues.list`.
    pub operation: String,
    /// The resource addressed (`acme/api`, `project:PROJ`; empty across resources).
    pub resource: String,
    /// The route rule that planned the call, if one matched.
    pub rule: Option<String>,
    /// The plan's and policy's reasons.
    pub reasons: Vec<String>,
    /// The instance that served the call, if any did.
    pub instance: Option<String>,
    /// Where the answer came from: `l1`, `provider` or `none`.
    pub cache: String,
    /// `ok`, or the error code the caller got.
    pub outcome: String,
    /// Who was at fault when it failed: `caller`, `provider` or `gateway`.
    pub fault: Option<String>,
    /// How long the call took, microseconds.
    pub latency_us: i64,
    /// The trace id tying the record to logs.
    pub trace_id: String,
}

/// A record as stored: the call, its place in the log and its link in the hash chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Position in the log, from 1, without gaps.
    pub id: i64,
    /// The call.
    #[serde(flatten)]
    pub call: NewAuditRecord,
    /// The previous record's `hash` (64 zeros for the first record).
    pub prev_hash: String,
    /// `HMAC-SHA256(key, prev_hash ‖ canonical fields)`, hex; see [`crate::audit::chain`].
    pub hash: String,
    /// The id of the key that sealed the record; absent for a record from before the chain
    /// was keyed (linked with a plain SHA-256).
    pub key_id: Option<String>,
}

impl NewAuditRecord {
    /// The current time in Unix milliseconds, for `at_ms`.
    pub fn now_ms() -> i64 {
        // A clock before 1970 is a broken clock; recording it as 0 keeps the call audited.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
            })
    }
}

impl NewAuditRecord {
    /// The record with every NUL character replaced by U+FFFD. PostgreSQL cannot store NUL in
    /// text, and caller-supplied fields may contain one; a record that can never be stored would
    /// stall the audit writer, so both databases store this form (and the hash covers it).
    pub(crate) fn without_nul(mut self) -> Self {
        let Self {
            at_ms: _,
            tenant,
            principal,
            operation,
            resource,
            rule,
            reasons,
            instance,
            cache,
            outcome,
            fault,
            latency_us: _,
            trace_id,
        } = &mut self;
        let texts = [
            tenant, principal, operation, resource, cache, outcome, trace_id,
        ];
        let optional = [rule, instance, fault];
        for text in texts
            .into_iter()
            .chain(optional.into_iter().flatten())
            .chain(reasons.iter_mut())
        {
            if text.contains('\0') {
                *text = text.replace('\0', "\u{FFFD}");
            }
        }
        self
    }
}

impl AuditRecord {
    /// When the call was made, RFC 3339 in UTC with milliseconds (`2026-01-31T12:00:00.000Z`).
    pub fn at_rfc3339(&self) -> String {
        rfc3339_from_ms(self.call.at_ms)
    }
}

/// Formats Unix milliseconds as RFC 3339 UTC. Dates are computed with the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`), so no date library is needed.
pub fn rfc3339_from_ms(at_ms: i64) -> String {
    let days = at_ms.div_euclid(86_400_000);
    let ms_of_day = at_ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute) = (ms_of_day / 3_600_000, ms_of_day / 60_000 % 60);
    let (second, millis) = (ms_of_day / 1000 % 60, ms_of_day % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z")
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
