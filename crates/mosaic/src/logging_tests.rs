use super::{DEFAULT_FILTER, subscriber};
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// A writer that keeps what is logged.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

fn logged(filter: &str, emit: impl FnOnce()) -> String {
    let captured = Captured::default();
    let subscriber = subscriber(EnvFilter::new(filter), false, captured.clone());
    tracing::subscriber::with_default(subscriber, emit);
    captured.text()
}

#[test]
fn rmcp_is_kept_to_warnings_and_a_hang_up_is_no_error() {
    let log = logged(DEFAULT_FILTER, || {
        tracing::info!(target: "rmcp::service", "Service initialized as server");
        tracing::error!(target: "rmcp::service", error = "channel closed", "failed to send pending response during drain");
        tracing::error!(target: "rmcp::service", error = "boom", "fail to close sink");
        tracing::info!(target: "mosaic::call", operation = "git.issues.get", "call");
    });
    assert!(!log.contains("Service initialized"), "{log}");
    assert!(!log.contains("pending response"), "{log}");
    assert!(
        log.contains("ERROR rmcp::service: fail to close sink"),
        "other rmcp errors stay: {log}"
    );
    assert!(
        log.contains("INFO mosaic::call: call operation=\"git.issues.get\""),
        "{log}"
    );
    assert!(!log.contains('\u{1b}'), "no colours: {log}");
}

#[test]
fn a_hang_up_is_no_error_whatever_the_filter() {
    let log = logged("trace", || {
        tracing::error!(target: "rmcp::service", error = "channel closed", "failed to send pending response during drain");
        tracing::debug!(target: "rmcp::service", "dropping response for cancelled request");
    });
    assert!(!log.contains("ERROR"), "{log}");
    assert!(
        log.contains("DEBUG rmcp::service: dropping response"),
        "{log}"
    );
}
