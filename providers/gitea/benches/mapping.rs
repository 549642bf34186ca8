//! Mapping cost of the `gitea` adapter: parse a 100-item page of issues as Gitea 1.22 sends
//! it and normalize it into the unified model. Gitea's description has no examples, so the
//! issue is one with every field of the description's `Issue` filled as a real instance
//! fills them (checked against `specs/gitea/prism.json` before measuring), 100 times with
//! distinct numbers.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_gitea::mapping::GiteaIssue;
use serde_json::{Value, json};
use std::hint::black_box;

fn user(id: u64, login: &str) -> Value {
    json!({
        "id": id, "login": login, "login_name": "", "source_id": 0, "full_name": "Ana Souza",
        "email": format!("{login}@noreply.git.example.com"), "avatar_url": "https://git.example.com/avatars/5f2c",
        "html_url": format!("https://git.example.com/{login}"), "language": "en-US", "is_admin": false,
        "last_login": "2024-03-04T11:12:13+01:00", "created": "2023-01-02T10:00:00+01:00",
        "restricted": false, "active": true, "prohibit_login": false, "location": "Lisbon",
        "website": "", "description": "", "visibility": "public", "followers_count": 3,
        "following_count": 1, "starred_repos_count": 7
    })
}

/// One issue with every field of Gitea's `Issue` definition.
fn example_issue() -> Value {
    let label = json!({
        "id": 7, "name": "bug", "exclusive": false, "is_archived": false, "color": "ee0701",
        "description": "Something is not working", "url": "https://git.example.com/api/v1/repos/acme/api/labels/7"
    });
    json!({
        "id": 4411, "url": "https://git.example.com/api/v1/repos/acme/api/issues/3",
        "html_url": "https://git.example.com/acme/api/issues/3", "number": 3,
        "user": user(2, "ben"), "original_author": "", "original_author_id": 0,
        "title": "Rate limits are ignored behind the proxy",
        "body": "Steps:\n\n1. Send 100 requests\n2. None is refused\n\nExpected a 429.",
        "ref": "", "assets": [], "labels": [label],
        "milestone": {
            "id": 2, "title": "v1.2", "description": "", "state": "open", "open_issues": 4,
            "closed_issues": 9, "created_at": "2024-01-02T10:00:00+01:00",
            "updated_at": "2024-03-01T10:00:00+01:00", "closed_at": null, "due_on": null
        },
        "assignee": user(1, "ana"), "assignees": [user(1, "ana")], "state": "open",
        "is_locked": false, "comments": 2, "created_at": "2024-03-01T09:00:00+01:00",
        "updated_at": "2024-03-02T09:00:00+01:00", "closed_at": null, "due_date": null,
        "pull_request": null,
        "repository": {"id": 42, "name": "api", "owner": "acme", "full_name": "acme/api"},
        "pin_order": 0
    })
}

/// Fails loudly if the example lacks a field Gitea's description gives an issue.
fn check_against_the_description(issue: &Value) {
    let spec: Value = serde_json::from_str(include_str!("../api/prism.json"))
        .expect("the vendored description is JSON");
    let properties = spec["definitions"]["Issue"]["properties"]
        .as_object()
        .expect("the description defines Issue");
    for field in properties.keys() {
        assert!(
            issue.get(field).is_some(),
            "the example issue lacks `{field}`"
        );
    }
}

fn page_of_issues() -> Vec<u8> {
    let issue = example_issue();
    check_against_the_description(&issue);
    let page: Vec<Value> = (1..=100)
        .map(|number| {
            let mut item = issue.clone();
            item["number"] = number.into();
            item["id"] = (10_000 + number).into();
            item
        })
        .collect();
    serde_json::to_vec(&page).expect("serializable")
}

fn bench(c: &mut Criterion) {
    let body = page_of_issues();
    let mut group = c.benchmark_group("gitea_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("issues_page_100", |b| {
        b.iter(|| {
            let items: Vec<GiteaIssue> = serde_json::from_slice(black_box(&body)).expect("parses");
            let unified: Vec<_> = items
                .into_iter()
                .map(|issue| issue.unify().expect("maps"))
                .collect();
            black_box(unified)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
