//! The settings of a `linear` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://api.linear.app   # the default; the endpoint is {base_url}/graphql
//!   api_key: ${LINEAR_API_KEY}         # a personal API key, sent as it is
//!   # access_token: ${LINEAR_TOKEN}    # or an OAuth 2.0 access token, sent as `Bearer …`
//! ```
//!
//! Linear takes a personal API key bare in `Authorization` and an OAuth access token with the
//! `Bearer` scheme (linear.app/developers, "Authentication"); a key sent as `Bearer lin_api_…`
//! is refused, so the two are separate settings rather than one guessed from its shape.

use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Linear's API root; GraphQL is served at `/graphql` below it.
pub const DEFAULT_BASE_URL: &str = "https://api.linear.app";

/// A `linear` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinearSettings {
    /// The API root, path prefix included; the GraphQL endpoint is `{base_url}/graphql`.
    /// Default: `https://api.linear.app`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// A personal API key (Linear → Settings → Security & access), sent as it is. Write
    /// `${LINEAR_API_KEY}` to take it from the environment.
    #[serde(default)]
    pub api_key: Option<Secret>,
    /// An OAuth 2.0 access token instead of an API key, sent as `Bearer …`.
    #[serde(default)]
    pub access_token: Option<Secret>,
}

/// Checked settings, ready for a client.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearConnection {
    /// The API root (the endpoint is below it at `/graphql`).
    pub base_url: Url,
    /// The `Authorization` header value.
    pub authorization: Secret,
}

/// Reads and checks a `linear` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<LinearConnection, Vec<FieldError>> {
    // Keys that are wrong in themselves (unknown, wrong type) and rules on the others are
    // reported together.
    let (read, mut errors): (LinearSettings, _) = read_settings_partially("linear", settings)?;
    let base_url = parse_base_url(
        "base_url",
        read.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
    )
    .map_err(|error| errors.push(error))
    .ok();
    let authorization = authorization(&read, &mut errors);
    match (base_url, authorization) {
        (Some(base_url), Some(authorization)) if errors.is_empty() => Ok(LinearConnection {
            base_url,
            authorization,
        }),
        _ => Err(errors),
    }
}

/// The key as it is, or `Bearer token`: exactly one of the two.
fn authorization(read: &LinearSettings, errors: &mut Vec<FieldError>) -> Option<Secret> {
    match (&read.api_key, &read.access_token) {
        (Some(key), None) => secret("api_key", key.expose(), errors).map(Secret::new),
        (None, Some(token)) => secret("access_token", token.expose(), errors)
            .map(|token| Secret::new(format!("Bearer {token}"))),
        (None, None) => {
            errors.push(FieldError::new(
                "",
                "a `linear` instance needs `api_key` (a personal API key) or `access_token` (an OAuth access token)",
            ));
            None
        }
        (Some(_), Some(_)) => {
            errors.push(FieldError::new(
                "access_token",
                "give either `api_key` or `access_token`, not both",
            ));
            None
        }
    }
}

fn secret(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    if !check_secret(field, value, errors) {
        None
    } else if field == "api_key" && value.starts_with("Bearer ") {
        errors.push(FieldError::new(
            field,
            "a personal API key is sent as it is: drop `Bearer ` (or give an OAuth token as `access_token`)",
        ));
        None
    } else {
        Some(value.to_owned())
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
