//! `mosaic serve` run as users run it, as a child process: what its audit log, metrics and
//! logs promise to operators — every answered write audited through a kill -9, histograms
//! with `# HELP` on `/metrics`, one plain log line per call.

mod kill;
mod logs;
mod metrics;
#[path = "../common/serve.rs"]
mod serve;
mod support;
