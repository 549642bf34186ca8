//! Every provider's stateful fake, in one place for end-to-end tests and for
//! `mosaic-fakes serve`: each fake lives in its provider's folder (`providers/<name>/fake`),
//! what they share in `mosaic-fake-kit`. The list of fakes is the built-in plugin set's
//! (`mosaic-providers` with its `fakes` feature): a provider added there is served here. The
//! fakes of providers that only a declarative manifest serves (`plugins/redmine.yaml`) have no
//! built-in plugin to list them, and are named here ([`mounts`]).
//!
//! - `all_fakes.rs`: every fake on one listener, each below `/<plugin>`, as
//!   `mosaic-fakes serve` runs them;
//! - `exports.rs`: their base URLs and tokens as shell `export` lines, named as the example
//!   configurations read them.

pub mod all_fakes;
pub mod exports;

pub use mosaic_fake_kit::{forge, knobs, mount, paging, server, tracker, wiki};
/// Every built-in provider's fake, by provider name (`mosaic_fakes::github`).
pub use mosaic_providers::fakes::*;
/// Redmine's fake, which `plugins/redmine.yaml` is tested on.
pub use mosaic_redmine_fake as redmine;

use mosaic_fake_kit::mount::FakeMount;

/// Every fake `mosaic-fakes serve` mounts: the built-in providers', then those of the
/// providers only a manifest serves.
pub fn mounts() -> Vec<FakeMount> {
    let mut mounts = mosaic_providers::fakes::mounts();
    mounts.extend(redmine::mounts());
    mounts
}
