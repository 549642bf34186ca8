//! The [`BuildContext`] each instance is built with: its name and, when the gateway keeps
//! its state in a file, a state directory of its own beside that file
//! (`data/mosaic.db` → `data/plugins/<instance>/`).

use mosaic_plugin::BuildContext;
use std::path::{Path, PathBuf};

/// The build context of instance `instance` of a gateway whose store is at `store_url`.
pub(crate) fn build_context(store_url: &str, instance: &str) -> BuildContext {
    let context = BuildContext::new(instance);
    match state_root(store_url) {
        Some(root) => context.with_state_dir(root.join("plugins").join(instance)),
        None => context,
    }
}

/// The folder of a SQLite store's file; none for an in-memory or server store.
fn state_root(store_url: &str) -> Option<PathBuf> {
    let path = store_url
        .strip_prefix("sqlite://")
        .or_else(|| store_url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    let parent = Path::new(path).parent()?;
    Some(if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_store_gives_each_instance_a_folder_beside_it_and_a_memory_store_none() {
        let context = build_context("sqlite://data/mosaic.db?mode=rwc", "github-public");
        assert_eq!(
            context.state_dir(),
            Some(Path::new("data/plugins/github-public"))
        );
        assert_eq!(context.instance(), "github-public");
        assert_eq!(
            build_context("sqlite:mosaic.db", "x").state_dir(),
            Some(Path::new("./plugins/x"))
        );
        for url in [
            "sqlite::memory:",
            "sqlite://:memory:",
            "postgres://127.0.0.1/test",
        ] {
            assert_eq!(build_context(url, "x").state_dir(), None, "{url}");
        }
    }
}
