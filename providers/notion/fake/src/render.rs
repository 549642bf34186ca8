//! The wiki in Notion's JSON: spaces as top-level pages, pages with their title property,
//! parent and trash flags, bodies as the Markdown endpoints answer them.

use super::NotionData;
use super::ids::{block_id, page_id};
use mosaic_fake_kit::wiki::{Body, Page, Space, Wiki};
use serde_json::{Value, json};

/// When the wiki's spaces were made: before any page.
const SPACES_CREATED: &str = "2026-11-01T00:00:00Z";

/// The seed with its bodies as Notion answers them: one block a line (no blank lines), and the
/// one written as HTML in its Markdown.
pub fn as_notion(mut wiki: Wiki) -> Wiki {
    for page in &mut wiki.pages {
        let markdown = match &page.body {
            Body::Markdown(text) => text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            Body::Html(html) => html
                .replace("<h1>", "# ")
                .replace("</h1>", "\n")
                .replace("<p>", "")
                .replace("</p>", "")
                .replace("<strong>", "**")
                .replace("</strong>", "**"),
        };
        page.body = Body::Markdown(markdown);
    }
    wiki
}

/// A title property's rich text.
fn title(text: &str) -> Value {
    json!({"title": {"id": "title", "type": "title", "title": [{
        "type": "text",
        "text": {"content": text, "link": null},
        "annotations": {"bold": false, "italic": false, "strikethrough": false, "underline": false, "code": false, "color": "default"},
        "plain_text": text,
        "href": null
    }]}})
}

fn url(id: &str) -> String {
    format!("https://www.notion.so/{}", id.replace('-', ""))
}

/// A space as its top-level page.
pub fn space(space: &Space) -> Value {
    let id = page_id(space.id);
    json!({
        "object": "page", "id": id,
        "created_time": SPACES_CREATED, "last_edited_time": SPACES_CREATED,
        "created_by": {"object": "user", "id": page_id(1)},
        "last_edited_by": {"object": "user", "id": page_id(1)},
        "parent": {"type": "workspace", "workspace": true},
        "in_trash": false, "archived": false, "is_locked": false,
        "icon": null, "cover": null, "public_url": null,
        "url": url(&id),
        "properties": title(&space.name)
    })
}

/// A page, below its parent page or its space's page.
pub fn page(wiki: &Wiki, page: &Page) -> Value {
    let id = page_id(page.id);
    let parent = page
        .parent
        .or_else(|| wiki.space(&page.space).map(|space| space.id))
        .map(page_id);
    json!({
        "object": "page", "id": id,
        "created_time": page.created_at, "last_edited_time": page.updated_at,
        "created_by": {"object": "user", "id": page_id(1)},
        "last_edited_by": {"object": "user", "id": page_id(1)},
        "parent": {"type": "page_id", "page_id": parent},
        "in_trash": page.trashed, "archived": page.trashed, "is_locked": false,
        "icon": null, "cover": null, "public_url": null,
        "url": url(&id),
        "properties": title(&page.title)
    })
}

/// `GET /pages/{id}/markdown` of a body: whole, or truncated after `limit` lines with the
/// rest left out as one block per `limit` lines.
pub fn markdown(data: &NotionData, id: u64, body: &str) -> Value {
    let lines: Vec<&str> = body.split('\n').collect();
    let limit = data
        .truncate_after
        .filter(|limit| *limit > 0 && lines.len() > *limit);
    let Some(limit) = limit else {
        return answer(&page_id(id), body, &[]);
    };
    let mut kept: Vec<String> = lines[..limit]
        .iter()
        .map(|line| (*line).to_owned())
        .collect();
    let mut unknown = Vec::new();
    for start in (limit..lines.len()).step_by(limit) {
        let block = block_id(id, start);
        kept.push(format!(
            "<unknown url=\"{}#{}\" alt=\"paragraph\"/>",
            url(&page_id(id)),
            block.replace('-', "")
        ));
        unknown.push(block);
    }
    answer(&page_id(id), &kept.join("\n"), &unknown)
}

/// The lines of a left-out block: `limit` lines of the body from `start`.
pub fn block_markdown(data: &NotionData, page: u64, start: usize, body: &str) -> Option<Value> {
    let limit = data.truncate_after?;
    let lines: Vec<&str> = body.split('\n').collect();
    let end = (start + limit).min(lines.len());
    (start < end).then(|| answer(&block_id(page, start), &lines[start..end].join("\n"), &[]))
}

/// A `page_markdown` object.
pub fn answer(id: &str, markdown: &str, unknown: &[String]) -> Value {
    json!({
        "object": "page_markdown", "id": id, "markdown": markdown,
        "truncated": !unknown.is_empty(), "unknown_block_ids": unknown
    })
}
