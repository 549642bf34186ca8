//! The configuration files under `tests/cases/`, each turned into its normalized form (when
//! valid) or its error list (when not), one snapshot per case; and the shipped examples,
//! which must load.

use mosaic_config::{ConfigErrors, GatewayConfig, load};

use std::path::Path;

/// The environment every case sees.
fn env(name: &str) -> Option<String> {
    match name {
        "MOSAIC_LISTEN" => Some("0.0.0.0:9090".into()),
        "FORGE_DATASET" => Some("forge".into()),
        "EMPTY" => Some(String::new()),
        _ => None,
    }
}

fn load_case(name: &str) -> Result<GatewayConfig, ConfigErrors> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    load(&text, &env, &mosaic_providers::builtin())
}

/// The built-in plugins as an unknown plugin's error lists them.
fn builtin_ids() -> String {
    mosaic_providers::builtin()
        .iter()
        .map(|plugin| plugin.descriptor().id())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The error list as printed, with the list of built-in plugins named instead of spelt out:
/// the snapshots stay as they are when a provider is added.
fn redacted(errors: &ConfigErrors) -> String {
    errors
        .to_string()
        .replace(&builtin_ids(), "[the built-in plugins]")
}

/// A case that must load; its snapshot is the normalized configuration.
macro_rules! valid {
    ($name:ident) => {
        #[test]
        fn $name() {
            match load_case(stringify!($name)) {
                Ok(config) => insta::assert_yaml_snapshot!(stringify!($name), config.normalized()),
                Err(errors) => panic!("{} should load, but:\n{errors}", stringify!($name)),
            }
        }
    };
}

/// A case that must be refused; its snapshot is the error list as `mosaic config check`
/// prints it.
macro_rules! invalid {
    ($name:ident) => {
        #[test]
        fn $name() {
            match load_case(stringify!($name)) {
                Ok(config) => panic!(
                    "{} should be refused, but loaded: {config:?}",
                    stringify!($name)
                ),
                Err(errors) => insta::assert_snapshot!(stringify!($name), redacted(&errors)),
            }
        }
    };
}

valid!(empty);
valid!(minimal);
valid!(full);
valid!(env_defaults);
valid!(hint_grants);
valid!(rate_limits);
valid!(ci_costs);
valid!(splits);
valid!(upstreams);

invalid!(unknown_top_level_key);
invalid!(unknown_provider_key);
invalid!(bad_duration);
invalid!(bad_plugin_name);
invalid!(bad_sim_settings);
invalid!(unknown_route_target);
invalid!(duplicate_instance_names);
invalid!(undefined_env_var);
invalid!(yaml_syntax_error);
invalid!(bad_auth_and_policies);
invalid!(bad_hint_grants);
invalid!(bad_server_and_executor);
invalid!(bad_store_audit);
invalid!(several_errors);
invalid!(unknown_field_beside_bad_settings);
invalid!(bad_rate_limits);
invalid!(bad_costs);
invalid!(bad_splits);
invalid!(bad_upstreams);
invalid!(bad_l2);
invalid!(bad_http_cache);
invalid!(bad_warming);

/// Every file in `tests/cases/` has its line above, so none is silently skipped.
#[test]
fn every_case_file_is_tested() {
    let source = include_str!("config.rs");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let listed = source.contains(&format!("valid!({stem});"))
            || source.contains(&format!("invalid!({stem});"));
        assert!(listed, "{} has no test line", path.display());
    }
}

#[test]
fn an_unknown_plugin_lists_every_built_in_plugin() {
    let errors = load(
        "providers:\n  - { name: docs, plugin: gogs }\n",
        &env,
        &mosaic_providers::builtin(),
    )
    .expect_err("gogs is no plugin");
    assert_eq!(
        errors.to_string().trim_end(),
        format!(
            "providers[0].plugin: unknown plugin `gogs`; available: {}",
            builtin_ids()
        )
    );
    assert!(builtin_ids().contains("sim@1.0.0"), "{}", builtin_ids());
}

#[test]
fn the_demo_configuration_loads() {
    let demo = load(
        include_str!("../../../examples/demo.yaml"),
        &|_| None,
        &mosaic_providers::builtin(),
    )
    .unwrap_or_else(|errors| panic!("examples/demo.yaml:\n{errors}"));
    let names: Vec<&str> = demo
        .instances
        .iter()
        .map(|instance| instance.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "forge-primary",
            "forge-mirror",
            "github-oss",
            "ci-main",
            "kb-main",
            "kb-archive",
            "pm-main",
            "pm-cloud"
        ]
    );
    assert_eq!(demo.store.url, "sqlite://data/mosaic-demo.db");
    let anonymous = demo
        .auth
        .anonymous
        .as_ref()
        .expect("the demo serves anonymous callers");
    assert_eq!(
        (anonymous.tenant.as_str(), anonymous.principal.as_str()),
        ("default", "anonymous")
    );
}

#[test]
fn the_demo_data_directory_comes_from_the_environment() {
    let env = |name: &str| (name == "MOSAIC_DATA").then(|| "/var/lib/mosaic".to_owned());
    let demo = load(
        include_str!("../../../examples/demo.yaml"),
        &env,
        &mosaic_providers::builtin(),
    )
    .unwrap();
    assert_eq!(demo.store.url, "sqlite:///var/lib/mosaic/mosaic-demo.db");
}

