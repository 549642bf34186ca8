use super::matches;

#[test]
fn literal_and_wildcards() {
    assert!(matches("acme/api", "acme/api"));
    assert!(!matches("acme/api", "acme/apis"));
    assert!(matches("acme/internal-*", "acme/internal-tools"));
    assert!(!matches("acme/internal-*", "acme/public"));
    assert!(matches("client-*/*", "client-bank/group/app"));
    assert!(matches("git.issues.*", "git.issues.list"));
    assert!(!matches("git.issues.*", "git.pulls.list"));
    assert!(matches("*", ""));
    assert!(matches("project:PLAT*", "project:PLATFORM"));
    assert!(matches("a?c", "abc"));
    assert!(!matches("a?c", "ac"));
    assert!(matches("*a*b*", "xxaxxbxx"));
    assert!(!matches("*a*b", "xxaxxbxc"));
}
