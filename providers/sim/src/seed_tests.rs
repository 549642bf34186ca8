use super::*;
use crate::clock;
use mosaic_core::model::{IssueState, PullState, RunStatus, StatusCategory};
use std::collections::HashSet;

#[test]
fn the_seed_holds_every_kind_the_demo_shows() {
    let state = state();
    let repos: Vec<&str> = state.git.keys().map(String::as_str).collect();
    assert_eq!(
        repos,
        [
            "acme-oss/sdk",
            "acme/api",
            "acme/internal-tools",
            "acme/web",
            "client-bank/app"
        ]
    );
    assert_eq!(state.ci.len(), 5);
    let spaces: Vec<&str> = state.kb.spaces.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(spaces, ["ENG", "OPS"]);
    let projects: Vec<&str> = state
        .pm
        .projects
        .iter()
        .map(|p| p.project.key.as_str())
        .collect();
    assert_eq!(projects, ["PLAT", "WEB", "OPS"]);
    assert!(
        state
            .kb
            .pages
            .iter()
            .any(|page| page.body.contains("on-call"))
    );
    let api = &state.git["acme/api"];
    assert!(api.issues.iter().any(|i| i.issue.state == IssueState::Open));
    assert!(
        api.issues
            .iter()
            .any(|i| i.issue.state == IssueState::Closed)
    );
    assert!(api.pulls.iter().any(|p| p.pull.state == PullState::Merged));
    assert!(
        api.files
            .get("assets/logo.png")
            .is_some_and(|png| std::str::from_utf8(png).is_err())
    );
    let statuses: Vec<RunStatus> = state
        .ci
        .values()
        .flat_map(|ci| ci.runs.iter().map(|r| r.run.status))
        .collect();
    for status in [
        RunStatus::Success,
        RunStatus::Failure,
        RunStatus::Running,
        RunStatus::Queued,
        RunStatus::Cancelled,
    ] {
        assert!(statuses.contains(&status), "{status:?}");
    }
    let categories: HashSet<_> = state
        .pm
        .items
        .iter()
        .map(|i| i.item.status_category)
        .collect();
    assert_eq!(categories.len(), 5);
    assert!(categories.contains(&StatusCategory::Cancelled));
}

#[test]
fn ids_are_unique_and_the_seed_is_deterministic() {
    let (first, second) = (state(), state());
    let mut ids = HashSet::new();
    for data in first.git.values() {
        assert!(ids.insert(data.repo.id.clone()));
        ids.extend(data.issues.iter().map(|i| i.issue.id.clone()));
    }
    for page in &first.kb.pages {
        assert!(ids.insert(page.id.clone()), "{}", page.id);
    }
    for item in &first.pm.items {
        assert!(ids.insert(item.item.id.clone()), "{}", item.item.id);
    }
    let shas = |state: &State| -> Vec<String> {
        state
            .git
            .values()
            .flat_map(|d| d.commits.iter().map(|c| c.commit.sha.clone()))
            .collect()
    };
    assert_eq!(shas(&first), shas(&second));
    assert_eq!(first.ids.next_peek(), second.ids.next_peek());
    // The ids the conformance fixture (`Fixture::sim_seed`) names.
    let first_run = &first.ci["acme/api"]
        .runs
        .last()
        .map(|r| (r.run.id.clone(), r.run.pipeline_id.clone()));
    assert_eq!(first_run, &Some(("1001".to_owned(), "ci".to_owned())));
    let on_call = first
        .kb
        .pages
        .iter()
        .find(|p| p.title == "On-call guide")
        .map(|p| (p.id.as_str(), p.space.as_str()));
    assert_eq!(on_call, Some(("10006", "OPS")));
}

#[test]
fn numbers_urls_tips_and_times_are_consistent() {
    let state = state();
    for (name, data) in &state.git {
        let numbers: Vec<u64> = data
            .issues
            .iter()
            .map(|i| i.issue.number)
            .chain(data.pulls.iter().map(|p| p.pull.number))
            .collect();
        assert_eq!(
            numbers,
            (1..=data.last_number).collect::<Vec<_>>(),
            "{name}"
        );
        for entry in &data.issues {
            assert_eq!(
                entry.issue.web_url,
                format!("https://sim.local/{name}/issues/{}", entry.issue.number)
            );
            assert_eq!(entry.issue.comments, entry.comments.len() as u64);
            assert!(
                entry
                    .issue
                    .created_at
                    .as_deref()
                    .and_then(clock::parse)
                    .is_some()
            );
        }
        for branch in &data.branches {
            assert_eq!(branch.commit_sha.len(), 40, "{name} {}", branch.name);
        }
        assert_eq!(data.branches[0].name, data.repo.default_branch);
        assert!(data.branches[0].protected);
    }
    for (index, entry) in state.pm.items.iter().enumerate() {
        assert_eq!(state.pm.by_key.get(&entry.item.key), Some(&index));
    }
}
