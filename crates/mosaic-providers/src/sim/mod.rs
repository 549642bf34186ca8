//! The simulated provider.

/// The `sim` plugin.
pub struct SimPlugin;
