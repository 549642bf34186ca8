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
    let a = CacheKey::for_call(&context, &issues("acme/api"), &["forge"]);
    let b = CacheKey::for_call(&context, &issues("acme/api"), &["forge"]);
    assert_eq!(a, b);
}

#[test]
fn defaults_filled_in_make_omitted_and_explicit_arguments_equal() {
    let context = RequestContext::local("alice");
    let explicit = Operation::parse(
        OpId::GitIssuesList,
        json!({ "repo": "acme/api", "state": "open", "labels": [] }),
    );
    let explicit = explicit.map(|op| CacheKey::for_call(&context, &op, &["forge"]));
    assert_eq!(
        explicit.ok(),
        Some(CacheKey::for_call(
            &context,
            &issues("acme/api"),
            &["forge"]
        ))
    );
}

#[test]
fn every_part_of_the_key_separates_calls() {
    let args = issues("acme/api").arguments();
    let forge = ["forge"];
    let base = CacheKey::new("t1", "scope-a", OpId::GitIssuesList, &args, &forge);
    let others = [
        CacheKey::new("t2", "scope-a", OpId::GitIssuesList, &args, &forge),
        CacheKey::new("t1", "scope-b", OpId::GitIssuesList, &args, &forge),
        CacheKey::new("t1", "scope-a", OpId::GitPullsList, &args, &forge),
        CacheKey::new(
            "t1",
            "scope-a",
            OpId::GitIssuesList,
            &issues("acme/web").arguments(),
            &forge,
        ),
        CacheKey::new("t1", "scope-a", OpId::GitIssuesList, &args, &["gh"]),
        CacheKey::new(
            "t1",
            "scope-a",
            OpId::GitIssuesList,
            &args,
            &["forge", "gh"],
        ),
    ];
    for other in others {
        assert_ne!(base, other, "{other:?} must differ from {base:?}");
    }
}

#[test]
fn the_order_of_the_candidates_does_not_split_the_cache() {
    let args = issues("acme/api").arguments();
    let key = |instances: &[&str]| CacheKey::new("t", "s", OpId::GitIssuesList, &args, instances);
    assert_eq!(key(&["primary", "mirror"]), key(&["mirror", "primary"]));
    assert_eq!(key(&["primary", "primary"]), key(&["primary"]));
    assert_ne!(key(&["secure-forge"]), key(&["public-forge"]));
}

#[test]
fn separators_inside_names_cannot_forge_another_key() {
    let args = json!({});
    let a = CacheKey::new("a:1", "b", OpId::GitReposList, &args, &[]);
    let b = CacheKey::new("a", "1:b", OpId::GitReposList, &args, &[]);
    let c = CacheKey::new("a", "b", OpId::GitReposList, &args, &["x", "y"]);
    let d = CacheKey::new("a", "b", OpId::GitReposList, &args, &["1:x1:y"]);
    assert_ne!(a, b);
    assert_ne!(c, d);
}
