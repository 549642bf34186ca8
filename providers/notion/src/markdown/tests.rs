//! Notion's enhanced Markdown and CommonMark, case by case, through the kit's model.

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
    // Notion escapes `{` and `^`, which are plain in CommonMark; CommonMark escapes `_` and a
    // `&` that would start a character reference, which are plain in Notion.
    let notion = r"a \{b\} c\|d e\^f g_h i&j \*k\* &amp;";
    let commonmark = "a {b} c\\|d e^f g\\_h i&j \\*k\\* \\&amp;\n";
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
    // Setext headings, `*` bullets, soft breaks, `_` emphasis, `## closed ##`; a quote's
    // second paragraph is nested in it.
    let commonmark = "Title\n=====\n\n* a\n  _b_\n\n> one\n>\n> two\n\n## closed ##\n";
    assert_eq!(
        to_notion(commonmark),
        "# Title\n- a *b*\n> one\n\ttwo\n## closed"
    );
    assert_eq!(
        to_commonmark(&to_notion(commonmark)),
        "# Title\n\n- a *b*\n\n> one\n>\n> two\n\n## closed\n"
    );
}

#[test]
fn the_seed_pages_read_as_they_were_written() {
    let body = "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n";
    assert_eq!(to_commonmark(&to_notion(body)), body);
}

#[test]
fn equations_line_breaks_and_tables_have_their_commonmark_forms() {
    let notion = "Mass $E = mc^2$ first<br>then\n$$\n\\int_0^1 f\n$$\n<table header-row=\"true\">\n\t<tr>\n\t\t<td>Key</td>\n\t\t<td>**Value**</td>\n\t</tr>\n\t<tr>\n\t\t<td>a</td>\n\t\t<td>\\|</td>\n\t</tr>\n</table>";
    let commonmark = to_commonmark(notion);
    assert_eq!(
        commonmark,
        "Mass $E = mc^2$ first\\\nthen\n\n```math\n\\int_0^1 f\n```\n\n| Key | **Value** |\n| --- | --- |\n| a | \\| |\n"
    );
    assert_eq!(to_notion(&commonmark), notion);
    // A literal dollar stays text in both dialects.
    assert_eq!(to_notion("costs \\$5\n"), "costs \\$5");
}

#[test]
fn tables_with_more_than_plain_rows_pass_through_as_they_are() {
    let notion = "<table header-row=\"true\" header-column=\"true\">\n\t<tr color=\"gray\">\n\t\t<td>a</td>\n\t</tr>\n</table>";
    assert_eq!(to_commonmark(notion), format!("{notion}\n"));
    assert_eq!(to_notion(&to_commonmark(notion)), notion);
}

#[test]
fn underscored_tags_read_as_html_and_go_back_as_notion_writes_them() {
    let notion = "<table_of_contents color=\"gray\"/>\n<synced_block url=\"https://www.notion.so/p#s\">\n\tShared\n</synced_block>";
    let commonmark = to_commonmark(notion);
    assert_eq!(
        commonmark,
        "<table-of-contents color=\"gray\"/>\n\n<synced-block url=\"https://www.notion.so/p#s\">\n\tShared\n</synced-block>\n"
    );
    assert_eq!(to_notion(&commonmark), notion);
}

#[test]
fn a_mention_of_another_provider_is_text_and_notions_own_pass_through() {
    assert_eq!(
        to_notion("ping @[Ada](accountid:5b10) and <mention-user url=\"user://3f2a\"/>\n"),
        "ping @Ada and <mention-user url=\"user://3f2a\"/>"
    );
    assert_eq!(
        to_commonmark("ping <mention-user url=\"user://3f2a\"/>"),
        "ping <mention-user url=\"user://3f2a\"/>\n"
    );
}

#[test]
fn runs_read_as_notion_writes_them() {
    // Notion escapes the `*` it means literally: every other one is markup, beside
    // punctuation too.
    assert_eq!(
        to_commonmark("**a.**b and ***both*** and *it **is** so* \\* 2"),
        "**a.**&#98; and _**both**_ and *it **is** so* \\* 2\n"
    );
    assert_eq!(
        to_notion("**a.**&#98; and _it **is** so_\n"),
        "**a.**b and *it **is** so*"
    );
}
