//! The declaration checks catch what they promise to, shown with a plugin that declares
//! carelessly and an instance that claims more than its plugin.

use super::*;
use mosaic_core::{FieldError, Health, Operation, Output, ProviderError, Quota, ServiceKind};
use mosaic_plugin::{InstanceBuilder, PluginDescriptor};

/// A plugin whose declaration is built from the given parts.
struct Declares {
    descriptor: PluginDescriptor,
    /// Whether validation refuses settings it does not know.
    strict: bool,
}

impl Declares {
    fn new(name: &str, version: &str, kinds: Vec<ServiceKind>, schema: Value) -> Self {
        let schema = schemars::Schema::try_from(schema).expect("an object");
        let descriptor =
            PluginDescriptor::new(name, version, "a test", kinds, schema, |op| match op {
                OpId::GitPullsMerge => Support::unsupported(" "),
                _ => Support::Supported,
            });
        Self {
            descriptor,
            strict: true,
        }
    }
}

impl Plugin for Declares {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(&self, settings: &Value) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let unknown: Vec<FieldError> = settings
            .as_object()
            .into_iter()
            .flat_map(|fields| fields.keys())
            .filter(|_| self.strict)
            .map(|key| FieldError::new(key.as_str(), "unknown setting"))
            .collect();
        Err(unknown)
    }
}

/// An instance that says it supports everything.
struct Eager;

#[async_trait::async_trait]
impl Provider for Eager {
    fn supports(&self, _op: OpId) -> Support {
        Support::Supported
    }

    async fn health(&self) -> Health {
        Health::Healthy
    }

    fn quota(&self) -> Option<Quota> {
        None
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        Err(ProviderError::Unavailable(operation.op_id().name().into()))
    }
}

fn closed_schema() -> Value {
    json!({
        "type": "object",
        "properties": {"token": {"type": "string", "description": "The token."}},
        "required": ["token"],
        "additionalProperties": false
    })
}

#[test]
fn a_careful_declaration_passes_but_for_an_unsupported_operation_without_a_reason() {
    let plugin = Declares::new(
        "forge",
        "2.1.0-rc.1+b7",
        vec![ServiceKind::Git],
        closed_schema(),
    );
    let report = check_plugin(&plugin);
    assert_eq!(
        report.failures,
        ["git.pulls.merge: unsupported without a reason"],
        "{report}"
    );
    assert!(report.checks > OpId::ALL.len());
}

#[test]
fn a_bad_id_no_kinds_and_a_schema_that_disagrees_with_validation_are_reported() {
    let open = json!({
        "type": "object",
        "properties": {"token": {"type": "string"}, "url": {"$ref": "#/$defs/Url"}},
        "required": ["token", "secret"],
        "$defs": {"Url": {"type": "string", "description": "Where."}}
    });
    let plugin = Declares::new("my forge", "1.02", Vec::new(), open);
    let report = check_plugin(&plugin);
    let shown = report.to_string();
    for expected in [
        "name `my forge` is not one configuration can write",
        "version `1.02` is not semver",
        "serves no kind",
        "required setting \"secret\" is not among the described properties",
        "setting `token` has no description",
        "validation refuses an unknown setting, which the schema allows",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }
    assert!(
        !shown.contains("setting `url`"),
        "described by its definition: {shown}"
    );

    let mut lax = Declares::new("forge", "1.0.0", vec![ServiceKind::Git], closed_schema());
    lax.strict = false;
    let shown = check_plugin(&lax).to_string();
    assert!(
        shown.contains("validation accepts an unknown setting, which the schema refuses"),
        "{shown}"
    );
}

#[test]
fn an_instance_that_supports_more_than_its_plugin_is_reported() {
    let plugin = Declares::new("forge", "1.0.0", vec![ServiceKind::Git], closed_schema());
    let report = check_instance(&plugin, &Eager);
    assert!(!report.is_ok());
    assert!(
        report
            .failures
            .iter()
            .all(|failure| failure.ends_with("the instance supports what its plugin does not"))
    );
    let expected = OpId::ALL
        .iter()
        .filter(|op| op.spec().kind != ServiceKind::Git || **op == OpId::GitPullsMerge)
        .count();
    assert_eq!(report.failures.len(), expected, "{report}");
}

#[test]
fn versions_are_semver() {
    for good in [
        "0.1.0",
        "1.0.0",
        "10.20.30",
        "1.0.0-alpha.1",
        "1.0.0+20130313144700",
    ] {
        assert!(is_semver(good), "{good}");
    }
    for bad in [
        "1", "1.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.0.0+", "v1.0.0", "1.a.0",
    ] {
        assert!(!is_semver(bad), "{bad}");
    }
}
