//! Mapping cost of the `gitlab` adapter: parse a 100-item page of issues as GitLab sends it and
//! normalize it into the unified model. The issue is the shape of GitLab's documented "single
//! issue" answer (API docs, `GET /projects/:id/issues/:issue_iid`) with its nested author,
//! assignees, milestone, time stats, references and links; the vendored description's own
//! example cannot be used, as it carries placeholders ("string") where GitLab sends numbers.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mosaic_providers::gitlab::mapping::GlIssue;
use serde_json::{Value, json};
use std::hint::black_box;

fn user(id: u64, username: &str) -> Value {
    json!({
        "id": id, "username": username, "name": format!("{username} example"), "state": "active",
        "locked": false, "avatar_url": format!("https://gitlab.example.com/uploads/-/system/user/avatar/{id}/avatar.png"),
        "web_url": format!("https://gitlab.example.com/{username}")
    })
}

fn issue(iid: u64) -> Value {
    json!({
        "id": 90_000 + iid, "iid": iid, "project_id": 4, "title": "Ut commodi ullam eos dolores perferendis nihil sunt.",
        "description": "Omnis vero earum sunt corporis dolor et placeat.\n\n- [ ] first\n- [x] second",
        "state": "opened", "created_at": "2026-11-01T14:20:53.457Z", "updated_at": "2026-11-12T09:01:11.112Z",
        "closed_at": null, "closed_by": null, "labels": ["bug", "frontend", "priority::high"],
        "milestone": {"id": 12, "iid": 3, "project_id": 4, "title": "v17.6", "description": "", "state": "active",
            "created_at": "2026-10-01T00:00:00Z", "updated_at": "2026-10-01T00:00:00Z", "due_date": "2026-12-01",
            "start_date": "2026-11-01", "web_url": "https://gitlab.example.com/g/p/-/milestones/3"},
        "assignees": [user(2, "ben"), user(3, "chloe")], "assignee": user(2, "ben"), "author": user(1, "ana"),
        "type": "ISSUE", "user_notes_count": 4, "merge_requests_count": 1, "upvotes": 3, "downvotes": 0,
        "due_date": null, "confidential": false, "discussion_locked": null, "issue_type": "issue",
        "web_url": format!("https://gitlab.example.com/g/p/-/issues/{iid}"),
        "time_stats": {"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": null, "human_total_time_spent": null},
        "task_completion_status": {"count": 2, "completed_count": 1}, "weight": null, "blocking_issues_count": 0,
        "has_tasks": true, "task_status": "1 of 2 checklist items completed",
        "_links": {"self": format!("https://gitlab.example.com/api/v4/projects/4/issues/{iid}"),
            "notes": format!("https://gitlab.example.com/api/v4/projects/4/issues/{iid}/notes"),
            "award_emoji": format!("https://gitlab.example.com/api/v4/projects/4/issues/{iid}/award_emoji"),
            "project": "https://gitlab.example.com/api/v4/projects/4"},
        "references": {"short": format!("#{iid}"), "relative": format!("#{iid}"), "full": format!("g/p#{iid}")},
        "severity": "UNKNOWN", "moved_to_id": null, "service_desk_reply_to": null
    })
}

fn bench(c: &mut Criterion) {
    let page: Vec<Value> = (1..=100).map(issue).collect();
    let body = serde_json::to_vec(&page).expect("serializable");
    let mut group = c.benchmark_group("gitlab_mapping");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("issues_page_100", |b| {
        b.iter(|| {
            let items: Vec<GlIssue> = serde_json::from_slice(black_box(&body)).expect("parses");
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
