//! Request building without a server: paths, parameters, bodies, cursors, and the plugin and
//! instance as the gateway sees them.

use super::commits::CommitPage;
use super::issues::{edit_body, issue_state_param};
use super::labels::{Resolved, match_names};
use super::mapping::GiteaLabel;
use super::pulls::{merge_body, opening_title, pull_state_param};
use super::*;
use mosaic_core::OpId;
use mosaic_core::ProviderError;
use mosaic_core::input::git::{CommitsList, IssueUpdate, MergeMethod, PullMerge, StateFilter};
use mosaic_core::model::IssueState;
use serde_json::json;

fn commits(path: Option<&str>, per_page: Option<u32>, cursor: Option<&str>) -> CommitsList {
    CommitsList {
        repo: "acme/api".into(),
        git_ref: Some("develop".into()),
        path: path.map(str::to_owned),
        per_page,
        cursor: cursor.map(str::to_owned),
    }
}

#[test]
fn settings_need_a_base_url_which_the_schema_describes() {
    let Err(errors) = GiteaPlugin::default().validate(&json!({"token": "t"})) else {
        panic!("a Gitea instance without a base URL was accepted");
    };
    assert_eq!(errors[0].path, "base_url");
    assert!(
        GiteaPlugin::default()
            .validate(&json!({"base_url": "https://git.example.com/api/v1", "token": "t"}))
            .is_ok()
    );
    let schema =
        serde_json::to_value(GiteaPlugin::default().descriptor().settings_schema.clone()).unwrap();
    assert!(schema["properties"]["base_url"].is_object(), "{schema}");
}

#[tokio::test]
async fn the_instance_serves_every_git_operation_and_refuses_the_others() {
    let builder = GiteaPlugin::default()
        .validate(&json!({"base_url": "https://git.example.com/api/v1", "token": "t"}))
        .unwrap();
    let provider = builder
        .build(&mosaic_plugin::BuildContext::new("gitea-internal"))
        .await
        .unwrap();
    for &op in OpId::ALL {
        let git = op.spec().kind == ServiceKind::Git;
        assert_eq!(provider.supports(op).is_supported(), git, "{}", op.name());
    }
}

#[test]
fn commit_pages_without_a_path_are_gitea_pages() {
    let input = commits(None, Some(20), Some("3"));
    let page = CommitPage::new(&input).unwrap();
    assert_eq!(
        page.query(&input),
        [
            ("page", "3".to_owned()),
            ("limit", "20".to_owned()),
            ("stat", "false".to_owned()),
            ("verification", "false".to_owned()),
            ("files", "false".to_owned()),
            ("sha", "develop".to_owned()),
        ]
    );
    let cut = page.cut(vec![1, 2], Some("4"), |n| n * 10);
    assert_eq!(
        (cut.items, cut.next_cursor),
        (vec![10, 20], Some("4".into()))
    );
    let offset = CommitPage::new(&commits(None, None, Some("3:20"))).unwrap_err();
    assert!(
        matches!(offset, ProviderError::Invalid(ref m) if m.contains("3:20")),
        "{offset}"
    );
}

#[test]
fn commit_pages_of_a_path_are_cut_out_of_gitea_pages() {
    let first = commits(Some("src/main.rs"), Some(20), None);
    let page = CommitPage::new(&first).unwrap();
    let query = page.query(&first);
    assert!(query.contains(&("limit", "100".to_owned())), "{query:?}");
    assert!(query.contains(&("path", "src/main.rs".to_owned())));
    // Gitea served 50; the caller gets 20 and a cursor inside the same Gitea page.
    let served: Vec<u32> = (1..=50).collect();
    let cut = page.cut(served.clone(), Some("2"), |n| n);
    assert_eq!(cut.items, (1..=20).collect::<Vec<_>>());
    assert_eq!(cut.next_cursor.as_deref(), Some("1:20"));

    let third = CommitPage::new(&commits(Some("src/main.rs"), Some(20), Some("1:40"))).unwrap();
    assert_eq!((third.page, third.offset), (1, 40));
    let cut = third.cut(served, Some("2"), |n| n);
    assert_eq!(cut.items, (41..=50).collect::<Vec<_>>());
    assert_eq!(
        cut.next_cursor.as_deref(),
        Some("2"),
        "on to Gitea's next page"
    );

    let past_the_end = CommitPage::new(&commits(Some("a"), None, Some("3"))).unwrap();
    let cut = past_the_end.cut(Vec::<u32>::new(), Some("4"), |n| n);
    assert_eq!((cut.items.len(), cut.next_cursor), (0, None));
    for bad in ["1:x", "x:1", "0:3", "https://elsewhere/?page=2"] {
        let error = CommitPage::new(&commits(Some("a"), None, Some(bad))).unwrap_err();
        assert!(matches!(error, ProviderError::Invalid(_)), "{bad}: {error}");
    }
}

