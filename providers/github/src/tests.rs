//! Request building without a server: paths, parameters, bodies, and the plugin and instance
//! as the gateway sees them.

use super::client::repo_path;
use super::repos::commits_query;
use super::*;
use mosaic_core::OpId;
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    CommitsList, IssueCreate, IssueUpdate, IssuesList, MergeMethod, PullCreate, PullMerge,
    StateFilter,
};
use mosaic_core::model::IssueState;
use mosaic_provider_kit::http::PageQuery;
use serde_json::json;

fn page(per_page: u32, page: u32) -> PageQuery {
    PageQuery { per_page, page }
}

#[test]
fn the_plugin_checks_its_settings_and_describes_them() {
    assert!(
        GitHubPlugin::default()
            .validate(&json!({"token": "ghp_x"}))
            .is_ok()
    );
    let Err(errors) =
        GitHubPlugin::default().validate(&json!({"token": "", "base_url": "ftp://x"}))
    else {
        panic!("bad settings were accepted");
    };
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token"]);
    let schema =
        serde_json::to_value(GitHubPlugin::default().descriptor().settings_schema.clone()).unwrap();
    assert!(schema["properties"]["token"].is_object(), "{schema}");
}

#[test]
fn the_instance_serves_every_git_operation_and_refuses_the_others() {
    let connection = config::validate(&json!({"token": "t"})).unwrap();
    let provider = connect(
        &mosaic_plugin::BuildContext::new("gh-main"),
        connection,
        Vec::new(),
    )
    .unwrap();
    for &op in OpId::ALL {
        let support = provider.supports(op);
        if op.spec().kind == ServiceKind::Git {
            assert!(support.is_supported(), "{}", op.name());
        } else {
            assert!(!support.is_supported(), "{}", op.name());
        }
    }
}

#[test]
fn a_token_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection = config::validate(&json!({"token": "t"})).unwrap();
    connection.token = "line\nbreak".into();
    let Err(error) = connect(
        &mosaic_plugin::BuildContext::new("gh-main"),
        connection,
        Vec::new(),
    ) else {
        panic!("a token with a line break was accepted");
    };
    assert_eq!(error.instance, "gh-main");
    assert!(error.message.contains("token"), "{}", error.message);
}

#[test]
fn repositories_have_one_owner_level_and_segments_are_encoded() {
    assert_eq!(
        repo_path("octocat/Hello-World").unwrap(),
        "/repos/octocat/Hello-World"
    );
    assert_eq!(repo_path("acme/a b").unwrap(), "/repos/acme/a%20b");
    for bad in ["acme", "client-a/platform/backend", "acme/..", "/api"] {
        let error = repo_path(bad).unwrap_err();
        assert!(matches!(error, ProviderError::Invalid(_)), "{bad}: {error}");
    }
}

#[test]
fn commit_lists_ask_for_a_ref_and_a_path_by_githubs_names() {
    let input = CommitsList {
        repo: "acme/api".into(),
        git_ref: Some("develop".into()),
        path: Some("src/main.rs".into()),
        per_page: None,
        cursor: None,
    };
    assert_eq!(
        commits_query(&input, page(20, 3)),
        [
            ("per_page", "20".to_owned()),
            ("page", "3".to_owned()),
            ("sha", "develop".to_owned()),
            ("path", "src/main.rs".to_owned()),
        ]
    );
}

fn issues(state: StateFilter, labels: &[&str]) -> IssuesList {
    IssuesList {
        repo: "acme/api".into(),
        state,
        labels: labels.iter().map(|label| (*label).to_owned()).collect(),
        per_page: None,
        cursor: None,
    }
}

