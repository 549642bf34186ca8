use super::*;
use crate::descriptor::PluginDescriptor;
use crate::plugin::InstanceBuilder;
use mosaic_core::{FieldError, ServiceKind, Support};

struct Named(PluginDescriptor);

impl Plugin for Named {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.0
    }

    fn validate(
        &self,
        _settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        Err(vec![FieldError::new("", "not buildable")])
    }
}

fn plugin(name: &str, version: &str, description: &str) -> Arc<dyn Plugin> {
    Arc::new(Named(PluginDescriptor::new(
        name,
        version,
        description,
        vec![ServiceKind::Kb],
        schemars::json_schema!({"type": "object"}),
        |_| Support::Supported,
    )))
}

fn ids(plugins: &Plugins) -> Vec<String> {
    plugins.iter().map(|p| p.descriptor().id()).collect()
}

#[test]
fn plugins_are_added_replaced_and_removed_while_a_snapshot_stays_as_it_was() {
    let set = PluginSet::new([plugin("wiki", "1.0.0", "first")].into_iter().collect());
    let before = set.snapshot();

    set.add(plugin("wiki", "2.0.0", "canary")).unwrap();
    assert_eq!(
        set.add(plugin("wiki", "2.0.0", "again")),
        Err(PluginSetError::Duplicate("wiki@2.0.0".into()))
    );
    let replaced = set.replace(plugin("wiki", "1.0.0", "patched")).unwrap();
    assert_eq!(replaced.descriptor().description, "first");
    assert_eq!(ids(&set.snapshot()), ["wiki@1.0.0", "wiki@2.0.0"]);
    let found = set.snapshot();
    let unversioned = found.find("wiki", None).unwrap();
    assert_eq!(unversioned.descriptor().description, "patched");
    assert!(found.find("wiki", Some("2.0.0")).is_some());

    set.remove("wiki", "1.0.0").unwrap();
    assert_eq!(
        set.remove("wiki", "1.0.0").err(),
        Some(PluginSetError::Missing("wiki@1.0.0".into()))
    );
    assert_eq!(ids(&set.snapshot()), ["wiki@2.0.0"]);
    // A reader that took the set before the changes still sees exactly that set.
    assert_eq!(ids(&before), ["wiki@1.0.0"]);
    assert_eq!(
        before.find("wiki", None).unwrap().descriptor().description,
        "first"
    );
}

#[test]
fn concurrent_additions_are_all_kept() {
    let set = PluginSet::default();
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let set = set.clone();
            scope.spawn(move || {
                for n in 0..25 {
                    set.add(plugin(&format!("p{worker}"), &format!("{n}.0.0"), ""))
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(set.snapshot().len(), 100);
}
