use super::*;

#[test]
fn a_region_serves_its_jurisdiction_and_its_parts_only() {
    assert!(region_serves("eu", "eu"));
    assert!(region_serves("eu-west", "eu"));
    assert!(!region_serves("us", "eu"));
    assert!(!region_serves("us-east", "eu"));
    // A prefix of letters is not a part: `europe` is not inside `eu`.
    assert!(!region_serves("europe", "eu"));
    assert!(!region_serves("eu", "eu-west"));
}

#[test]
fn undeclared_storage_holds_only_answers_without_a_jurisdiction() {
    assert!(may_hold(None, None));
    assert!(may_hold(Some("us"), None));
    assert!(!may_hold(None, Some("eu")));
    assert!(may_hold(Some("eu-central"), Some("eu")));
    assert!(!may_hold(Some("us"), Some("eu")));
}