#[test]
fn issue_lists_filter_by_state_and_comma_separated_labels() {
    let query =
        issues::issues_query(&issues(StateFilter::All, &["bug", "ui"]), page(10, 2)).unwrap();
    assert_eq!(
        query,
        [
            ("per_page", "10".to_owned()),
            ("page", "2".to_owned()),
            ("state", "all".to_owned()),
            ("labels", "bug,ui".to_owned()),
        ]
    );
    let closed = issues::issues_query(&issues(StateFilter::Closed, &[]), page(30, 1)).unwrap();
    assert!(closed.contains(&("state", "closed".to_owned())));
    assert!(!closed.iter().any(|(name, _)| *name == "labels"));

    let comma =
        issues::issues_query(&issues(StateFilter::Open, &["a,b"]), page(30, 1)).unwrap_err();
    assert_eq!(
        comma,
        ProviderError::Invalid(
            "label `a,b` contains a comma, which GitHub's label filter cannot carry".into()
        )
    );
    let merged = issues::issues_query(&issues(StateFilter::Merged, &[]), page(30, 1)).unwrap_err();
    assert!(matches!(merged, ProviderError::Invalid(ref m) if m.contains("merged")));
}

#[test]
fn a_new_issue_sends_labels_by_name_and_leaves_out_what_is_empty() {
    let mut input = IssueCreate {
        repo: "acme/api".into(),
        title: "Crash".into(),
        body: None,
        labels: Vec::new(),
        assignees: Vec::new(),
    };
    assert_eq!(issues::create_body(&input), json!({"title": "Crash"}));
    input.body = Some("Steps".into());
    input.labels = vec!["bug".into()];
    input.assignees = vec!["ana".into()];
    assert_eq!(
        issues::create_body(&input),
        json!({"title": "Crash", "body": "Steps", "labels": ["bug"], "assignees": ["ana"]})
    );
}

#[test]
fn an_update_sends_only_what_changes_and_empty_lists_clear() {
    let update = IssueUpdate {
        repo: "acme/api".into(),
        number: 3,
        title: None,
        body: Some(String::new()),
        state: Some(IssueState::Closed),
        labels: Some(Vec::new()),
        assignees: None,
    };
    assert_eq!(
        issues::update_body(&update),
        json!({"body": "", "state": "closed", "labels": []})
    );
    let reopen = IssueUpdate {
        state: Some(IssueState::Open),
        body: None,
        labels: None,
        assignees: Some(vec!["ben".into()]),
        ..update
    };
    assert_eq!(
        issues::update_body(&reopen),
        json!({"state": "open", "assignees": ["ben"]})
    );
}

#[test]
fn merged_pull_requests_are_closed_ones_kept_afterwards() {
    use pulls::{keeps, state_param};
    assert_eq!(state_param(StateFilter::Open), "open");
    assert_eq!(state_param(StateFilter::Closed), "closed");
    assert_eq!(state_param(StateFilter::Merged), "closed");
    assert_eq!(state_param(StateFilter::All), "all");
    assert!(keeps(StateFilter::Merged, true));
    assert!(!keeps(StateFilter::Merged, false));
    // `closed` is closed or merged, as the catalog defines it.
    assert!(keeps(StateFilter::Closed, true));
    assert!(keeps(StateFilter::Closed, false));
    assert!(keeps(StateFilter::All, true));
}

#[test]
fn a_pull_request_names_head_base_and_draft() {
    let input = PullCreate {
        repo: "acme/api".into(),
        title: "Login".into(),
        body: None,
        source_branch: "octocat:feature/login".into(),
        target_branch: "main".into(),
        draft: true,
    };
    assert_eq!(
        pulls::create_body(&input),
        json!({"title": "Login", "head": "octocat:feature/login", "base": "main", "draft": true})
    );
}

#[test]
fn merges_use_githubs_own_methods() {
    let merge = |method, message: Option<&str>| {
        pulls::merge_body(&PullMerge {
            repo: "acme/api".into(),
            number: 4,
            method,
            commit_message: message.map(str::to_owned),
        })
    };
    assert_eq!(
        merge(MergeMethod::Merge, None),
        json!({"merge_method": "merge"})
    );
    assert_eq!(
        merge(MergeMethod::Rebase, None),
        json!({"merge_method": "rebase"})
    );
    assert_eq!(
        merge(MergeMethod::Squash, Some("Add login")),
        json!({"merge_method": "squash", "commit_message": "Add login"})
    );
}
