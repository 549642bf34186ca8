//! The settings of a manifest plugin's instance, checked without any I/O: the API root (path
//! prefix included) and the credentials its auth scheme asks for, secrets held as
//! [`Secret`]s, written as `${VAR}` in configuration like every native plugin's.
//!
//! ```yaml
//! settings:
//!   base_url: https://git.example.com/api/v1
//!   token: ${GITEA_TOKEN}          # bearer, header and query schemes
//!   # username: ci-bot             # basic
//!   # password: ${PASSWORD}        # basic
//!   conditional_requests: true     # the default: repeated reads revalidated
//! ```

use crate::compile::Compiled;
use crate::format::AuthScheme;
use base64::Engine as _;
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings};
use reqwest::Url;
use reqwest::header::HeaderName;
use serde::Deserialize;
use serde_json::json;

/// The settings as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    token: Option<Secret>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<Secret>,
    #[serde(default = "yes")]
    conditional_requests: bool,
}

fn yes() -> bool {
    true
}

/// How an instance's requests carry its credentials.
#[derive(Clone, Debug)]
pub(crate) enum Credential {
    /// A header with this whole value (`Authorization: Bearer …`).
    Header(HeaderName, Secret),
    /// A query parameter.
    Query(String, Secret),
}

/// Checked settings.
#[derive(Clone, Debug)]
pub(crate) struct Connection {
    pub(crate) base_url: Url,
    pub(crate) credential: Credential,
    pub(crate) conditional_requests: bool,
}

/// The credential settings a scheme takes, and those it does not.
fn credential_fields(auth: &AuthScheme) -> (&'static [&'static str], &'static [&'static str]) {
    match auth {
        AuthScheme::Basic => (&["username", "password"], &["token"]),
        _ => (&["token"], &["username", "password"]),
    }
}

/// Reads and checks an instance's settings, reporting every problem at once with its path.
pub(crate) fn validate(
    manifest: &Compiled,
    settings: &serde_json::Value,
) -> Result<Connection, Vec<FieldError>> {
    let written: Written = read_settings(&manifest.name, settings)?;
    let mut errors = Vec::new();
    let (needed, foreign) = credential_fields(&manifest.auth);
    for field in foreign {
        if settings.get(field).is_some() {
            errors.push(FieldError::new(
                *field,
                format!(
                    "`{}` authenticates with {}, not `{field}`",
                    manifest.name,
                    needed.join(" and ")
                ),
            ));
        }
    }
    let base_url = match written.base_url.as_deref() {
        Some(text) => mosaic_provider_kit::http::parse_base_url("base_url", text)
            .map_err(|error| errors.push(error))
            .ok(),
        None => {
            if manifest.default_base_url.is_none() {
                errors.push(FieldError::new(
                    "base_url",
                    format!(
                        "a `{}` instance needs the URL of its API, path prefix included",
                        manifest.name
                    ),
                ));
            }
            manifest.default_base_url.clone()
        }
    };
    let mut secret = |field: &str, value: Option<&str>| -> Option<String> {
        match value {
            None => {
                errors.push(FieldError::new(
                    field,
                    format!("a `{}` instance needs `{field}`", manifest.name),
                ));
                None
            }
            Some(value) => check_secret(field, value, &mut errors).then(|| value.to_owned()),
        }
    };
    let credential = match &manifest.auth {
        AuthScheme::Basic => {
            let username = secret("username", written.username.as_deref());
            let password = secret("password", written.password.as_ref().map(Secret::expose));
            username.zip(password).map(|(username, password)| {
                let pair = base64::engine::general_purpose::STANDARD
                    .encode(format!("{username}:{password}"));
                Credential::Header(
                    reqwest::header::AUTHORIZATION,
                    Secret::new(format!("Basic {pair}")),
                )
            })
        }
        AuthScheme::Bearer => {
            secret("token", written.token.as_ref().map(Secret::expose)).map(|token| {
                Credential::Header(
                    reqwest::header::AUTHORIZATION,
                    Secret::new(format!("Bearer {token}")),
                )
            })
        }
        AuthScheme::Header { name, prefix } => {
            secret("token", written.token.as_ref().map(Secret::expose)).and_then(|token| {
                let name = HeaderName::try_from(name.as_str()).ok()?;
                Some(Credential::Header(
                    name,
                    Secret::new(format!("{prefix}{token}")),
                ))
            })
        }
        AuthScheme::Query { name } => secret("token", written.token.as_ref().map(Secret::expose))
            .map(|token| Credential::Query(name.clone(), Secret::new(token))),
    };
    match (base_url, credential) {
        (Some(base_url), Some(credential)) if errors.is_empty() => Ok(Connection {
            base_url,
            credential,
            conditional_requests: written.conditional_requests,
        }),
        _ => Err(errors),
    }
}

/// The JSON Schema of an instance's settings under `auth`.
pub(crate) fn schema(manifest: &Compiled) -> schemars::Schema {
    let base_url = match &manifest.default_base_url {
        Some(url) => format!("The API root, path prefix included. Default: `{url}`."),
        None => "The API root, path prefix included (required).".to_owned(),
    };
    let mut properties = json!({
        "base_url": {"type": "string", "description": base_url},
        "conditional_requests": {
            "type": "boolean",
            "description": "Revalidate repeated reads with `If-None-Match`. Default: true."
        }
    });
    let (needed, _) = credential_fields(&manifest.auth);
    for field in needed {
        let description = match *field {
            "username" => "The user name. Write `${ENV_VAR}` to take it from the environment.",
            "password" => "The password. Write `${ENV_VAR}` to take it from the environment.",
            _ => "The access token or API key. Write `${ENV_VAR}` to take it from the environment.",
        };
        properties[*field] = json!({"type": "string", "description": description});
    }
    let mut required: Vec<&str> = needed.to_vec();
    if manifest.default_base_url.is_none() {
        required.push("base_url");
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} settings", manifest.name),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    });
    schemars::Schema::try_from(schema).expect("an object is a schema")
}

/// A settings block that validates, credentials as `${VAR}`.
pub(crate) fn example(manifest: &Compiled) -> serde_json::Value {
    let variable = manifest.name.to_ascii_uppercase().replace('-', "_");
    let mut example = json!({});
    if manifest.default_base_url.is_none() {
        example["base_url"] = json!("https://provider.example.com/api");
    }
    match manifest.auth {
        AuthScheme::Basic => {
            example["username"] = json!(format!("${{{variable}_USERNAME}}"));
            example["password"] = json!(format!("${{{variable}_PASSWORD}}"));
        }
        _ => example["token"] = json!(format!("${{{variable}_TOKEN}}")),
    }
    example
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
