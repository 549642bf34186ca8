use super::*;

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("mosaic-config-path-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_argument_wins_then_the_environment_then_the_default_file() {
    let dir = TempDir::new("order");
    std::fs::write(dir.0.join(DEFAULT_FILE), "").unwrap();
    let given = Some(PathBuf::from("given.yaml"));
    let env = Some(OsString::from("from-env.yaml"));
    assert_eq!(
        resolve_in(given, env.clone(), &dir.0).unwrap(),
        PathBuf::from("given.yaml")
    );
    assert_eq!(
        resolve_in(None, env, &dir.0).unwrap(),
        PathBuf::from("from-env.yaml")
    );
    assert_eq!(
        resolve_in(None, Some(OsString::new()), &dir.0).unwrap(),
        dir.0.join(DEFAULT_FILE),
        "an empty variable names nothing"
    );
    assert_eq!(
        resolve_in(None, None, &dir.0).unwrap(),
        dir.0.join(DEFAULT_FILE)
    );
}

#[test]
fn without_any_the_error_names_every_way_to_give_one() {
    let dir = TempDir::new("none");
    let error = resolve_in(None, None, &dir.0).unwrap_err().to_string();
    assert_eq!(
        error,
        "no configuration file: give --config FILE, set MOSAIC_CONFIG, or create mosaic.yaml in the current directory"
    );
}
