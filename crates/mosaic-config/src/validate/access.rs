//! Validation of who may call: `auth` (API keys, anonymous access) and `policies`.

use crate::error::ConfigError;
use crate::model::{AnonymousConfig, ApiKeyConfig, AuthConfig, Effect, HintGrants, PolicyConfig};
use crate::parse::Indexed;
use crate::raw::{AnonymousEntry, ApiKeyEntry, EffectName, PolicyEntry};
use mosaic_core::{OpId, glob, meta};
use std::collections::{BTreeMap, HashMap};

pub(crate) fn auth(
    api_keys: Vec<Indexed<ApiKeyEntry>>,
    anonymous: Option<AnonymousEntry>,
    errors: &mut Vec<ConfigError>,
) -> AuthConfig {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut digests: HashMap<String, usize> = HashMap::new();
    let mut keys = Vec::with_capacity(api_keys.len());
    for Indexed { index, entry } in api_keys {
        let path = format!("auth.api_keys[{index}]");
        not_empty(&entry.name, &format!("{path}.name"), errors);
        not_empty(&entry.tenant, &format!("{path}.tenant"), errors);
        not_empty(&entry.principal, &format!("{path}.principal"), errors);
        if let Some(first) = names.insert(entry.name.clone(), index) {
            errors.push(ConfigError::new(
                format!("{path}.name"),
                format!(
                    "duplicate key name `{}` (first used by auth.api_keys[{first}])",
                    entry.name
                ),
            ));
        }
        let digest = entry.key_sha256.to_ascii_lowercase();
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            errors.push(ConfigError::new(
                format!("{path}.key_sha256"),
                format!(
                    "must be the SHA-256 of the key as 64 hex digits (got {} characters); compute it with `printf %s \"$KEY\" | sha256sum`",
                    entry.key_sha256.chars().count()
                ),
            ));
        } else if let Some(first) = digests.insert(digest.clone(), index) {
            errors.push(ConfigError::new(
                format!("{path}.key_sha256"),
                format!("the same key is already listed as auth.api_keys[{first}]"),
            ));
        }
        let region = home_region(entry.region, &path, errors);
        let grants = grants(entry.regions, entry.labels, &path, errors);
        keys.push(ApiKeyConfig {
            name: entry.name,
            key_sha256: digest,
            tenant: entry.tenant,
            principal: entry.principal,
            region,
            grants,
        });
    }
    let anonymous = anonymous.map(|entry| {
        not_empty(&entry.tenant, "auth.anonymous.tenant", errors);
        not_empty(&entry.principal, "auth.anonymous.principal", errors);
        AnonymousConfig {
            region: home_region(entry.region, "auth.anonymous", errors),
            grants: grants(entry.regions, entry.labels, "auth.anonymous", errors),
            tenant: entry.tenant,
            principal: entry.principal,
        }
    });
    AuthConfig {
        api_keys: keys,
        anonymous,
    }
}

pub(crate) fn policies(
    entries: Vec<Indexed<PolicyEntry>>,
    errors: &mut Vec<ConfigError>,
) -> Vec<PolicyConfig> {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut policies = Vec::with_capacity(entries.len());
    for Indexed { index, entry } in entries {
        let path = format!("policies[{index}]");
        not_empty(&entry.name, &format!("{path}.name"), errors);
        if let Some(first) = names.insert(entry.name.clone(), index) {
            errors.push(ConfigError::new(
                format!("{path}.name"),
                format!(
                    "duplicate policy name `{}` (first used by policies[{first}])",
                    entry.name
                ),
            ));
        }
        for (position, pattern) in entry.operations.iter().enumerate() {
            let names = OpId::ALL.iter().map(|op| op.name()).chain(meta::ALL);
            if !names.into_iter().any(|name| glob::matches(pattern, name)) {
                errors.push(ConfigError::new(
                    format!("{path}.operations[{position}]"),
                    format!(
                        "`{pattern}` matches no operation in the catalog (operation ids look like `git.issues.list`) and no meta operation ({})",
                        meta::ALL.join(", ")
                    ),
                ));
            }
        }
        policies.push(PolicyConfig {
            name: entry.name,
            effect: match entry.effect {
                EffectName::Allow => Effect::Allow,
                EffectName::Deny => Effect::Deny,
            },
            tenants: entry.tenants,
            principals: entry.principals,
            operations: entry.operations,
            resources: entry.resources,
        });
    }
    policies
}

/// The region an API key's (or anonymous) callers are in, at `path`: one region by name, not a
/// pattern, since routes match it exactly and a caller is in one place.
fn home_region(
    region: Option<String>,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<String> {
    let region = region?;
    let at = format!("{path}.region");
    if region.trim().is_empty() {
        errors.push(ConfigError::new(at, "must not be empty"));
    } else if region.contains(['*', '?']) || region.trim() != region {
        errors.push(ConfigError::new(
            at,
            format!(
                "`{region}` must be one region by name (`eu`), not a pattern or padded text; the patterns the caller may name go in `regions`"
            ),
        ));
    }
    Some(region)
}

/// The routing hints an API key (or anonymous access) at `path` may assert.
fn grants(
    regions: Vec<String>,
    labels: BTreeMap<String, Vec<String>>,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> HintGrants {
    for (position, region) in regions.iter().enumerate() {
        not_empty(region, &format!("{path}.regions[{position}]"), errors);
    }
    for (label, values) in &labels {
        if label.trim().is_empty() {
            errors.push(ConfigError::new(
                format!("{path}.labels"),
                "label names must not be empty",
            ));
        }
        if values.is_empty() {
            errors.push(ConfigError::new(
                format!("{path}.labels.{label}"),
                "must list at least one allowed value (`*` for any); leave the label out to allow none",
            ));
        }
        for (position, value) in values.iter().enumerate() {
            not_empty(value, &format!("{path}.labels.{label}[{position}]"), errors);
        }
    }
    HintGrants { regions, labels }
}

pub(crate) fn not_empty(value: &str, path: &str, errors: &mut Vec<ConfigError>) {
    if value.trim().is_empty() {
        errors.push(ConfigError::new(path, "must not be empty"));
    }
}
