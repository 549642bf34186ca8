//! Request building without a server: project ids, parameters, bodies, merge refusals, and
//! the plugin and instance as the gateway sees them.

use super::client::{page_params, project_id, project_path};
use super::issues::{edit_body, issue_state_param, labels_param};
use super::mapping::{GlMergeRequest, GlUser};
use super::merge_requests::{
    has_draft_prefix, keeps, merge_body, merge_request_state_param, opening_title, refusal,
};
use super::users::{exact_match, unknown_users};
use super::*;
use mosaic_core::OpId;
use mosaic_core::ProviderError;
use mosaic_core::input::git::{IssueUpdate, MergeMethod, PullCreate, PullMerge, StateFilter};
use mosaic_core::model::{IssueState, PullState};
use mosaic_provider_kit::http::PageQuery;
use serde_json::json;

#[test]
fn settings_default_to_gitlab_com_and_report_every_problem() {
    assert!(
        GitLabPlugin::default()
            .validate(&json!({"token": "glpat-x"}))
            .is_ok()
    );
    let Err(errors) =
        GitLabPlugin::default().validate(&json!({"base_url": "ftp://gitlab", "token": ""}))
    else {
        panic!("bad settings were accepted");
    };
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token"], "every problem at once");
    let schema =
        serde_json::to_value(GitLabPlugin::default().descriptor().settings_schema.clone()).unwrap();
    assert!(schema["properties"]["token"].is_object(), "{schema}");
}

#[tokio::test]
async fn the_instance_serves_every_git_operation_and_refuses_the_others() {
    let builder = GitLabPlugin::default()
        .validate(&json!({"token": "glpat-x"}))
        .unwrap();
    let provider = builder
        .build(&mosaic_plugin::BuildContext::new("gitlab"))
        .await
        .unwrap();
    for &op in OpId::ALL {
        let git = op.spec().kind == ServiceKind::Git;
        assert_eq!(provider.supports(op).is_supported(), git, "{}", op.name());
    }
}

#[test]
fn project_ids_are_full_paths_in_one_encoded_segment() {
    assert_eq!(project_id("acme/api").unwrap(), "acme%2Fapi");
    assert_eq!(
        project_path("client-a/platform/backend").unwrap(),
        "/projects/client-a%2Fplatform%2Fbackend"
    );
    assert_eq!(
        project_id("my.group/my_project-1").unwrap(),
        "my.group%2Fmy_project-1"
    );
    for bad in ["acme/../admin", "acme/./api", "acme//api", "/acme/api"] {
        let error = project_id(bad).unwrap_err();
        assert!(
            matches!(error, ProviderError::Invalid(ref m) if m.contains(bad)),
            "{bad}: {error}"
        );
    }
}

#[test]
fn pages_are_gitlab_page_and_per_page() {
    let page = PageQuery::new(Some(10), Some("3")).unwrap();
    assert_eq!(
        page_params(page),
        [("page", "3".to_owned()), ("per_page", "10".to_owned())]
    );
    assert!(
        PageQuery::new(None, Some("eyJpZCI6MX0")).is_err(),
        "a keyset cursor is not ours"
    );
}

#[test]
fn issue_filters_are_gitlab_states_and_comma_separated_labels() {
    assert_eq!(issue_state_param(StateFilter::Open).unwrap(), "opened");
    assert_eq!(issue_state_param(StateFilter::Closed).unwrap(), "closed");
    assert_eq!(issue_state_param(StateFilter::All).unwrap(), "all");
    assert!(issue_state_param(StateFilter::Merged).is_err());
    let labels = ["bug".to_owned(), "needs review".to_owned()];
    assert_eq!(labels_param(&labels).unwrap(), "bug,needs review");
    let error = labels_param(&["a,b".to_owned()]).unwrap_err();
    assert!(
        matches!(error, ProviderError::Invalid(ref m) if m.contains("`a,b`")),
        "{error}"
    );
}

fn update() -> IssueUpdate {
    IssueUpdate {
        repo: "g/p".into(),
        number: 3,
        title: None,
        body: None,
        state: None,
        labels: None,
        assignees: None,
    }
}

#[test]
fn an_issue_update_sends_only_what_changes() {
    assert!(edit_body(&update(), None).is_empty());
    let closing = IssueUpdate {
        title: Some("Renamed".into()),
        body: Some(String::new()),
        state: Some(IssueState::Closed),
        labels: Some(Vec::new()),
        ..update()
    };
    let body = serde_json::Value::Object(edit_body(&closing, Some(Vec::new())));
    assert_eq!(
        body,
        json!({"title": "Renamed", "description": "", "state_event": "close", "labels": [], "assignee_ids": []})
    );
    let reopening = IssueUpdate {
        state: Some(IssueState::Open),
        ..update()
    };
    let body = serde_json::Value::Object(edit_body(&reopening, Some(vec![2, 3])));
    assert_eq!(
        body,
        json!({"state_event": "reopen", "assignee_ids": [2, 3]})
    );
}

