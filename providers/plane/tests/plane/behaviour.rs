//! What only Plane does of reads besides searches (`search.rs`), against its fake (what every
//! tracker does is the shared suite of `shared.rs`): projects by offset, Plane's own
//! refusals, and where a work item can go when a transition does not exist.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_testkit::adapter::tracker::keys_in_order;
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::json;

#[tokio::test]
async fn projects_page_by_offset_whatever_the_page_size() {
    let (_server, provider) = suite().subject.seeded().await;
    let (projects, pages) = all_pages(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 2}),
    )
    .await;
    assert_eq!(pages, 2);
    assert_eq!(keys_in_order(&projects), ["PLAT", "WEB", "OPS"]);
    assert!(
        projects[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/issues")
    );
    // A cursor from pages of 2 read with pages of 1 goes on where it stopped.
    let first = call(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 2}),
    )
    .await
    .unwrap();
    let rest = call(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 1, "cursor": first["next_cursor"]}),
    )
    .await
    .unwrap();
    assert_eq!(keys_in_order(rest["items"].as_array().unwrap()), ["OPS"]);
    assert_eq!(rest.get("next_cursor"), None);
}

#[tokio::test]
async fn planes_own_refusals_keep_its_message() {
    let suite = suite();
    let (server, provider) = suite.subject.seeded().await;
    let elsewhere = suite
        .subject
        .instance(&server.base_url(), json!({"workspace": "globex"}))
        .await;
    let error = call(
        elsewhere.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Forbidden("You do not have permission to perform this action.".into())
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "NOPE"}),
    )
    .await
    .unwrap_err();
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));

    server.state().knobs.fail_next(Scripted {
        status: 400,
        retry_after: None,
        body: json!({"error": "Please provide valid detail"}),
    });
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("Please provide valid detail".into())
    );

    server.state().knobs.fail_next(Scripted {
        status: 503,
        retry_after: None,
        body: json!({"error": "Something went wrong please try again later"}),
    });
    let error = call(provider.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, ProviderError::Unavailable(_)), "{error:?}");
}

#[tokio::test]
async fn a_transition_that_does_not_exist_explains_where_the_item_can_go() {
    let (server, provider) = suite().subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "QA"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(
            "no transition takes PLAT-1 from `Todo` to state `QA`; it can move to: Backlog, In Progress, In Review, Done, Won't Do".into()
        )
    );
    let mut tracker = Tracker::seeded();
    let ops = tracker
        .projects
        .iter_mut()
        .find(|p| p.key == "OPS")
        .unwrap();
    ops.states.retain(|state| state.name != "Won't Do");
    drop(server);
    let (server, provider) = suite().subject.start(tracker).await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "OPS-1", "to": "cancelled"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Conflict(m) if m.contains("to status category `cancelled`")),
        "{error:?}"
    );
    assert!(
        !server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.method == "PATCH"),
        "nothing was attempted"
    );
}
