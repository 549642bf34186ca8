//! The query BookStack is sent.

use super::query_text;

#[test]
fn the_callers_words_are_kept_and_narrowed_to_pages() {
    assert_eq!(query_text(" on-call "), "on-call {type:page}");
    assert_eq!(
        query_text("cats {created_by:me}"),
        "cats {created_by:me} {type:page}"
    );
}
