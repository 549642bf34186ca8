//! The settings of a `jira` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://acme.atlassian.net        # the site; a path prefix is kept
//!   email: bot@acme.example                     # Jira Cloud: e-mail + API token (Basic)
//!   api_token: ${JIRA_API_TOKEN}
//!   # token: ${JIRA_TOKEN}                      # or a bearer token (OAuth 2.0, Data Center PAT)
//!   search: jql                                 # `/search/jql` with page tokens; `legacy`: `/search`
//!   backlog_statuses: [Backlog]
//!   cancelled_resolutions: ["Won't Do", Duplicate, "Cannot Reproduce"]
//! ```

use super::status::{DEFAULT_CANCELLED_RESOLUTIONS, StatusMapping};
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::read_settings;
use mosaic_provider_kit::atlassian::{AtlassianAuth, atlassian_auth};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which issue search endpoint to call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchApi {
    /// `GET /rest/api/3/search/jql`, paged by `nextPageToken` (Jira Cloud since 2025).
    #[default]
    Jql,
    /// `GET /rest/api/3/search`, paged by `startAt` (Data Center, and Cloud before 2025).
    Legacy,
}

/// A `jira` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JiraSettings {
    /// The site's root, path prefix included (`https://acme.atlassian.net`,
    /// `https://jira.example.com/jira`); API paths (`/rest/api/3/…`) go below it.
    pub base_url: String,
    /// Where people open work items, when not the same as `base_url` (an OAuth 2.0 instance
    /// reaches the API through `https://api.atlassian.com/ex/jira/{cloudId}`).
    #[serde(default)]
    pub web_url: Option<String>,
    /// The account's e-mail, with `api_token` (Jira Cloud).
    #[serde(default)]
    pub email: Option<String>,
    /// The API token of `email`'s account.
    #[serde(default)]
    pub api_token: Option<Secret>,
    /// A bearer token instead of e-mail and API token.
    #[serde(default)]
    pub token: Option<Secret>,
    /// The search endpoint. Default: `jql`.
    #[serde(default)]
    pub search: SearchApi,
    /// To Do statuses that are `backlog` rather than `todo`. Default: none.
    #[serde(default)]
    pub backlog_statuses: Vec<String>,
    /// Resolutions that make a Done work item `cancelled`. Default: "Won't Do", "Duplicate",
    /// "Cannot Reproduce".
    #[serde(default = "default_cancelled")]
    pub cancelled_resolutions: Vec<String>,
    /// The issue type of `pm.issues.create` when the caller names none. Default: `Task`.
    #[serde(default = "default_issue_type")]
    pub default_issue_type: String,
    /// Revalidate repeated reads with `If-None-Match`. Default: true.
    #[serde(default = "yes")]
    pub conditional_requests: bool,
}

fn default_cancelled() -> Vec<String> {
    DEFAULT_CANCELLED_RESOLUTIONS
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

fn default_issue_type() -> String {
    "Task".into()
}

fn yes() -> bool {
    true
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct JiraConnection {
    /// The site's API root.
    pub base_url: Url,
    /// Where `/browse/KEY` pages are.
    pub web_url: Url,
    /// The `Authorization` header value.
    pub authorization: Secret,
    /// The search endpoint.
    pub search: SearchApi,
    /// Status categories.
    pub statuses: StatusMapping,
    /// Issue type when none is named.
    pub default_issue_type: String,
    /// Whether repeated reads are revalidated with `If-None-Match`.
    pub conditional_requests: bool,
}

/// Reads and checks a `jira` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<JiraConnection, Vec<FieldError>> {
    let read: JiraSettings = read_settings("jira", settings)?;
    let mut errors = Vec::new();
    let base_url = parse_base_url("base_url", &read.base_url)
        .map_err(|error| errors.push(error))
        .ok();
    let web_url = match &read.web_url {
        Some(text) => parse_base_url("web_url", text)
            .map_err(|error| errors.push(error))
            .ok(),
        None => base_url.clone(),
    };
    let authorization = authorization(&read, &mut errors);
    let statuses = StatusMapping::new(
        read.backlog_statuses.clone(),
        read.cancelled_resolutions.clone(),
    )
    .map_err(|error| {
        // The mapping's messages start with the list they are about.
        let (path, message) = error.0.split_once(' ').unwrap_or(("", &error.0));
        errors.push(FieldError::new(path, message));
    })
    .ok();
    if read.default_issue_type.trim().is_empty() {
        errors.push(FieldError::new("default_issue_type", "must not be blank"));
    }
    match (base_url, web_url, authorization, statuses) {
        (Some(base_url), Some(web_url), Some(authorization), Some(statuses))
            if errors.is_empty() =>
        {
            Ok(JiraConnection {
                base_url,
                web_url,
                authorization,
                search: read.search,
                statuses,
                default_issue_type: read.default_issue_type,
                conditional_requests: read.conditional_requests,
            })
        }
        _ => Err(errors),
    }
}

/// `Basic base64(email:api_token)` or `Bearer token`: exactly one of the two.
fn authorization(read: &JiraSettings, errors: &mut Vec<FieldError>) -> Option<Secret> {
    let auth = atlassian_auth(
        read.email.as_deref(),
        read.api_token.as_ref(),
        read.token.as_ref(),
        "a `jira` instance needs `email` and `api_token` (Jira Cloud) or `token` (a bearer token)",
        errors,
    )?;
    Some(match auth {
        AtlassianAuth::Basic(secret) | AtlassianAuth::Bearer(secret) => secret,
    })
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
