//! Loading a configuration: YAML text to a tree, unknown keys reported and removed, `${ENV}`
//! expansion, the raw sections, then validation, with every error collected and reported in
//! file order.

use crate::env::{self, EnvLookup};
use crate::error::{ConfigError, ConfigErrors};
use crate::model::{GatewayConfig, PluginsConfig};
use crate::{parse, unknown, validate};
use mosaic_plugin::Plugins;
use std::path::Path;
use yaml_serde::Value;

/// Loads a configuration from YAML text, reading environment variables through `env`.
pub fn load(
    text: &str,
    env: EnvLookup<'_>,
    registry: &Plugins,
) -> Result<GatewayConfig, ConfigErrors> {
    let written = tree(text)?;
    let mut tree = written.clone();
    // Unknown keys first, all of them, so that each entry is read without them and its
    // other problems are reported too; they are never expanded.
    let mut unknown = Vec::new();
    unknown::strip(&mut tree, &mut unknown);
    let mut errors = Vec::new();
    env::expand_tree(&mut tree, "", env, &mut errors);
    // A string that could not be expanded is left as written; checks of that value would
    // only repeat the problem in other words.
    let unexpanded: Vec<String> = errors.iter().map(|error| error.path.clone()).collect();
    let raw = parse::sections(&tree, &mut errors);
    let config = validate::all(raw, registry, &mut errors);
    let expansion_errors = unexpanded.len();
    let mut kept: Vec<ConfigError> = errors.drain(..expansion_errors).collect();
    kept.extend(
        errors
            .into_iter()
            .filter(|error| !unexpanded.contains(&error.path)),
    );
    kept.extend(unknown);
    // Ordered by the file as written, where the unknown keys still are.
    match ConfigErrors::in_file_order(kept, &written) {
        Some(errors) => Err(errors),
        None => Ok(config),
    }
}

/// The `plugins` section of a configuration alone, read before the rest: the manifests in
/// its folder are plugins the rest of the file may name, so they must be loaded first.
/// Errors elsewhere in the file are left to [`load`].
pub fn plugins_section(text: &str, env: EnvLookup<'_>) -> Result<PluginsConfig, ConfigErrors> {
    let written = tree(text)?;
    let mut section = match &written {
        Value::Mapping(mapping) => mapping
            .get(Value::String("plugins".into()))
            .cloned()
            .unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let mut errors = Vec::new();
    env::expand_tree(&mut section, "plugins", env, &mut errors);
    let raw = parse::plugins_section(&section, &mut errors);
    let plugins = validate::plugins_section(raw, &mut errors);
    match ConfigErrors::in_file_order(errors, &written) {
        Some(errors) => Err(errors),
        None => Ok(plugins),
    }
}

/// Loads a configuration file, reading the process environment.
pub fn load_file(
    path: impl AsRef<Path>,
    registry: &Plugins,
) -> Result<GatewayConfig, ConfigErrors> {
    let text = read(path.as_ref())?;
    load(&text, &|name| std::env::var(name).ok(), registry)
}

/// The file's text, or an error naming the file.
pub(crate) fn read(path: &Path) -> Result<String, ConfigErrors> {
    std::fs::read_to_string(path).map_err(|error| {
        ConfigErrors::whole_file(format!("could not read {}: {error}", path.display()))
    })
}

/// Parses the YAML into a generic tree (merge keys applied); a syntax error names its line
/// and column.
fn tree(text: &str) -> Result<Value, ConfigErrors> {
    let mut tree: Value = yaml_serde::from_str(text).map_err(|error| {
        let message = error.to_string();
        ConfigErrors::whole_file(match error.location() {
            Some(at) => {
                // The library writes the position into its message; give it once, first.
                let position = format!(" at line {} column {}", at.line(), at.column());
                format!(
                    "invalid YAML at line {}, column {}: {}",
                    at.line(),
                    at.column(),
                    message.replacen(&position, "", 1)
                )
            }
            None => format!("invalid YAML: {message}"),
        })
    })?;
    tree.apply_merge().map_err(|error| {
        ConfigErrors::whole_file(format!("invalid YAML merge key (`<<`): {error}"))
    })?;
    Ok(tree)
}
