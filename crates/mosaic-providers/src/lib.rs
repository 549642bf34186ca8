//! The built-in plugin set: every native provider plugin compiled into this build. Each
//! provider is a crate of its own under `providers/` and a cargo feature here (all on by
//! default), so a slim build leaves out what it does not need.

mod registry;

pub use registry::Registry;
