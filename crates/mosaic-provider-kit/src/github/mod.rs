//! What every plugin that speaks GitHub's REST API shares (the `github` forge and
//! `github-actions`): one settings shape for the API root and the token, one client set up
//! with GitHub's headers and its dialect, and how repositories and pages are addressed.
//!
//! - Settings: `base_url` (default `https://api.github.com`; GitHub Enterprise Server is
//!   `https://HOST/api/v3`), `token` (classic or fine-grained personal access token, or an app
//!   installation token), `conditional_requests` — read by
//!   [`validate_token_settings`](crate::token_settings::validate_token_settings).
//! - Every request: `Authorization: Bearer TOKEN`, `Accept: application/vnd.github+json` and
//!   `X-GitHub-Api-Version` pinned to [`API_VERSION`].
//! - `dialect.rs`: GitHub's refusals, its `X-RateLimit-*` quota and its secondary limits.
//! - Pages: `per_page` (1–100) and `page`, the next page's number read from `Link`.

pub mod dialect;

use crate::forge::owner_and_name;
use crate::http::{ApiClient, Auth, ClientSettings, PageQuery};
use crate::token_settings::{Connection, validate_token_settings};
use mosaic_core::{BuildError, FieldError, ProviderError, Secret};
use mosaic_plugin::BuildContext;

/// The REST API version every request asks for.
pub const API_VERSION: &str = "2022-11-28";

/// github.com's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";

/// Reads and checks the settings of a GitHub plugin instance named `plugin`, reporting every
/// problem at once with its path; without a `base_url`, github.com's API.
pub fn validate_github_settings(
    plugin: &str,
    settings: &serde_json::Value,
) -> Result<Connection, Vec<FieldError>> {
    validate_token_settings(plugin, settings, Some(DEFAULT_BASE_URL))
}

/// A client for a checked connection, sending `extra_headers` with every request besides
/// GitHub's own (for a proxy in front that wants one, or a mock asked for one of its
/// documented answers with `Prefer`). Fails, naming the instance, when the token cannot be a
/// header.
pub fn github_client(
    context: &BuildContext,
    connection: Connection,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<ApiClient, BuildError> {
    let mut headers = vec![
        // GitHub answers `application/json` under its own media type; naming both lets any
        // server that negotiates strictly (a proxy, a mock) answer too.
        (
            "accept",
            "application/vnd.github+json, application/json".into(),
        ),
        ("x-github-api-version", API_VERSION.into()),
    ];
    headers.extend(extra_headers);
    ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url,
            auth: Auth::Authorization(Secret::new(format!("Bearer {}", connection.token.expose()))),
            headers,
            conditional_requests: connection.conditional_requests,
            dialect: dialect::GITHUB,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })
}

/// `/repos/{owner}/{name}`: GitHub repositories have exactly one owner level.
pub fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "GitHub")?;
    Ok(format!("/repos/{owner}/{name}"))
}

/// GitHub's page parameters: `per_page` (at most 100) and `page`.
pub fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("per_page", page.per_page.to_string()),
        ("page", page.page.to_string()),
    ]
}
