//! Mapping cost of the `jira` adapter: parse a 100-issue page of `GET /rest/api/3/search/jql`
//! as Jira Cloud sends it (the fields the adapter asks for, each description an ADF document
//! of a heading, a paragraph with marks, a link and a mention, a list and a code block) and
//! normalize it into the unified model, ADF converted to Markdown.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_jira::mapping::JqlSearchPage;
use mosaic_jira::status::StatusMapping;
use serde_json::{Value, json};
use std::hint::black_box;

fn user(account: &str, name: &str) -> Value {
    json!({
        "self": format!("https://acme.atlassian.net/rest/api/3/user?accountId={account}"),
        "accountId": account, "emailAddress": format!("{account}@acme.example"),
        "displayName": name, "active": true, "timeZone": "Europe/Lisbon", "accountType": "atlassian",
        "avatarUrls": {"48x48": "https://avatar.example/48.png", "24x24": "https://avatar.example/24.png"}
    })
}

fn description() -> Value {
    let text = |text: &str| json!({"type": "text", "text": text});
    json!({"type": "doc", "version": 1, "content": [
        {"type": "heading", "attrs": {"level": 2}, "content": [text("What happens")]},
        {"type": "paragraph", "content": [
            text("Uploads over "),
            {"type": "text", "text": "5 MB", "marks": [{"type": "strong"}]},
            text(" fail on "),
            {"type": "text", "text": "staging", "marks": [{"type": "link", "attrs": {"href": "https://staging.acme.example/uploads"}}]},
            text("; "),
            {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Ana Alves"}},
            text(" saw it first.")
        ]},
        {"type": "bulletList", "content": [
            {"type": "listItem", "content": [{"type": "paragraph", "content": [text("retry with "), {"type": "text", "text": "--chunked", "marks": [{"type": "code"}]}]}]},
            {"type": "listItem", "content": [{"type": "paragraph", "content": [text("check the proxy's body limit")]}]}
        ]},
        {"type": "codeBlock", "attrs": {"language": "nginx"}, "content": [text("client_max_body_size 5m;")]}
    ]})
}

fn page_of_issues() -> Vec<u8> {
    let issues: Vec<Value> = (1..=100)
        .map(|number| {
            json!({
                "expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
                "id": (10_000 + number).to_string(),
                "self": format!("https://acme.atlassian.net/rest/api/3/issue/{}", 10_000 + number),
                "key": format!("PLAT-{number}"),
                "fields": {
                    "summary": format!("Uploads over 5 MB fail ({number})"),
                    "description": description(),
                    "status": {
                        "self": "https://acme.atlassian.net/rest/api/3/status/3", "id": "3",
                        "name": "In Progress", "description": "", "iconUrl": "https://acme.atlassian.net/images/icons/statuses/inprogress.png",
                        "statusCategory": {"self": "https://acme.atlassian.net/rest/api/3/statuscategory/4", "id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"}
                    },
                    "resolution": null,
                    "assignee": user("5b10ac8d82e05b22cc7d4ef5", "Ana Alves"),
                    "labels": ["bug", "uploads"],
                    "priority": {"self": "https://acme.atlassian.net/rest/api/3/priority/2", "id": "2", "name": "High", "iconUrl": "https://acme.atlassian.net/images/icons/priorities/high.svg"},
                    "created": "2026-11-01T10:00:00.000+0000",
                    "updated": "2026-11-02T11:30:00.000+0000",
                    "project": {"self": "https://acme.atlassian.net/rest/api/3/project/10000", "id": "10000", "key": "PLAT", "name": "Platform", "projectTypeKey": "software"}
                }
            })
        })
        .collect();
    serde_json::to_vec(&json!({"issues": issues, "nextPageToken": "CAEaAggD", "isLast": false}))
        .expect("serializable")
}

fn bench(c: &mut Criterion) {
    let body = page_of_issues();
    let statuses = StatusMapping::default();
    let mut group = c.benchmark_group("jira_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("search_page_100", |b| {
        b.iter(|| {
            let page: JqlSearchPage = serde_json::from_slice(black_box(&body)).expect("parses");
            let unified: Vec<_> = page
                .issues
                .into_iter()
                .map(|issue| {
                    issue
                        .unify("https://acme.atlassian.net", &statuses)
                        .expect("maps")
                })
                .collect();
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
