//! Confluence's JSON for the wiki's data, and the seed's Markdown bodies as storage format,
//! as Confluence's editor writes them (headings, paragraphs, marks, links, lists, task lists,
//! code blocks as the code macro).

use mosaic_fake_kit::wiki::{Body, Page, Space, Wiki};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// A v2 space.
pub fn space(space: &Space) -> Value {
    json!({
        "id": space.id.to_string(),
        "key": space.key,
        "name": space.name,
        "type": "global",
        "status": "current",
        "authorId": "acc-ana",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "homepageId": null,
        "description": null,
        "_links": {"webui": format!("/spaces/{}", space.key)},
    })
}

/// The web path of a page.
pub fn webui(page: &Page) -> String {
    format!(
        "/spaces/{}/pages/{}/{}",
        page.space,
        page.id,
        page.title.replace(' ', "+")
    )
}

/// A v2 page, with its storage body when `with_body`.
pub fn page(wiki: &Wiki, page: &Page, with_body: bool) -> Value {
    let space_id = wiki
        .space(&page.space)
        .map_or_else(String::new, |space| space.id.to_string());
    let mut value = json!({
        "id": page.id.to_string(),
        "status": "current",
        "title": page.title,
        "spaceId": space_id,
        "parentId": page.parent.map(|parent| parent.to_string()),
        "parentType": page.parent.map(|_| "page"),
        "position": 0,
        "authorId": format!("acc-{}", page.author),
        "ownerId": format!("acc-{}", page.author),
        "createdAt": page.created_at,
        "version": {
            "number": page.version,
            "createdAt": page.updated_at,
            "message": "",
            "minorEdit": false,
            "authorId": format!("acc-{}", page.author),
        },
        "_links": {"webui": webui(page), "editui": format!("/pages/resumedraft.action?draftId={}", page.id), "tinyui": format!("/x/{}", page.id)},
    });
    if with_body {
        value["body"] =
            json!({"storage": {"representation": "storage", "value": storage(&page.body)}});
    }
    value
}

/// A body as storage format: written bodies as they are, Markdown rendered.
pub fn storage(body: &Body) -> String {
    match body {
        Body::Html(storage) => storage.clone(),
        Body::Markdown(markdown) => markdown_to_storage(markdown),
    }
}

/// The text a search matches in a body: its storage format without the markup.
pub fn plain(body: &Body) -> String {
    let storage = storage(body);
    let mut out = String::new();
    let mut in_tag = false;
    for c in storage.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The seed's Markdown as storage format.
pub fn markdown_to_storage(markdown: &str) -> String {
    let mut out = String::new();
    let mut task = 0;
    let mut tasks = false;
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => out.push_str(&format!("<{level}>")),
            Event::End(TagEnd::Heading(level)) => out.push_str(&format!("</{level}>")),
            Event::Start(Tag::Paragraph) => out.push_str("<p>"),
            Event::End(TagEnd::Paragraph) => out.push_str("</p>"),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Emphasis) => out.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push_str(&format!("<a href=\"{}\">", escape(&dest_url)));
            }
            Event::End(TagEnd::Link) => out.push_str("</a>"),
            Event::Start(Tag::List(start)) => {
                // A list is a task list when its first item has a box; the marker comes
                // after the item starts, so the tag is written then.
                tasks = false;
                out.push_str(match start {
                    Some(_) => "<ol>",
                    None => "<ul data-list>",
                });
            }
            Event::End(TagEnd::List(ordered)) => {
                let close = if tasks {
                    "</ac:task-list>"
                } else if ordered {
                    "</ol>"
                } else {
                    "</ul>"
                };
                out.push_str(close);
            }
            Event::Start(Tag::Item) => out.push_str("<li>"),
            Event::TaskListMarker(done) => {
                if out.ends_with("<ul data-list><li>") {
                    out.truncate(out.len() - "<ul data-list><li>".len());
                    out.push_str("<ac:task-list>");
                    tasks = true;
                } else if tasks {
                    out.truncate(out.len() - "<li>".len());
                }
                task += 1;
                let status = if done { "complete" } else { "incomplete" };
                out.push_str(&format!(
                    "<ac:task><ac:task-id>{task}</ac:task-id><ac:task-status>{status}</ac:task-status><ac:task-body>"
                ));
            }
            Event::End(TagEnd::Item) => {
                out.push_str(if tasks {
                    "</ac:task-body></ac:task>"
                } else {
                    "</li>"
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                out.push_str("<ac:structured-macro ac:name=\"code\">");
                if let CodeBlockKind::Fenced(language) = kind
                    && !language.is_empty()
                {
                    out.push_str(&format!(
                        "<ac:parameter ac:name=\"language\">{}</ac:parameter>",
                        escape(&language)
                    ));
                }
                out.push_str("<ac:plain-text-body><![CDATA[");
            }
            Event::End(TagEnd::CodeBlock) => {
                out.push_str("]]></ac:plain-text-body></ac:structured-macro>");
            }
            Event::Code(code) => out.push_str(&format!("<code>{}</code>", escape(&code))),
            Event::Text(text) => out.push_str(&escape(&text)),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br />"),
            _ => {}
        }
    }
    out.replace("<ul data-list>", "<ul>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_markdown_is_storage_format() {
        assert_eq!(
            markdown_to_storage(
                "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n"
            ),
            concat!(
                "<h1>Architecture overview</h1>",
                "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>document the cache</ac:task-body></ac:task>",
                "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>draw the request path</ac:task-body></ac:task></ac:task-list>",
                "<p>See the <code>gateway</code> crate.</p>"
            )
        );
        assert_eq!(
            markdown_to_storage("- a\n- b\n"),
            "<ul><li>a</li><li>b</li></ul>"
        );
    }
}
