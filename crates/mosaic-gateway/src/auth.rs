//! Inbound authentication: a bearer API key, stored only as its SHA-256, maps to a tenant and
//! principal; a request without a key is anonymous only where the configuration allows it.
//! A key (or anonymous access) may say which region its callers are in; their calls are routed
//! from there whatever they send. The routing hints a caller sends (another region, request
//! labels) are accepted only as far as its key, or anonymous access, was granted them: routes
//! select providers by them, so an unchecked hint would let any caller pick another
//! jurisdiction's instances or step out of its own region's hard constraints.

use crate::answer::CallError;
use mosaic_config::{AuthConfig as AuthSettings, HintGrants};
use mosaic_core::RequestContext;
use mosaic_core::glob::matches;
use sha2::{Digest, Sha256};

/// The key in an `Authorization: Bearer <key>` header value, if it is one.
pub fn bearer_token(authorization: Option<&str>) -> Option<&str> {
    let value = authorization?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// What a front end received besides the key: the caller's routing hints, as sent in
/// [`REGION_HEADER`] and [`LABELS_HEADER`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Hints<'a> {
    /// The region header's value.
    pub region: Option<&'a str>,
    /// The labels header's value: `key=value` pairs separated by commas.
    pub labels: Option<&'a str>,
}

/// Maps a bearer key (or its absence) and the routing hints sent with it to a request context.
/// A hint the key (or anonymous access) was not granted is refused, never dropped: the caller
/// would otherwise be routed differently from what it asked without knowing.
pub fn authenticate(
    settings: &AuthSettings,
    bearer: Option<&str>,
    hints: Hints<'_>,
) -> Result<RequestContext, CallError> {
    let caller = match bearer {
        Some(key) => {
            let digest = hex(&Sha256::digest(key.as_bytes()));
            let found = settings
                .api_keys
                .iter()
                .find(|known| constant_time_eq(&known.key_sha256, &digest));
            match found {
                Some(known) => Caller {
                    tenant: &known.tenant,
                    principal: &known.principal,
                    region: known.region.as_deref(),
                    grants: &known.grants,
                    name: format!("API key `{}`", known.name),
                },
                None => {
                    return Err(CallError::Unauthenticated(
                        "the API key is not known".into(),
                    ));
                }
            }
        }
        None => match &settings.anonymous {
            Some(anonymous) => Caller {
                tenant: &anonymous.tenant,
                principal: &anonymous.principal,
                region: anonymous.region.as_deref(),
                grants: &anonymous.grants,
                name: "anonymous callers".to_owned(),
            },
            None => {
                return Err(CallError::Unauthenticated(
                    "send an API key as `Authorization: Bearer <key>`".into(),
                ));
            }
        },
    };
    let mut ctx = RequestContext::local(caller.principal);
    // Answers fetched for one tenant's callers share the instance credentials configured for
    // that tenant, so the tenant is the credential scope.
    ctx.credential_scope = caller.tenant.to_owned();
    ctx.tenant = caller.tenant.to_owned();
    ctx.trace_id = format!("{:016x}", rand::random::<u64>());
    // Where the caller is comes from its configuration, not from what it sends: a caller that
    // sends no region is still routed (and constrained) as coming from its own.
    ctx.region = caller.region.map(str::to_owned);
    apply_hints(&mut ctx, hints, &caller)?;
    Ok(ctx)
}

/// Who a request authenticated as, with what the configuration says about it.
struct Caller<'a> {
    tenant: &'a str,
    principal: &'a str,
    /// The region it is in, if configured.
    region: Option<&'a str>,
    /// The routing hints it may assert.
    grants: &'a HintGrants,
    /// How errors name it: an API key by its name, or anonymous callers.
    name: String,
}

/// The header naming the caller's region, for route rules with `regions`.
pub const REGION_HEADER: &str = "x-mosaic-region";
/// The header carrying request labels as `key=value` pairs separated by commas.
pub const LABELS_HEADER: &str = "x-mosaic-labels";

/// Adds the caller's region and request labels to `ctx`, each checked against the caller's
/// grants. Naming the region the caller is in needs no grant: it changes nothing.
fn apply_hints(
    ctx: &mut RequestContext,
    hints: Hints<'_>,
    caller: &Caller<'_>,
) -> Result<(), CallError> {
    let grants = caller.grants;
    if let Some(region) = hints
        .region
        .map(str::trim)
        .filter(|region| !region.is_empty())
    {
        let own = caller.region == Some(region);
        if !own
            && !grants
                .regions
                .iter()
                .any(|pattern| matches(pattern, region))
        {
            return Err(CallError::HintNotGranted {
                header: "X-Mosaic-Region",
                value: region.to_owned(),
                caller: caller.name.clone(),
                granted: granted_regions(caller),
            });
        }
        ctx.region = Some(region.to_owned());
    }
    for pair in hints
        .labels
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
        let (key, value) = (key.trim(), value.trim());
        let granted = grants
            .labels
            .get(key)
            .is_some_and(|values| values.iter().any(|pattern| matches(pattern, value)));
        if !granted {
            return Err(CallError::HintNotGranted {
                header: "X-Mosaic-Labels",
                value: format!("{key}={value}"),
                caller: caller.name.clone(),
                granted: granted_labels(grants),
            });
        }
        ctx.labels.insert(key.to_owned(), value.to_owned());
    }
    Ok(())
}

fn granted_regions(caller: &Caller<'_>) -> String {
    let regions = &caller.grants.regions;
    let may_name = if regions.is_empty() {
        "it was granted no region (`regions` on its entry in `auth`)".to_owned()
    } else {
        format!("it may name the regions {}", regions.join(", "))
    };
    match caller.region {
        Some(own) => format!("it is in region `{own}`, and {may_name}"),
        None => may_name,
    }
}

fn granted_labels(grants: &HintGrants) -> String {
    if grants.labels.is_empty() {
        return "it was granted no labels (`labels` on its entry in `auth`)".to_owned();
    }
    let labels: Vec<String> = grants
        .labels
        .iter()
        .map(|(key, values)| format!("{key}={}", values.join("|")))
        .collect();
    format!("it may assert {}", labels.join(", "))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
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
#[path = "auth_tests.rs"]
mod tests;
