use super::*;

#[test]
fn a_category_name_is_a_category_and_anything_else_a_state() {
    assert_eq!(
        Target::parse("done"),
        Target::Category(StatusCategory::Done)
    );
    assert_eq!(
        Target::parse(" in_progress "),
        Target::Category(StatusCategory::InProgress)
    );
    assert_eq!(
        Target::parse("In Review"),
        Target::State("In Review".into())
    );
    assert_eq!(Target::parse("Done"), Target::State("Done".into()));
}

#[test]
fn state_names_match_without_case() {
    let target = Target::parse("in review");
    assert!(target.matches("In Review", StatusCategory::InProgress));
    assert!(!target.matches("In Progress", StatusCategory::InProgress));
    let category = Target::parse("cancelled");
    assert!(category.matches("Won't Do", StatusCategory::Cancelled));
    assert!(!category.matches("Done", StatusCategory::Done));
}

#[test]
fn no_transition_names_where_the_item_is_and_where_it_can_go() {
    let error = no_transition(
        "PLAT-1",
        "Todo",
        &Target::parse("done"),
        &["In Progress".into(), "Won't Do".into()],
    );
    assert_eq!(
        error,
        ProviderError::Conflict(
            "no transition takes PLAT-1 from `Todo` to status category `done`; it can move to: In Progress, Won't Do".into()
        )
    );
}

#[test]
fn keys_split_at_the_last_dash() {
    assert_eq!(split_key("MY-PROJ-12"), Ok(("MY-PROJ", 12)));
    assert!(matches!(split_key("PROJ"), Err(ProviderError::Invalid(_))));
    assert!(matches!(split_key("-12"), Err(ProviderError::Invalid(_))));
    assert!(matches!(
        split_key("PROJ-x"),
        Err(ProviderError::Invalid(_))
    ));
}
