//! The settings of a `github` instance, checked without any I/O: a token, and the API root,
//! which is github.com's unless the instance is a GitHub Enterprise Server (the shape every
//! GitHub plugin reads, `mosaic_provider_kit::github`).
//!
//! ```yaml
//! settings:
//!   base_url: https://api.github.com       # the default; GHES: https://ghe.example.com/api/v3
//!   token: ${GITHUB_TOKEN}                  # classic or fine-grained PAT, app installation token
//!   conditional_requests: true              # the default: repeated reads revalidated
//! ```

use mosaic_core::FieldError;
use mosaic_provider_kit::github::validate_github_settings;
use mosaic_provider_kit::token_settings::Connection;

/// The plugin's name, in configuration files and in settings errors.
pub(super) const PLUGIN: &str = "github";

/// Reads and checks a `github` instance's settings, reporting every problem at once with its
/// path; without a `base_url`, github.com's API.
pub(super) fn validate(settings: &serde_json::Value) -> Result<Connection, Vec<FieldError>> {
    validate_github_settings(PLUGIN, settings)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
