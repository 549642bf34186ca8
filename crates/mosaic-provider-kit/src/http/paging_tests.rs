use super::*;
use reqwest::header::HeaderValue;

#[test]
fn cursors_are_page_numbers() {
    assert_eq!(
        PageQuery::new(None, None).unwrap(),
        PageQuery {
            per_page: 30,
            page: 1
        }
    );
    assert_eq!(PageQuery::new(Some(100), Some("3")).unwrap().page, 3);
    assert_eq!(PageQuery::new(Some(500), None).unwrap().per_page, 100);
    for bad in ["0", "-1", "abc", "https://evil.example/steal"] {
        let error = PageQuery::new(None, Some(bad)).unwrap_err();
        assert!(matches!(&error, ProviderError::Invalid(message) if message.contains(bad)));
    }
}

fn with(name: &'static str, value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(name, HeaderValue::from_str(value).unwrap());
    headers
}

#[test]
fn link_headers_give_the_next_page_only() {
    let github = r#"<https://api.github.com/repositories/1/issues?per_page=2&page=2>; rel="next", <https://api.github.com/repositories/1/issues?per_page=2&page=9>; rel="last""#;
    assert_eq!(next_cursor(&with("link", github)), Some("2".into()));
    let last = r#"<https://gitea.example/api/v1/repos/a/b/issues?page=1>; rel="first", <https://gitea.example/api/v1/repos/a/b/issues?page=3>; rel="prev""#;
    assert_eq!(next_cursor(&with("link", last)), None);
    assert_eq!(next_cursor(&HeaderMap::new()), None);
    assert_eq!(next_cursor(&with("link", "garbage")), None);
}

#[test]
fn gitlab_next_page_header_wins_and_is_empty_at_the_end() {
    assert_eq!(next_cursor(&with("x-next-page", "4")), Some("4".into()));
    assert_eq!(next_cursor(&with("x-next-page", "")), None);
}
