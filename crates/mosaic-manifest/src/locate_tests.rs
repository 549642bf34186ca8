use super::line_of;

const TEXT: &str = r#"name: x
operations:
  git.repos.get:
    request:
      path: /repos
  "git.issues.list":
    request:
      path: /issues
    response:
      items: ".[]"
"#;

#[test]
fn a_path_is_followed_key_by_key_below_its_parent() {
    assert_eq!(line_of(TEXT, "name"), Some(1));
    assert_eq!(
        line_of(TEXT, r#"operations."git.repos.get".request.path"#),
        Some(5)
    );
    assert_eq!(
        line_of(TEXT, r#"operations."git.issues.list".response.items"#),
        Some(10)
    );
}

#[test]
fn a_path_that_ends_early_gives_its_deepest_key_found() {
    assert_eq!(
        line_of(TEXT, r#"operations."git.repos.get".response"#),
        Some(3)
    );
    assert_eq!(line_of(TEXT, "nothing"), None);
}
