use super::*;
use mosaic_core::ArgumentError;
use std::time::Duration;

fn meta_of(result: &CallToolResult) -> &Value {
    &result.meta.as_ref().unwrap().0[ERROR_META]
}

fn text_of(result: &CallToolResult) -> String {
    serde_json::to_value(&result.content[0]).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn bad_arguments_are_tool_errors_naming_the_field() {
    let error = CallError::InvalidArguments(ArgumentError::new("labels[1]", "must be a string"));
    let result = failure(&error);
    assert_eq!(result.is_error, Some(true));
    assert!(result.structured_content.is_none());
    let text = text_of(&result);
    assert!(
        text.contains("labels[1]") && text.contains("caller fault"),
        "{text}"
    );
    assert_eq!(meta_of(&result)["path"], "labels[1]");
    assert_eq!(meta_of(&result)["code"], "invalid_arguments");
}

#[test]
fn rate_limits_carry_the_providers_retry_hint() {
    let error = CallError::Provider {
        instance: "github".into(),
        error: ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(3)),
        },
    };
    let result = failure(&error);
    assert_eq!(meta_of(&result)["retry_after_ms"], 3000);
    assert_eq!(meta_of(&result)["fault"], "provider");
    assert!(text_of(&result).ends_with("retry after 3000 ms"));
    let outage = CallError::AllCandidatesFailed(Vec::new());
    assert_eq!(meta_of(&failure(&outage))["retry_after_ms"], Value::Null);
}
