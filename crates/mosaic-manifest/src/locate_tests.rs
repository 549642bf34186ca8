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

const LISTS: &str = r#"operations:
  pm.issues.get:
    lookups:
      - name: first
        request:
          path: /a
      # a comment between items
      - request: {path: /b}
        name: second
    examples:
      - input: {key: A-1}
"#;

#[test]
fn a_list_index_counts_the_items_of_a_block_list() {
    assert_eq!(
        line_of(LISTS, r#"operations."pm.issues.get".lookups[0].name"#),
        Some(4)
    );
    assert_eq!(
        line_of(
            LISTS,
            r#"operations."pm.issues.get".lookups[0].request.path"#
        ),
        Some(6)
    );
    assert_eq!(
        line_of(LISTS, r#"operations."pm.issues.get".lookups[1].name"#),
        Some(9)
    );
    assert_eq!(
        line_of(LISTS, r#"operations."pm.issues.get".lookups[2].name"#),
        Some(3),
        "no third item: the list's key"
    );
    assert_eq!(
        line_of(LISTS, r#"operations."pm.issues.get".examples[0].input"#),
        Some(11)
    );
}
