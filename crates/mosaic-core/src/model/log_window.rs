//! The part of a run's log a `ci.runs.logs` call asks for, cut from the whole log: its tail,
//! or the bytes from an offset on. Providers that hand out a whole log at once (GitHub's job
//! logs, Woodpecker's steps) cut it here; those that serve a log from an offset themselves
//! (Jenkins' progressive text) answer the same shape.

use super::ci::RunLogs;
use crate::ProviderError;
use crate::input::ci::{DEFAULT_LOG_BYTES, RunLogsGet};

/// `input`'s window of `log`, the whole log of run `run_id` so far; `finished` says whether
/// the run is over (then the window reaching the end is `complete`). Cuts fall on character
/// boundaries: a window may be a few bytes short of `max_bytes`, never splits a character.
pub fn log_window(
    run_id: &str,
    log: &str,
    input: &RunLogsGet,
    finished: bool,
) -> Result<RunLogs, ProviderError> {
    let limit = usize::try_from(input.max_bytes.unwrap_or(DEFAULT_LOG_BYTES)).unwrap_or(usize::MAX);
    let (start, end) = match input.offset {
        None => {
            let mut start = log.len().saturating_sub(limit);
            while !log.is_char_boundary(start) {
                start += 1;
            }
            (start, log.len())
        }
        Some(offset) => {
            let start = usize::try_from(offset).unwrap_or(usize::MAX);
            if start > log.len() {
                return Err(ProviderError::Invalid(format!(
                    "offset {offset} is past the end of run `{run_id}`'s log, which has {} bytes \
                     so far; give 0 or a previous answer's next_offset",
                    log.len()
                )));
            }
            if !log.is_char_boundary(start) {
                return Err(ProviderError::Invalid(format!(
                    "offset {offset} falls inside a character of run `{run_id}`'s log; give 0 \
                     or a previous answer's next_offset"
                )));
            }
            let mut end = start.saturating_add(limit).min(log.len());
            while !log.is_char_boundary(end) {
                end -= 1;
            }
            (start, end)
        }
    };
    let truncated = match input.offset {
        None => start > 0,
        Some(_) => end < log.len(),
    };
    Ok(RunLogs {
        run_id: run_id.to_owned(),
        content: log[start..end].to_owned(),
        offset: start as u64,
        next_offset: end as u64,
        truncated,
        complete: finished && end == log.len(),
    })
}

#[cfg(test)]
#[path = "log_window_tests.rs"]
mod tests;
