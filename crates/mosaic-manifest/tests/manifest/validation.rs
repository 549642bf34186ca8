//! Manifests good and bad, each turned into its report: what a good one serves, and every
//! problem of a bad one with its path and line (insta snapshots, one per case).

use super::shipped;
use mosaic_core::OpId;
use std::path::Path;

fn report(text: &str) -> String {
    match mosaic_manifest::load(text, Path::new("plugins/case.yaml")) {
        Ok(plugin) => {
            let descriptor = plugin.descriptor();
            let served: Vec<&str> = descriptor
                .operations()
                .filter(|(_, support)| support.is_supported())
                .map(|(op, _)| op.name())
                .collect();
            format!("ok: {} serves {}", descriptor.id(), served.join(", "))
        }
        Err(errors) => errors.to_string(),
    }
}

#[test]
fn the_shipped_gitea_manifest_loads_and_serves_the_forge_reads() {
    let (text, origin) = shipped("gitea.yaml");
    let plugin = mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    let descriptor = plugin.descriptor();
    assert_eq!(descriptor.id(), "gitea-manifest@1.0.0");
    let writes = descriptor
        .operations()
        .filter(|(op, _)| op.spec().kind == mosaic_core::ServiceKind::Git && !op.spec().is_read());
    for (op, support) in writes {
        assert_eq!(
            support,
            &mosaic_core::Support::unsupported("not in this manifest"),
            "{}",
            op.name()
        );
    }
    assert!(descriptor.supports(OpId::GitIssuesList).is_supported());
}

#[test]
fn a_minimal_manifest_serves_what_it_maps() {
    insta::assert_snapshot!(report(include_str!("cases/minimal.yaml")));
}

#[test]
fn every_problem_of_a_broken_manifest_is_reported_at_its_path() {
    insta::assert_snapshot!(report(include_str!("cases/broken.yaml")));
}

#[test]
fn an_example_whose_mapped_answer_breaks_the_output_schema_is_refused() {
    insta::assert_snapshot!(report(include_str!("cases/bad_example.yaml")));
}

#[test]
fn shape_problems_of_every_operation_are_reported_together() {
    insta::assert_snapshot!(report(include_str!("cases/shapes.yaml")));
}

#[test]
fn lookups_and_read_backs_are_checked_at_their_paths() {
    insta::assert_snapshot!(report(include_str!("cases/lookups.yaml")));
}

#[test]
fn the_shipped_redmine_manifest_serves_every_tracker_operation() {
    let (text, origin) = shipped("redmine.yaml");
    let plugin = mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    let descriptor = plugin.descriptor();
    assert_eq!(descriptor.id(), "redmine-manifest@1.0.0");
    let tracker = [
        OpId::PmProjectsList,
        OpId::PmIssuesSearch,
        OpId::PmIssuesGet,
        OpId::PmIssuesCreate,
        OpId::PmIssuesUpdate,
        OpId::PmIssuesTransition,
        OpId::PmIssuesComment,
    ];
    for op in tracker {
        assert!(descriptor.supports(op).is_supported(), "{op:?}");
    }
}

#[test]
fn a_program_whose_definitions_recurse_is_refused_at_its_path() {
    insta::assert_snapshot!(report(include_str!("cases/recursive.yaml")));
}

#[test]
fn text_that_is_not_yaml_is_refused_with_its_line() {
    insta::assert_snapshot!(report("name: [unclosed\nversion: 1.0.0\n"));
}

#[test]
fn the_published_schema_describes_the_format() {
    let schema = serde_json::to_value(mosaic_manifest::schema()).unwrap();
    assert_eq!(schema["title"], "MosAIc provider manifest");
    let required = schema["required"].as_array().unwrap();
    for field in [
        "name",
        "version",
        "description",
        "kinds",
        "auth",
        "operations",
    ] {
        assert!(required.contains(&serde_json::json!(field)), "{field}");
    }
    assert!(mosaic_core::catalog::schema::nonstandard_formats(&schema).is_empty());
}
