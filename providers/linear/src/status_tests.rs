//! The state-type table, both ways.

use super::*;

#[test]
fn every_linear_state_type_has_its_category() {
    let table: Vec<(&str, StatusCategory)> = STATE_TYPES
        .iter()
        .map(|state_type| (*state_type, category_of(state_type).unwrap()))
        .collect();
    assert_eq!(
        table,
        [
            ("triage", StatusCategory::Todo),
            ("backlog", StatusCategory::Backlog),
            ("unstarted", StatusCategory::Todo),
            ("started", StatusCategory::InProgress),
            ("completed", StatusCategory::Done),
            ("canceled", StatusCategory::Cancelled),
        ]
    );
}

#[test]
fn a_search_for_a_category_asks_for_exactly_the_types_read_as_it() {
    for category in [
        StatusCategory::Backlog,
        StatusCategory::Todo,
        StatusCategory::InProgress,
        StatusCategory::Done,
        StatusCategory::Cancelled,
    ] {
        let mut asked: Vec<&str> = types_of(category).to_vec();
        asked.sort_unstable();
        let mut read: Vec<&str> = STATE_TYPES
            .iter()
            .copied()
            .filter(|state_type| category_of(state_type).unwrap() == category)
            .collect();
        read.sort_unstable();
        assert_eq!(asked, read, "{category:?}");
    }
}

#[test]
fn an_undocumented_state_type_is_the_providers_fault() {
    for odd in ["cancelled", "Started", "", "duplicate"] {
        let error = category_of(odd).unwrap_err();
        assert!(
            matches!(&error, ProviderError::Protocol(m) if m.contains("unknown Linear workflow state type")),
            "{odd}: {error:?}"
        );
    }
}
