//! Logging setup: plain lines on standard error, coloured only when it is a terminal (and
//! `NO_COLOR` is unset), filtered by `RUST_LOG` (default [`DEFAULT_FILTER`]). Standard output
//! stays free for command output and MCP over stdio.
//!
//! At the default level a call is one INFO line, written by the gateway (`mosaic::call`:
//! operation, outcome, instance, cache, latency, trace id); rmcp's own lines (three per
//! stateless call) are kept to warnings. Events that matter to an operator — a provider
//! instance going down or coming back, a circuit opening or closing, a configuration reloaded
//! or rejected — are lines of their own.

use std::io::IsTerminal as _;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::util::SubscriberInitExt as _;

/// The filter when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "info,rmcp=warn";

/// What rmcp logs at ERROR when a client hangs up before the answer to its request was sent
/// (rmcp 3.11, `service.rs`). A caller going away is not a fault of the server.
const HANG_UP: &str = "failed to send pending response during drain";

/// Installs the global subscriber.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let ansi = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let _ = subscriber(filter, ansi, std::io::stderr).try_init();
}

/// The subscriber `init` installs, writing to `writer`.
fn subscriber<W>(filter: EnvFilter, ansi: bool, writer: W) -> impl Subscriber + Send + Sync
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    tracing_subscriber::registry()
        .with(filter)
        .with(QuietHangUps)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(ansi),
        )
}

/// Drops rmcp's ERROR about a client that hung up with a response pending. The message cannot
/// be changed at its source, and an `EnvFilter` directive cannot match an event's message, so
/// this layer matches target, level and message exactly; every other rmcp error still shows.
/// (Saying it again at DEBUG is not possible from here: tracing ignores events emitted while
/// another is being dispatched.)
struct QuietHangUps;

impl<S: Subscriber> Layer<S> for QuietHangUps {
    fn event_enabled(&self, event: &Event<'_>, _: Context<'_, S>) -> bool {
        let metadata = event.metadata();
        if *metadata.level() != Level::ERROR || !metadata.target().starts_with("rmcp") {
            return true;
        }
        let mut message = Message::default();
        event.record(&mut message);
        message.0 != HANG_UP
    }
}

/// The message of an event.
#[derive(Default)]
struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            value.clone_into(&mut self.0);
        }
    }
}

#[cfg(test)]
#[path = "logging_tests.rs"]
mod tests;
