//! The settings of a `plane` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://plane.example.com/api/v1   # default: https://api.plane.so/api/v1
//!   api_key: ${PLANE_API_KEY}
//!   workspace: acme                              # the workspace slug in Plane's URLs
//!   api: work-items                              # or `issues`, the older path names
//!   web_url: https://plane.example.com           # default: derived from base_url
//! ```

use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Plane Cloud's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.plane.so/api/v1";

/// Where Plane Cloud's pages are (its API is on another host).
pub const CLOUD_WEB_URL: &str = "https://app.plane.so";

/// The longest workspace slug Plane accepts (`Workspace.slug`, `max_length=48`).
const MAX_SLUG: usize = 48;

/// Which names of Plane's work item paths to call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApiPaths {
    /// `/projects/{id}/work-items/` and `/work-items/{PROJ}-{n}/`, current Plane (2025 on).
    #[default]
    WorkItems,
    /// `/projects/{id}/issues/` and `/issues/{PROJ}-{n}/`, older Plane (still served by newer
    /// releases, deprecated there).
    Issues,
}

impl ApiPaths {
    /// The path segment of work items.
    pub fn segment(self) -> &'static str {
        match self {
            Self::WorkItems => "work-items",
            Self::Issues => "issues",
        }
    }
}

/// A `plane` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaneSettings {
    /// The API root, `/api/v1` included. Default: Plane Cloud, `https://api.plane.so/api/v1`;
    /// self-hosted: `https://plane.example.com/api/v1`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Where people open work items. Default: `base_url` without `/api/v1`
    /// (`https://app.plane.so` for Plane Cloud).
    #[serde(default)]
    pub web_url: Option<String>,
    /// The API key (workspace settings → API tokens), sent as `X-API-Key`. Write
    /// `${PLANE_API_KEY}` to take it from the environment.
    pub api_key: Secret,
    /// The workspace's slug, as in `https://app.plane.so/{slug}/projects`.
    pub workspace: String,
    /// Path names of work items: `work-items` (default, current Plane) or `issues` (older).
    #[serde(default)]
    pub api: ApiPaths,
    /// Revalidate repeated reads with `If-None-Match` where Plane sends an `ETag`.
    /// Default: true.
    #[serde(default = "yes")]
    pub conditional_requests: bool,
}

fn yes() -> bool {
    true
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaneConnection {
    /// The API root.
    pub base_url: Url,
    /// Where pages are, without a trailing slash.
    pub web_url: String,
    /// The API key.
    pub api_key: Secret,
    /// The workspace slug.
    pub workspace: String,
    /// Path names of work items.
    pub api: ApiPaths,
    /// Whether repeated reads are revalidated with `If-None-Match`.
    pub conditional_requests: bool,
}

/// Reads and checks a `plane` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<PlaneConnection, Vec<FieldError>> {
    let (read, mut errors): (PlaneSettings, _) = read_settings_partially("plane", settings)?;
    let base_text = read.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
    let base_url = parse_base_url("base_url", base_text)
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
    check_secret("api_key", read.api_key.expose(), &mut errors);
    if let Err(message) = check_slug(&read.workspace) {
        errors.push(FieldError::new("workspace", message));
    }
    match (base_url, web_url) {
        (Some(base_url), Some(web_url)) if errors.is_empty() => Ok(PlaneConnection {
            base_url,
            web_url,
            api_key: read.api_key,
            workspace: read.workspace,
            api: read.api,
            conditional_requests: read.conditional_requests,
        }),
        _ => Err(errors),
    }
}

/// The app's root from the API's: Plane serves its API at `/api/v1` below the app, except
/// Plane Cloud, whose API host is `api.plane.so` and app host `app.plane.so`.
pub fn web_url_of(base_url: &Url) -> Result<String, FieldError> {
    if base_url.host_str() == Some("api.plane.so") {
        return Ok(CLOUD_WEB_URL.to_owned());
    }
    let text = base_url.as_str().trim_end_matches('/');
    match text.strip_suffix("/api/v1") {
        Some(root) => Ok(root.to_owned()),
        None => Err(FieldError::new(
            "web_url",
            format!(
                "cannot be derived from base_url `{text}`, which does not end in `/api/v1`; set the address people open Plane at"
            ),
        )),
    }
}

/// A workspace slug as Plane writes them: letters, digits, `-` and `_`, at most 48.
fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("must name the workspace's slug (as in `https://app.plane.so/SLUG/`)".into());
    }
    let allowed = slug
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !allowed || slug.len() > MAX_SLUG {
        return Err(format!(
            "`{slug}` is not a workspace slug (letters, digits, `-` and `_`, at most {MAX_SLUG})"
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
