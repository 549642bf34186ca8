//! Every provider's stateful fake, in one place for end-to-end tests and for
//! `mosaic-fakes serve`: each fake lives in its provider's folder (`providers/<name>/fake`),
//! what they share in `mosaic-fake-kit`. The list of fakes is the built-in plugin set's
//! (`mosaic-providers` with its `fakes` feature): a provider added there is served here.
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
