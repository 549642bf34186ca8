//! The manifest plugins against the world: the shipped Gitea manifest passes the shared forge
//! suite's reads against the Gitea fake the native plugin is tested on (`gitea.rs`), the
//! shipped Redmine manifest the shared tracker suite against the Redmine fake (`redmine.rs`),
//! and
//! manifests good and bad are validated, every problem at its path (`validation.rs`), and a
//! manifest instance is configured and called through the gateway like a native one
//! (`gateway.rs`), and a mapping that would loop on a live answer is cut off (`bounds.rs`).

mod bounds;
mod gateway;
mod gitea;
mod redmine;
mod validation;

use std::path::Path;

/// A manifest shipped in `plugins/` at the repository root, as text.
pub fn shipped(file: &str) -> (String, std::path::PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../plugins")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    (text, path)
}
