//! A connection's socket as hyper sees it: reads and writes are reported to the connection's
//! [`Activity`], and hyper's own answers to requests it could not parse are replaced by the
//! envelope.
//!
//! hyper answers a request line or head it cannot parse by itself, before any service sees
//! the request: `400` (malformed), `414` (a target over its 64 KiB limit) or `431` (a head
//! over its buffer), each with an empty body, then closes the connection. It offers no hook
//! for those answers, so they are recognised here as they are written — a `400`, `414` or
//! `431` status line with `content-length: 0` while no request is being served (every answer
//! of ours carries a body) — and the envelope is written in their place.

use super::activity::Activity;
use crate::error::EdgeError;
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A socket watched by its connection's [`Activity`].
pub(crate) struct Watched<S> {
    inner: S,
    activity: Arc<Activity>,
    /// The envelope answer being written in place of hyper's, and how much of it is out.
    replacement: Option<(Vec<u8>, usize)>,
}

impl<S> Watched<S> {
    pub fn new(inner: S, activity: Arc<Activity>) -> Self {
        Self {
            inner,
            activity,
            replacement: None,
        }
    }
}

impl<S: AsyncWrite + Unpin> Watched<S> {
    /// Writes what is left of the replacement; `Ready(Ok)` once it is all out (or none).
    fn poll_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.replacement {
            if *written == bytes.len() {
                return Poll::Ready(Ok(()));
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }

    /// Starts replacing hyper's answer when `head` is one of its own; whether it was.
    fn replace_if_refusal(&mut self, head: &[u8]) -> bool {
        if self.replacement.is_some() {
            return true;
        }
        if self.activity.busy() {
            return false;
        }
        let Some(refusal) = hypers_refusal(head) else {
            return false;
        };
        tracing::debug!(%refusal, "refused a request hyper could not parse");
        self.replacement = Some((answer(&refusal), 0));
        true
    }
}

/// The refusal behind hyper's own answer `head`, if it is one.
fn hypers_refusal(head: &[u8]) -> Option<EdgeError> {
    let refusal = match head.get(..13)? {
        b"HTTP/1.1 400 " => EdgeError::Malformed,
        b"HTTP/1.1 414 " => EdgeError::UriTooLong {
            limit: crate::body::MAX_URI_BYTES,
        },
        b"HTTP/1.1 431 " => EdgeError::HeadTooLarge,
        _ => return None,
    };
    let end = head.windows(4).position(|window| window == b"\r\n\r\n")?;
    let empty = head[..end]
        .split(|byte| *byte == b'\n')
        .any(|line| line.trim_ascii().eq_ignore_ascii_case(b"content-length: 0"));
    empty.then_some(refusal)
}

/// A whole HTTP/1.1 answer of `refusal` in the envelope, closing the connection (as hyper
/// does after its own).
fn answer(refusal: &EdgeError) -> Vec<u8> {
    let status = refusal.describe().status;
    let body = refusal.envelope().to_string();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len()
    );
    let mut headers = refusal.headers();
    if !headers
        .iter()
        .any(|(name, _)| name == http::header::CONNECTION)
    {
        headers.push((
            http::header::CONNECTION,
            http::HeaderValue::from_static("close"),
        ));
    }
    for (name, value) in headers {
        if let Ok(value) = value.to_str() {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("\r\n");
    [head.into_bytes(), body.into_bytes()].concat()
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.inner).poll_read(cx, buf))?;
        if buf.filled().len() > before {
            self.activity.bytes_read();
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.replace_if_refusal(buf) {
            // hyper's bytes are taken (and dropped) once the replacement is out.
            ready!(self.poll_replacement(cx))?;
            return Poll::Ready(Ok(buf.len()));
        }
        let written = ready!(Pin::new(&mut self.inner).poll_write(cx, buf))?;
        self.activity.set_unflushed(true);
        Poll::Ready(Ok(written))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let first = bufs.iter().find(|buf| !buf.is_empty());
        if first.is_some_and(|head| self.replace_if_refusal(head)) {
            ready!(self.poll_replacement(cx))?;
            return Poll::Ready(Ok(bufs.iter().map(|buf| buf.len()).sum()));
        }
        let written = ready!(Pin::new(&mut self.inner).poll_write_vectored(cx, bufs))?;
        self.activity.set_unflushed(true);
        Poll::Ready(Ok(written))
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_replacement(cx))?;
        ready!(Pin::new(&mut self.inner).poll_flush(cx))?;
        self.activity.set_unflushed(false);
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_replacement(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
#[path = "io_tests.rs"]
mod tests;