fn pull(title: &str, draft: bool) -> PullCreate {
    PullCreate {
        repo: "g/p".into(),
        title: title.into(),
        body: None,
        source_branch: "feature".into(),
        target_branch: "main".into(),
        draft,
    }
}

#[test]
fn drafts_are_opened_with_gitlabs_title_prefix() {
    assert_eq!(opening_title(&pull("Add login", true)), "Draft: Add login");
    assert_eq!(opening_title(&pull("Add login", false)), "Add login");
    assert_eq!(
        opening_title(&pull("[Draft] Add login", true)),
        "[Draft] Add login"
    );
    assert!(has_draft_prefix("DRAFT: shout") && has_draft_prefix("(draft) x"));
    assert!(!has_draft_prefix("Drafting the spec"));
}

#[test]
fn merge_request_lists_ask_gitlab_for_what_it_can_filter() {
    assert_eq!(merge_request_state_param(StateFilter::Open), "opened");
    assert_eq!(merge_request_state_param(StateFilter::Merged), "merged");
    assert_eq!(merge_request_state_param(StateFilter::Closed), "all");
    assert!(keeps(StateFilter::Closed, PullState::Merged));
    assert!(keeps(StateFilter::Closed, PullState::Closed));
    assert!(!keeps(StateFilter::Closed, PullState::Open));
    assert!(keeps(StateFilter::All, PullState::Open));
}

fn merge(method: MergeMethod, message: Option<&str>) -> PullMerge {
    PullMerge {
        repo: "g/p".into(),
        number: 7,
        method,
        commit_message: message.map(str::to_owned),
    }
}

#[test]
fn merges_squash_by_flag_and_refuse_to_promise_a_rebase() {
    let body = merge_body(&merge(MergeMethod::Merge, Some("Ship it"))).unwrap();
    assert_eq!(
        serde_json::Value::Object(body),
        json!({"squash": false, "merge_commit_message": "Ship it"})
    );
    let body = merge_body(&merge(MergeMethod::Squash, Some("One commit"))).unwrap();
    assert_eq!(
        serde_json::Value::Object(body),
        json!({"squash": true, "squash_commit_message": "One commit"})
    );
    let error = merge_body(&merge(MergeMethod::Rebase, None)).unwrap_err();
    let ProviderError::Unsupported { operation, reason } = error else {
        panic!("rebase was not refused as unsupported");
    };
    assert_eq!(operation, "git.pulls.merge");
    assert!(reason.contains("`rebase`"), "{reason}");
}

fn mr(state: &str, extra: serde_json::Value) -> GlMergeRequest {
    let mut value = json!({"id": 1, "iid": 7, "title": "t", "state": state,
                           "source_branch": "feature", "target_branch": "main"});
    for (key, field) in extra.as_object().unwrap() {
        value[key] = field.clone();
    }
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_refused_merge_says_why() {
    let why = |mr: GlMergeRequest| refusal("g/p!7", &mr, "405 Method Not Allowed");
    assert_eq!(
        why(mr("merged", json!({}))),
        "merge request g/p!7 is already merged"
    );
    assert_eq!(
        why(mr("closed", json!({}))),
        "merge request g/p!7 is closed"
    );
    assert_eq!(
        why(mr("opened", json!({"draft": true}))),
        "merge request g/p!7 is a draft"
    );
    assert_eq!(
        why(mr("opened", json!({"detailed_merge_status": "conflict"}))),
        "merge request g/p!7 has conflicts with `main`"
    );
    assert_eq!(
        why(mr(
            "opened",
            json!({"detailed_merge_status": "ci_must_pass"})
        )),
        "merge request g/p!7 needs a successful pipeline first"
    );
    assert_eq!(
        why(mr(
            "opened",
            json!({"detailed_merge_status": "jira_association_missing"})
        )),
        "merge request g/p!7 cannot be merged now (GitLab: `jira_association_missing`)"
    );
    assert_eq!(
        why(mr(
            "opened",
            json!({"detailed_merge_status": "mergeable", "merge_error": "Branch cannot be merged"})
        )),
        "merge request g/p!7 was refused by GitLab (405 Method Not Allowed): Branch cannot be merged"
    );
}

#[test]
fn assignees_match_usernames_exactly() {
    let users: Vec<GlUser> = serde_json::from_value(json!([
        {"id": 4, "username": "anabel", "name": "Anabel"},
        {"id": 1, "username": "Ana", "name": "Ana Souza"}
    ]))
    .unwrap();
    assert_eq!(exact_match(&users, "ana"), Some(1), "usernames ignore case");
    assert_eq!(
        exact_match(&users, "an"),
        None,
        "the search matches parts; we do not"
    );
    let error = unknown_users("g/p", &["nobody".into()]);
    assert_eq!(
        error,
        ProviderError::Invalid(
            "user `nobody` is not among the users of `g/p` who can be assigned".into()
        )
    );
    let error = unknown_users("g/p", &["x".into(), "y".into()]);
    assert!(matches!(error, ProviderError::Invalid(ref m) if m.starts_with("users `x`, `y` are")));
}
