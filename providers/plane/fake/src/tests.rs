//! The fake speaks Plane: cursor pages, both path families, expansion, error bodies, writes.

use super::*;
use mosaic_fake_kit::client::{Caller, Method};
use mosaic_fake_kit::tracker::Tracker;

const KEY: &str = "plane-key";

/// What the provider's clients send with every request.
fn caller() -> Caller {
    Caller::new().header("x-api-key", KEY)
}

fn plat_id(server: &FakeServer<Tracker>) -> String {
    let tracker = server.state().data();
    ids::uuid(tracker.project("PLAT").unwrap().id)
}

#[tokio::test]
async fn work_items_page_by_cursor_in_the_asked_order() {
    let server = start(Tracker::seeded(), KEY).await;
    let plat = plat_id(&server);
    let path = format!("/workspaces/acme/projects/{plat}/issues/?per_page=20&order_by=sequence_id");
    let (status, first) = caller().get(&server, &path).await;
    assert_eq!(status, 200);
    assert_eq!(first["total_count"], 45);
    assert_eq!(first["results"].as_array().unwrap().len(), 20);
    assert_eq!(first["results"][0]["sequence_id"], 1);
    assert_eq!(first["next_cursor"], "20:1:0");
    assert_eq!(first["next_page_results"], true);
    let (_, last) = caller()
        .get(&server, &format!("{path}&cursor=20:2:0"))
        .await;
    assert_eq!(last["results"].as_array().unwrap().len(), 5);
    assert_eq!(last["results"][0]["sequence_id"], 41);
    assert_eq!(last["next_page_results"], false);
    // The default order is newest first.
    let (_, newest) = caller()
        .get(
            &server,
            &format!("/workspaces/acme/projects/{plat}/work-items/"),
        )
        .await;
    assert_eq!(newest["results"][0]["sequence_id"], 45);
    assert_eq!(newest["results"].as_array().unwrap().len(), 45);
}

#[tokio::test]
async fn malformed_paging_and_filters_are_refused_as_plane_does() {
    let server = start(Tracker::seeded(), KEY).await;
    let plat = plat_id(&server);
    let base = format!("/workspaces/acme/projects/{plat}/issues/");
    for (query, field, message) in [
        ("cursor=abc", "detail", "Invalid cursor parameter."),
        ("per_page=many", "detail", "Invalid per_page parameter."),
        ("cursor=20:-1:0", "detail", "Error in parsing"),
    ] {
        let (status, body) = caller().get(&server, &format!("{base}?{query}")).await;
        assert_eq!(
            (status, body[field].as_str()),
            (400, Some(message)),
            "{query}"
        );
    }
    let (status, body) = caller()
        .get(&server, &format!("{base}?pql=state%3Ddone"))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["unsupported_parameters"], json!(["pql"]));
}

#[tokio::test]
async fn expansion_turns_ids_into_objects() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, plain) = caller()
        .get(&server, "/workspaces/acme/issues/PLAT-6/")
        .await;
    assert_eq!(status, 200);
    assert!(plain["state"].is_string());
    assert!(plain["labels"][0].is_string());
    let (_, expanded) = caller()
        .get(
            &server,
            "/workspaces/acme/work-items/PLAT-6/?expand=state,labels,assignees",
        )
        .await;
    assert_eq!(expanded["state"]["name"], "Todo");
    assert_eq!(expanded["state"]["group"], "unstarted");
    assert_eq!(expanded["labels"][0]["name"], "bug");
    assert_eq!(expanded["assignees"][0]["email"], "ben@example.com");
    assert_eq!(expanded["description_html"], "<p></p>");
    let (status, body) = caller()
        .get(&server, "/workspaces/acme/issues/PLAT-99/")
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("The requested resource does not exist."))
    );
}

#[tokio::test]
async fn credentials_and_workspaces_are_checked() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, body) = Caller::new()
        .header("x-api-key", "wrong")
        .get(&server, "/workspaces/acme/projects/")
        .await;
    assert_eq!(status, 401);
    assert!(body["detail"].is_string());
    let (status, body) = caller().get(&server, "/workspaces/other/projects/").await;
    assert_eq!(status, 403);
    assert!(body["detail"].as_str().unwrap().contains("permission"));
    let (status, projects) = caller()
        .get(&server, "/workspaces/acme/projects/?per_page=2")
        .await;
    assert_eq!(status, 200);
    assert_eq!(projects["results"][0]["identifier"], "PLAT");
    assert_eq!(projects["next_cursor"], "2:1:0");
}

#[tokio::test]
async fn writes_validate_then_change_the_tracker() {
    let server = start(Tracker::seeded(), KEY).await;
    let plat = plat_id(&server);
    let (_, labels) = caller()
        .get(
            &server,
            &format!("/workspaces/acme/projects/{plat}/labels/"),
        )
        .await;
    let docs = labels["results"][2]["id"].clone();
    let (_, states) = caller()
        .get(
            &server,
            &format!("/workspaces/acme/projects/{plat}/states/"),
        )
        .await;
    let done = states["results"][4]["id"].clone();
    let items = format!("/workspaces/acme/projects/{plat}/issues/");
    let (status, body) = caller()
        .send(
            &server,
            Method::POST,
            &items,
            Some(json!({"priority": "high"})),
        )
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"name": ["This field is required."]}))
    );
    let (status, created) = caller().send(
        &server,
        Method::POST,
        &items,
        Some(json!({"name": "New", "description_html": "<p><b>x</b></p>", "labels": [docs], "priority": "high"})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(created["sequence_id"], 46);
    assert_eq!(created["description_html"], "<p><b>x</b></p>");
    let id = created["id"].as_str().unwrap();
    // Plane has no workflow rules here: Backlog straight to Done.
    let (status, moved) = caller()
        .send(
            &server,
            Method::PATCH,
            &format!("{items}{id}/"),
            Some(json!({"state": done})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(moved["state"], done);
    assert_eq!(moved["name"], "New");
    let (status, comment) = caller()
        .send(
            &server,
            Method::POST,
            &format!("{items}{id}/comments/"),
            Some(json!({"comment_html": "<p>hi</p>"})),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(comment["comment_html"], "<p>hi</p>");
    {
        let tracker = server.state().data();
        let item = tracker.item("PLAT-46").unwrap();
        assert_eq!(item.labels, ["docs"]);
        assert_eq!(item.comments.len(), 1);
    }
    let (status, body) = caller()
        .send(
            &server,
            Method::PATCH,
            &format!("{items}{id}/"),
            Some(json!({"state": "00000000-0000-4000-8000-000000000000"})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["non_field_errors"].is_array());
}
