use super::*;

fn git_only() -> PluginDescriptor {
    PluginDescriptor::new(
        "forge",
        "2.1.0",
        "a forge",
        vec![ServiceKind::Git],
        schemars::json_schema!({"type": "object"}),
        |op| match op {
            OpId::GitPullsMerge => Support::unsupported("merges are done by people here"),
            _ => Support::Supported,
        },
    )
}

#[test]
fn operations_of_other_kinds_are_unsupported_with_the_kinds_served() {
    let descriptor = git_only();
    assert_eq!(descriptor.id(), "forge@2.1.0");
    assert!(descriptor.supports(OpId::GitIssuesList).is_supported());
    assert_eq!(
        descriptor.supports(OpId::PmIssuesGet),
        &Support::unsupported("serves `git.*` operations, not pm ones")
    );
    assert_eq!(
        descriptor.supports(OpId::GitPullsMerge),
        &Support::unsupported("merges are done by people here")
    );
    assert_eq!(descriptor.operations().count(), OpId::ALL.len());
}

#[test]
fn a_default_rate_limit_is_declared_with_the_builder() {
    use std::time::Duration;
    assert_eq!(git_only().default_rate_limit, None);
    let limited = git_only().with_default_rate_limit(RateLimit::new(3, Duration::from_secs(1)));
    assert_eq!(
        limited.default_rate_limit.map(|limit| limit.to_string()),
        Some("3 requests per 1s (burst 3)".to_owned())
    );
}
