//! Provider plugins: the simulated provider for all four kinds and the native adapters.
