use super::*;
use serde_json::json;

fn transitions() -> Vec<JiraTransition> {
    let list: TransitionList = serde_json::from_value(json!({"transitions": [
        {"id": "11", "name": "Start", "to": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}},
        {"id": "21", "name": "Close", "to": {"name": "Closed", "statusCategory": {"key": "done"}},
         "fields": {"resolution": {"allowedValues": [{"name": "Fixed"}, {"name": "Duplicate"}]}}},
        {"id": "31", "name": "Give up", "to": {"name": "Won't Do", "statusCategory": {"key": "done"}}}
    ]}))
    .expect("transitions");
    list.transitions
}

fn chosen(id: &str, resolution: Option<&str>) -> Option<Chosen> {
    Some(Chosen {
        id: id.into(),
        resolution: resolution.map(str::to_owned),
    })
}

#[test]
fn a_category_picks_the_first_transition_reaching_it() {
    let statuses = StatusMapping::default();
    let pick = |to: &str| choose(&transitions(), &Target::parse(to), &statuses).expect("known");
    assert_eq!(pick("in_progress"), chosen("11", None));
    assert_eq!(pick("done"), chosen("21", None));
    // "Closed" can be cancelled too when its screen offers a cancelled resolution; it comes
    // first, so it is taken, with that resolution.
    assert_eq!(pick("cancelled"), chosen("21", Some("Duplicate")));
    assert_eq!(pick("Won't Do"), chosen("31", None));
    assert_eq!(pick("todo"), None);
    assert_eq!(pick("QA"), None);
}

#[test]
fn a_status_named_like_a_cancelled_resolution_is_cancelled() {
    let statuses = StatusMapping::new(vec![], vec!["Won't Do".into()]).expect("a mapping");
    let pick = choose(&transitions(), &Target::parse("cancelled"), &statuses).expect("known");
    assert_eq!(pick, chosen("31", None));
}
