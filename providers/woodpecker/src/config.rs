//! The settings of a `woodpecker` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://ci.example.com/api   # Woodpecker's API root: the server's address + /api
//!   token: ${WOODPECKER_TOKEN}              # a personal access token (user → Personal Access Token)
//!   web_url: https://ci.example.com         # default: base_url without /api
//! ```

use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A `woodpecker` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WoodpeckerSettings {
    /// The API root, `/api` included: `https://ci.example.com/api`. Woodpecker is
    /// self-hosted, so there is no default.
    pub base_url: String,
    /// Where people open pipelines. Default: `base_url` without `/api`.
    #[serde(default)]
    pub web_url: Option<String>,
    /// A personal access token (the user menu → Personal Access Token), sent as
    /// `Authorization: Bearer …`. Write `${WOODPECKER_TOKEN}` to take it from the environment.
    pub token: Secret,
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct WoodpeckerConnection {
    /// The API root.
    pub base_url: Url,
    /// The web UI's root, without a trailing slash.
    pub web_url: String,
    /// `Authorization`'s value: `Bearer TOKEN`.
    pub authorization: Secret,
}

/// Reads and checks a `woodpecker` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<WoodpeckerConnection, Vec<FieldError>> {
    let (read, mut errors): (WoodpeckerSettings, _) =
        read_settings_partially("woodpecker", settings)?;
    let base_url = parse_base_url("base_url", &read.base_url)
        .map_err(|error| errors.push(error))
        .ok();
    let web_url = match (&read.web_url, &base_url) {
        (Some(text), _) => parse_base_url("web_url", text)
            .map(|url| url.as_str().trim_end_matches('/').to_owned())
            .map_err(|error| errors.push(error))
            .ok(),
        (None, Some(base_url)) => web_url_of(base_url)
            .map_err(|error| errors.push(error))
            .ok(),
        (None, None) => None,
    };
    let token = read.token.expose().trim();
    if check_secret("token", read.token.expose(), &mut errors) && token.starts_with("Bearer ") {
        errors.push(FieldError::new(
            "token",
            "give the token alone: `Bearer ` is added when it is sent",
        ));
    }
    match (base_url, web_url) {
        (Some(base_url), Some(web_url)) if errors.is_empty() => Ok(WoodpeckerConnection {
            base_url,
            web_url,
            authorization: Secret::new(format!("Bearer {token}")),
        }),
        _ => Err(errors),
    }
}

/// The server's root from the API's: Woodpecker serves its API at `/api` below the UI.
pub fn web_url_of(base_url: &Url) -> Result<String, FieldError> {
    let text = base_url.as_str().trim_end_matches('/');
    match text.strip_suffix("/api") {
        Some(root) => Ok(root.to_owned()),
        None => Err(FieldError::new(
            "web_url",
            format!(
                "cannot be derived from base_url `{text}`, which does not end in `/api`; set the address people open Woodpecker at"
            ),
        )),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
