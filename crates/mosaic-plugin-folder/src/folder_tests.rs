use super::*;
use mosaic_core::{FieldError, Support};
use mosaic_plugin::{InstanceBuilder, PluginDescriptor, Plugins};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A plugin that is only its descriptor: enough for the set.
struct Named(PluginDescriptor);

impl Plugin for Named {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.0
    }

    fn validate(
        &self,
        _settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        Err(vec![FieldError::new(
            "",
            "a test plugin builds no instances",
        )])
    }
}

fn named(id: &str, description: &str) -> Arc<dyn Plugin> {
    let (name, version) = id.split_once('@').unwrap();
    Arc::new(Named(PluginDescriptor::new(
        name,
        version,
        description,
        vec![],
        schemars::json_schema!({}),
        |_| Support::unsupported("test"),
    )))
}

/// A manifest here is one line: `name@version: description`, or `broken: why, why`.
fn loader(reads: Arc<AtomicUsize>) -> Loader {
    Arc::new(move |text: &str, _path: &Path| {
        reads.fetch_add(1, Ordering::SeqCst);
        let (head, tail) = text.trim().split_once(": ").unwrap_or((text.trim(), ""));
        if head == "broken" {
            return Err(tail.split(", ").map(str::to_owned).collect());
        }
        Ok(named(head, tail))
    })
}

fn folder_with(set: &PluginSet) -> (PluginFolder, Arc<AtomicUsize>) {
    let reads = Arc::new(AtomicUsize::new(0));
    (
        PluginFolder::new("/plugins", set.clone(), loader(Arc::clone(&reads))),
        reads,
    )
}

fn snapshot(files: &[(&str, &str)]) -> Snapshot {
    files
        .iter()
        .map(|(name, text)| (PathBuf::from("/plugins").join(name), Ok((*text).to_owned())))
        .collect()
}

fn ids(set: &PluginSet) -> Vec<String> {
    set.snapshot()
        .iter()
        .map(|plugin| plugin.descriptor().id())
        .collect()
}

fn description(set: &PluginSet, name: &str) -> String {
    set.snapshot()
        .find(name, None)
        .unwrap()
        .descriptor()
        .description
        .clone()
}

#[test]
fn manifests_are_added_changed_and_removed_with_their_files() {
    let set = PluginSet::new(Plugins::default());
    let (mut folder, _) = folder_with(&set);
    let applied = folder.apply(snapshot(&[
        ("a.yaml", "alpha@1.0.0: first"),
        ("b.yml", "beta@2.0.0: b"),
    ]));
    assert_eq!(applied.loaded, ["alpha@1.0.0", "beta@2.0.0"]);
    assert_eq!(ids(&set), ["alpha@1.0.0", "beta@2.0.0"]);
    // Same name and version, new content: put in place.
    let applied = folder.apply(snapshot(&[
        ("a.yaml", "alpha@1.0.0: second"),
        ("b.yml", "beta@2.0.0: b"),
    ]));
    assert_eq!(applied.loaded, ["alpha@1.0.0"]);
    assert!(applied.removed.is_empty());
    assert_eq!(description(&set, "alpha"), "second");
    // A new version in the same file: the old one leaves.
    let applied = folder.apply(snapshot(&[
        ("a.yaml", "alpha@1.1.0: third"),
        ("b.yml", "beta@2.0.0: b"),
    ]));
    assert_eq!(
        (applied.loaded.as_slice(), applied.removed.as_slice()),
        (
            ["alpha@1.1.0".to_owned()].as_slice(),
            ["alpha@1.0.0".to_owned()].as_slice()
        )
    );
    assert_eq!(ids(&set), ["beta@2.0.0", "alpha@1.1.0"]);
    // The file is gone: so is its plugin.
    let applied = folder.apply(snapshot(&[("b.yml", "beta@2.0.0: b")]));
    assert_eq!(applied.removed, ["alpha@1.1.0"]);
    assert_eq!(ids(&set), ["beta@2.0.0"]);
    assert_eq!(folder.report().files.len(), 1);
}

