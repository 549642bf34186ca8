//! Storage format and Markdown, case by case: what each element becomes, what is named as
//! lost, and what hostile text does.

use super::*;
use mosaic_provider_kit::markdown::{
    Block, Document, Inline, List, ListItem, Style, parse, render,
};

fn text(text: &str) -> Inline {
    Inline::Text(text.into())
}

fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph(content)
}

#[test]
fn a_page_as_confluence_writes_it_reads_as_markdown() {
    let storage = concat!(
        "<h2>Steps &amp; checks</h2>",
        "<p>Run <code>make</code>, then ask <ac:link><ri:user ri:account-id=\"5b10ac8d82e05b22cc7d4ef5\" /></ac:link>.</p>",
        "<ul><li><p>one <strong>bold</strong></p><ul><li>nested</li></ul></li><li>two</li></ul>",
        "<ol start=\"3\"><li>three</li></ol>",
        "<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>ship it</ac:task-body></ac:task>",
        "<ac:task><ac:task-id>8</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body><span>write docs</span></ac:task-body></ac:task></ac:task-list>",
        "<table><tbody><tr><th><p>Key</p></th><th>Value</th></tr><tr><td>a|b</td><td><em>c</em></td></tr></tbody></table>",
        "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\"><ac:parameter ac:name=\"language\">rust</ac:parameter>",
        "<ac:plain-text-body><![CDATA[fn main() { println!(\"]]]]><![CDATA[>\"); }]]></ac:plain-text-body></ac:structured-macro>",
        "<p>See <a href=\"https://example.com/a b\">the docs</a>.<br />Next line</p>",
    );
    let reading = read(storage);
    assert_eq!(reading.unkept, Vec::<String>::new());
    assert_eq!(
        reading.markdown(),
        concat!(
            "## Steps & checks\n\n",
            "Run `make`, then ask @[](accountid:5b10ac8d82e05b22cc7d4ef5).\n\n",
            "- one **bold**\n  - nested\n- two\n\n",
            "3. three\n\n",
            "- [x] ship it\n- [ ] write docs\n\n",
            "| Key | Value |\n| --- | --- |\n| a\\|b | *c* |\n\n",
            "```rust\nfn main() { println!(\"]]>\"); }\n```\n\n",
            "See [the docs](<https://example.com/a b>).\\\nNext line\n",
        )
    );
}

#[test]
fn markdown_becomes_storage_format_as_confluence_writes_it() {
    let markdown = "# Title\n\n- [ ] todo <b>\n- [x] done\n\n```sh\necho ']]>' && exit\n```\n\nHi @[Ana](accountid:557058:abc) & [x](https://e.com?a=1&b=\"2\")\n";
    assert_eq!(
        from_markdown(markdown),
        concat!(
            "<h1>Title</h1>",
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>todo &lt;b&gt;</ac:task-body></ac:task>",
            "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>",
            "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">sh</ac:parameter>",
            "<ac:plain-text-body><![CDATA[echo ']]]]><![CDATA[>' && exit]]></ac:plain-text-body></ac:structured-macro>",
            "<p>Hi <ac:link><ri:user ri:account-id=\"557058:abc\" /><ac:plain-text-link-body><![CDATA[Ana]]></ac:plain-text-link-body></ac:link>",
            " &amp; <a href=\"https://e.com?a=1&amp;b=&quot;2&quot;\">x</a></p>",
        )
    );
}

#[test]
fn a_mention_stays_a_mention_and_never_becomes_a_link() {
    let storage = from_markdown("ping @[Ana](accountid:42)\n");
    assert!(
        storage.contains("<ri:user ri:account-id=\"42\" />"),
        "{storage}"
    );
    assert!(!storage.contains("href"), "{storage}");
    assert_eq!(to_markdown(&storage), "ping @[Ana](accountid:42)\n");
    // The same link without the `@` is an ordinary link, and stays one.
    let link = from_markdown("see [Ana](accountid:42)\n");
    assert!(link.contains("<a href=\"accountid:42\">Ana</a>"), "{link}");
    assert!(!link.contains("ri:user"), "{link}");
    // An `@` written before a link that is no mention is escaped so that it stays text.
    let document = Document {
        blocks: vec![paragraph(vec![
            text("mail @"),
            Inline::Link {
                href: "accountid:42".into(),
                title: None,
                content: vec![text("x")],
            },
        ])],
    };
    assert_eq!(read(&write(&document)).document, document);
    let markdown = render(&document, Style::default());
    assert_eq!(parse(&markdown), document, "{markdown}");
}

