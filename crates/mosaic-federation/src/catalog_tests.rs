use super::*;
use mosaic_config::{PrefixMode, UpstreamSpec, UpstreamTransport};
use serde_json::json;
use std::time::Duration;

fn link(name: &str, prefix: PrefixMode, tools: &[&str]) -> Arc<Link> {
    let link = Link::new(UpstreamSpec {
        name: name.into(),
        transport: UpstreamTransport::Stdio {
            command: "unused".into(),
            args: vec![],
            env: Default::default(),
        },
        prefix,
        read_only: vec![],
        cacheable: vec![],
        cache_ttl: Duration::from_secs(60),
        refresh: Duration::from_secs(300),
        timeout: None,
    });
    let schema = json!({"type": "object"}).as_object().cloned().unwrap();
    link.listed(
        tools
            .iter()
            .map(|tool| Tool::new_with_raw(tool.to_string(), None, Arc::new(schema.clone())))
            .collect(),
    );
    Arc::new(link)
}

#[test]
fn a_taken_name_is_not_offered_and_the_collision_is_shown() {
    let catalog = Catalog::build(&[
        link(
            "one",
            PrefixMode::Never,
            &["echo", "git_issues_list", "mosaic_x"],
        ),
        link("two", PrefixMode::Never, &["echo", "add"]),
        link("three", PrefixMode::Always, &["echo"]),
    ]);
    let names: Vec<&str> = catalog
        .tools()
        .iter()
        .map(|tool| tool.name.as_str())
        .collect();
    assert_eq!(names, ["echo", "add", "three_echo"]);
    assert_eq!(
        catalog.get("echo").unwrap().upstream,
        "one",
        "the first upstream keeps it"
    );
    let one = catalog.conflicts("one");
    assert_eq!(one.len(), 2, "{one:?}");
    assert!(
        one[0].contains("`git_issues_list` is a tool of MosAIc's own"),
        "{one:?}"
    );
    assert!(one[1].contains("`mosaic_x`"), "{one:?}");
    let two = catalog.conflicts("two");
    assert_eq!(two.len(), 1);
    assert!(
        two[0].contains("its name `echo` is upstream `one`'s already"),
        "{two:?}"
    );
    assert!(two[0].contains("offer it as `two_echo`"), "{two:?}");
    assert!(catalog.conflicts("three").is_empty());
}
