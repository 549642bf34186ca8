//! Task lists through every converter, and the mention rule: a mention is its own provider's
//! mention there and the plain text `@name` anywhere else.

use crate::adf::{adf_to_markdown, markdown_to_adf};
use crate::html::{html_to_markdown, markdown_to_html};
use crate::markdown::{
    Block, Directory, Document, Inline, List, ListItem, Mention, Style, parse, render,
};
use serde_json::json;

const TASKS: &str = "- [ ] write the test\n- [x] make it pass\n  - [ ] nested";

#[test]
fn markdown_task_lists_read_as_items_with_checkboxes() {
    let document = parse(TASKS);
    let item = |task, text: &str, nested: Vec<Block>| {
        let mut blocks = vec![Block::Paragraph(vec![Inline::Text(text.into())])];
        blocks.extend(nested);
        ListItem {
            task: Some(task),
            blocks,
        }
    };
    let nested = Block::List(List {
        start: None,
        items: vec![item(false, "nested", vec![])],
    });
    assert_eq!(
        document.blocks,
        vec![Block::List(List {
            start: None,
            items: vec![
                item(false, "write the test", vec![]),
                item(true, "make it pass", vec![nested])
            ],
        })]
    );
    assert_eq!(render(&document, Style::default()), TASKS);
}

#[test]
fn task_lists_are_adf_task_lists_and_come_back() {
    let adf = markdown_to_adf(TASKS);
    let list = &adf["content"][0];
    assert_eq!(list["type"], "taskList");
    let states: Vec<&str> = list["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            node["attrs"]["state"]
                .as_str()
                .unwrap_or(node["type"].as_str().unwrap())
        })
        .collect();
    assert_eq!(states, ["TODO", "DONE", "taskList"]);
    assert_eq!(
        list["content"][1]["content"][0],
        json!({ "type": "text", "text": "make it pass" })
    );
    assert_eq!(list["content"][2]["content"][0]["attrs"]["state"], "TODO");
    assert_eq!(adf_to_markdown(&adf).unwrap(), TASKS);
}

#[test]
fn task_lists_are_plane_task_lists_and_come_back() {
    let html = markdown_to_html("- [ ] open\n- [x] done");
    assert_eq!(
        html,
        "<ul data-type=\"taskList\">\
         <li data-type=\"taskItem\" data-checked=\"false\"><label><input type=\"checkbox\"><span></span></label><div><p>open</p></div></li>\
         <li data-type=\"taskItem\" data-checked=\"true\"><label><input type=\"checkbox\" checked><span></span></label><div><p>done</p></div></li>\
         </ul>"
    );
    assert_eq!(html_to_markdown(&html), "- [ ] open\n- [x] done");
}

#[test]
fn a_list_mixing_tasks_and_plain_items_keeps_its_checkboxes_as_text() {
    let markdown = "- [x] done\n- plain";
    let adf = markdown_to_adf(markdown);
    assert_eq!(adf["content"][0]["type"], "bulletList");
    assert_eq!(
        adf["content"][0]["content"][0]["content"][0]["content"][0]["text"],
        "[x] done"
    );
    assert_eq!(adf_to_markdown(&adf).unwrap(), "- \\[x\\] done\n- plain");
    assert_eq!(
        html_to_markdown(&markdown_to_html(markdown)),
        "- \\[x\\] done\n- plain"
    );
}

#[test]
fn checkbox_lookalikes_in_text_stay_text() {
    let document = Document {
        blocks: vec![Block::List(List {
            start: None,
            items: vec![ListItem {
                task: None,
                blocks: vec![Block::Paragraph(vec![Inline::Text(
                    "[ ] not a task".into(),
                )])],
            }],
        })],
    };
    let markdown = render(&document, Style::default());
    assert_eq!(markdown, "- \\[ \\] not a task");
    assert_eq!(parse(&markdown), document);
}

#[test]
fn empty_task_items_keep_their_checkbox() {
    let document = parse("- [ ] \n- [x] ");
    let markdown = render(&document, Style::default());
    assert_eq!(parse(&markdown), document);
    assert!(matches!(&document.blocks[0], Block::List(list) if list.is_task_list()));
}

fn mention(directory: Directory, name: &str) -> Document {
    Document {
        blocks: vec![Block::Paragraph(vec![
            Inline::Text("ping ".into()),
            Inline::Mention(Mention {
                directory,
                id: "u-1".into(),
                name: name.into(),
            }),
        ])],
    }
}

#[test]
fn mentions_keep_their_directory_in_markdown() {
    for (directory, markdown) in [
        (Directory::Atlassian, "ping @[Ada](accountid:u-1)"),
        (Directory::Plane, "ping @[Ada](plane-user:u-1)"),
    ] {
        assert_eq!(
            render(&mention(directory, "Ada"), Style::default()),
            markdown
        );
        assert_eq!(parse(markdown), mention(directory, "Ada"));
    }
    // Any other scheme, or no `@`, is a link.
    assert!(matches!(
        &parse("ping @[Ada](https://x.io/u-1)").blocks[0],
        Block::Paragraph(content) if matches!(content.last(), Some(Inline::Link { .. }))
    ));
}

#[test]
fn a_mention_is_its_providers_own_mention_and_plain_text_elsewhere() {
    let jira = markdown_to_adf("ping @[Ada](accountid:u-1)");
    assert_eq!(
        jira["content"][0]["content"][1],
        json!({ "type": "mention", "attrs": { "id": "u-1", "text": "@Ada" } })
    );
    let plane = markdown_to_html("ping @[Ada](plane-user:u-1)");
    assert_eq!(
        plane,
        "<p>ping <mention-component entity_identifier=\"u-1\" entity_name=\"user_mention\" label=\"Ada\"></mention-component></p>"
    );
    assert_eq!(html_to_markdown(&plane), "ping @[Ada](plane-user:u-1)");

    // A Plane mention sent to Jira, and an Atlassian one sent to Plane, are text.
    assert_eq!(
        markdown_to_adf("ping @[Ada](plane-user:u-1)")["content"][0]["content"],
        json!([{ "type": "text", "text": "ping @Ada" }])
    );
    assert_eq!(
        markdown_to_html("ping @[Ada](accountid:u-1)"),
        "<p>ping @Ada</p>"
    );
    // Without a name, the id is what shows.
    assert_eq!(
        markdown_to_html("ping @[](accountid:u-1)"),
        "<p>ping @u-1</p>"
    );
}

#[test]
fn tables_pass_through_every_format() {
    let markdown = "| Key | Value |\n| --- | --- |\n| `a\\|b` | **x** |";
    let document = parse(markdown);
    assert!(matches!(&document.blocks[0], Block::Table(table) if table.rows.len() == 1));
    assert_eq!(render(&document, Style::default()), markdown);
    assert_eq!(
        adf_to_markdown(&markdown_to_adf(markdown)).unwrap(),
        markdown
    );
    assert_eq!(html_to_markdown(&markdown_to_html(markdown)), markdown);
}
