//! Provider plugins: the simulated provider for all four kinds and the native adapters (Git
//! forges over `forge.rs`, project trackers over `tracker.rs`).

pub mod duration;
pub mod forge;
pub mod gitea;
pub mod github;
pub mod gitlab;
pub mod http;
pub mod jira;
pub mod linear;
pub mod markdown;
pub mod plane;
pub mod registry;
pub mod rfc3339;
pub mod settings;
pub mod sim;
pub mod token_settings;
pub mod tracker;

pub use registry::Registry;
