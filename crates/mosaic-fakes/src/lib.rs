//! Every provider's stateful fake, in one place for end-to-end tests and for
//! `mosaic-fakes serve`: each fake lives in its provider's folder (`providers/<name>/fake`),
//! what they share in `mosaic-fake-kit`.
//!
//! - `all_fakes.rs`: every fake on one listener, each below `/<plugin>`, as
//!   `mosaic-fakes serve` runs them;
//! - `exports.rs`: their base URLs and tokens as shell `export` lines, named as the example
//!   configurations read them.

pub mod all_fakes;
pub mod exports;

pub use mosaic_fake_kit::{forge, knobs, paging, server, tracker};
pub use mosaic_gitea_fake as gitea;
pub use mosaic_github_fake as github;
pub use mosaic_gitlab_fake as gitlab;
pub use mosaic_jira_fake as jira;
pub use mosaic_linear_fake as linear;
pub use mosaic_plane_fake as plane;
