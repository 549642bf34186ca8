//! The settings of a `gitlab` instance, checked without any I/O: a token, the API root
//! (gitlab.com's unless the instance is self-managed), and the web root derived from it, where
//! the links to files and notes point, since GitLab's answers give those none.
//!
//! ```yaml
//! settings:
//!   base_url: https://gitlab.com/api/v4     # the default; self-managed: https://HOST/api/v4
//!   token: ${GITLAB_TOKEN}                   # personal, group or project access token
//!   conditional_requests: true               # the default: repeated reads revalidated
//! ```

use super::mapping::WebRoot;
use mosaic_core::FieldError;
use mosaic_provider_kit::token_settings::{Connection, validate_token_settings};
use reqwest::Url;

/// The plugin's name, in configuration files and in settings errors.
pub(super) const PLUGIN: &str = "gitlab";

/// The API root of gitlab.com.
pub const DEFAULT_BASE_URL: &str = "https://gitlab.com/api/v4";

/// A `gitlab` instance's checked settings.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Config {
    /// Where the API is, and the token.
    pub connection: Connection,
    /// Where people open what the API names.
    pub web_root: WebRoot,
}

/// Reads and checks a `gitlab` instance's settings, reporting every problem at once with its
/// path; without a `base_url`, gitlab.com's API.
pub(super) fn validate(settings: &serde_json::Value) -> Result<Config, Vec<FieldError>> {
    let connection = validate_token_settings(PLUGIN, settings, Some(DEFAULT_BASE_URL))?;
    let web_root = web_root(&connection.base_url);
    Ok(Config {
        connection,
        web_root,
    })
}

/// The instance's web root: the base URL without the `/api/v4` GitLab serves its API below.
/// A base URL without it (a proxy mounting the API elsewhere) is taken as the web root too.
fn web_root(base_url: &Url) -> WebRoot {
    let base = base_url.as_str().trim_end_matches('/');
    WebRoot(base.strip_suffix("/api/v4").unwrap_or(base).to_owned())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
