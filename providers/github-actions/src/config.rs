//! The settings of a `github-actions` instance, checked without any I/O: the API root and the
//! token in the shape every GitHub plugin reads (`mosaic_provider_kit::github`), and how a
//! run is cancelled.
//!
//! ```yaml
//! settings:
//!   base_url: https://api.github.com       # the default; GHES: https://ghe.example.com/api/v3
//!   token: ${GITHUB_TOKEN}                  # classic or fine-grained PAT, app installation token
//!   conditional_requests: true              # the default: repeated reads revalidated
//!   cancel: normal                          # or `force`: POST …/force-cancel
//! ```

use mosaic_core::FieldError;
use mosaic_provider_kit::github::validate_github_settings;
use mosaic_provider_kit::token_settings::{Connection, TokenSettings};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

/// The plugin's name, in configuration files and in settings errors.
pub(super) const PLUGIN: &str = "github-actions";

/// The settings as a configuration file writes them: the schema the plugin publishes.
/// [`validate`] reads them in two parts, the GitHub connection with the kit's reader and
/// `cancel` here, since serde cannot refuse unknown fields around a flattened one.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionsSettings {
    /// Where GitHub's API is and the token, as for the `github` plugin.
    #[serde(flatten)]
    pub github: TokenSettings,
    /// How `ci.runs.cancel` stops a run: `normal` (the default) asks the run to cancel,
    /// which lets steps marked `if: always()` run on; `force` uses GitHub's force-cancel,
    /// which stops those too (for a run that ignores a normal cancel).
    #[serde(default)]
    pub cancel: CancelMode,
}

/// How a run is cancelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CancelMode {
    /// `POST …/runs/{id}/cancel`.
    #[default]
    Normal,
    /// `POST …/runs/{id}/force-cancel`.
    Force,
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Checked {
    pub connection: Connection,
    pub cancel: CancelMode,
}

/// Reads and checks the settings, reporting every problem at once with its path: the GitHub
/// connection as the kit reads it for every GitHub plugin, then `cancel`.
pub(super) fn validate(settings: &Value) -> Result<Checked, Vec<FieldError>> {
    let mut shared = settings.clone();
    let cancel = shared
        .as_object_mut()
        .and_then(|object| object.remove("cancel"));
    let mut errors = Vec::new();
    let connection = validate_github_settings(PLUGIN, &shared)
        .map_err(|found| errors.extend(found))
        .ok();
    let cancel = match cancel {
        None => Some(CancelMode::Normal),
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|_| {
                errors.push(FieldError::new(
                    "cancel",
                    format!("expected `normal` or `force`, got {value}"),
                ));
            })
            .ok(),
    };
    match (connection, cancel) {
        (Some(connection), Some(cancel)) if errors.is_empty() => Ok(Checked { connection, cancel }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
