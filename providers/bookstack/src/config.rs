//! The settings of a `bookstack` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://docs.example.com/api   # BookStack's API root: the app's address + /api
//!   token_id: ${BOOKSTACK_TOKEN_ID}           # an API token of a user (profile → API tokens)
//!   token_secret: ${BOOKSTACK_TOKEN_SECRET}
//!   web_url: https://docs.example.com         # default: base_url without /api
//! ```

use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A `bookstack` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BookstackSettings {
    /// The API root, `/api` included: `https://docs.example.com/api`. BookStack is
    /// self-hosted, so there is no default.
    pub base_url: String,
    /// Where people open pages. Default: `base_url` without `/api`.
    #[serde(default)]
    pub web_url: Option<String>,
    /// The API token's id (a user's profile → API tokens). Write `${BOOKSTACK_TOKEN_ID}` to
    /// take it from the environment.
    pub token_id: Secret,
    /// The API token's secret, shown once when the token is made. Write
    /// `${BOOKSTACK_TOKEN_SECRET}` to take it from the environment.
    pub token_secret: Secret,
    /// Revalidate repeated reads with `If-None-Match` where BookStack, or a proxy in front of
    /// it, sends an `ETag`. Default: true.
    #[serde(default = "yes")]
    pub conditional_requests: bool,
}

fn yes() -> bool {
    true
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct BookstackConnection {
    /// The API root.
    pub base_url: Url,
    /// Where pages are, without a trailing slash.
    pub web_url: String,
    /// `Authorization`'s value: `Token ID:SECRET`.
    pub authorization: Secret,
    /// Whether repeated reads are revalidated with `If-None-Match`.
    pub conditional_requests: bool,
}

/// Reads and checks a `bookstack` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<BookstackConnection, Vec<FieldError>> {
    let (read, mut errors): (BookstackSettings, _) =
        read_settings_partially("bookstack", settings)?;
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
    if check_secret("token_id", read.token_id.expose(), &mut errors)
        && read.token_id.expose().contains(':')
    {
        // BookStack splits `ID:SECRET` at the first colon: an id with one can never match.
        errors.push(FieldError::new(
            "token_id",
            "must not contain `:`, which separates the id from the secret in BookStack's `Authorization: Token ID:SECRET`",
        ));
    }
    check_secret("token_secret", read.token_secret.expose(), &mut errors);
    match (base_url, web_url) {
        (Some(base_url), Some(web_url)) if errors.is_empty() => Ok(BookstackConnection {
            base_url,
            web_url,
            authorization: Secret::new(format!(
                "Token {}:{}",
                read.token_id.expose(),
                read.token_secret.expose()
            )),
            conditional_requests: read.conditional_requests,
        }),
        _ => Err(errors),
    }
}

/// The app's root from the API's: BookStack serves its API at `/api` below the app.
pub fn web_url_of(base_url: &Url) -> Result<String, FieldError> {
    let text = base_url.as_str().trim_end_matches('/');
    match text.strip_suffix("/api") {
        Some(root) => Ok(root.to_owned()),
        None => Err(FieldError::new(
            "web_url",
            format!(
                "cannot be derived from base_url `{text}`, which does not end in `/api`; set the address people open BookStack at"
            ),
        )),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
