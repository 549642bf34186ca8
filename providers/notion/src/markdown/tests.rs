use super::*;

#[test]
fn tabs_nest_list_items_as_indentation() {
    let notion = "# Plan\n- one\n\t- one a\n\t\t1. deep\n- two\nAfter.";
    let commonmark = "# Plan\n\n- one\n  - one a\n    1. deep\n- two\n\nAfter.\n";
    assert_eq!(to_commonmark(notion), commonmark);
    assert_eq!(to_notion(commonmark), notion);
}

#[test]
fn task_lists_survive_both_ways() {
    let commonmark = "- [ ] document the cache\n- [x] draw the request path\n";
    let notion = "- [ ] document the cache\n- [x] draw the request path";
    assert_eq!(to_notion(commonmark), notion);
    assert_eq!(to_commonmark(notion), commonmark);
}

#[test]
fn each_dialect_escapes_its_own_characters() {
    // Notion escapes `{`, `|`, `^`, which are plain in CommonMark; CommonMark escapes `_`
    // and `&`, which are plain in Notion.
    let notion = r"a \{b\} c\|d e\^f g_h i&j \*k\*";
    let commonmark = "a {b} c|d e^f g\\_h i\\&j \\*k\\*\n";
    assert_eq!(to_commonmark(notion), commonmark);
    assert_eq!(to_notion(commonmark), notion);
}

#[test]
fn markup_and_code_pass_unchanged() {
    let notion = "**bold** and `a_b{c}` and [link](https://x.example/a_b) and $x^2$";
    let commonmark = format!("{notion}\n");
    assert_eq!(to_commonmark(notion), commonmark);
    assert_eq!(to_notion(&commonmark), notion);
}

#[test]
fn notions_own_blocks_pass_through_with_what_they_nest() {
    let notion = "Intro\n<callout icon=\"💡\" color=\"blue_bg\">\n\tInside **it**\n</callout>\n<unknown url=\"https://www.notion.so/p#abc\" alt=\"embed\"/>\nText <span color=\"red\">red</span> {color=\"gray\"}";
    let commonmark = to_commonmark(notion);
    assert_eq!(
        commonmark,
        "Intro\n\n<callout icon=\"💡\" color=\"blue_bg\">\n\tInside **it**\n</callout>\n\n<unknown url=\"https://www.notion.so/p#abc\" alt=\"embed\"/>\n\nText <span color=\"red\">red</span> {color=\"gray\"}\n"
    );
    assert_eq!(to_notion(&commonmark), notion);
}

#[test]
fn line_starts_that_would_open_blocks_stay_text() {
    let notion = r"\# not a heading
1\. not a list
\- not a bullet";
    let commonmark = to_commonmark(notion);
    assert_eq!(
        commonmark,
        "\\# not a heading\n\n1\\. not a list\n\n\\- not a bullet\n"
    );
    assert_eq!(to_notion(&commonmark), notion);
}

#[test]
fn code_keeps_its_lines_and_a_longer_fence_where_needed() {
    let commonmark = "- step\n\n  ````sh\n  echo ```\n\n  \tindented\n  ````\n";
    let notion = to_notion(commonmark);
    assert_eq!(
        notion,
        "- step\n\t````sh\n\techo ```\n\t\n\t\tindented\n\t````"
    );
    assert_eq!(to_commonmark(&notion), commonmark);
}

#[test]
fn commonmark_that_notion_cannot_nest_is_read_as_far_as_it_goes() {
    // Setext headings, `*` bullets, soft breaks, multi-paragraph quotes, `## closed ##`.
    let commonmark = "Title\n=====\n\n* a\n  b\n\n> one\n>\n> two\n\n## closed ##\n";
    assert_eq!(
        to_notion(commonmark),
        "# Title\n- a b\n> one<br>two\n## closed"
    );
}

#[test]
fn the_seed_pages_read_as_they_were_written() {
    let body = "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n";
    assert_eq!(to_commonmark(&to_notion(body)), body);
}
