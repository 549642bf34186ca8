//! The plugin contract: what a provider plugin declares about itself, how its instances are
//! validated and built, and the plugin set the configuration is read against.

pub mod duration;
pub mod settings;
