//! Provider plugins: the simulated provider for all four kinds and the native adapters.

pub mod duration;
pub mod http;
pub mod registry;
pub mod settings;
pub mod token_settings;
pub mod sim;

pub use registry::Registry;
