use super::*;

#[test]
fn paths_join_keys_and_indices() {
    assert_eq!(child_path("", "server"), "server");
    assert_eq!(
        child_path("providers[1].settings", ""),
        "providers[1].settings"
    );
    assert_eq!(
        child_path("providers[1].settings", "latency.mean"),
        "providers[1].settings.latency.mean"
    );
    assert_eq!(
        child_path("providers[1].settings", "[0]"),
        "providers[1].settings[0]"
    );
}

#[test]
fn paths_split_into_segments() {
    assert_eq!(
        segments("routes[0].targets[1].instance"),
        [
            Segment::Key("routes"),
            Segment::Index(0),
            Segment::Key("targets"),
            Segment::Index(1),
            Segment::Key("instance"),
        ]
    );
    assert_eq!(segments(""), []);
}

#[test]
fn errors_sort_in_file_order_and_display_one_per_line() {
    let tree: Value = yaml_serde::from_str(
        "routes:\n  - name: a\n    targets: [{instance: x}, {instance: y}]\nproviders:\n  - name: p\n    plugin: nope\nexecutor:\n  timeout: 1\n",
    )
    .unwrap();
    let errors = vec![
        ConfigError::new("executor.timeout", "bad duration"),
        ConfigError::new("routes[0].targets[1].instance", "unknown instance `y`"),
        ConfigError::new("providers[0].plugin", "unknown plugin `nope`"),
        ConfigError::new("routes[0].targets[0].instance", "unknown instance `x`"),
        ConfigError::new("providers[0]", "missing field `region`"),
    ];
    let sorted = ConfigErrors::in_file_order(errors, &tree).unwrap();
    assert_eq!(
        sorted.to_string(),
        "routes[0].targets[0].instance: unknown instance `x`\n\
         routes[0].targets[1].instance: unknown instance `y`\n\
         providers[0]: missing field `region`\n\
         providers[0].plugin: unknown plugin `nope`\n\
         executor.timeout: bad duration"
    );
    assert_eq!(ConfigErrors::in_file_order(Vec::new(), &tree), None);
}

#[test]
fn an_error_without_a_path_shows_only_its_message() {
    assert_eq!(
        ConfigErrors::whole_file("could not read the file").to_string(),
        "could not read the file"
    );
}
