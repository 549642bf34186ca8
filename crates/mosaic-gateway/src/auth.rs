//! Inbound authentication: a bearer API key, stored only as its SHA-256, maps to a tenant and
//! principal; a request without a key is anonymous only where the configuration allows it.

use crate::answer::CallError;
use mosaic_config::AuthConfig as AuthSettings;
use mosaic_core::RequestContext;
use sha2::{Digest, Sha256};

/// The key in an `Authorization: Bearer <key>` header value, if it is one.
pub fn bearer_token(authorization: Option<&str>) -> Option<&str> {
    let value = authorization?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Maps a bearer key (or its absence) to a request context.
pub fn authenticate(
    settings: &AuthSettings,
    bearer: Option<&str>,
) -> Result<RequestContext, CallError> {
    let (tenant, principal) = match bearer {
        Some(key) => {
            let digest = hex(&Sha256::digest(key.as_bytes()));
            let found = settings
                .api_keys
                .iter()
                .find(|known| constant_time_eq(&known.key_sha256, &digest));
            match found {
                Some(known) => (known.tenant.clone(), known.principal.clone()),
                None => {
                    return Err(CallError::Unauthenticated(
                        "the API key is not known".into(),
                    ));
                }
            }
        }
        None => match &settings.anonymous {
            Some(anonymous) => (anonymous.tenant.clone(), anonymous.principal.clone()),
            None => {
                return Err(CallError::Unauthenticated(
                    "send an API key as `Authorization: Bearer <key>`".into(),
                ));
            }
        },
    };
    let mut ctx = RequestContext::local(&principal);
    // Answers fetched for one tenant's callers share the instance credentials configured for
    // that tenant, so the tenant is the credential scope.
    ctx.credential_scope = tenant.clone();
    ctx.tenant = tenant;
    ctx.trace_id = format!("{:016x}", rand::random::<u64>());
    Ok(ctx)
}

/// The header naming the caller's region, for route rules with `regions`.
pub const REGION_HEADER: &str = "x-mosaic-region";
/// The header carrying request labels as `key=value` pairs separated by commas.
pub const LABELS_HEADER: &str = "x-mosaic-labels";

/// Adds the caller's region and request labels, as the front end received them in
/// [`REGION_HEADER`] and [`LABELS_HEADER`], to `ctx`.
pub fn apply_routing_hints(
    ctx: &mut RequestContext,
    region: Option<&str>,
    labels: Option<&str>,
) -> Result<(), CallError> {
    if let Some(region) = region.map(str::trim).filter(|region| !region.is_empty()) {
        ctx.region = Some(region.to_owned());
    }
    for pair in labels
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
    {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(CallError::InvalidArguments(
                mosaic_core::ArgumentError::new(
                    LABELS_HEADER,
                    format!("expected key=value pairs separated by commas, got {pair:?}"),
                ),
            ));
        };
        ctx.labels
            .insert(key.trim().to_owned(), value.trim().to_owned());
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without an early exit, so timing does not reveal how much of a digest matched.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use mosaic_config::{AnonymousConfig, ApiKeyConfig as ApiKey};

    #[test]
    fn keys_map_to_tenants_and_anonymous_is_opt_in() {
        let settings = AuthSettings {
            api_keys: vec![ApiKey {
                name: "ci".into(),
                key_sha256: hex(&Sha256::digest(b"s3cret")),
                tenant: "acme".into(),
                principal: "ci-bot".into(),
            }],
            anonymous: None,
        };
        let ctx = authenticate(&settings, Some("s3cret")).unwrap();
        assert_eq!(
            (ctx.tenant.as_str(), ctx.principal.as_str()),
            ("acme", "ci-bot")
        );
        assert_eq!(
            authenticate(&settings, Some("wrong")).unwrap_err().code(),
            "unauthenticated"
        );
        assert_eq!(
            authenticate(&settings, None).unwrap_err().code(),
            "unauthenticated"
        );
        let open = AuthSettings {
            anonymous: Some(AnonymousConfig {
                tenant: "default".into(),
                principal: "anonymous".into(),
            }),
            ..settings
        };
        assert_eq!(authenticate(&open, None).unwrap().principal, "anonymous");
        assert_eq!(bearer_token(Some("Bearer s3cret ")), Some("s3cret"));
        assert_eq!(bearer_token(Some("bearer k")), Some("k"));
        assert_eq!(bearer_token(Some("Basic k")), None);
        let mut ctx = RequestContext::local("p");
        apply_routing_hints(
            &mut ctx,
            Some("eu"),
            Some("classification=confidential, team=web"),
        )
        .unwrap();
        assert_eq!(ctx.region.as_deref(), Some("eu"));
        assert_eq!(ctx.labels["team"], "web");
        assert!(apply_routing_hints(&mut ctx, None, Some("oops")).is_err());
    }
}
