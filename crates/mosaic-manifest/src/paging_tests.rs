use crate::compile::{PageAt, Paging};
use crate::expr::Expression;
use mosaic_core::ProviderError;
use reqwest::header::{HeaderMap, HeaderValue, LINK};
use serde_json::json;

fn link_header() -> Paging {
    Paging::LinkHeader {
        page: "page".into(),
        size: "limit".into(),
    }
}

#[test]
fn a_page_number_cursor_and_size_become_the_providers_parameters() {
    let paging = link_header();
    let page = paging
        .page_at(&json!({"per_page": 500, "cursor": "3"}))
        .unwrap();
    assert_eq!(
        page,
        PageAt::Number {
            page: 3,
            per_page: 100
        }
    );
    assert_eq!(
        paging.query(&page),
        [
            ("page".to_owned(), "3".to_owned()),
            ("limit".to_owned(), "100".to_owned())
        ]
    );
    let first = paging.page_at(&json!({})).unwrap();
    assert_eq!(
        first,
        PageAt::Number {
            page: 1,
            per_page: 30
        }
    );
}

#[test]
fn a_cursor_this_paging_never_issues_is_refused() {
    let error = link_header()
        .page_at(&json!({"cursor": "../admin"}))
        .unwrap_err();
    assert!(matches!(error, ProviderError::Invalid(message) if message.contains("page number")));
    let offset = Paging::Offset {
        offset: "offset".into(),
        size: "limit".into(),
        more: None,
    };
    assert!(offset.page_at(&json!({"cursor": "-1"})).is_err());
}

#[test]
fn the_link_headers_next_page_is_the_cursor() {
    let mut headers = HeaderMap::new();
    headers.insert(
        LINK,
        HeaderValue::from_static(r#"<https://x/api?page=3&limit=10>; rel="next", <https://x/api?page=9&limit=10>; rel="last""#),
    );
    let paging = link_header();
    let page = PageAt::Number {
        page: 2,
        per_page: 10,
    };
    let next = paging
        .next_cursor(&page, &headers, &json!([]), &json!({}), 10)
        .unwrap();
    assert_eq!(next.as_deref(), Some("3"));
    let last = paging
        .next_cursor(&page, &HeaderMap::new(), &json!([]), &json!({}), 10)
        .unwrap();
    assert_eq!(last, None);
}

#[test]
fn numbered_pages_go_on_while_they_come_full_or_while_the_body_says_so() {
    let full = Paging::Page {
        page: "p".into(),
        size: "n".into(),
        more: None,
    };
    let page = PageAt::Number {
        page: 1,
        per_page: 2,
    };
    let none = HeaderMap::new();
    assert_eq!(
        full.next_cursor(&page, &none, &json!([]), &json!({}), 2)
            .unwrap()
            .as_deref(),
        Some("2")
    );
    assert_eq!(
        full.next_cursor(&page, &none, &json!([]), &json!({}), 1)
            .unwrap(),
        None
    );
    let told = Paging::Page {
        page: "p".into(),
        size: "n".into(),
        more: Some(Expression::compile(".has_more").unwrap()),
    };
    let more = told
        .next_cursor(&page, &none, &json!({"has_more": true}), &json!({}), 0)
        .unwrap();
    assert_eq!(more.as_deref(), Some("2"));
}

#[test]
fn offsets_move_on_by_what_was_sent() {
    let paging = Paging::Offset {
        offset: "start".into(),
        size: "limit".into(),
        more: None,
    };
    let page = paging
        .page_at(&json!({"per_page": 5, "cursor": "10"}))
        .unwrap();
    assert_eq!(
        page,
        PageAt::Offset {
            offset: 10,
            per_page: 5
        }
    );
    assert_eq!(
        paging.query(&page),
        [
            ("start".to_owned(), "10".to_owned()),
            ("limit".to_owned(), "5".to_owned())
        ]
    );
    let next = paging
        .next_cursor(&page, &HeaderMap::new(), &json!([]), &json!({}), 5)
        .unwrap();
    assert_eq!(next.as_deref(), Some("15"));
}

#[test]
fn a_providers_own_cursor_is_read_from_the_body_and_sent_back() {
    let paging = Paging::Cursor {
        cursor: "after".into(),
        size: "first".into(),
        next: Expression::compile(".meta.next").unwrap(),
    };
    let page = paging.page_at(&json!({"cursor": "abc"})).unwrap();
    assert_eq!(
        paging.query(&page),
        [
            ("first".to_owned(), "30".to_owned()),
            ("after".to_owned(), "abc".to_owned())
        ]
    );
    let none = HeaderMap::new();
    let next = paging
        .next_cursor(
            &page,
            &none,
            &json!({"meta": {"next": "def"}}),
            &json!({}),
            0,
        )
        .unwrap();
    assert_eq!(next.as_deref(), Some("def"));
    let last = paging
        .next_cursor(
            &page,
            &none,
            &json!({"meta": {"next": null}}),
            &json!({}),
            0,
        )
        .unwrap();
    assert_eq!(last, None);
}
