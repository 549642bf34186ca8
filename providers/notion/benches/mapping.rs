//! The mapping's cost: a 10 KB page converted from Notion's enhanced Markdown to CommonMark
//! and back, and one full search page (100 results) read and mapped to summaries.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_notion::mapping::{Found, NotionList, summary};
use mosaic_notion::markdown::{to_commonmark, to_notion};
use serde_json::json;
use std::hint::black_box;

/// About 10 KB of enhanced Markdown: headings, nested lists, tasks, code, escapes and tags.
fn page() -> String {
    let section = "## Step\nRun the \\{deploy\\} job with `make deploy` and check **twice**.\n- [ ] open the dashboard\n\t- look at p99 \\| p50\n- [x] page on-call <span color=\"red\">now</span>\n```sh\nkubectl rollout status deploy/api\n```\n";
    let mut markdown = String::from("# Runbook\n");
    while markdown.len() < 10 * 1024 {
        markdown.push_str(section);
    }
    markdown
}

fn search_page() -> Vec<u8> {
    let results: Vec<_> = (0..100)
        .map(|n| {
            json!({
                "object": "page",
                "id": format!("00000000-0000-4000-8000-{n:012}"),
                "parent": {"type": "page_id", "page_id": "00000000-0000-4000-8000-000000001004"},
                "last_edited_time": "2026-11-01T00:05:00.000Z",
                "url": format!("https://www.notion.so/{n}"),
                "in_trash": false,
                "properties": {"title": {"id": "title", "type": "title", "title": [{"type": "text", "plain_text": format!("Runbook {n}")}]}}
            })
        })
        .collect();
    serde_json::to_vec(
        &json!({"object": "list", "results": results, "next_cursor": null, "has_more": false}),
    )
    .unwrap()
}

fn mapping(c: &mut Criterion) {
    let notion = page();
    let commonmark = to_commonmark(&notion);
    c.bench_function("notion markdown to commonmark, 10 KB", |b| {
        b.iter(|| to_commonmark(black_box(&notion)))
    });
    c.bench_function("commonmark to notion markdown, 10 KB", |b| {
        b.iter(|| to_notion(black_box(&commonmark)))
    });
    let body = search_page();
    c.bench_function("search page of 100 results mapped", |b| {
        b.iter(|| {
            let list: NotionList = serde_json::from_slice(black_box(&body)).unwrap();
            list.results
                .into_iter()
                .filter_map(|value| match Found::read(value) {
                    Ok(Some(Found::Page(page))) => Some(summary(&page, "ENG")),
                    _ => None,
                })
                .count()
        })
    });
}

criterion_group!(benches, mapping);
criterion_main!(benches);
