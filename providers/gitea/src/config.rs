//! The settings of a `gitea` instance, checked without any I/O: a token, and the API root,
//! which every instance names, since Gitea (and Forgejo) is always self-hosted.
//!
//! ```yaml
//! settings:
//!   base_url: https://git.example.com/api/v1   # required, `/api/v1` included
//!   token: ${GITEA_TOKEN}
//!   conditional_requests: true                  # the default: repeated reads revalidated
//! ```

use mosaic_core::FieldError;
use mosaic_provider_kit::token_settings::{Connection, validate_token_settings};

/// The plugin's name, in configuration files and in settings errors.
pub(super) const PLUGIN: &str = "gitea";

/// Reads and checks a `gitea` instance's settings, reporting every problem at once with its
/// path; a missing `base_url` is one of them, as there is no public Gitea to default to.
pub(super) fn validate(settings: &serde_json::Value) -> Result<Connection, Vec<FieldError>> {
    validate_token_settings(PLUGIN, settings, None)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
