use super::*;

#[test]
fn labels_match_all_wanted_ignoring_case() {
    let labels = vec!["Bug".to_owned(), "security".to_owned()];
    assert!(has_all_labels(&labels, &["bug".into()]));
    assert!(has_all_labels(&labels, &["bug".into(), "SECURITY".into()]));
    assert!(!has_all_labels(&labels, &["bug".into(), "ui".into()]));
    assert!(has_all_labels(&labels, &[]));
}

#[test]
fn finds_text_ignoring_ascii_case_at_byte_offsets() {
    assert_eq!(
        find_ignoring_case("Page the On-Call engineer", "on-call"),
        Some(9)
    );
    assert_eq!(find_ignoring_case("Chloé on-call", "ON-CALL"), Some(7));
    assert_eq!(find_ignoring_case("short", "longer needle"), None);
    assert_eq!(find_ignoring_case("anything", ""), None);
    assert_eq!(find_ignoring_case("abc", "abd"), None);
}