#[test]
fn a_refused_change_leaves_the_previous_version_serving_and_says_why() {
    let set = PluginSet::new(Plugins::default());
    let (mut folder, _) = folder_with(&set);
    folder.apply(snapshot(&[("a.yaml", "alpha@1.0.0: good")]));
    let applied = folder.apply(snapshot(&[("a.yaml", "broken: bad template, bad path")]));
    assert!(!applied.changed_set());
    assert_eq!(
        applied.rejected,
        [(
            "a.yaml".to_owned(),
            vec!["bad template".to_owned(), "bad path".to_owned()]
        )]
    );
    assert_eq!(description(&set, "alpha"), "good");
    let report = folder.report();
    assert_eq!(report.files[0].serving.as_deref(), Some("alpha@1.0.0"));
    assert_eq!(report.files[0].rejected, ["bad template", "bad path"]);
    // Fixed: serving the new content, the refusal forgotten.
    folder.apply(snapshot(&[("a.yaml", "alpha@1.0.0: fixed")]));
    assert_eq!(description(&set, "alpha"), "fixed");
    assert!(folder.report().files[0].rejected.is_empty());
}

#[test]
fn a_name_and_version_already_installed_is_refused_naming_who_has_it() {
    let set = PluginSet::new([named("native@1.0.0", "built in")].into_iter().collect());
    let (mut folder, _) = folder_with(&set);
    let applied = folder.apply(snapshot(&[
        ("a.yaml", "alpha@1.0.0: a"),
        ("b.yaml", "alpha@1.0.0: copy"),
        ("c.yaml", "native@1.0.0: imposter"),
        ("d.yaml", "native@2.0.0: a later version beside it"),
    ]));
    assert_eq!(applied.loaded, ["alpha@1.0.0", "native@2.0.0"]);
    let why: Vec<&str> = applied
        .rejected
        .iter()
        .map(|(_, errors)| errors[0].as_str())
        .collect();
    assert!(
        why[0].contains("`alpha@1.0.0` is already installed (by a.yaml)"),
        "{why:?}"
    );
    assert!(
        why[1].contains("`native@1.0.0` is already installed (a plugin built into MosAIc)"),
        "{why:?}"
    );
    assert_eq!(description(&set, "alpha"), "a");
    assert_eq!(description(&set, "native"), "built in");
}

#[test]
fn unchanged_content_is_not_loaded_again() {
    let set = PluginSet::new(Plugins::default());
    let (mut folder, reads) = folder_with(&set);
    let files = [("a.yaml", "alpha@1.0.0: a"), ("b.yaml", "broken: nope")];
    folder.apply(snapshot(&files));
    let applied = folder.apply(snapshot(&files));
    assert_eq!(reads.load(Ordering::SeqCst), 2);
    assert_eq!(applied, Applied::default());
}

#[test]
fn an_unreadable_file_is_refused_and_read_again_next_time() {
    let set = PluginSet::new(Plugins::default());
    let (mut folder, _) = folder_with(&set);
    let mut unreadable = Snapshot::new();
    unreadable.insert(
        PathBuf::from("/plugins/a.yaml"),
        Err("permission denied".into()),
    );
    let applied = folder.apply(unreadable);
    assert_eq!(
        applied.rejected[0].1,
        ["could not be read: permission denied"]
    );
    folder.apply(snapshot(&[("a.yaml", "alpha@1.0.0: a")]));
    assert_eq!(ids(&set), ["alpha@1.0.0"]);
}

#[test]
fn only_visible_yaml_files_are_manifests() {
    for (name, manifest) in [
        ("gitea.yaml", true),
        ("redmine.yml", true),
        ("README.md", false),
        (".gitea.yaml", false),
        ("gitea.yaml~", false),
        ("gitea.yaml.swp", false),
        ("gitea", false),
    ] {
        assert_eq!(is_manifest(Path::new(name)), manifest, "{name}");
    }
}

#[test]
fn a_missing_folder_is_empty_and_a_real_one_is_read() {
    assert_eq!(
        read_snapshot(Path::new("/no/such/mosaic/plugins")),
        Ok(Snapshot::new())
    );
    let dir = std::env::temp_dir().join(format!("mosaic-plugin-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), "alpha@1.0.0: a").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a manifest").unwrap();
    let read = read_snapshot(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[&dir.join("a.yaml")], Ok("alpha@1.0.0: a".to_owned()));
}
