use super::*;

#[test]
fn pages_through_a_list_until_the_cursor_is_absent() {
    let items: Vec<u32> = (1..=7).collect();
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let window = Window::new(Some(3), cursor.as_deref()).unwrap();
        let page = window.page(items.iter(), |item| *item);
        assert!(page.items.len() <= 3);
        seen.extend(page.items);
        pages += 1;
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!((seen, pages), ((1..=7).collect::<Vec<_>>(), 3));
}

#[test]
fn an_exact_fit_has_no_next_page_and_the_default_size_applies() {
    let items: Vec<u32> = (0..3).collect();
    let page = Window::new(Some(3), None)
        .unwrap()
        .page(items.iter(), |i| *i);
    assert_eq!(page.next_cursor, None);
    let many: Vec<u32> = (0..100).collect();
    let page = Window::new(None, None).unwrap().page(many.iter(), |i| *i);
    assert_eq!(page.items.len(), DEFAULT_PER_PAGE as usize);
    let beyond = Window::new(None, Some("500"))
        .unwrap()
        .page(many.iter(), |i| *i);
    assert_eq!((beyond.items.len(), beyond.next_cursor), (0, None));
}

#[test]
fn bad_cursors_and_sizes_are_invalid_input() {
    for (per_page, cursor) in [
        (None, Some("abc")),
        (None, Some("-1")),
        (Some(0), None),
        (Some(101), None),
    ] {
        let error = Window::new(per_page, cursor).unwrap_err();
        assert!(matches!(error, ProviderError::Invalid(_)), "{error}");
    }
    let error = Window::new(None, Some("page-2")).unwrap_err();
    assert!(error.to_string().contains("`page-2`"), "{error}");
}

#[test]
fn only_the_page_is_converted() {
    let items: Vec<u32> = (0..50).collect();
    let mut converted = 0;
    let page = Window::new(Some(5), Some("10"))
        .unwrap()
        .page(items.iter(), |item| {
            converted += 1;
            *item
        });
    assert_eq!(page.items, vec![10, 11, 12, 13, 14]);
    assert_eq!(converted, 5);
}
