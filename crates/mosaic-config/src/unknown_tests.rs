use super::*;

fn stripped(yaml: &str) -> (Value, Vec<String>) {
    let mut tree: Value = yaml_serde::from_str(yaml).unwrap();
    let mut errors = Vec::new();
    strip(&mut tree, &mut errors);
    (tree, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn every_unknown_key_of_an_entry_is_reported_and_removed() {
    let (tree, errors) = stripped(
        "providers:\n  - { name: forge, plugin: sim, regoin: eu, costs: 1, settings: { kinds: [git], anything: 1 } }\n",
    );
    assert_eq!(
        errors,
        [
            "providers[0].regoin: unknown field `regoin`, expected one of `name`, `plugin`, `region`, `labels`, `public`, `cost_per_call`, `timeout`, `rate_limit`, `cost`, `settings`",
            "providers[0].costs: unknown field `costs`, expected one of `name`, `plugin`, `region`, `labels`, `public`, `cost_per_call`, `timeout`, `rate_limit`, `cost`, `settings`",
        ]
    );
    let entry = &tree["providers"][0];
    assert!(entry.get("regoin").is_none() && entry.get("costs").is_none());
    // Plugin settings are the plugin's to check.
    assert_eq!(entry["settings"]["anything"], Value::from(1));
}

#[test]
fn unknown_keys_are_found_at_every_depth() {
    let (_, errors) = stripped(
        r#"
executor: { retry: { attempts: 3 }, breaker: { threshold: 2 } }
cache: { classes: { stable: { ttl: 1s, stale: 2s } } }
routes: [{ name: all, targets: [{ instance: forge, wieght: 2 }] }]
auth: { api_keys: [{ name: ci, hash: x }], anonymous: { tenant: t, principal: p, role: admin } }
"#,
    );
    let paths: Vec<&str> = errors
        .iter()
        .map(|error| error.split_once(':').unwrap().0)
        .collect();
    assert_eq!(
        paths,
        [
            "executor.retry.attempts",
            "executor.breaker.threshold",
            "cache.classes.stable.stale",
            "routes[0].targets[0].wieght",
            "auth.api_keys[0].hash",
            "auth.anonymous.role",
        ]
    );
}

#[test]
fn free_form_maps_and_unknown_sections_are_left_alone() {
    let (tree, errors) = stripped(
        "providers: [{ name: a, plugin: sim, labels: { anything: goes } }]\nprovider: { x: 1 }\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    // An unknown section is reported as a section when the sections are read.
    assert!(tree.get("provider").is_some());
}

#[test]
fn messages_name_what_is_expected_as_serde_does() {
    assert_eq!(expected(&[]), "there are no fields");
    assert_eq!(expected(&["url"]), "expected `url`");
    assert_eq!(
        expected(&["api_keys", "anonymous"]),
        "expected `api_keys` or `anonymous`"
    );
}

/// A raw type missing from the declared-order table would list its keys by name instead.
#[test]
fn every_closed_mapping_of_the_schema_has_its_declared_order() {
    let root = schemars::schema_for!(ConfigFile).to_value();
    for (name, definition) in root["$defs"].as_object().unwrap() {
        if definition.get("additionalProperties") != Some(&Json::Bool(false)) {
            continue;
        }
        let order = declared(name).unwrap_or_else(|| panic!("{name} has no declared order"));
        let mut listed: Vec<&str> = order.to_vec();
        let mut properties: Vec<&str> = definition["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        listed.sort_unstable();
        properties.sort_unstable();
        assert_eq!(listed, properties, "{name}");
    }
}
