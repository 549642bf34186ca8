//! [`PluginDescriptor`]: what a plugin says about itself, owned, so that a plugin read from a
//! manifest or found behind an upstream MCP server at run time is described exactly as a
//! native one is.

use crate::rate_limit::RateLimit;
use mosaic_core::{OpId, ServiceKind, Support};

/// A plugin's name, version, kinds, settings schema and the operations it implements, with a
/// reason for each one it does not.
#[derive(Clone, Debug)]
pub struct PluginDescriptor {
    /// The name written in configuration (`sim`, `github`).
    pub name: String,
    /// The version (semver).
    pub version: String,
    /// One line on what it talks to.
    pub description: String,
    /// The service kinds it can serve.
    pub kinds: Vec<ServiceKind>,
    /// JSON Schema of an instance's `settings` block.
    pub settings_schema: schemars::Schema,
    /// A `settings` block that validates, with `${VAR}` wherever a credential goes: what the
    /// documentation shows and what the secret-redaction test fills with marked values.
    pub example_settings: serde_json::Value,
    /// The provider's documented request limit, enforced on every instance that sets no
    /// `rate_limit` of its own (and does not turn it `off`). `None`: no limit unless the
    /// instance sets one.
    pub default_rate_limit: Option<RateLimit>,
    /// Support of every catalog operation, indexed by [`OpId`].
    operations: Vec<Support>,
}

impl PluginDescriptor {
    /// A descriptor whose operations are what `supports` says of each catalog operation. An
    /// operation of a kind the plugin does not serve is unsupported whatever `supports` says.
    pub fn new(
        name: impl Into<String>,
        version: impl Into<String>,
        description: impl Into<String>,
        kinds: Vec<ServiceKind>,
        settings_schema: schemars::Schema,
        supports: impl Fn(OpId) -> Support,
    ) -> Self {
        let operations = OpId::ALL
            .iter()
            .map(|op| {
                let kind = op.spec().kind;
                if kinds.contains(&kind) {
                    supports(*op)
                } else {
                    Support::unsupported(format!(
                        "serves {} operations, not {kind} ones",
                        list_kinds(&kinds)
                    ))
                }
            })
            .collect();
        Self {
            name: name.into(),
            version: version.into(),
            description: description.into(),
            kinds,
            settings_schema,
            example_settings: serde_json::Value::Object(serde_json::Map::new()),
            default_rate_limit: None,
            operations,
        }
    }

    /// With an example `settings` block (see [`PluginDescriptor::example_settings`]).
    pub fn with_example(mut self, settings: serde_json::Value) -> Self {
        self.example_settings = settings;
        self
    }

    /// With the provider's documented request limit as its instances' default (see
    /// [`PluginDescriptor::default_rate_limit`]): Notion's 3 requests a second is
    /// `.with_default_rate_limit(RateLimit::new(3, Duration::from_secs(1)))`.
    pub fn with_default_rate_limit(mut self, limit: RateLimit) -> Self {
        self.default_rate_limit = Some(limit);
        self
    }

    /// `name@version`, as configuration may write it.
    pub fn id(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// Whether the plugin implements `op`. An instance may support less (see
    /// [`mosaic_core::Provider::supports`]).
    pub fn supports(&self, op: OpId) -> &Support {
        &self.operations[op as usize]
    }

    /// Every catalog operation with its support, in catalog order.
    pub fn operations(&self) -> impl Iterator<Item = (OpId, &Support)> {
        OpId::ALL.iter().copied().zip(&self.operations)
    }
}

fn list_kinds(kinds: &[ServiceKind]) -> String {
    let names: Vec<String> = kinds.iter().map(|kind| format!("`{kind}.*`")).collect();
    match names.as_slice() {
        [] => "no".to_owned(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
#[path = "descriptor_tests.rs"]
mod tests;
