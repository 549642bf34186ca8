use super::CacheKey;
use mosaic_core::{OpId, Operation, RequestContext};
use serde_json::json;

fn issues(repo: &str) -> Operation {
    match Operation::parse(OpId::GitIssuesList, json!({ "repo": repo })) {
        Ok(operation) => operation,
        Err(error) => panic!("test arguments are valid: {error}"),
    }
}

#[test]
fn equal_calls_give_equal_keys() {
    let context = RequestContext::local("alice");
    let a = CacheKey::for_call(&context, &issues("acme/api"), None);
    let b = CacheKey::for_call(&context, &issues("acme/api"), None);
    assert_eq!(a, b);
}

#[test]
fn defaults_filled_in_make_omitted_and_explicit_arguments_equal() {
    let context = RequestContext::local("alice");
    let explicit = Operation::parse(
        OpId::GitIssuesList,
        json!({ "repo": "acme/api", "state": "open", "labels": [] }),
    );
    let explicit = explicit.map(|op| CacheKey::for_call(&context, &op, None));
    assert_eq!(
        explicit.ok(),
        Some(CacheKey::for_call(&context, &issues("acme/api"), None))
    );
}

#[test]
fn every_part_of_the_key_separates_calls() {
    let args = issues("acme/api").arguments();
    let base = CacheKey::new("t1", "scope-a", OpId::GitIssuesList, &args, None);
    let others = [
        CacheKey::new("t2", "scope-a", OpId::GitIssuesList, &args, None),
        CacheKey::new("t1", "scope-b", OpId::GitIssuesList, &args, None),
        CacheKey::new("t1", "scope-a", OpId::GitPullsList, &args, None),
        CacheKey::new(
            "t1",
            "scope-a",
            OpId::GitIssuesList,
            &issues("acme/web").arguments(),
            None,
        ),
        CacheKey::new("t1", "scope-a", OpId::GitIssuesList, &args, Some("gh")),
    ];
    for other in others {
        assert_ne!(base, other, "{other:?} must differ from {base:?}");
    }
}

#[test]
fn separators_inside_names_cannot_forge_another_key() {
    let args = json!({});
    let a = CacheKey::new("a:1", "b", OpId::GitReposList, &args, None);
    let b = CacheKey::new("a", "1:b", OpId::GitReposList, &args, None);
    let c = CacheKey::new("a", "b", OpId::GitReposList, &args, Some("-"));
    let d = CacheKey::new("a", "b", OpId::GitReposList, &args, None);
    assert_ne!(a, b);
    assert_ne!(c, d);
}
