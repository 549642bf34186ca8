//! What is known of a write once the provider may have applied it.
//!
//! A write may be reported "not performed" only while nothing can have applied it: the request
//! never left (a check or lookup before it failed, the connection was refused), or the provider
//! refused it with an error status. From the moment the provider answers 2xx — or the
//! connection breaks after the request went out — every failure is
//! [`ProviderError::WriteUnconfirmed`]: an answer that does not read, one the unified model
//! cannot hold, a read-back that fails, a second request of the same write. It carries the
//! native id when one is known, so a caller can look before repeating the write (and creating
//! a duplicate).
//!
//! The shared client applies this to every write's answer itself ([`Effect::Write`]); adapters
//! mark the steps that follow an accepted write with [`AfterWrite`], one shape everywhere.

use mosaic_core::ProviderError;
use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, Url};
use serde_json::Value;
use std::fmt::Display;

/// Whether a request can change anything at the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// It only reads: any failure means nothing changed.
    Read,
    /// It may change something: once it may have been applied, failures are unconfirmed.
    Write,
}

impl Effect {
    /// A REST request's effect from its method: everything but the safe methods (GET, HEAD,
    /// OPTIONS, TRACE; RFC 9110 §9.2.1) may write.
    pub fn of(method: &Method) -> Self {
        if method.is_safe() {
            Self::Read
        } else {
            Self::Write
        }
    }
}

/// The fields that name a written resource in an answer, the caller's handle first: a key
/// (Jira) or identifier (Linear) before a per-project number (GitLab's `iid`, the forges'
/// `number`), and those before a global `id`.
const ID_FIELDS: [&str; 5] = ["key", "identifier", "iid", "number", "id"];

/// The native id a write's answer names at its top level, read as loosely as possible
/// because the answer did not read as expected: a JSON object with an [`ID_FIELDS`] entry.
pub fn body_id(body: &[u8]) -> Option<String> {
    serde_json::from_slice::<Value>(body)
        .ok()
        .as_ref()
        .and_then(id_in)
}

/// The first [`ID_FIELDS`] entry of `value`, when it is an object with one (a string or an
/// integer, not empty).
pub fn id_in(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    ID_FIELDS
        .iter()
        .find_map(|field| match object.get(*field)? {
            Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
            Value::Number(number) if number.is_u64() || number.is_i64() => Some(number.to_string()),
            _ => None,
        })
}

/// The last path segment of `Location` (`…/issues/1347` → `1347`), decoded; a relative
/// location is read against a placeholder origin.
pub fn location_id(headers: &HeaderMap) -> Option<String> {
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let url = Url::parse("http://location.invalid/")
        .ok()?
        .join(location)
        .ok()?;
    let segment = url
        .path_segments()?
        .rev()
        .find(|segment| !segment.is_empty())?;
    let decoded = percent_decode_str(segment).decode_utf8().ok()?;
    (!decoded.trim().is_empty()).then(|| decoded.into_owned())
}

/// The error for a failure after a write may have been applied: `reason` says what failed.
pub fn unconfirmed(id: Option<String>, reason: impl Into<String>) -> ProviderError {
    ProviderError::WriteUnconfirmed {
        id,
        reason: reason.into(),
    }
}

/// What an adapter says about a result that follows a write.
pub trait AfterWrite<T> {
    /// For a step after the provider accepted a write (reading it back, mapping its answer,
    /// the write's next request): any failure becomes `WriteUnconfirmed` naming `id`, the
    /// native id or key of what was written, and `step`, what failed ("reading it back").
    /// A failure that already is unconfirmed keeps its reason, and its id when it has one.
    fn after_write(self, id: impl Display, step: &str) -> Result<T, ProviderError>;

    /// For a write's own answer when what it writes is already known by `id` (an update, a
    /// merge, a transition): an unconfirmed outcome names `id` when the answer did not.
    /// Refusals stay what they are: the provider did not apply the write.
    fn writing(self, id: impl Display) -> Result<T, ProviderError>;
}

impl<T> AfterWrite<T> for Result<T, ProviderError> {
    fn after_write(self, id: impl Display, step: &str) -> Result<T, ProviderError> {
        self.map_err(|error| match error {
            ProviderError::WriteUnconfirmed { id: known, reason } => {
                ProviderError::WriteUnconfirmed {
                    id: known.or_else(|| Some(id.to_string())),
                    reason,
                }
            }
            other => unconfirmed(Some(id.to_string()), format!("{step} failed: {other}")),
        })
    }

    fn writing(self, id: impl Display) -> Result<T, ProviderError> {
        self.map_err(|error| match error {
            ProviderError::WriteUnconfirmed { id: None, reason } => {
                ProviderError::WriteUnconfirmed {
                    id: Some(id.to_string()),
                    reason,
                }
            }
            other => other,
        })
    }
}

#[cfg(test)]
#[path = "written_tests.rs"]
mod tests;
