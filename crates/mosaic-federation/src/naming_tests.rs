use super::*;

#[test]
fn short_names_are_prefixed_or_bare_as_configured() {
    assert_eq!(
        exposed_name("docs", "search", PrefixMode::Always),
        "docs_search"
    );
    assert_eq!(exposed_name("docs", "search", PrefixMode::Never), "search");
}

#[test]
fn a_name_of_exactly_64_characters_is_kept() {
    let tool = "t".repeat(MAX_TOOL_NAME - "docs_".len());
    let name = exposed_name("docs", &tool, PrefixMode::Always);
    assert_eq!(name.len(), MAX_TOOL_NAME);
    assert_eq!(name, format!("docs_{tool}"));
}

#[test]
fn a_longer_name_is_cut_to_64_with_a_deterministic_hash_suffix() {
    let tool = "summarize_every_open_pull_request_of_the_repository_with_reviews";
    let name = exposed_name("engineering-knowledge", tool, PrefixMode::Always);
    assert_eq!(name.len(), MAX_TOOL_NAME);
    assert!(name.starts_with("engineering-knowledge_summarize_every_open_pull_req"));
    let (_, suffix) = name.rsplit_once('_').unwrap();
    assert_eq!(suffix.len(), 8);
    assert!(suffix.bytes().all(|b| b.is_ascii_hexdigit()));
    // The same tool always gets the same name.
    assert_eq!(
        exposed_name("engineering-knowledge", tool, PrefixMode::Always),
        name
    );
}

#[test]
fn long_names_sharing_their_beginning_still_differ() {
    let base = "x".repeat(70);
    let one = exposed_name("a", &format!("{base}_one"), PrefixMode::Always);
    let two = exposed_name("a", &format!("{base}_two"), PrefixMode::Always);
    assert_eq!(one.len(), MAX_TOOL_NAME);
    assert_eq!(two.len(), MAX_TOOL_NAME);
    assert_ne!(one, two);
    // And the same long tool of two upstreams differs too, even without a prefix.
    let bare_a = exposed_name("a", &base, PrefixMode::Never);
    let bare_b = exposed_name("b", &base, PrefixMode::Never);
    assert_ne!(bare_a, bare_b);
}