#[test]
fn a_mention_of_another_directory_is_text_and_raw_html_stays_text() {
    let storage = from_markdown("ping @[Ada](plane-user:u-1) about <b>this</b> and $x^2$\n");
    assert_eq!(
        storage,
        "<p>ping @Ada about &lt;b&gt;this&lt;/b&gt; and $x^2$</p>"
    );
    assert_eq!(
        to_markdown(&storage),
        "ping @Ada about \\<b>this\\</b> and \\$x^2\\$\n"
    );
    let block = from_markdown("<div>\n<script>alert(1)</script>\n</div>\n");
    assert_eq!(
        block,
        "<p>&lt;div&gt;<br />&lt;script&gt;alert(1)&lt;/script&gt;<br />&lt;/div&gt;</p>"
    );
}

#[test]
fn an_image_is_a_link_to_its_address() {
    assert_eq!(
        from_markdown("![a diagram](https://x.io/d.png \"Flow\") and ![](https://x.io/e.png)\n"),
        "<p><a href=\"https://x.io/d.png\" title=\"Flow\">a diagram</a> and <a href=\"https://x.io/e.png\">https://x.io/e.png</a></p>"
    );
}

#[test]
fn checkboxes_outside_a_task_list_are_text() {
    let storage = from_markdown("- [x] done\n- plain\n\n1. [ ] numbered\n");
    assert_eq!(
        storage,
        concat!(
            "<ul><li>[x] done</li><li>plain</li></ul>",
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>numbered</ac:task-body></ac:task></ac:task-list>",
        )
    );
    assert_eq!(
        to_markdown(&storage),
        "- \\[x\\] done\n- plain\n\n* [ ] numbered\n"
    );
}

#[test]
fn what_markdown_cannot_carry_is_named_once_each() {
    let storage = concat!(
        "<p><ac:inline-comment-marker ac:ref=\"c1\">commented</ac:inline-comment-marker> text</p>",
        "<ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"key\">PLAT-1</ac:parameter></ac:structured-macro>",
        "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Heads up</p></ac:rich-text-body></ac:structured-macro>",
        "<p><ac:image ac:alt=\"x\"><ri:attachment ri:filename=\"diagram.png\" /></ac:image>",
        "<ac:image><ri:attachment ri:filename=\"other.png\" /></ac:image>",
        "<ac:link><ri:page ri:content-title=\"Runbook 1\" /></ac:link></p>",
    );
    let reading = read(storage);
    assert_eq!(
        reading.unkept,
        [
            "an inline-comment anchor (`<ac:inline-comment-marker>`)",
            "the `jira` macro",
            "the `info` macro",
            "an image (`<ac:image>`)",
            "a link to a page (`<ac:link>`)",
        ]
    );
    assert_eq!(
        reading.markdown(),
        "commented text\n\n\\[jira macro\\]\n\n> Heads up\n\n\\[image: diagram.png\\]\\[image: other.png\\]Runbook 1\n"
    );
}

#[test]
fn hostile_text_stays_text_both_ways() {
    let hostile = r#"<script>&amp; ]]> "q" 'a' \ *x* _y_ `z` [l](u) # 1. | ~~s~~ &lt; $m$"#;
    let document = Document {
        blocks: vec![paragraph(vec![text(hostile)])],
    };
    let storage = write(&document);
    assert!(!storage.contains("<script"), "{storage}");
    assert_eq!(read(&storage).document, document, "{storage}");
    assert_eq!(
        to_markdown(&storage),
        format!("{}\n", render(&document, Style::default()))
    );
}

#[test]
fn lists_in_a_row_stay_apart() {
    let list = |start, task, item: &str| {
        Block::List(List {
            start,
            items: vec![ListItem {
                task,
                blocks: vec![paragraph(vec![text(item)])],
            }],
        })
    };
    let document = Document {
        blocks: vec![
            list(None, None, "a"),
            list(None, Some(false), "b"),
            list(None, None, "c"),
            list(Some(2), None, "d"),
            list(Some(1), None, "e"),
        ],
    };
    let storage = write(&document);
    assert_eq!(read(&storage).document, document, "{storage}");
    assert_eq!(
        to_markdown(&storage),
        "- a\n\n* [ ] b\n\n- c\n\n2. d\n\n1) e\n"
    );
}

#[test]
fn nested_tasks_survive_both_ways() {
    let storage = concat!(
        "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>parent</ac:task-body></ac:task>",
        "<ac:task-list><ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>child</ac:task-body></ac:task></ac:task-list>",
        "</ac:task-list>",
    );
    let markdown = to_markdown(storage);
    assert_eq!(markdown, "- [ ] parent\n  - [x] child\n");
    assert_eq!(from_markdown(&markdown), storage);
}
