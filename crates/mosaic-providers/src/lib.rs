//! Provider plugins: the simulated provider for all four kinds and the native adapters.

pub mod duration;
pub mod forge;
pub mod gitea;
pub mod github;
pub mod gitlab;
pub mod http;
pub mod jira;
pub mod registry;
pub mod settings;
pub mod sim;
pub mod token_settings;

pub use registry::Registry;
