use super::*;

#[test]
fn the_seed_is_deterministic_and_as_documented() {
    let forge = Forge::seeded();
    assert_eq!(forge, Forge::seeded());
    let api = forge.repo("acme/internal-api").unwrap();
    assert_eq!(api.issues.len(), 45);
    assert_eq!(api.commits.len(), 35);
    assert_eq!(api.next_number(), 49);
    assert!(api.branch("feature/login").is_some());
    assert!(std::str::from_utf8(&api.files["assets/logo.png"]).is_err());
    let nested = forge.repo("client-a/platform/backend").unwrap();
    assert_eq!(nested.owner, "client-a/platform");
    assert_eq!(sha("x", 1).len(), 40);
}

#[test]
fn writes_change_the_data_and_merges_refuse_twice() {
    let mut forge = Forge::seeded();
    let issue = forge
        .open_issue("acme/internal-api", "New", None, "ana")
        .unwrap();
    assert_eq!(issue.number, 49);
    forge.comment("acme/internal-api", 49, "ben", "hi").unwrap();
    let pull = forge
        .open_pull("acme/internal-api", "P", "develop", "main", "ana")
        .unwrap();
    assert_eq!(pull.number, 50);
    let merged = forge.merge("acme/internal-api", 50, "m").unwrap().unwrap();
    assert_eq!(merged.state, PullState::Merged);
    let repo = forge.repo("acme/internal-api").unwrap();
    assert_eq!(repo.branch("main").unwrap().sha, merged.merge_sha.unwrap());
    assert_eq!(
        forge.merge("acme/internal-api", 50, "m"),
        Some(Err(MergeRefusal::AlreadyMerged))
    );
    assert_eq!(forge.merge("acme/internal-api", 999, "m"), None);
}
