//! Errors in route rules, found when the router is built, each with its path in the
//! configuration file so `mosaic config check` can point at the offending line.

use serde::Serialize;

/// One problem with the route rules or the instance list handed to [`crate::Router::new`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RouteConfigError {
    /// Where in the configuration: `routes[2].targets[0].instance`, `instances[1].name`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl RouteConfigError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}
