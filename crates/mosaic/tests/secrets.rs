//! No credential ever prints. For every built-in plugin, its example settings with a marked
//! value in every credential are validated, built and called against a closed port, while a
//! subscriber records every log line at every level; the marked values must appear nowhere: not
//! in the validated settings printed with `{:?}`, not in the settings errors, not in the
//! instance's health answer or its call errors, not in the logs — and not in the configuration
//! that holds them, printed or debug-formatted.

use mosaic_core::{OpId, Operation};
use mosaic_plugin::{BuildContext, Plugin};
use serde_json::{Value, json};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// What marks a credential in these tests; the `${…}` placeholders of each plugin's example
/// settings are replaced by it and a number.
const MARK: &str = "s3kr1t-credential";

/// A base URL no one listens on: the discard port, refused at once on loopback.
const CLOSED: &str = "http://127.0.0.1:9";

/// Replaces every `${…}` placeholder with a marked value and points every `base_url` at a
/// closed port, keeping its path (a prefix such as `/api/v1` may be required); the number of
/// credentials marked.
fn mark(settings: &mut Value, marked: &mut usize) {
    match settings {
        Value::String(text) if text.contains("${") => {
            *marked += 1;
            *text = format!("{MARK}-{marked}");
        }
        Value::Object(fields) => {
            for (key, value) in fields.iter_mut() {
                if key == "base_url" {
                    let url = value.as_str().unwrap_or_default();
                    let path = url
                        .split_once("://")
                        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
                        .unwrap_or_default();
                    *value = json!(format!("{CLOSED}{path}"));
                } else {
                    mark(value, marked);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| mark(item, marked)),
        _ => {}
    }
}

fn assert_clean(what: &str, plugin: &str, text: &str) {
    assert!(
        !text.contains(MARK),
        "{plugin}: a credential shows in {what}:\n{text}"
    );
}

/// Every log line written while the test runs.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first operation the instance supports that takes no arguments (every kind has a
/// listing that does).
fn a_listing(provider: &dyn mosaic_core::Provider) -> Option<Operation> {
    OpId::ALL
        .iter()
        .filter(|op| provider.supports(**op).is_supported())
        .find_map(|op| Operation::parse(*op, json!({})).ok())
}

async fn exercise(plugin: &dyn Plugin) -> usize {
    let descriptor = plugin.descriptor();
    let name = descriptor.name.as_str();
    let mut settings = descriptor.example_settings.clone();
    let mut marked = 0;
    mark(&mut settings, &mut marked);

    let builder = plugin
        .validate(&settings)
        .unwrap_or_else(|errors| panic!("{name}: its example settings are refused: {errors:?}"));
    let shown = format!("{builder:?}");
    assert_clean("the validated settings", name, &shown);
    // The credentials are there, shown as set but not what they are.
    assert!(marked == 0 || shown.contains("***"), "{name}: {shown}");

    let mut broken = settings.clone();
    if let Value::Object(fields) = &mut broken {
        fields.insert("not_a_setting".into(), json!(true));
    }
    if let Err(errors) = plugin.validate(&broken) {
        let shown: Vec<String> = errors.iter().map(|e| format!("{e} {e:?}")).collect();
        assert_clean("the settings errors", name, &shown.join("\n"));
    }

    let provider = builder
        .build(&BuildContext::new(format!("{name}-secrets")))
        .await
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let health = provider.health().await;
    assert_clean("the health answer", name, &format!("{health:?}"));
    if let Some(operation) = a_listing(&*provider)
        && let Err(error) = provider.call(&operation).await
    {
        assert_clean("a call's error", name, &format!("{error} {error:?}"));
    }
    marked
}

#[test]
fn no_plugin_prints_a_credential_in_settings_errors_answers_or_logs() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let plugins = mosaic_providers::builtin();
    let mut credentials = 0;
    tracing::subscriber::with_default(subscriber, || {
        for plugin in plugins.iter() {
            credentials += runtime.block_on(exercise(plugin.as_ref()));
        }
    });
    assert!(
        credentials >= plugins.len() - 1,
        "only {credentials} credentials were marked: do the example settings use `${{VAR}}`?"
    );
    let logs = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert_clean("the logs", "every plugin", &logs);
}

#[test]
fn a_configuration_holding_credentials_never_prints_them() {
    let mut providers = Vec::new();
    let plugins = mosaic_providers::builtin();
    let mut marked = 0;
    for plugin in plugins.iter() {
        let descriptor = plugin.descriptor();
        let mut settings = descriptor.example_settings.clone();
        mark(&mut settings, &mut marked);
        providers.push(json!({
            "name": format!("{}-main", descriptor.name),
            "plugin": descriptor.name,
            "settings": settings,
        }));
    }
    let yaml = format!(
        "store:\n  url: \"sqlite::memory:\"\n  audit:\n    key: {MARK}-audit-key-long-enough-to-be-a-key\nproviders: {}\n",
        Value::Array(providers)
    );
    let config = mosaic_config::load(&yaml, &|_| None, &plugins)
        .unwrap_or_else(|errors| panic!("{errors:?}\n{yaml}"));
    assert_clean("the configuration", "config", &format!("{config:?}"));
    let printed = serde_json::to_string(&config.normalized()).unwrap();
    assert_clean("the printed configuration", "config", &printed);
}