#[test]
fn state_filters_become_gitea_states() {
    assert_eq!(issue_state_param(StateFilter::All).unwrap(), "all");
    assert!(issue_state_param(StateFilter::Merged).is_err());
    assert_eq!(pull_state_param(StateFilter::Merged), "closed");
    assert_eq!(pull_state_param(StateFilter::Closed), "closed");
    assert_eq!(pull_state_param(StateFilter::Open), "open");
}

#[test]
fn an_edit_sends_only_what_changes_and_never_labels() {
    let update = IssueUpdate {
        repo: "acme/api".into(),
        number: 3,
        title: None,
        body: Some(String::new()),
        state: Some(IssueState::Closed),
        labels: Some(vec!["bug".into()]),
        assignees: Some(Vec::new()),
    };
    assert_eq!(
        serde_json::Value::Object(edit_body(&update)),
        json!({"body": "", "state": "closed", "assignees": []})
    );
}

#[test]
fn drafts_get_the_work_in_progress_prefix_once() {
    assert_eq!(opening_title("Try", true), "WIP: Try");
    assert_eq!(opening_title("[wip] Try", true), "[wip] Try");
    assert_eq!(opening_title("wip: Try", true), "wip: Try");
    assert_eq!(opening_title("Try", false), "Try");
}

fn merge(method: MergeMethod, message: Option<&str>) -> Result<serde_json::Value, ProviderError> {
    let input = PullMerge {
        repo: "acme/api".into(),
        number: 4,
        method,
        commit_message: message.map(str::to_owned),
    };
    merge_body(&input).map(serde_json::Value::Object)
}

#[test]
fn merges_name_gitea_do_values_and_split_the_message() {
    assert_eq!(
        merge(MergeMethod::Merge, None).unwrap(),
        json!({"Do": "merge"})
    );
    assert_eq!(
        merge(MergeMethod::Rebase, None).unwrap(),
        json!({"Do": "rebase"})
    );
    assert_eq!(
        merge(MergeMethod::Squash, Some("Add login\n\nCloses #3.\n")).unwrap(),
        json!({"Do": "squash", "MergeTitleField": "Add login", "MergeMessageField": "Closes #3."})
    );
    assert_eq!(
        merge(MergeMethod::Merge, Some("One line")).unwrap(),
        json!({"Do": "merge", "MergeTitleField": "One line"})
    );
    let rebase = merge(MergeMethod::Rebase, Some("Message")).unwrap_err();
    assert!(
        matches!(rebase, ProviderError::Invalid(ref m) if m.contains("rebase") && m.contains("commit_message")),
        "{rebase}"
    );
}

fn label(id: i64, name: &str) -> GiteaLabel {
    GiteaLabel {
        id,
        name: name.into(),
    }
}

#[test]
fn label_names_resolve_to_ids_and_unknown_ones_are_named() {
    let mut resolved = Resolved {
        ids: Vec::new(),
        unknown: vec!["bug".into(), "docs".into(), "nope".into()],
    };
    match_names(&mut resolved, &[label(7, "docs"), label(5, "bug")]);
    assert_eq!(resolved.ids, [5, 7]);
    assert_eq!(resolved.unknown, ["nope"]);
    let error = resolved.into_ids("acme/api").unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "label `nope` does not exist in `acme/api` or its organization".into()
        )
    );
    let known = Resolved {
        ids: vec![5],
        unknown: Vec::new(),
    };
    assert_eq!(known.into_ids("acme/api").unwrap(), [5]);
}
