//! The settings block of a provider reached over HTTP with an access token (the Git forges):
//! where its API is and how to authenticate, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://git.example.com/api/v1   # path prefix included
//!   token: ${GITEA_TOKEN}
//! ```

use crate::http::parse_base_url;
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings};
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the API is and how to authenticate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenSettings {
    /// The API root, including any path prefix (`https://git.example.com/api/v1`,
    /// `https://gitlab.example.com/api/v4`). Defaults to the public service where there is one
    /// (`https://api.github.com`, `https://gitlab.com/api/v4`).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The access token (personal, project or app token). Write `${ENV_VAR}` to take it from
    /// the environment.
    pub token: Secret,
    /// Revalidate repeated reads with `If-None-Match`, so an unchanged answer costs no quota.
    /// Default: true.
    #[serde(default = "yes")]
    pub conditional_requests: bool,
}

fn yes() -> bool {
    true
}

/// Checked settings, ready for a client.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    /// The API root.
    pub base_url: Url,
    /// The token.
    pub token: Secret,
    /// Whether repeated reads are revalidated with `If-None-Match`.
    pub conditional_requests: bool,
}

/// Reads and checks a token-authenticated provider's settings; `default_base_url` is used when
/// none is configured, and a base URL is required when there is no default.
pub fn validate_token_settings(
    plugin: &str,
    settings: &serde_json::Value,
    default_base_url: Option<&str>,
) -> Result<Connection, Vec<FieldError>> {
    let read: TokenSettings = read_settings(plugin, settings)?;
    let mut errors = Vec::new();
    let base_url = match read.base_url.as_deref().or(default_base_url) {
        Some(text) => parse_base_url("base_url", text)
            .map_err(|error| errors.push(error))
            .ok(),
        None => {
            errors.push(FieldError::new(
                "base_url",
                format!(
                    "a `{plugin}` instance needs the URL of its API, path prefix included (such as `https://git.example.com/api/v1`)"
                ),
            ));
            None
        }
    };
    check_secret("token", read.token.expose(), &mut errors);
    match base_url {
        Some(base_url) if errors.is_empty() => Ok(Connection {
            base_url,
            token: read.token,
            conditional_requests: read.conditional_requests,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[path = "token_settings_tests.rs"]
mod tests;
