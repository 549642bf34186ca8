//! Mapping cost of the `confluence` adapter: a 10 KB page body converted from storage format
//! to Markdown and back (headings, marks, links, a mention, lists, a task list, a table and
//! the code macro), and a 100-hit page of v1's CQL search parsed and mapped into the unified
//! model, excerpts stripped of their highlight markers.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_confluence::mapping::SearchPage;
use mosaic_confluence::storage;
use serde_json::{Value, json};
use std::hint::black_box;

/// One section of a page as Confluence's editor stores it.
const SECTION: &str = concat!(
    "<h2>Uploads &amp; limits</h2>",
    "<p>Uploads over <strong>5 MB</strong> fail on <a href=\"https://staging.acme.example/uploads\">staging</a>; ",
    "<ac:link><ri:user ri:account-id=\"5b10ac8d82e05b22cc7d4ef5\" /></ac:link> saw it <em>first</em>.</p>",
    "<ul><li><p>retry with <code>--chunked</code></p></li><li><p>check the proxy's body limit</p></li></ul>",
    "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>raise the limit</ac:task-body></ac:task>",
    "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>page on-call</ac:task-body></ac:task></ac:task-list>",
    "<table><tbody><tr><th><p>Env</p></th><th><p>Limit</p></th></tr><tr><td><p>staging</p></td><td><p>5m</p></td></tr></tbody></table>",
    "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">nginx</ac:parameter>",
    "<ac:plain-text-body><![CDATA[client_max_body_size 5m;\nproxy_request_buffering off;]]></ac:plain-text-body></ac:structured-macro>",
);

fn page_of_10_kb() -> String {
    let mut page = String::new();
    while page.len() < 10 * 1024 {
        page.push_str(SECTION);
    }
    page
}

fn search_page() -> Vec<u8> {
    let results: Vec<Value> = (1..=100)
        .map(|n| {
            json!({
                "content": {
                    "id": (65_000 + n).to_string(), "type": "page", "status": "current",
                    "title": format!("Runbook {n}"),
                    "space": {"id": 98306, "key": "ENG", "name": "Engineering"},
                    "_links": {"webui": format!("/spaces/ENG/pages/{}/Runbook+{n}", 65_000 + n)}
                },
                "title": format!("@@@hl@@@Runbook@@@endhl@@@ {n}"),
                "excerpt": format!("Steps for @@@hl@@@incident@@@endhl@@@ class {n}, escalate to on-call &amp; page the owner&hellip;"),
                "url": format!("/spaces/ENG/pages/{}/Runbook+{n}", 65_000 + n),
                "resultGlobalContainer": {"title": "Engineering", "displayUrl": "/spaces/ENG"},
                "entityType": "content",
                "lastModified": "2026-11-02T11:30:00.000Z",
                "friendlyLastModified": "Nov 02, 2026"
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "results": results, "start": 0, "limit": 100, "size": 100, "totalSize": 450,
        "cqlQuery": "type = page AND space = \"ENG\" AND text ~ \"incident\"",
        "_links": {"base": "https://acme.atlassian.net/wiki", "context": "/wiki",
                   "next": "/rest/api/search?cql=type+%3D+page&limit=100&cursor=raNDoMsTRiNg"}
    }))
    .expect("serializable")
}

fn bench(c: &mut Criterion) {
    let storage_body = page_of_10_kb();
    let markdown = storage::to_markdown(&storage_body);
    let mut group = c.benchmark_group("confluence_mapping");
    group.throughput(Throughput::Bytes(storage_body.len() as u64));
    group.bench_function("storage_to_markdown_10kb", |b| {
        b.iter(|| black_box(storage::to_markdown(black_box(&storage_body))))
    });
    group.bench_function("markdown_to_storage_10kb", |b| {
        b.iter(|| black_box(storage::from_markdown(black_box(&markdown))))
    });
    let body = search_page();
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("search_page_100", |b| {
        b.iter(|| {
            let page: SearchPage = serde_json::from_slice(black_box(&body)).expect("parses");
            let unified: Vec<_> = page
                .results
                .into_iter()
                .map(|hit| hit.unify("https://acme.atlassian.net").expect("maps"))
                .collect();
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
