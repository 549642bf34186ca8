//! The settings of a `notion` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://api.notion.com/v1   # the default
//!   token: ${NOTION_TOKEN}                # an internal integration's secret, or an OAuth token
//!   spaces:                               # optional: root pages named as spaces
//!     ENG: 1f2e3d4c5b6a49788796a5b4c3d2e1f0
//!     OPS: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
//! ```
//!
//! Notion has no teamspace API, so a space is a page (or data source) at the top of what the
//! integration may see: either the root pages named in `spaces`, under the keys given there,
//! or, without `spaces`, every top-level page and data source shared with the integration,
//! each under its own id as its key.

use crate::ids::NotionId;
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Notion's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.notion.com/v1";

/// The longest space key accepted: keys appear in routes (`space:ENG`).
const MAX_KEY: usize = 64;

/// A `notion` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotionSettings {
    /// The API root, `/v1` included. Default: `https://api.notion.com/v1`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The integration's secret (or an OAuth access token), sent as `Authorization: Bearer`.
    /// Write `${NOTION_TOKEN}` to take it from the environment.
    pub token: Secret,
    /// Root pages to serve as spaces, by key (`ENG: <page id>`): pages below them belong to
    /// that space. Default: every top-level page and data source shared with the
    /// integration, each keyed by its id.
    #[serde(default)]
    pub spaces: Option<BTreeMap<String, String>>,
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct NotionConnection {
    /// The API root.
    pub base_url: Url,
    /// The token.
    pub token: Secret,
    /// The configured root pages, by key, in key order; `None` discovers the top-level ones.
    pub spaces: Option<Vec<(String, NotionId)>>,
}

/// Reads and checks a `notion` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<NotionConnection, Vec<FieldError>> {
    let (read, mut errors): (NotionSettings, _) = read_settings_partially("notion", settings)?;
    let base_text = read.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
    let base_url = parse_base_url("base_url", base_text)
        .map_err(|error| errors.push(error))
        .ok();
    check_secret("token", read.token.expose(), &mut errors);
    let spaces = read
        .spaces
        .as_ref()
        .map(|spaces| check_spaces(spaces, &mut errors));
    match base_url {
        Some(base_url) if errors.is_empty() => Ok(NotionConnection {
            base_url,
            token: read.token,
            spaces,
        }),
        _ => Err(errors),
    }
}

/// The configured spaces: keys that can stand in a route, ids that are Notion ids, no page
/// named twice.
fn check_spaces(
    spaces: &BTreeMap<String, String>,
    errors: &mut Vec<FieldError>,
) -> Vec<(String, NotionId)> {
    if spaces.is_empty() {
        errors.push(FieldError::new(
            "spaces",
            "names no root page; leave it out to serve every top-level page shared with the integration",
        ));
    }
    let mut checked: Vec<(String, NotionId)> = Vec::new();
    for (key, id) in spaces {
        let path = format!("spaces.{key}");
        let key_ok = !key.is_empty()
            && key.len() <= MAX_KEY
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !key_ok {
            errors.push(FieldError::new(
                &path,
                format!("`{key}` cannot be a space key (letters, digits, `-` and `_`, at most {MAX_KEY})"),
            ));
        }
        match NotionId::parse(id) {
            Ok(id) => {
                if let Some((other, _)) = checked.iter().find(|(_, seen)| *seen == id) {
                    errors.push(FieldError::new(
                        &path,
                        format!("names the same page as `spaces.{other}`"),
                    ));
                }
                checked.push((key.clone(), id));
            }
            Err(problem) => errors.push(FieldError::new(&path, problem)),
        }
    }
    checked
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
