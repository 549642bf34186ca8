//! Declarative manifest plugins: a REST provider described by a YAML file becomes a
//! [`mosaic_plugin::Plugin`], so its instances run through the same executor, cache, audit
//! and routing as native plugins. See this crate's README for the format.
//!
//! - `format.rs`: the file as written, with its JSON Schema ([`schema`]).
//! - `read.rs`: YAML to that form, every shape problem at its path.
//! - `compile/`: checking everything before traffic (templates, expressions, pagination,
//!   error rules, the examples against the catalog's output schemas) into a [`Compiled`]
//!   manifest.
//! - `template.rs`, `expr.rs`: the sandboxed minijinja templates and the jq programs.
//! - `plugin.rs`, `settings.rs`: the plugin and its instances' settings.
//! - `client.rs`, `quota.rs`, `refusal.rs`, `paging.rs`, `instance.rs`: a running instance:
//!   requests, rate-limit headers, refusals as typed errors, pages, one call.
//! - `errors.rs`, `locate.rs`: problems with their path and line.

mod client;
mod compile;
mod errors;
mod expr;
mod format;
mod instance;
mod locate;
mod paging;
mod plugin;
mod quota;
mod read;
mod refusal;
mod settings;
mod template;
#[cfg(test)]
mod test_manifest;

pub use compile::Compiled;
pub use errors::{ManifestError, ManifestErrors};
pub use format::Manifest;
pub use plugin::ManifestPlugin;
pub use template::{FUEL, RECURSION_LIMIT};

/// Drops every jq program compiled so far (each text is compiled once per process), so that
/// the next load compiles each again: what the first load in a process costs, for benchmarks.
pub fn forget_compiled_programs() {
    expr::forget_all();
}

use std::path::Path;
use std::sync::Arc;

/// Reads, checks and compiles the manifest `text` (read from `origin`, which errors name) into
/// a plugin. Every problem is reported at once, each at its path in the file.
pub fn load(text: &str, origin: &Path) -> Result<Arc<dyn mosaic_plugin::Plugin>, ManifestErrors> {
    let compiled = compile::compile(text, origin)?;
    Ok(Arc::new(ManifestPlugin::new(compiled)))
}

/// The JSON Schema of a manifest file, for editors and `mosaic plugins schema`.
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(mosaic_core::catalog::schema::StandardFormats)
        .into_generator()
        .into_root_schema_for::<Manifest>()
}