#[test]
fn the_minimal_example_loads() {
    let minimal = load(
        include_str!("../../../examples/minimal.yaml"),
        &|_| None,
        &mosaic_providers::builtin(),
    )
    .unwrap_or_else(|errors| panic!("examples/minimal.yaml:\n{errors}"));
    assert_eq!(minimal.instances.len(), 1);
    assert_eq!(minimal.routes.len(), 1);
}

#[test]
fn the_ci_example_loads_with_its_triggers_on_interchangeable_executors() {
    let env = |name: &str| name.ends_with("_TOKEN").then(|| "t0ken".to_owned());
    let hash = "0".repeat(64);
    let with_key = |name: &str| {
        if name == "MOSAIC_AGENT_KEY_SHA256" {
            Some(hash.clone())
        } else {
            env(name)
        }
    };
    let ci = load(
        include_str!("../../../examples/ci.yaml"),
        &with_key,
        &mosaic_providers::builtin(),
    )
    .unwrap_or_else(|errors| panic!("examples/ci.yaml:\n{errors}"));
    let plugins: Vec<String> = ci
        .instances
        .iter()
        .map(|instance| instance.plugin.descriptor().id())
        .collect();
    assert_eq!(
        plugins,
        ["github-actions@1.0.0", "jenkins@1.0.0", "woodpecker@1.0.0"]
    );
    let builds = ci.routes.iter().find(|rule| rule.name == "builds").unwrap();
    assert!(builds.interchangeable);
}

#[test]
fn load_file_names_a_file_it_cannot_read() {
    let errors = mosaic_config::load_file("/nonexistent/mosaic.yaml", &mosaic_providers::builtin())
        .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors
            .to_string()
            .starts_with("could not read /nonexistent/mosaic.yaml:"),
        "{errors}"
    );
}

/// The sim plugin, declaring a default rate limit as a knowledge-base plugin does.
struct LimitedSim {
    sim: std::sync::Arc<dyn mosaic_plugin::Plugin>,
    descriptor: mosaic_plugin::PluginDescriptor,
}

impl mosaic_plugin::Plugin for LimitedSim {
    fn descriptor(&self) -> &mosaic_plugin::PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn mosaic_plugin::InstanceBuilder>, Vec<mosaic_core::FieldError>> {
        self.sim.validate(settings)
    }
}

#[test]
fn the_plugin_default_rate_limit_applies_unless_the_instance_sets_its_own_or_off() {
    use mosaic_config::{InstanceRateLimit, RateLimitSetBy};
    use mosaic_plugin::RateLimit;
    use std::time::Duration;
    let sim = mosaic_providers::builtin()
        .find("sim", None)
        .unwrap()
        .clone();
    let notion_like = RateLimit::new(3, Duration::from_secs(1));
    let plugins: mosaic_plugin::Plugins = [std::sync::Arc::new(LimitedSim {
        descriptor: sim
            .descriptor()
            .clone()
            .with_default_rate_limit(notion_like),
        sim,
    }) as std::sync::Arc<dyn mosaic_plugin::Plugin>]
    .into_iter()
    .collect();
    let yaml = r#"
providers:
  - { name: defaulted, plugin: sim, settings: { kinds: [kb] } }
  - { name: own, plugin: sim, rate_limit: { requests: 1, per: 2s }, settings: { kinds: [kb] } }
  - { name: opted-out, plugin: sim, rate_limit: off, settings: { kinds: [kb] } }
"#;
    let config = load(yaml, &env, &plugins).unwrap_or_else(|errors| panic!("{errors}"));
    let limits: Vec<Option<InstanceRateLimit>> = config
        .instances
        .iter()
        .map(|instance| instance.rate_limit)
        .collect();
    assert_eq!(
        limits,
        [
            Some(InstanceRateLimit {
                limit: notion_like,
                set_by: RateLimitSetBy::Plugin
            }),
            Some(InstanceRateLimit {
                limit: RateLimit::new(1, Duration::from_secs(2)),
                set_by: RateLimitSetBy::Instance
            }),
            None,
        ]
    );
    let printed = config.normalized().to_value();
    assert_eq!(printed["providers"][0]["rate_limit"]["set_by"], "plugin");
}

#[test]
fn the_plugins_section_is_read_alone_before_the_rest() {
    let yaml = r#"
plugins: { dir: "${PLUGINS:-plugins}", watch: false }
providers:
  - { name: forge, plugin: gitea-manifest@1.0.0, settings: {} }
"#;
    let plugins = mosaic_config::plugins_section(yaml, &env).unwrap();
    assert_eq!(plugins.dir.as_deref(), Some(Path::new("plugins")));
    assert!(!plugins.watch);
    // The whole file needs the manifest's plugin, which the section alone does not.
    let whole = load(yaml, &env, &mosaic_providers::builtin()).unwrap_err();
    assert!(whole.to_string().contains("gitea-manifest"), "{whole}");
    let defaulted =
        mosaic_config::plugins_section("store: { url: \"sqlite::memory:\" }", &env).unwrap();
    assert_eq!((defaulted.dir, defaulted.watch), (None, true));
    let bad = mosaic_config::plugins_section("plugins: { dir: \"\", watch: sometimes }", &env)
        .unwrap_err();
    assert!(bad.to_string().contains("plugins.watch"), "{bad}");
    let empty = mosaic_config::plugins_section("plugins: { dir: \" \" }", &env).unwrap_err();
    assert!(
        empty
            .to_string()
            .contains("plugins.dir: must name a folder"),
        "{empty}"
    );
}
