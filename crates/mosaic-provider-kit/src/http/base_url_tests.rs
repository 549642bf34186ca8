use super::*;

#[test]
fn keeps_the_path_prefix_without_its_trailing_slash() {
    let url = parse_base_url("base_url", "https://git.example.com/api/v1/").unwrap();
    assert_eq!(url.as_str(), "https://git.example.com/api/v1");
    let root = parse_base_url("base_url", "http://127.0.0.1:4010").unwrap();
    assert_eq!(root.path(), "/");
}

#[test]
fn refuses_what_cannot_be_a_base() {
    for (text, needle) in [
        ("git.example.com", "not a URL"),
        ("ftp://git.example.com", "http or https"),
        ("https://git.example.com/api?x=1", "query or fragment"),
        ("https://git.example.com/#top", "query or fragment"),
    ] {
        let error = parse_base_url("settings.base_url", text).unwrap_err();
        assert_eq!(error.path, "settings.base_url");
        assert!(error.message.contains(needle), "{text}: {}", error.message);
    }
}

#[test]
fn segments_cannot_escape_their_place() {
    let segment = |text| encode_segment(text).unwrap();
    assert_eq!(segment("group/sub/project"), "group%2Fsub%2Fproject");
    assert_eq!(segment("../admin"), "..%2Fadmin");
    assert_eq!(segment("a b?c#d"), "a%20b%3Fc%23d");
    assert_eq!(segment("naïve"), "na%C3%AFve");
    assert_eq!(encode_path("docs/read me.md").unwrap(), "docs/read%20me.md");
}

#[test]
fn dot_segments_are_refused_because_urls_resolve_them() {
    for bad in [".", "..", ""] {
        assert!(
            matches!(encode_segment(bad), Err(ProviderError::Invalid(_))),
            "{bad:?}"
        );
    }
    for bad in ["docs/../secrets", "./a", "a//b", "a/"] {
        let error = encode_path(bad).unwrap_err();
        assert!(error.to_string().contains(bad), "{bad}: {error}");
    }
}
