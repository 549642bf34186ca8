//! Provider plugins: the simulated provider for all four kinds and the native adapters.

pub mod duration;
pub mod registry;
pub mod sim;

pub use registry::Registry;
