//! Who may call: the `auth` section (API keys, anonymous access) and the `policies` list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Inbound authentication.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthSection {
    /// Accepted API keys, sent as `Authorization: Bearer <key>`. Only each key's SHA-256
    /// appears here, never the key itself.
    #[serde(default)]
    pub api_keys: Vec<ApiKeyEntry>,
    /// Who a request without a key acts as. Left out, requests without a key are refused.
    #[serde(default)]
    pub anonymous: Option<AnonymousEntry>,
}

/// One accepted API key.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyEntry {
    /// Name of the key, shown in logs and audit records instead of the key.
    pub name: String,
    /// Hex SHA-256 of the key (64 hex digits), e.g. from `printf %s "$KEY" | sha256sum`.
    #[schemars(regex(pattern = r"^[0-9a-fA-F]{64}$"))]
    pub key_sha256: String,
    /// The tenant calls with this key belong to.
    pub tenant: String,
    /// The principal calls with this key act as.
    pub principal: String,
    /// The region the caller is in (`eu`, `us`): calls with this key are routed as coming from
    /// it, so route rules for that region and their hard constraints apply without the caller
    /// asking. `X-Mosaic-Region` may name it or one of `regions` instead. Left out: the caller's
    /// region is only what it names in `X-Mosaic-Region`.
    #[serde(default)]
    pub region: Option<String>,
    /// Regions calls with this key may name in `X-Mosaic-Region`, as globs (`eu`, `eu-*`; `*`
    /// allows any). Left out: none, and a request naming a region is refused.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Request labels calls with this key may assert in `X-Mosaic-Labels`: for each label, the
    /// values allowed, as globs (`classification: [confidential, internal]`). Left out: none,
    /// and a request carrying a label is refused.
    #[serde(default)]
    pub labels: BTreeMap<String, Vec<String>>,
}

/// The identity of requests without an API key.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnonymousEntry {
    /// The tenant anonymous calls belong to.
    pub tenant: String,
    /// The principal anonymous calls act as.
    pub principal: String,
    /// The region anonymous callers are in (`eu`, `us`): their calls are routed as coming from
    /// it, so route rules for that region and their hard constraints apply without the caller
    /// asking. `X-Mosaic-Region` may name it or one of `regions` instead. Left out: the caller's
    /// region is only what it names in `X-Mosaic-Region`.
    #[serde(default)]
    pub region: Option<String>,
    /// Regions calls without a key may name in `X-Mosaic-Region`, as globs (`eu`, `eu-*`; `*`
    /// allows any). Left out: none, and a request naming a region is refused.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Request labels calls without a key may assert in `X-Mosaic-Labels`: for each label, the
    /// values allowed, as globs (`classification: [confidential, internal]`). Left out: none,
    /// and a request carrying a label is refused.
    #[serde(default)]
    pub labels: BTreeMap<String, Vec<String>>,
}

/// What a matching policy rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EffectName {
    /// Let the call through.
    Allow,
    /// Refuse the call.
    Deny,
}

/// One access rule. Rules are tried in order and the first whose lists all match decides;
/// when none matches, the call is denied. An empty (or left out) list matches everything.
/// Patterns are globs: `*` matches any run of characters, `?` one character.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyEntry {
    /// Name shown in denials and audit records.
    pub name: String,
    /// `allow` or `deny`.
    pub effect: EffectName,
    /// Tenant patterns.
    #[serde(default)]
    pub tenants: Vec<String>,
    /// Principal patterns (`bot-*`).
    #[serde(default)]
    pub principals: Vec<String>,
    /// Operation id patterns (`git.issues.*`, `*.create`, `mosaic.*`); each must match at
    /// least one operation of the catalog or one of the gateway's meta operations
    /// (`mosaic.providers.status`, `mosaic.route.explain`).
    #[serde(default)]
    pub operations: Vec<String>,
    /// Resource patterns (`acme/internal-*`, `space:ENG`, `project:PLAT*`).
    #[serde(default)]
    pub resources: Vec<String>,
}
