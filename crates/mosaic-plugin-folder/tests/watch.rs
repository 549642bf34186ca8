//! The folder watched on a real file system: files written, saved as editors save them,
//! broken and removed, each settled change applied to the set and told once.

use mosaic_core::{FieldError, Support};
use mosaic_plugin::{InstanceBuilder, Plugin, PluginDescriptor, PluginSet, Plugins};
use mosaic_plugin_folder::{Applied, FolderWatch, Loader, PluginFolder};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

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

/// A manifest here is `name@version`, or `broken: why`.
fn loader() -> Loader {
    Arc::new(|text: &str, _path: &Path| {
        let text = text.trim();
        if let Some(why) = text.strip_prefix("broken: ") {
            return Err(vec![why.to_owned()]);
        }
        let (name, version) = text
            .split_once('@')
            .ok_or_else(|| vec!["no version".to_owned()])?;
        Ok(Arc::new(Named(PluginDescriptor::new(
            name,
            version,
            "test",
            vec![],
            schemars::json_schema!({}),
            |_| Support::unsupported("test"),
        ))) as Arc<dyn Plugin>)
    })
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ids(set: &PluginSet) -> Vec<String> {
    set.snapshot()
        .iter()
        .map(|plugin| plugin.descriptor().id())
        .collect()
}

/// The next change told, within a generous bound so a lost event fails instead of hanging.
async fn next(told: &mut mpsc::UnboundedReceiver<Applied>) -> Applied {
    tokio::time::timeout(Duration::from_secs(20), told.recv())
        .await
        .expect("a change of the folder was told")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_settled_change_of_the_folder_is_applied_and_told_once() {
    let dir =
        TempDir(std::env::temp_dir().join(format!("mosaic-folder-watch-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(dir.0.join("a.yaml"), "alpha@1.0.0").unwrap();
    let set = PluginSet::new(Plugins::default());
    let mut folder = PluginFolder::new(&dir.0, set.clone(), loader());
    assert_eq!(folder.scan().loaded, ["alpha@1.0.0"]);
    let (tell, mut told) = mpsc::unbounded_channel();
    let _watch = FolderWatch::spawn_with(
        folder,
        Box::new(move |applied: &Applied, _report| {
            let _ = tell.send(applied.clone());
        }),
        Duration::from_millis(50),
    )
    .unwrap();

    // Saved as an editor saves: written beside, then renamed over.
    std::fs::write(dir.0.join(".b.yaml.swp"), "beta@1.0.0").unwrap();
    std::fs::rename(dir.0.join(".b.yaml.swp"), dir.0.join("b.yaml")).unwrap();
    assert_eq!(next(&mut told).await.loaded, ["beta@1.0.0"]);
    assert_eq!(ids(&set), ["alpha@1.0.0", "beta@1.0.0"]);

    std::fs::write(
        dir.0.join("b.yaml"),
        "broken: the template does not compile",
    )
    .unwrap();
    let refused = next(&mut told).await;
    assert_eq!(
        refused.rejected,
        [(
            "b.yaml".to_owned(),
            vec!["the template does not compile".to_owned()]
        )]
    );
    assert_eq!(
        ids(&set),
        ["alpha@1.0.0", "beta@1.0.0"],
        "the previous version keeps serving"
    );

    std::fs::write(dir.0.join("b.yaml"), "beta@1.1.0").unwrap();
    let upgraded = next(&mut told).await;
    assert_eq!(
        (upgraded.loaded, upgraded.removed),
        (vec!["beta@1.1.0".to_owned()], vec!["beta@1.0.0".to_owned()])
    );

    std::fs::remove_file(dir.0.join("a.yaml")).unwrap();
    assert_eq!(next(&mut told).await.removed, ["alpha@1.0.0"]);
    assert_eq!(ids(&set), ["beta@1.1.0"]);
}

#[tokio::test]
async fn a_folder_that_does_not_exist_cannot_be_watched() {
    let folder = PluginFolder::new("/no/such/mosaic/plugins", PluginSet::default(), loader());
    let error = FolderWatch::spawn(folder, Box::new(|_: &Applied, _| {}))
        .err()
        .unwrap();
    assert!(
        error
            .to_string()
            .contains("/no/such/mosaic/plugins does not exist"),
        "{error}"
    );
}
