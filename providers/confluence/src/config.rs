//! The settings of a `confluence` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://acme.atlassian.net      # the site; pages are {base_url}/wiki/…
//!   email: bot@acme.example                   # e-mail + API token, sent as Basic to the site
//!   api_token: ${CONFLUENCE_API_TOKEN}
//!   # token: ${CONFLUENCE_OAUTH_TOKEN}        # or an OAuth 2.0 (3LO) access token,
//!   # cloud_id: 0b2c…                         # sent as Bearer through api.atlassian.com
//! ```

use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::read_settings;
use mosaic_provider_kit::atlassian::{AtlassianAuth, atlassian_auth};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where OAuth 2.0 requests go unless `api_url` says otherwise.
pub const ATLASSIAN_API: &str = "https://api.atlassian.com";

/// A `confluence` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfluenceSettings {
    /// The site's root (`https://acme.atlassian.net`). With e-mail and API token the API is
    /// reached here (`/wiki/api/v2/…`); with OAuth it is where people open pages.
    pub base_url: String,
    /// The account's e-mail, with `api_token`.
    #[serde(default)]
    pub email: Option<String>,
    /// The API token of `email`'s account.
    #[serde(default)]
    pub api_token: Option<Secret>,
    /// An OAuth 2.0 access token instead of e-mail and API token; needs `cloud_id`.
    #[serde(default)]
    pub token: Option<Secret>,
    /// The site's cloud id: OAuth requests go to `{api_url}/ex/confluence/{cloud_id}`.
    #[serde(default)]
    pub cloud_id: Option<String>,
    /// Atlassian's API gateway for OAuth requests. Default: `https://api.atlassian.com`.
    #[serde(default)]
    pub api_url: Option<String>,
    /// Revalidate repeated reads with `If-None-Match`. Default: true.
    #[serde(default = "yes")]
    pub conditional_requests: bool,
}

fn yes() -> bool {
    true
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfluenceConnection {
    /// Where API paths (`/wiki/api/v2/…`) go below.
    pub api_url: Url,
    /// The site's root, for web links (`{site}/wiki/spaces/…`).
    pub site_url: Url,
    /// The `Authorization` header value.
    pub authorization: Secret,
    /// Whether repeated reads are revalidated with `If-None-Match`.
    pub conditional_requests: bool,
}

/// Reads and checks a `confluence` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<ConfluenceConnection, Vec<FieldError>> {
    let read: ConfluenceSettings = read_settings("confluence", settings)?;
    let mut errors = Vec::new();
    let site_url = parse_base_url("base_url", &read.base_url)
        .map_err(|error| errors.push(error))
        .ok();
    let (authorization, api_url) = match credentials(&read, &mut errors) {
        Some(Credentials::Basic(authorization)) => (Some(authorization), site_url.clone()),
        Some(Credentials::OAuth(authorization, cloud_id)) => {
            let gateway = read.api_url.as_deref().unwrap_or(ATLASSIAN_API);
            let api = parse_base_url("api_url", gateway)
                .map_err(|error| errors.push(error))
                .ok()
                .and_then(|api| {
                    let text = format!(
                        "{}/ex/confluence/{cloud_id}",
                        api.as_str().trim_end_matches('/')
                    );
                    parse_base_url("cloud_id", &text)
                        .map_err(|error| errors.push(error))
                        .ok()
                });
            (Some(authorization), api)
        }
        None => (None, None),
    };
    match (site_url, api_url, authorization) {
        (Some(site_url), Some(api_url), Some(authorization)) if errors.is_empty() => {
            Ok(ConfluenceConnection {
                api_url,
                site_url,
                authorization,
                conditional_requests: read.conditional_requests,
            })
        }
        _ => Err(errors),
    }
}

enum Credentials {
    /// `Basic base64(email:api_token)`, against the site.
    Basic(Secret),
    /// `Bearer token`, through Atlassian's gateway for this cloud id.
    OAuth(Secret, String),
}

/// E-mail and API token, or an OAuth token with the site's cloud id: exactly one of the two.
fn credentials(read: &ConfluenceSettings, errors: &mut Vec<FieldError>) -> Option<Credentials> {
    let auth = atlassian_auth(
        read.email.as_deref(),
        read.api_token.as_ref(),
        read.token.as_ref(),
        "a `confluence` instance needs `email` and `api_token`, or an OAuth `token` with `cloud_id`",
        errors,
    );
    let oauth = read.token.is_some() && read.email.is_none() && read.api_token.is_none();
    let cloud_id = read.cloud_id.as_deref().map(str::trim);
    if !oauth {
        if cloud_id.is_some() && read.email.is_some() && read.api_token.is_some() {
            errors.push(FieldError::new(
                "cloud_id",
                "`cloud_id` goes with an OAuth `token`; e-mail and API token reach the site itself",
            ));
            return None;
        }
        return match auth? {
            AtlassianAuth::Basic(basic) => Some(Credentials::Basic(basic)),
            AtlassianAuth::Bearer(_) => None,
        };
    }
    let cloud_id = match cloud_id {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            Some(id.to_owned())
        }
        Some(_) => {
            errors.push(FieldError::new(
                "cloud_id",
                "a cloud id is letters, digits and dashes (`accessible-resources` lists it)",
            ));
            None
        }
        None => {
            errors.push(FieldError::new(
                "cloud_id",
                "an OAuth `token` needs the site's `cloud_id`: Confluence Cloud answers OAuth requests only through api.atlassian.com/ex/confluence/{cloudId}",
            ));
            None
        }
    };
    match (auth?, cloud_id?) {
        (AtlassianAuth::Bearer(bearer), cloud_id) => Some(Credentials::OAuth(bearer, cloud_id)),
        (AtlassianAuth::Basic(_), _) => None,
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
