//! Atlassian Cloud's two ways in (Jira, Confluence): an account's e-mail with an API token,
//! sent as `Basic base64(email:api_token)`, or a bearer token (OAuth 2.0, or a Data Center
//! personal access token). A provider's settings give exactly one; this reads which, checked
//! without I/O, so each Atlassian plugin says only what it does with it.

use base64::Engine as _;
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::check_secret;

/// The credentials an Atlassian instance's settings give, as its `Authorization` header.
#[derive(Clone, Debug, PartialEq)]
pub enum AtlassianAuth {
    /// `Basic base64(email:api_token)`.
    Basic(Secret),
    /// `Bearer token`.
    Bearer(Secret),
}

/// The settings' `email`, `api_token` and `token`, read as one of the two ways in. Every
/// problem is pushed onto `errors` with its field; `neither` is what the plugin says it needs
/// when none of the three is given.
pub fn atlassian_auth(
    email: Option<&str>,
    api_token: Option<&Secret>,
    token: Option<&Secret>,
    neither: &str,
    errors: &mut Vec<FieldError>,
) -> Option<AtlassianAuth> {
    let mut secret = |field: &str, value: &str| -> Option<String> {
        check_secret(field, value, errors).then(|| value.to_owned())
    };
    match (email, api_token, token) {
        (Some(email), Some(api_token), None) => {
            let email = secret("email", email);
            let api_token = secret("api_token", api_token.expose());
            let (email, api_token) = (email?, api_token?);
            let pair =
                base64::engine::general_purpose::STANDARD.encode(format!("{email}:{api_token}"));
            Some(AtlassianAuth::Basic(Secret::new(format!("Basic {pair}"))))
        }
        (None, None, Some(token)) => secret("token", token.expose())
            .map(|token| AtlassianAuth::Bearer(Secret::new(format!("Bearer {token}")))),
        (None, None, None) => {
            errors.push(FieldError::new("", neither));
            None
        }
        (_, _, Some(_)) => {
            errors.push(FieldError::new(
                "token",
                "give either `token` or `email` with `api_token`, not both",
            ));
            None
        }
        (Some(_), None, None) => {
            errors.push(FieldError::new("api_token", "`email` needs an `api_token`"));
            None
        }
        (None, Some(_), None) => {
            errors.push(FieldError::new(
                "email",
                "`api_token` needs the account's `email`",
            ));
            None
        }
    }
}
