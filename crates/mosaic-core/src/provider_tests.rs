use super::*;
use serde_json::json;

#[test]
fn a_quota_reset_is_serialized_in_whole_milliseconds() {
    let quota = Quota {
        remaining: 0,
        limit: 5000,
        resets_in: Some(Duration::from_millis(42_250)),
    };
    assert_eq!(
        serde_json::to_value(&quota).unwrap(),
        json!({ "remaining": 0, "limit": 5000, "resets_in_ms": 42_250 })
    );
    let unknown = Quota {
        resets_in: None,
        ..quota
    };
    assert_eq!(
        serde_json::to_value(&unknown).unwrap(),
        json!({ "remaining": 0, "limit": 5000, "resets_in_ms": null })
    );
}
