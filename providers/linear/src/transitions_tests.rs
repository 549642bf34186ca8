//! Choosing a team's state for a transition target.

use super::*;
use mosaic_core::model::StatusCategory;

fn states() -> Vec<StateInfo> {
    [
        ("s1", "Backlog", "backlog", 0.0),
        ("s2", "Todo", "unstarted", 1.0),
        ("s4", "In Review", "started", 3.0),
        ("s3", "In Progress", "started", 2.0),
        ("s5", "Done", "completed", 4.0),
        ("s6", "Duplicate", "canceled", 6.0),
        ("s7", "Won't Do", "canceled", 5.0),
        ("s8", "Paused", "paused", 7.0),
    ]
    .into_iter()
    .map(|(id, name, state_type, position)| StateInfo {
        id: id.into(),
        name: name.into(),
        state_type: state_type.into(),
        position,
    })
    .collect()
}

fn chosen(target: &Target) -> Option<String> {
    choose(&states(), target).map(|state| state.name.clone())
}

#[test]
fn a_category_takes_the_first_of_its_states_in_the_workflow() {
    assert_eq!(
        chosen(&Target::Category(StatusCategory::InProgress)).as_deref(),
        Some("In Progress")
    );
    assert_eq!(
        chosen(&Target::Category(StatusCategory::Cancelled)).as_deref(),
        Some("Won't Do")
    );
    assert_eq!(
        chosen(&Target::Category(StatusCategory::Done)).as_deref(),
        Some("Done")
    );
    let without_backlog: Vec<StateInfo> = states()
        .into_iter()
        .filter(|state| state.state_type != "backlog")
        .collect();
    assert!(choose(&without_backlog, &Target::Category(StatusCategory::Backlog)).is_none());
}

#[test]
fn a_name_finds_its_state_whatever_the_case_or_type() {
    assert_eq!(
        chosen(&Target::parse("in review")).as_deref(),
        Some("In Review")
    );
    assert_eq!(chosen(&Target::parse("Paused")).as_deref(), Some("Paused"));
    assert_eq!(chosen(&Target::parse("QA")), None);
}

#[test]
fn the_states_an_item_can_move_to_are_the_others_in_workflow_order() {
    assert_eq!(
        reachable(&states(), "s2"),
        [
            "Backlog",
            "In Progress",
            "In Review",
            "Done",
            "Won't Do",
            "Duplicate",
            "Paused"
        ]
    );
}
