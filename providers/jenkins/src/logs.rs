//! `ci.runs.logs`: Jenkins' progressive console text, `{build}/logText/progressiveText?start=N`,
//! which answers the log from byte `N` with `X-Text-Size` (where it ends: the next offset) and
//! `X-More-Data: true` while the build may write more. A read from an offset maps onto it
//! directly; a read of the tail first asks the size (`HEAD`, the same headers without the
//! text) and reads from `size - max_bytes`. Jenkins reads a start past the end from 0 (it
//! takes the log for one that rolled over), so such an offset is refused here instead.
//! A run still in the queue has no log yet.

use super::client::Jenkins;
use super::ids::{BuildRef, RunId, inside};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::{DEFAULT_LOG_BYTES, RunLogsGet};
use mosaic_core::model::RunLogs;
use mosaic_provider_kit::http::{Effect, RawReply};
use reqwest::Method;

/// What one read of the console said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Console {
    /// Where the text starts.
    pub start: u64,
    /// The text from `start` on.
    pub text: Vec<u8>,
    /// `X-Text-Size`: the log's length when it was read.
    pub size: u64,
    /// `X-More-Data`: whether the build may write more.
    pub more: bool,
}

impl Jenkins {
    pub(super) async fn logs(
        &self,
        input: &RunLogsGet,
        id: &RunId,
    ) -> Result<RunLogs, ProviderError> {
        let folder = self.folder_of(&input.repo)?;
        inside(&folder, &input.repo, &id.job, "run")?;
        let number = match id.build {
            BuildRef::Number(number) => number,
            BuildRef::Queued(item) => {
                let read = self.queue_item(item).await?;
                match read.executable {
                    Some(executable) => executable.number,
                    None => return queued_logs(id, input, read.cancelled),
                }
            }
        };
        let path = format!("/{}/{number}/logText/progressiveText", id.job);
        let limit = u64::from(input.max_bytes.unwrap_or(DEFAULT_LOG_BYTES));
        let start = match input.offset {
            Some(offset) => offset,
            None => {
                let head = self.console(Method::HEAD, &path, 0).await?;
                head.size.saturating_sub(limit)
            }
        };
        let console = self.console(Method::GET, &path, start).await?;
        window(&id.to_string(), &console, input.offset.is_some(), limit)
    }

    async fn console(
        &self,
        method: Method,
        path: &str,
        start: u64,
    ) -> Result<Console, ProviderError> {
        let reply = self
            .request(method, path, &[("start", start.to_string())], Effect::Read)
            .await
            .map_err(|error| match error {
                ProviderError::NotFound(message) => {
                    ProviderError::NotFound(format!("the console of `{path}` (Jenkins: {message})"))
                }
                other => other,
            })?;
        console_of(start, &reply)
    }
}

/// A console answer's text and headers.
pub fn console_of(start: u64, reply: &RawReply) -> Result<Console, ProviderError> {
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let size = header("x-text-size")
        .and_then(|size| size.trim().parse::<u64>().ok())
        .ok_or_else(|| {
            ProviderError::Protocol(
                "the console answer has no `X-Text-Size` saying where the log ends".into(),
            )
        })?;
    Ok(Console {
        start,
        text: reply.body.to_vec(),
        size,
        more: header("x-more-data").is_some_and(|more| more.trim().eq_ignore_ascii_case("true")),
    })
}

/// The answer of run `run_id` from `console`: from its start (`from_offset`) at most `limit`
/// bytes on, or, for a tail read, its last bytes; cuts fall on character boundaries.
pub fn window(
    run_id: &str,
    console: &Console,
    from_offset: bool,
    limit: u64,
) -> Result<RunLogs, ProviderError> {
    if console.start > console.size {
        return Err(ProviderError::Invalid(format!(
            "offset {} is past the end of run `{run_id}`'s log, which has {} bytes so far; give 0 or a previous answer's next_offset",
            console.start, console.size
        )));
    }
    let text = &console.text;
    let is_continuation = |byte: &u8| (0x80..0xC0).contains(byte);
    let (skip, take) = if from_offset {
        if text.first().is_some_and(is_continuation) {
            return Err(ProviderError::Invalid(format!(
                "offset {} falls inside a character of run `{run_id}`'s log; give 0 or a previous answer's next_offset",
                console.start
            )));
        }
        let mut end = usize::try_from(limit).unwrap_or(usize::MAX).min(text.len());
        while end < text.len() && end > 0 && is_continuation(&text[end]) {
            end -= 1;
        }
        (0, end)
    } else {
        let skip = text.iter().take_while(|byte| is_continuation(byte)).count();
        (skip, text.len())
    };
    let content = String::from_utf8_lossy(&text[skip..take]).into_owned();
    let offset = console.start + skip as u64;
    let next_offset = console.start + take as u64;
    let end = console.start + text.len() as u64;
    Ok(RunLogs {
        run_id: run_id.to_owned(),
        content,
        offset,
        next_offset,
        truncated: if from_offset {
            take < text.len()
        } else {
            offset > 0
        },
        complete: !console.more && next_offset == end,
    })
}

/// The log of a run still in the queue: nothing yet, and complete once it was cancelled.
fn queued_logs(id: &RunId, input: &RunLogsGet, cancelled: bool) -> Result<RunLogs, ProviderError> {
    if input.offset.is_some_and(|offset| offset > 0) {
        return Err(ProviderError::Invalid(format!(
            "offset {} is past the end of run `{id}`'s log, which is still in Jenkins' queue and has no log yet; give 0",
            input.offset.unwrap_or_default()
        )));
    }
    Ok(RunLogs {
        run_id: id.to_string(),
        content: String::new(),
        offset: 0,
        next_offset: 0,
        truncated: false,
        complete: cancelled,
    })
}

#[cfg(test)]
#[path = "logs_tests.rs"]
mod tests;
