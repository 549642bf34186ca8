use super::*;
use StatusCategory::*;

fn kanban() -> StatusMapping {
    StatusMapping::new(
        vec!["Backlog".into()],
        vec!["Won't Do".into(), "Duplicate".into()],
    )
    .unwrap()
}

#[test]
fn category_keys_statuses_and_resolutions_map_to_the_unified_categories() {
    // (statusCategory.key, status, resolution, expected)
    let table: &[(&str, &str, Option<&str>, StatusCategory)] = &[
        ("new", "To Do", None, Todo),
        ("new", "Backlog", None, Backlog),
        ("new", "BACKLOG", None, Backlog),
        ("new", "Selected for Development", None, Todo),
        ("undefined", "Triage", None, Todo),
        ("undefined", "Backlog", None, Backlog),
        ("indeterminate", "In Progress", None, InProgress),
        ("indeterminate", "In Review", Some("Won't Do"), InProgress),
        ("done", "Done", Some("Done"), Done),
        ("done", "Done", None, Done),
        ("done", "Closed", Some("Fixed"), Done),
        ("done", "Done", Some("Won't Do"), Cancelled),
        ("done", "Closed", Some("won't do"), Cancelled),
        ("done", "Done", Some("Duplicate"), Cancelled),
        // Not a cancelled resolution in this mapping (it is in the default one).
        ("done", "Done", Some("Cannot Reproduce"), Done),
    ];
    let mapping = kanban();
    for (key, status, resolution, expected) in table {
        assert_eq!(
            mapping.category(key, status, *resolution),
            Ok(*expected),
            "{key} / {status} / {resolution:?}"
        );
    }
}

#[test]
fn the_default_mapping_has_no_backlog_and_jira_clouds_cancelling_resolutions() {
    let mapping = StatusMapping::default();
    assert!(mapping.backlog_statuses().is_empty());
    assert_eq!(mapping.category("new", "Backlog", None), Ok(Todo));
    for resolution in DEFAULT_CANCELLED_RESOLUTIONS {
        assert_eq!(
            mapping.category("done", "Done", Some(resolution)),
            Ok(Cancelled)
        );
    }
    assert_eq!(mapping.category("done", "Done", Some("Done")), Ok(Done));
}

#[test]
fn an_unknown_category_key_is_the_providers_fault() {
    let error = StatusMapping::default()
        .category("blocked", "Blocked", None)
        .unwrap_err();
    assert_eq!(error.fault(), mosaic_core::Fault::Provider);
    assert!(error.to_string().contains("\"blocked\""), "{error}");
}

#[test]
fn every_unified_category_lives_in_one_jira_category() {
    let table = [
        (Backlog, JiraCategory::ToDo, "To Do"),
        (Todo, JiraCategory::ToDo, "To Do"),
        (InProgress, JiraCategory::InProgress, "In Progress"),
        (Done, JiraCategory::Done, "Done"),
        (Cancelled, JiraCategory::Done, "Done"),
    ];
    for (unified, jira, name) in table {
        assert_eq!(JiraCategory::of(unified), jira);
        assert_eq!(jira.name(), name);
    }
}

#[test]
fn a_mapping_needs_a_cancelled_resolution_and_clean_names() {
    let error = StatusMapping::new(vec![], vec![]).unwrap_err();
    assert!(
        error.to_string().contains("cancelled_resolutions"),
        "{error}"
    );
    let error = StatusMapping::new(vec!["  ".into()], vec!["Won't Do".into()]).unwrap_err();
    assert!(error.to_string().contains("backlog_statuses[0]"), "{error}");
    let error =
        StatusMapping::new(vec![], vec!["Won't Do".into(), "Dup\nlicate".into()]).unwrap_err();
    assert!(
        error.to_string().contains("cancelled_resolutions[1]"),
        "{error}"
    );
}
