//! The runs in an answer, and what the ledger needs of a finished one.

use mosaic_core::Output;
use mosaic_core::model::Run;
use mosaic_provider_kit::rfc3339::{civil_from_days, unix_seconds};
use std::time::Duration;

/// The runs an answer tells of: one for a trigger, a read, a cancel or a wait, a page of them
/// for a listing, none for any other operation.
pub(crate) fn of(output: &Output) -> Vec<&Run> {
    match output {
        Output::CiRunsTrigger(run) | Output::CiRunsGet(run) | Output::CiRunsCancel(run) => {
            vec![run]
        }
        Output::CiRunsList(page) => page.items.iter().collect(),
        Output::CiRunsWait(waited) => vec![&waited.run],
        _ => Vec::new(),
    }
}

/// A finished run's length and when it finished (milliseconds since the epoch), from its
/// `created_at` and `finished_at`; `None` when either is missing or unreadable.
pub(crate) fn length(run: &Run) -> Option<(Duration, i64)> {
    let created = unix_seconds(run.created_at.as_deref()?).ok()?;
    let finished = unix_seconds(run.finished_at.as_deref()?).ok()?;
    let secs = u64::try_from(finished.checked_sub(created)?).ok()?;
    Some((Duration::from_secs(secs), finished.saturating_mul(1000)))
}

/// The calendar month (UTC) of an instant, `YYYY-MM`.
pub(crate) fn month_of(epoch_ms: i64) -> String {
    let (year, month, _) = civil_from_days(epoch_ms.div_euclid(86_400_000));
    format!("{year:04}-{month:02}")
}
